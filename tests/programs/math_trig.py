# Trigonometry: sin, cos, tan, the inverse functions, atan2, hyperbolic functions.
import math


def sin(x: float) -> float:
    return math.sin(x)


def cos(x: float) -> float:
    return math.cos(x)


def tan(x: float) -> float:
    return math.tan(x)


def asin(x: float) -> float:
    return math.asin(x)


def acos(x: float) -> float:
    return math.acos(x)


def atan(x: float) -> float:
    return math.atan(x)


def atan2(y: float, x: float) -> float:
    return math.atan2(y, x)


def sinh(x: float) -> float:
    return math.sinh(x)


def cosh(x: float) -> float:
    return math.cosh(x)


def tanh(x: float) -> float:
    return math.tanh(x)


#> sin(0.0)
#> sin(-0.0)
#> sin(1.0)
#> sin(math.pi)
#> sin(1e22)
#> sin(float('inf'))
#> sin(float('nan'))
#> cos(0.0)
#> cos(1.0)
#> cos(math.pi / 2)
#> cos(float('-inf'))
#> tan(1.0)
#> tan(-0.0)
#> tan(math.pi / 4)
#> tan(float('inf'))
#> asin(0.5)
#> asin(1.0)
#> asin(1.5)
#> acos(-1.0)
#> acos(-1.0000001)
#> atan(1.0)
#> atan(float('inf'))
#> atan(float('-inf'))
#> atan2(1.0, 1.0)
#> atan2(0.0, -0.0)
#> atan2(-0.0, -0.0)
#> atan2(-0.0, 0.0)
#> atan2(1.0, float('inf'))
#> atan2(float('inf'), float('-inf'))
#> atan2(float('nan'), 1.0)
#> sinh(1.0)
#> sinh(-0.0)
#> sinh(710.0)
#> sinh(-710.0)
#> sinh(float('inf'))
#> cosh(0.0)
#> cosh(710.0)
#> cosh(float('-inf'))
#> tanh(0.5)
#> tanh(1000.0)
#> tanh(-0.0)
