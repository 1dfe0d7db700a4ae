# math.pow follows C99's pow with CPython's error rules; it differs from ** at 0 ** -1.
import math


def mpow(x: float, y: float) -> float:
    return math.pow(x, y)


def mpow_int(a: int, b: int) -> float:
    return math.pow(a, b)


#> mpow(2.0, 10.0)
#> mpow(2.0, -1.0)
#> mpow(-2.0, 3.0)
#> mpow(-8.0, 1.0 / 3.0)
#> mpow(0.0, -1.0)
#> mpow(-0.0, -3.0)
#> mpow(0.0, 0.0)
#> mpow(float('nan'), 0.0)
#> mpow(1.0, float('nan'))
#> mpow(float('nan'), 2.0)
#> mpow(float('inf'), -1.0)
#> mpow(float('-inf'), 3.0)
#> mpow(-1.0, float('inf'))
#> mpow(0.5, float('-inf'))
#> mpow(10.0, 400.0)
#> mpow(-10.0, 401.0)
#> mpow(10.0, -400.0)
#> mpow_int(2, 62)
#> mpow_int(2, -2)
#> mpow_int(0, -1)
#> mpow_int(-2, 1025)
