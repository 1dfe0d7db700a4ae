# `int | float` annotations read as float (PEP 484's numeric tower): parameters, locals, results, with None.
# (Their int values become floats, as for `float`: `power(3.0, 0)` is 1.0, not 1; docs/guide/differences.md.)


def power(base: float, exponent: int) -> float:
    res: int | float = 1
    while exponent > 0:
        if exponent & 1:
            res *= base
        base *= base
        exponent >>= 1
    return res


def scaled(x: int | float, k: float | int = 2) -> int | float:
    return x * k


def maybe(x: int | float | None) -> float:
    if x is None:
        return -1.0
    return x / 4


def total(xs: list[int | float]) -> float:
    s: float | int = 0
    for x in xs:
        s += x
    return s


#> power(1.5, 4)
#> power(-2.0, 3)
#> scaled(2.5)
#> scaled(1.5, 4.0)
#> maybe(None)
#> maybe(2.0)
#> total([1.0, 2.5, -0.5])
# Deviation: an int | float value is a float (CPython keeps the int).
#> power(3.0, 0) => 1.0
#> total([]) => 0.0
