# Integer multiplication near the overflow boundary.


def mul(a: int, b: int) -> int:
    return a * b


def square(a: int) -> int:
    return a * a


#> mul(6, 7)
#> mul(-6, 7)
#> mul(-6, -7)
#> mul(0, -2**63)
#> mul(1, -2**63)
#> mul(-1, 2**63 - 1)
#> mul(2**31, 2**31)
#> mul(2**62, 1)
#> mul(-2**62, 2)
#> mul(3037000499, 3037000499)
#> square(-3037000499)
#> mul(4611686018427387903, 2)
# Deviation: a product beyond 64 bits raises OverflowError.
#> mul(2**62, 2) !OverflowError
#> mul(-1, -2**63) !OverflowError
#> square(3037000500) !OverflowError
#> mul(2**32, 2**32) !OverflowError
