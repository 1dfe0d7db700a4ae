# Imports inside a function: the same modules as at the top of the cell, for that function alone.


def hypotenuse(a: float, b: float) -> float:
    import math
    return math.sqrt(a * a + b * b)


def rounded(x: float) -> tuple[int, int, float]:
    from math import floor, ceil as up, pi
    return floor(x), up(x), pi


def checksum(n: int) -> int:
    import math as m
    total = 0
    for k in range(1, n):
        total += m.floor(m.sqrt(k)) * (k % 7)
    return total


def cell_level(x: float) -> float:
    return hypotenuse(x, x) + rounded(x)[0]


#> hypotenuse(3.0, 4.0)
#> rounded(2.5)
#> rounded(-2.5)
#> checksum(360)
#> cell_level(1.5)
