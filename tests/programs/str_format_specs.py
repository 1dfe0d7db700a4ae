# f-string fields with format specs: alignment, fill, width, precision, sign, grouping, bases,
# for int, float, bool and str fields, in loops and nested in text.


def align_int(n: int) -> str:
    return f"[{n:>8}|{n:<8}|{n:^8}|{n:*>8}|{n:_<8}|{n:=+8}|{n:08}]"


def bases(n: int) -> str:
    return f"{n:x} {n:X} {n:#x} {n:o} {n:#o} {n:b} {n:#b} {n:08b} {n:c}"


def grouping(n: int) -> str:
    return f"{n:,} {n:_} {n:>15,} {n:_x} {n:+,}"


def fixed(x: float) -> str:
    return f"{x:.3f}|{x:.0f}|{x:10.3f}|{x:<10.1f}|{x:+.2f}|{x: .2f}|{x:,.2f}"


def scientific(x: float) -> str:
    return f"{x:e}|{x:.2e}|{x:E}|{x:g}|{x:.3g}|{x:G}|{x:%}|{x:.1%}"


def int_as_float(n: int) -> str:
    return f"{n:.2f} {n:e} {n:%} {n:g}"


def text(s: str) -> str:
    return f"[{s:>8}|{s:<8}|{s:^9}|{s:.2}|{s:*^7.3}|{s}]"


def flag(b: bool) -> str:
    return f"{b} {b:>6} {b:d} {b:5}|{b!r}"


def table(n: int) -> str:
    out = ""
    for i in range(n):
        out = out + f"{i:>3}|{i * i:<5}|{i / 7:8.4f}|{i:#06x}\n"
    return out


def width_from_loop(n: int, x: float) -> str:
    return f"{n}:{x:>12.5e}:{-x:<12.2%}:{x * n:,.3f}"


def bad_int_spec(n: int) -> str:
    return f"{n:.2s}"


def bad_str_spec(s: str) -> str:
    return f"{s:d}"


def bad_float_spec(x: float) -> str:
    return f"{x:x}"


def bad_char(n: int) -> str:
    return f"{n:c}"

#> align_int(42)
#> align_int(-42)
#> align_int(0)
#> align_int(123456789)
#> bases(255)
#> bases(65)
#> bases(0)
#> bases(-10)
#> grouping(1234567)
#> grouping(-9876543210)
#> grouping(999)
#> grouping(9223372036854775807)
#> fixed(3.14159)
#> fixed(-2.5)
#> fixed(2.5)
#> fixed(0.125)
#> fixed(1234567.891)
#> fixed(-0.0)
#> fixed(float("nan"))
#> fixed(float("-inf"))
#> fixed(1e22)
#> scientific(0.000123456)
#> scientific(123456789.0)
#> scientific(0.0)
#> scientific(-1e-300)
#> scientific(float("inf"))
#> scientific(5e-324)
#> int_as_float(7)
#> int_as_float(-123456789)
#> text("ab")
#> text("")
#> text("naïve")
#> text("日本語テキスト")
#> flag(True)
#> flag(False)
#> table(0)
#> table(12)
#> width_from_loop(3, 1.0 / 3.0)
#> width_from_loop(-7, 2.5e10)
#> bad_int_spec(5)
#> bad_str_spec("x")
#> bad_float_spec(1.5)
#> bad_char(-1)
#> bad_char(1114112)
#> bad_char(233)
