# print, str(), repr() and f-strings of tuples: CPython's text (items by repr, `(x,)` for one item,
# nested tuples, floats shortest round-trip, strs quoted with CPython's choice of quotes).


def show(n: int, x: float, s: str) -> None:
    t = (n, x, s)
    print(t)
    print((n,), (x,), (s,))
    print(((n, x), (n > 0, s + "'"), complex(x, -n), -0.0), "end", sep="|")
    print((x / 3.0, x * 1e300, -x, 1e-320, float("inf"), float("nan")))
    print(("a\"b", "it's", "tab\there", "\u00e9\n"))


def text(n: int, x: float, s: str) -> str:
    t = (n, (x, s))
    u = (True, 2j, x)
    return str(t) + "|" + f"{u}|{t!r}|{(n, n)!s}|{(s,)}" + str((x,)) + repr(u)


#> show(3, 0.1, "a")
#> show(-7, 2.5e-8, "")
#> show(0, 1e22, "x'y\"z")
#> text(5, 0.3, "q")
#> text(-1, -1.5e300, "it's")
