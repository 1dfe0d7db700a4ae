# Constant expressions are computed exactly, as CPython folds them.


def int_max() -> int:
    return 2**63 - 1


def int_min() -> int:
    return -2**63


def via_shift() -> int:
    return (1 << 63) - 1


def hex_literals() -> int:
    return 0x7FFFFFFFFFFFFFFF + -0x8000000000000000 + 0o17 + 0b101


def mask(n: int) -> int:
    return n & (2**64 - 1) // 2


def underscores() -> int:
    return 1_000_000 * 3


def big_float() -> float:
    return 1e308 * 10


def zero_div_constant() -> int:
    return 1 // 0


def neg_pow_constant() -> float:
    return 2.0 ** -1


def bool_constants() -> int:
    return True + True * 3


#> int_max()
#> int_min()
#> via_shift()
#> hex_literals()
#> mask(-1)
#> underscores()
#> big_float()
#> zero_div_constant()
#> neg_pow_constant()
#> bool_constants()
