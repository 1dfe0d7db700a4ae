# str() and f-strings of floats: shortest round-trip repr, switch to exponent form at 1e16 and
# below 1e-4, signed zero, nan and inf, floats from int arithmetic, and print() of the same values.


def text(x: float) -> str:
    return str(x)


def both(x: float) -> str:
    return f"{x}|{x!r}|{x!s}|" + str(-x)


def around(x: float) -> str:
    return str(x * 10.0) + " " + str(x / 10.0) + " " + str(x + 1.0)


def from_ints(a: int, b: int) -> str:
    return f"{a / b} {float(a)} {a * 1.0} {a // b * 1.0}"


def powers(n: int) -> str:
    out = ""
    x = 1.0
    for i in range(n):
        out = out + str(x) + ","
        x = x * 10.0
    return out


def small_powers(n: int) -> str:
    out = ""
    x = 1.0
    for i in range(n):
        out = out + str(x) + ","
        x = x / 10.0
    return out


def printed(x: float) -> None:
    print(x, -x, x * 2.0, str(x), f"{x}")


def special(k: int) -> str:
    inf = float("inf")
    nan = inf - inf
    if k == 0:
        return str(inf) + str(-inf) + str(nan)
    if k == 1:
        return f"{inf * 0.0} {inf / inf} {-(inf - inf)}"
    return str(-0.0) + str(0.0 * -1.0) + str(-0.0 + 0.0)

#> text(0.0)
#> text(-0.0)
#> text(1.0)
#> text(0.1)
#> text(0.1 + 0.2)
#> text(1e16)
#> text(9999999999999998.0)
#> text(1e15)
#> text(123456789012345.6)
#> text(1e-4)
#> text(1e-5)
#> text(0.0001234)
#> text(1.7976931348623157e308)
#> text(5e-324)
#> text(2.2250738585072014e-308)
#> text(float("nan"))
#> text(float("inf"))
#> text(float("-inf"))
#> text(-1.5e-7)
#> text(2.0 ** 63)
#> text(1 / 3)
#> both(1e16)
#> both(-0.0)
#> both(float("nan"))
#> both(1e100)
#> both(12345.678)
#> around(1e15)
#> around(1e-4)
#> around(-0.0)
#> around(0.7)
#> from_ints(1, 3)
#> from_ints(10 ** 16, 1)
#> from_ints(-7, 2)
#> from_ints(9007199254740993, 1)
#> from_ints(1, 0)
#> powers(0)
#> powers(25)
#> small_powers(12)
#> printed(1e16)
#> printed(-0.0)
#> printed(float("nan"))
#> printed(float("inf"))
#> printed(0.1)
#> special(0)
#> special(1)
#> special(2)
