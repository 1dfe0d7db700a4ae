# expm1, log1p, degrees, radians, erf, erfc.
import math


def expm1(x: float) -> float:
    return math.expm1(x)


def log1p(x: float) -> float:
    return math.log1p(x)


def degrees(x: float) -> float:
    return math.degrees(x)


def radians(x: float) -> float:
    return math.radians(x)


#> expm1(1e-10)
#> expm1(-0.0)
#> expm1(1.0)
#> expm1(709.0)
#> expm1(710.0)
#> expm1(float('-inf'))
#> log1p(1e-10)
#> log1p(-0.0)
#> log1p(-0.5)
#> log1p(-1.0)
#> log1p(-2.0)
#> log1p(float('inf'))
#> degrees(math.pi)
#> degrees(1.0)
#> degrees(1e308)
#> radians(180.0)
#> radians(90.0)
#> radians(-0.0)


def erf(x: float) -> float:
    return math.erf(x)


def erfc(x: float) -> float:
    return math.erfc(x)


def normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


#> erf(0.0)
#> erf(-0.0)
#> erf(0.5)
#> erf(-3.25)
#> erf(1e-300)
#> erf(float('inf'))
#> erf(float('-inf'))
#> erf(float('nan'))
#> erfc(0.5)
#> erfc(27.0)
#> erfc(-27.0)
#> erfc(float('inf'))
#> normal_cdf(1.96)
#> normal_cdf(-0.3)
