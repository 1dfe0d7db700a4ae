# round(x) rounds halves to even and returns an int.


def rnd(x: float) -> int:
    return round(x)


def rnd_int(n: int) -> int:
    return round(n)


def rnd_bool(p: bool) -> int:
    return round(p)


#> rnd(0.5)
#> rnd(1.5)
#> rnd(2.5)
#> rnd(-0.5)
#> rnd(-1.5)
#> rnd(-2.5)
#> rnd(2.4999999999999996)
#> rnd(0.49999999999999994)
#> rnd(-0.0)
#> rnd(1e15 + 0.5)
#> rnd(4503599627370497.0)
#> rnd(-9.223372036854775e18)
#> rnd(float('nan'))
#> rnd(float('inf'))
#> rnd(float('-inf'))
#> rnd_int(-7)
#> rnd_bool(True)
# Deviation: an int beyond 64 bits.
#> rnd(1e19) !OverflowError
