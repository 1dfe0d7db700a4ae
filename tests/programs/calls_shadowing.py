# Cell functions shadow builtins and math names; locals shadow math constants.
from math import e, pi


def abs(n: int) -> int:
    return n if n > 0 else -n + 1000


def max(a: int, b: int) -> int:
    return a + b


def uses_own(n: int) -> int:
    return abs(n) + max(n, 1)


def circle(e: float) -> float:
    return pi * e * e


def const_e(x: float) -> float:
    return e * x


def param_named_like_function(uses_own: int) -> int:
    return uses_own * 2


#> abs(-5)
#> uses_own(-3)
#> uses_own(4)
#> circle(2.0)
#> const_e(2.0)
#> param_named_like_function(21)
