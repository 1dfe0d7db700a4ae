# print's sep= and end=, string literals mixed with values, and print() alone.


def sep_end(n: int) -> None:
    print(n, n, sep=", ", end=";\n")
    print(n, end="")
    print(" after")
    print(1, 2, 3, sep="")
    print("a", "b", sep="\t", end="|\n")


def labels(x: float) -> None:
    print("x =", x)
    print("half:", x / 2, "double:", x * 2)
    print()
    print("")
    print("done")


def unicode_text(n: int) -> None:
    print("ünïcödé ✓", n, "→", "日本")


def none_options(n: int) -> None:
    print(n, sep=None, end=None)
    print(n, n, sep=None)


def empty_sep(a: int, b: int) -> None:
    print(a, b, sep="", end="\n\n")


def escapes() -> None:
    print("tab\tquote\"backslash\\", end="\r\n")


def flush(n: int) -> None:
    print(n, flush=True)
    print(n, flush=False, end="!\n")


#> sep_end(5)
#> labels(3.0)
#> unicode_text(1)
#> none_options(4)
#> empty_sep(1, 2)
#> escapes()
#> flush(9)
