# math functions given ints convert them to float first, like CPython.
import math


def root(n: int) -> float:
    return math.sqrt(n)


def logs(n: int) -> float:
    return math.log(n) + math.log2(n) + math.log10(n)


def trig(n: int) -> float:
    return math.sin(n) + math.cos(n) + math.atan2(n, 3)


def power(a: int, b: int) -> float:
    return math.pow(a, b)


def exp_int(n: int) -> float:
    return math.exp(n)


def hyp(a: int, b: int) -> float:
    return math.hypot(a, b)


#> root(16)
#> root(2**62)
#> root(2**63 - 1)
#> root(-4)
#> logs(1024)
#> logs(2**63 - 1)
#> logs(0)
#> logs(-8)
#> trig(10**15)
#> trig(0)
#> power(10, -3)
#> power(-8, 3)
#> power(0, -2)
#> exp_int(700)
#> exp_int(800)
#> exp_int(-800)
#> hyp(3, 4)
#> hyp(2**62, 2**62)
#> hyp(-2**63, 0)
