# Float powers: the ** operator follows CPython's float_pow, errors included.


def fpow(x: float, y: float) -> float:
    return x ** y


def ipow(x: float, n: int) -> float:
    return x ** n


def int_base(a: int, y: float) -> float:
    return a ** y


#> fpow(2.0, 10.0)
#> fpow(2.0, 0.5)
#> fpow(2.0, -1.0)
#> fpow(-2.0, 3.0)
#> fpow(-2.0, -3.0)
#> fpow(0.0, 0.0)
#> fpow(0.0, 3.0)
#> fpow(-0.0, 3.0)
#> fpow(-0.0, 2.0)
#> fpow(float('nan'), 0.0)
#> fpow(1.0, float('nan'))
#> fpow(float('nan'), 1.0)
#> fpow(float('inf'), 2.0)
#> fpow(float('-inf'), 3.0)
#> fpow(float('-inf'), 2.0)
#> fpow(float('inf'), -1.0)
#> fpow(float('-inf'), -3.0)
#> fpow(0.5, float('inf'))
#> fpow(2.0, float('inf'))
#> fpow(2.0, float('-inf'))
#> fpow(-1.0, float('inf'))
#> fpow(1e-200, 2.0)
#> fpow(10.0, 308.0)
#> fpow(10.0, 309.0)
#> fpow(-10.0, 309.0)
#> fpow(0.0, -1.0)
#> fpow(-0.0, -1.0)
#> fpow(0.0, -2.5)
#> fpow(0.0, float('-inf'))
#> ipow(1.5, 3)
#> ipow(2.0, -2)
#> ipow(2.0, 1024)
#> ipow(-2.0, 1023)
#> ipow(0.0, -1)
#> int_base(4, 0.5)
#> int_base(2, -0.5)
#> int_base(0, -1.0)
# Deviation: a negative base to a fractional power is complex in CPython.
#> fpow(-8.0, 1.0 / 3.0) !ValueError: complex
#> int_base(-4, 0.5) !ValueError: complex
