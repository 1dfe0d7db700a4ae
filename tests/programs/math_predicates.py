# isnan, isinf, isfinite, and the constants pi, e, tau, inf, nan.
import math
from math import inf, nan, pi


def classify(x: float) -> int:
    r = 0
    if math.isnan(x):
        r += 1
    if math.isinf(x):
        r += 2
    if math.isfinite(x):
        r += 4
    return r


def predicates_of_int(n: int) -> bool:
    return math.isnan(n) or math.isinf(n) or not math.isfinite(n)


def constants() -> float:
    return math.pi + math.e + math.tau


def circle(r: float) -> float:
    return pi * r * r


def infinities() -> float:
    return inf - math.inf


def not_a_number() -> bool:
    return nan == nan or math.nan == math.nan


def inf_is_big() -> bool:
    return math.inf > 2**63 - 1 and -inf < -2**63


#> classify(1.0)
#> classify(float('nan'))
#> classify(float('inf'))
#> classify(float('-inf'))
#> classify(-0.0)
#> classify(1.7976931348623157e308)
#> predicates_of_int(5)
#> constants()
#> circle(2.0)
#> infinities()
#> not_a_number()
#> inf_is_big()
