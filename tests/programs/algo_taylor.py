# Taylor series for sin and exp, compared with the math module.
import math


def sin_series(x: float) -> float:
    term = x
    s = x
    for k in range(1, 20):
        term *= -x * x / ((2 * k) * (2 * k + 1))
        s += term
    return s


def exp_series(x: float) -> float:
    term = 1.0
    s = 1.0
    k = 1
    while abs(term) > 1e-17 * abs(s):
        term *= x / k
        s += term
        k += 1
    return s


def sin_error(x: float) -> float:
    return sin_series(x) - math.sin(x)


#> sin_series(0.5)
#> sin_series(-3.0)
#> exp_series(1.0)
#> exp_series(-2.5)
#> exp_series(0.0)
#> sin_error(1.0)
