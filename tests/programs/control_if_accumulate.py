# `if c: x += k` is lowered without a branch on c (lower/ifconvert.py): the sum is computed
# whatever c is, and its overflow raises only where c holds, as the branchy form would.


def count_true(flags: list[bool]) -> int:
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


def count_from(start: int, flags: list[bool]) -> int:
    count = start
    for f in flags:
        if f:
            count += 1
    return count


def step_if(x: int, k: int, go: bool) -> int:
    if go:
        x -= k
    return x


def add_if_positive(xs: list[int], k: int) -> int:
    total = 0
    for x in xs:
        if x > 0:
            total = total + k
    return total


#> count_true([True, False, True, True])
#> count_true([])
#> count_from(2**63 - 2, [False, True, False])
#> count_from(2**63 - 1, [False, False])
#> step_if(-2**63, 1, False)
#> step_if(-2**63, -1, True)
#> step_if(5, 7, True)
#> add_if_positive([1, -1, 2, 0], 2**61)
#> add_if_positive([1, -1, -2, 0], 2**62 + 2**61)
#> add_if_positive([-1, -2, -3, 1], 2**62 + 2**61)
# Deviation: a count beyond 64 bits raises OverflowError (CPython: a big int).
#> count_from(2**63 - 2, [True, False, True]) !OverflowError
#> step_if(-2**63, 1, True) !OverflowError
#> add_if_positive([1, -1, 2, 1], 2**62) !OverflowError
