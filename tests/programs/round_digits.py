def round_float(x: float, n: int) -> float:
    return round(x, n)


def round_int(x: int, n: int) -> int:
    return round(x, n)


def round_mixed(x: float, b: bool) -> tuple[float, int, int, float]:
    return round(x, b), round(b, 0), round(x, None), round(2.675, 2)


def table(x: float) -> float:
    t = 0.0
    for n in range(-3, 4):
        t += round(x, n)
    return t


#> round_float(2.675, 2)
#> round_float(0.125, 2)
#> round_float(0.375, 2)
#> round_float(-0.5, 0)
#> round_float(1.5, 0)
#> round_float(2.5, 0)
#> round_float(1234.5678, -2)
#> round_float(-1250.0, -2)
#> round_float(1350.0, -2)
#> round_float(5e-324, 400)
#> round_float(123.456, -400)
#> round_float(-123.456, -400)
#> round_float(1e300, 5)
#> round_float(1.7976931348623157e308, -308)
#> round_float(float("inf"), 2)
#> round_float(float("nan"), 2)
#> round_float(-0.0, 3)
#> round_float(0.1 + 0.2, 15)
#> round_int(1234, 2)
#> round_int(1250, -2)
#> round_int(1350, -2)
#> round_int(-1250, -2)
#> round_int(-1251, -2)
#> round_int(15, -1)
#> round_int(25, -1)
# Deviation: an int result beyond 64 bits raises OverflowError (Python's would be a big int)
#> round_int(9223372036854775807, -1) !OverflowError: round(9223372036854775807, -1) = 9223372036854775810 does not fit in a 64-bit int
#> round_int(9223372036854775807, -18)
# Deviation: the same, for 10**19
#> round_int(9223372036854775807, -19) !OverflowError
# Deviation: the same, for -10**19
#> round_int(-9223372036854775808, -19) !OverflowError
#> round_int(4999999999999999999, -19)
#> round_int(5000000000000000000, -19)
#> round_int(123, -100)
#> round_mixed(2.5, True)
#> table(12345.6789)
