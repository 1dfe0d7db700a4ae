# Bitwise and, or, xor and shifts on ints (two's complement, like Python's ints).


def band(a: int, b: int) -> int:
    return a & b


def bor(a: int, b: int) -> int:
    return a | b


def bxor(a: int, b: int) -> int:
    return a ^ b


def shl(a: int, n: int) -> int:
    return a << n


def shr(a: int, n: int) -> int:
    return a >> n


def mix(a: int, b: int) -> int:
    return (a & 0xFF) | (b << 8) ^ ~a


#> band(12, 10)
#> band(-1, 2**63 - 1)
#> band(-2**63, -1)
#> band(-12, 10)
#> bor(12, 10)
#> bor(-2**63, 2**63 - 1)
#> bxor(12, 10)
#> bxor(-1, 0)
#> bxor(-2**63, -1)
#> shl(1, 0)
#> shl(1, 62)
#> shl(-1, 63)
#> shl(3, 61)
#> shl(-3, 61)
#> shl(0, 100)
#> shl(0, 2**63 - 1)
#> shl(5, -1)
#> shr(5, -1)
#> shr(1024, 3)
#> shr(-1024, 3)
#> shr(-1, 100)
#> shr(1, 100)
#> shr(-7, 1)
#> shr(2**63 - 1, 62)
#> shr(2**63 - 1, 63)
#> shr(-2**63, 63)
#> shr(-2**63, 2**63 - 1)
#> mix(300, 7)
#> mix(-5, -9)
# Deviation: shifted results beyond 64 bits raise OverflowError.
#> shl(1, 63) !OverflowError
#> shl(3, 62) !OverflowError
#> shl(1, 64) !OverflowError
#> shl(-1, 64) !OverflowError
#> shl(2**62, 1) !OverflowError
