# Comparisons give bools; bools combine with and/or/not, &, |, ^ and ==.


def same_sign(a: int, b: int) -> bool:
    return (a < 0) == (b < 0)


def exactly_one(p: bool, q: bool, r: bool) -> bool:
    return p + q + r == 1


def bitwise_bools(a: int, b: int) -> bool:
    return (a > 0) & (b > 0) | (a == b)


def xor_bools(p: bool, q: bool) -> bool:
    return p ^ q


def bool_sum(n: int) -> int:
    return (n > 0) + (n > 10) + (n > 100)


#> same_sign(-1, -5)
#> same_sign(-1, 5)
#> same_sign(0, 5)
#> exactly_one(True, False, False)
#> exactly_one(True, True, False)
#> exactly_one(False, False, False)
#> bitwise_bools(1, 2)
#> bitwise_bools(-1, -1)
#> bitwise_bools(-1, 2)
#> xor_bools(True, True)
#> bool_sum(50)
#> bool_sum(500)
