# print writes exactly what CPython writes: floats by repr, bools as True/False.


def p_int(n: int) -> None:
    print(n)


def p_float(x: float) -> None:
    print(x)


def p_bool(b: bool) -> None:
    print(b)


def p_many(n: int, x: float, b: bool) -> None:
    print(n, x, b)


def p_expressions(n: int) -> None:
    print(n + 1, n / 2, n > 0, -n, n * 0.1)


#> p_int(0)
#> p_int(-2**63)
#> p_int(2**63 - 1)
#> p_float(0.1)
#> p_float(1.0)
#> p_float(-0.0)
#> p_float(1e16)
#> p_float(1e-5)
#> p_float(0.0001)
#> p_float(1.5e300)
#> p_float(5e-324)
#> p_float(float('inf'))
#> p_float(float('-inf'))
#> p_float(float('nan'))
#> p_float(123456789.123456789)
#> p_float(2.0**63)
#> p_bool(True)
#> p_bool(False)
#> p_many(1, 2.5, False)
#> p_expressions(7)
#> p_expressions(-3)
