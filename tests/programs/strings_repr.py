# repr() of the values an f-string field takes: the text of f"{x!r}", CPython's.


def reprs(x: float, s: str, n: int, b: bool) -> str:
    return repr(x) + "|" + repr(s) + "|" + repr(n) + "|" + repr(b) + "|" + repr(x / 3) + "|" + repr(s * 2)


def repr_complex(a: float, b: float) -> str:
    return repr(complex(a, b))


def repr_list(n: int) -> str:
    xs = [i * 0.5 for i in range(n)]
    names = ["a", "b'c", 'd"e'][:n]
    return repr(xs) + " " + repr(names)


def repr_lengths(s: str) -> int:
    return len(repr(s)) - len(s)

#> reprs(0.1, "plain", -3, True)
#> reprs(1e300, "it's", 0, False)
#> reprs(float("inf"), 'say "hi"\n', 2**62, True)
#> repr_complex(1.0, -2.0)
#> repr_complex(0.0, 0.5)
#> repr_list(3)
#> repr_list(0)
#> repr_lengths("tab\there")
#> repr_lengths("é\x00")
