# f-strings and str(): the same text as CPython for int, float, bool and str fields.


def describe(n: int, x: float, b: bool, s: str) -> str:
    return f"n={n} x={x} b={b} s={s}"


def specs(n: int, x: float) -> str:
    return f"[{n:5d}|{n:<5}|{n:^7}|{n:+}|{n:x}|{n:,}] [{x:.2f}|{x:10.3e}|{x:g}|{x:%}]"


def conversions(s: str, n: int) -> str:
    return f"{s!r} {s!s} {s!a} {n!r}"


def strs(n: int, x: float, b: bool) -> str:
    return str(n) + "/" + str(x) + "/" + str(b) + "/" + str("s")


def floats(x: float) -> str:
    return f"{x}|{x / 3}|{x * 1e20}|{-x}|{x - x}"


def ints(n: int) -> str:
    return f"{n}{-n}{n * 1000}"


def bad_spec(n: int) -> str:
    return f"{n:.2z}"


def in_print(n: int, s: str) -> None:
    print(f"{s}: {n}", s, len(s), sep=" | ")


#> describe(3, 0.1, True, "x")
#> describe(-7, 1e300, False, "")
#> describe(0, -0.0, True, "ünï")
#> specs(1234567, 3.14159)
#> specs(-5, -0.000123)
#> conversions("it's", 5)
#> conversions("naïve", -1)
#> strs(42, 2.5, False)
#> strs(-9223372036854775808, 1e-7, True)
#> floats(0.1)
#> floats(1.0)
#> floats(float("inf"))
#> floats(float("nan"))
#> ints(0)
#> ints(9223372036854775807 // 1000)
#> ints(-9223372036854775)
#> bad_spec(3)
#> in_print(3, "count")
