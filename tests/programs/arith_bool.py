# bool takes part in arithmetic as 0 or 1; & | ^ of two bools stay bools.


def add_bools(a: bool, b: bool) -> int:
    return a + b


def bool_and(a: bool, b: bool) -> bool:
    return a & b


def bool_or(a: bool, b: bool) -> bool:
    return a | b


def bool_xor(a: bool, b: bool) -> bool:
    return a ^ b


def neg_bool(a: bool) -> int:
    return -a


def inv_bool(a: bool) -> int:
    return ~a


def scale(a: bool, x: float) -> float:
    return a * x


def count(a: bool, b: bool, c: bool) -> int:
    return a + b + c


def bool_div(a: bool, b: bool) -> float:
    return a / b


def bool_floordiv(a: int, b: bool) -> int:
    return a // b


def bool_shift(a: bool, n: int) -> int:
    return a << n


def bool_mixed_bits(a: bool, n: int) -> int:
    return a & n


def bool_pow(a: bool, b: bool) -> int:
    return a ** b


#> add_bools(True, True)
#> add_bools(False, True)
#> bool_and(True, False)
#> bool_and(True, True)
#> bool_or(False, False)
#> bool_or(True, False)
#> bool_xor(True, True)
#> bool_xor(True, False)
#> neg_bool(True)
#> neg_bool(False)
#> inv_bool(True)
#> inv_bool(False)
#> scale(True, 2.5)
#> scale(False, -2.5)
#> scale(False, float('inf'))
#> count(True, False, True)
#> bool_div(True, True)
#> bool_div(False, True)
#> bool_div(True, False)
#> bool_floordiv(7, True)
#> bool_floordiv(7, False)
#> bool_shift(True, 62)
#> bool_mixed_bits(True, 3)
#> bool_mixed_bits(True, 2)
#> bool_pow(False, False)
#> bool_pow(True, False)
