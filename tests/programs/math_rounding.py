# math.floor, ceil and trunc return ints; fabs, copysign, fmod stay floats.
import math


def floor(x: float) -> int:
    return math.floor(x)


def ceil(x: float) -> int:
    return math.ceil(x)


def trunc(x: float) -> int:
    return math.trunc(x)


def floor_int(n: int) -> int:
    return math.floor(n) + math.ceil(n) + math.trunc(n)


def fabs(x: float) -> float:
    return math.fabs(x)


def fabs_int(n: int) -> float:
    return math.fabs(n)


def copysign(x: float, y: float) -> float:
    return math.copysign(x, y)


def fmod(x: float, y: float) -> float:
    return math.fmod(x, y)


#> floor(2.5)
#> floor(-2.5)
#> floor(-0.0)
#> floor(-1e-300)
#> floor(9.2233720368547748e18)
#> floor(-2.0**63)
#> floor(float('nan'))
#> floor(float('inf'))
#> floor(float('-inf'))
#> ceil(2.1)
#> ceil(-2.1)
#> ceil(-0.5)
#> ceil(1e-300)
#> ceil(float('nan'))
#> trunc(-2.9)
#> trunc(2.9)
#> trunc(float('-inf'))
#> floor_int(-7)
#> fabs(-3.5)
#> fabs(-0.0)
#> fabs(float('-inf'))
#> fabs_int(-2**63)
#> copysign(3.0, -0.0)
#> copysign(-3.0, 0.0)
#> copysign(float('inf'), -1.0)
#> copysign(float('nan'), -1.0)
#> fmod(7.0, 3.0)
#> fmod(-7.0, 3.0)
#> fmod(7.0, -3.0)
#> fmod(-0.0, 3.0)
#> fmod(5.0, float('inf'))
#> fmod(-5.0, float('-inf'))
#> fmod(float('nan'), 1.0)
#> fmod(5.0, 0.0)
#> fmod(float('inf'), 2.0)
#> fmod(float('inf'), float('inf'))
# Deviation: floor/ceil of a float beyond 64 bits.
#> floor(1e19) !OverflowError
#> ceil(-1e300) !OverflowError
