# `%` formatting with a literal format string: each conversion becomes the format spec that
# gives CPython's text (flags, width, precision), `s r a` the conversions; a float under %d is
# formatted as int(x), as CPython does.


def report(n: int, t: float) -> str:
    return "%d items, %.3f s" % (n, t)


def conversions(n: int, x: float, s: str) -> str:
    a = "%s|%r|%x|%X|%o|%e|%g|%5.2f|%-10s|%%" % (s, s, n, n, n, x, x, x, s)
    b = "[%5d] [%-5d] [%05d] [%+d] [% d] [%#x] [%#o] [%10.3e] [%G] [%F]" % (n, n, n, n, n, n, n, x, x, x)
    return a + "\n" + b


def one(x: float) -> str:
    return "value: %s" % x


def floats_as_ints(x: float) -> str:
    return "%d %i %u" % (x, -x, x)


def of_a_tuple(n: int) -> str:
    pair = (n, "n")
    return "%s=%d" % (pair[1], pair[0]) + " / %d,%s" % pair


def texts(flag: bool, xs: list[int], z: complex) -> str:
    return "%s %r %d %s %s %10s" % (flag, "q", flag, xs, z, flag)


def only_percent() -> str:
    return "100%%" % ()


def precision_of_str(s: str) -> str:
    return "<%.2s> <%-6.3s> <%6s>" % (s, s, s)


def bad(x: float) -> str:
    return "%d" % x

#> report(3, 0.12345)
#> conversions(255, 12345.678, "hé")
#> conversions(-7, -0.000123, "")
#> one(2.5)
#> one(1e22)
#> floats_as_ints(3.99)
#> floats_as_ints(-2.5)
#> bad(float("nan"))
#> bad(float("inf"))
#> of_a_tuple(12)
#> texts(True, [1, 2], 1+2j)
#> only_percent()
#> precision_of_str("abcdef")
