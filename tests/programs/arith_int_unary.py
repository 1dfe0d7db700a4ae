# Unary minus, plus, invert and abs on ints.


def neg(a: int) -> int:
    return -a


def pos(a: int) -> int:
    return +a


def inv(a: int) -> int:
    return ~a


def absolute(a: int) -> int:
    return abs(a)


def double_neg(a: int) -> int:
    return -(-a)


def min_literal() -> int:
    return -9223372036854775808


def max_literal() -> int:
    return 9223372036854775807


#> neg(5)
#> neg(-5)
#> neg(0)
#> neg(2**63 - 1)
#> pos(-3)
#> inv(0)
#> inv(-1)
#> inv(2**63 - 1)
#> inv(-2**63)
#> absolute(-7)
#> absolute(7)
#> absolute(0)
#> absolute(-2**63 + 1)
#> double_neg(-2**63 + 1)
#> min_literal()
#> max_literal()
# Deviation: -(-2**63) and abs(-2**63) are 2**63, beyond 64 bits.
#> neg(-2**63) !OverflowError
#> absolute(-2**63) !OverflowError
