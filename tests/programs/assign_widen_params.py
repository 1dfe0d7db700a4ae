# Deviations: an int passed to a float parameter arrives as a float, and a float
# return annotation turns an int result into a float. CPython ignores annotations.


def identity(x: float) -> float:
    return x


def floor_half(x: float) -> float:
    return x // 2


def half(n: int) -> float:
    return n // 2


#> identity(2.5)
#> identity(3) => 3.0
#> floor_half(7) => 3.0
#> floor_half(7.0)
#> half(7) => 3.0
