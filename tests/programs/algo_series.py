# Floating-point series: the order of additions must match CPython exactly.


def harmonic(n: int) -> float:
    s = 0.0
    for k in range(1, n + 1):
        s += 1.0 / k
    return s


def leibniz(n: int) -> float:
    s = 0.0
    sign = 1.0
    for k in range(n):
        s += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * s


def kahan(n: int) -> float:
    s = 0.0
    c = 0.0
    for k in range(n):
        y = 0.1 - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def naive(n: int) -> float:
    s = 0.0
    for k in range(n):
        s += 0.1
    return s


def exp_series(x: float) -> float:
    term = 1.0
    s = 1.0
    for k in range(1, 30):
        term *= x / k
        s += term
    return s


#> harmonic(1000)
#> leibniz(10000)
#> kahan(1000)
#> naive(1000)
#> exp_series(1.0)
#> exp_series(-5.5)
