# Annotations convert: an int passed to a float parameter arrives as a float, a float
# return annotation turns an int result into a float, and a bool stored as an int
# becomes an int. CPython ignores annotations, so these are documented deviations.


def identity(x: float) -> float:
    return x


def floor_half(x: float) -> float:
    return x // 2


def half(n: int) -> float:
    return n // 2


def bool_into_int(n: int) -> int:
    x = 0
    x = n > 0
    return x


def int_param(n: int) -> int:
    return n


def int_result(n: int) -> int:
    return n > 0


#> identity(2.5)
#> floor_half(7.0)
#> int_param(5)
# Deviation: an int passed for a float parameter, or returned from a float function, is a float.
#> identity(3) => 3.0
#> floor_half(7) => 3.0
#> half(7) => 3.0
# Deviation: a bool stored in an int local, passed for an int parameter or returned
# from an int function becomes an int (CPython keeps the bool).
#> bool_into_int(5) => 1
#> int_param(True) => 1
#> int_result(5) => 1
#> int_result(-5) => 0
