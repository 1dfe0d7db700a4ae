# int(), float() and bool() of numbers, and of numeric string literals.


def to_int(x: float) -> int:
    return int(x)


def to_float(n: int) -> float:
    return float(n)


def b2i(p: bool) -> int:
    return int(p)


def b2f(p: bool) -> float:
    return float(p)


def i2b(n: int) -> bool:
    return bool(n)


def f2b(x: float) -> bool:
    return bool(x)


def defaults() -> float:
    return int() + float() + bool()


def from_strings() -> float:
    return float("inf") - float("1e308") * 10 + int("42") + float(" -2.5 ")


def nan_from_string() -> float:
    return float("nan")


def ident(n: int) -> int:
    return int(n)


#> to_int(2.7)
#> to_int(-2.7)
#> to_int(-0.0)
#> to_int(0.9999999999999999)
#> to_int(1e18)
#> to_int(-9.223372036854775e18)
#> to_int(-2.0**63)
#> to_int(9.2233720368547748e18)
#> to_int(float('nan'))
#> to_int(float('inf'))
#> to_int(float('-inf'))
#> to_float(2**53 + 1)
#> to_float(2**63 - 1)
#> to_float(-2**63)
#> to_float(-3)
#> b2i(True)
#> b2f(False)
#> i2b(0)
#> i2b(-9)
#> f2b(-0.0)
#> f2b(float('nan'))
#> defaults()
#> from_strings()
#> nan_from_string()
#> ident(-2**63)
# Deviation: int() of a float beyond 64 bits raises OverflowError.
#> to_int(2.0**63) !OverflowError
#> to_int(1e300) !OverflowError
