# int ** int with a non-negative exponent stays an int; overflow is checked.


def power(a: int, b: int) -> int:
    return a ** b


def cube(a: int) -> int:
    return a ** 3


#> power(2, 10)
#> power(2, 0)
#> power(0, 0)
#> power(0, 5)
#> power(-2, 3)
#> power(-2, 62)
#> power(-2, 63)
#> power(2, 62)
#> power(3, 39)
#> power(-3, 39)
#> power(1, 2**63 - 1)
#> power(-1, 2**63 - 1)
#> power(-1, 2**63 - 2)
#> power(0, 2**63 - 1)
#> power(10, 18)
#> power(7, 1)
#> cube(-2097151)
#> cube(2097151)
#> cube(-2097152)
# Deviation: results beyond 64 bits raise OverflowError.
#> power(2, 63) !OverflowError
#> power(3, 40) !OverflowError
#> power(10, 19) !OverflowError
#> cube(2097152) !OverflowError
# Deviation: int ** negative int is a float in CPython; jitcell asks for a float.
#> power(2, -1) !ValueError: use a float
#> power(10, -2) !ValueError
