# The forms of import: import math, import math as m, from math import f as g.
import math
import math as m
from math import sqrt, floor as flr, log as ln


def a(x: float) -> float:
    return math.sqrt(x) + m.sqrt(x) + sqrt(x)


def b(x: float) -> int:
    return flr(x)


def c(x: float) -> float:
    return ln(x) + ln(x, 2.0) + m.log(x, 10)


def d(n: int) -> float:
    return sqrt(n)


#> a(2.0)
#> a(-1.0)
#> b(-2.5)
#> c(8.0)
#> c(0.0)
#> d(16)
#> d(2**63 - 1)
#> d(-1)
