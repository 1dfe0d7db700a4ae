# Strings: non-ASCII text, comparisons, in, f-string specs, str() of floats, building in loops.


def compare(a: str, b: str) -> tuple[bool, bool, bool, bool, bool]:
    return a == b, a != b, a < b, a <= b, a > b


def contains(hay: str, needle: str) -> tuple[bool, bool, int]:
    return needle in hay, not (needle in hay), len(hay)


def formats(x: float, n: int, s: str) -> str:
    return f"[{x:.3f}|{x:10.2f}|{x:<8.1f}|{n:>6}|{n:06d}|{n:x}|{n:,}|{s:^9}|{s!r}|{x:e}]"


def float_text(x: float) -> str:
    return str(x) + " " + f"{x}" + " " + f"{x:g}"


def repeat_join(n: int, piece: str) -> str:
    out = ""
    for i in range(n):
        if i > 0:
            out = out + ","
        out = out + piece + str(i)
    return out


def mixed(n: int) -> str:
    text = "αβγ"
    for i in range(n):
        text = text + "→" + str(i % 3)
    return f"{text} has {len(text)} characters"


def bools(a: bool, b: bool) -> str:
    return f"{a} {b} {a and b} {str(a or b)}"

#> compare("apple", "apricot")
#> compare("", "a")
#> compare("same", "same")
#> compare("Zebra", "apple")
#> compare("é", "e")
#> compare("abc", "ab")
#> contains("hello, world", "o, w")
#> contains("hello", "")
#> contains("", "x")
#> contains("naïve café", "é")
#> formats(3.14159, 42, "mid")
#> formats(-0.5, -7, "")
#> formats(1234567.891, 1234567, "ünï")
#> float_text(0.1)
#> float_text(1e16)
#> float_text(-0.0)
#> float_text(123456789.125)
#> float_text(1.5e-7)
#> float_text(float("inf"))
#> float_text(float("nan"))
#> repeat_join(0, "x")
#> repeat_join(5, "item")
#> repeat_join(200, "ab")
#> mixed(0)
#> mixed(7)
#> bools(True, False)
#> bools(False, False)
