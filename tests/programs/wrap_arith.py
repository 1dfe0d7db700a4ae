# With wraparound=True, int arithmetic wraps modulo 2**64 instead of raising.
#! wraparound


def add(a: int, b: int) -> int:
    return a + b


def mul(a: int, b: int) -> int:
    return a * b


def neg(a: int) -> int:
    return -a


def power(a: int, b: int) -> int:
    return a ** b


def shl(a: int, n: int) -> int:
    return a << n


def fdiv(a: int, b: int) -> int:
    return a // b


def hash_step(h: int, c: int) -> int:
    return (h ^ c) * 1099511628211


#> add(1, 2)
#> mul(-3, 7)
#> fdiv(-7, 2)
#> fdiv(7, 0)
#> shl(1, -1)
# Deviation: int ** negative int asks for a float, with wraparound too.
#> power(2, -1) !ValueError
# Deviation: with wraparound=True, results wrap modulo 2**64 (CPython: big ints).
#> add(2**63 - 1, 1) => -2**63
#> add(-2**63, -1) => 2**63 - 1
#> mul(2**62, 4) => 0
#> mul(2**32 + 1, 2**32 + 1) => 2**33 + 1
#> neg(-2**63) => -2**63
#> power(3, 41) => (3**41 + 2**63) % 2**64 - 2**63
#> power(2, 64) => 0
#> shl(1, 63) => -2**63
#> shl(3, 63) => -2**63
#> shl(1, 64) => 0
#> shl(5, 1000) => 0
#> fdiv(-2**63, -1) => -2**63
#> hash_step(-3750763034362895579, 97) => ((-3750763034362895579 ^ 97) * 1099511628211 + 2**63) % 2**64 - 2**63
