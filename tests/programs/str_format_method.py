# str.format with a literal format string: automatic and explicit positions, names, conversions
# and format specs, as f-strings show them.


def plain(a: int, b: float, name: str) -> str:
    return "{} {:.2f} {name}".format(a, b, name=name)


def positions(a: int, b: str) -> str:
    return "{1}-{0}-{1}|{0:>5}|{1!r}|{0:#x}|{0:08.3f}".format(a, b)


def specs(x: float, n: int) -> str:
    return "{:10.3e}|{:<8}|{:^9}|{:+}|{:,}|{:_d}|{:.1%}".format(x, n, n, n, n * 1000, n * 1000000, x)


def braces(n: int) -> str:
    return "{{literal}} {}".format(n)


def of_lists(xs: list[int], s: set[str]) -> str:
    return "{} has {} items; {!s}".format(xs, len(xs), s)


def runtime_error(x: float) -> str:
    return "{:d}".format(x)


def step(i: int) -> int:
    print("step", i)
    return i


def in_order(n: int) -> str:
    return "{} {}".format(step(n), step(n + 1))

#> plain(3, 2.345, "x")
#> positions(255, "ab")
#> specs(0.5, 12)
#> braces(4)
#> of_lists([1, 2], {"a"})
#> runtime_error(2.5)
#> in_order(1)
