# sqrt, exp, log and friends, with CPython's errors.
import math


def sqrt(x: float) -> float:
    return math.sqrt(x)


def exp(x: float) -> float:
    return math.exp(x)


def log(x: float) -> float:
    return math.log(x)


def log_base(x: float, b: float) -> float:
    return math.log(x, b)


def log2(x: float) -> float:
    return math.log2(x)


def log10(x: float) -> float:
    return math.log10(x)


#> sqrt(2.0)
#> sqrt(0.0)
#> sqrt(-0.0)
#> sqrt(float('inf'))
#> sqrt(float('nan'))
#> sqrt(5e-324)
#> sqrt(-1.0)
#> sqrt(float('-inf'))
#> exp(0.0)
#> exp(1.0)
#> exp(-1000.0)
#> exp(709.0)
#> exp(710.0)
#> exp(1000.0)
#> exp(float('inf'))
#> exp(float('-inf'))
#> exp(float('nan'))
#> log(1.0)
#> log(math.e)
#> log(0.5)
#> log(5e-324)
#> log(1e308)
#> log(float('inf'))
#> log(float('nan'))
#> log(0.0)
#> log(-0.0)
#> log(-1.0)
#> log(float('-inf'))
#> log_base(8.0, 2.0)
#> log_base(100.0, 10.0)
#> log_base(2.0, 8.0)
#> log_base(10.0, 1.0)
#> log_base(1.0, 1.0)
#> log_base(0.0, 2.0)
#> log_base(2.0, 0.0)
#> log_base(2.0, -2.0)
#> log_base(float('inf'), 2.0)
#> log_base(float('nan'), 2.0)
#> log2(8.0)
#> log2(3.0)
#> log2(0.0)
#> log2(-2.0)
#> log2(2.0**-1074)
#> log10(1000.0)
#> log10(0.001)
#> log10(0.0)
#> log10(-1.0)
