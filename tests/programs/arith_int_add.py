# Integer addition and subtraction, at and beyond the 64-bit edges.


def add(a: int, b: int) -> int:
    return a + b


def sub(a: int, b: int) -> int:
    return a - b


def add3(a: int, b: int, c: int) -> int:
    return a + b + c


#> add(1, 2)
#> add(-5, 3)
#> add(0, 0)
#> add(2**63 - 2, 1)
#> add(-2**63 + 1, -1)
#> add(2**63 - 1, -2**63)
#> sub(10, 20)
#> sub(-2**63 + 1, 1)
#> sub(0, 2**63 - 1)
#> sub(2**63 - 1, 2**63 - 1)
#> add3(2**62, -2**62, 2**62)
#> add3(-2**62, -2**62, 1)
# Deviation: a result beyond 64 bits raises OverflowError (CPython: a big int).
#> add(2**63 - 1, 1) !OverflowError: does not fit in a 64-bit int
#> sub(-2**63, 1) !OverflowError
#> sub(0, -2**63) !OverflowError
# Deviation: an intermediate result beyond 64 bits raises, even if the final one fits.
#> add3(2**62, 2**62, -2**62) !OverflowError
