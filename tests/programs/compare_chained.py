# Comparisons, chained comparisons, and their evaluation order.


def between(a: int, b: int, c: int) -> bool:
    return a < b < c


def ordered(a: int, b: int, c: int, d: int) -> bool:
    return a <= b <= c <= d


def mixed_ops(a: int, b: int, c: int) -> bool:
    return a < b > c != a


def eqs(a: int, b: int, c: int) -> bool:
    return a == b == c


def trace(v: int) -> int:
    print("eval", v)
    return v


def chain_side_effects(a: int, b: int, c: int) -> bool:
    return trace(a) < trace(b) < trace(c)


def all_ops(a: int, b: int) -> int:
    r = 0
    if a < b:
        r += 1
    if a <= b:
        r += 2
    if a > b:
        r += 4
    if a >= b:
        r += 8
    if a == b:
        r += 16
    if a != b:
        r += 32
    return r


#> between(1, 2, 3)
#> between(1, 3, 2)
#> between(3, 2, 1)
#> ordered(1, 1, 2, 2)
#> ordered(1, 2, 2, 1)
#> mixed_ops(1, 5, 2)
#> mixed_ops(1, 5, 1)
#> eqs(4, 4, 4)
#> eqs(4, 4, 5)
#> chain_side_effects(1, 2, 3)
#> chain_side_effects(2, 1, 3)
#> chain_side_effects(1, 3, 2)
#> all_ops(1, 2)
#> all_ops(2, 2)
#> all_ops(3, 2)
#> all_ops(-2**63, 2**63 - 1)
