# Keyword arguments and defaults, between cell functions and from Python.


def area(w: float, h: float = 1.0) -> float:
    return w * h


def line(x: float, slope: float = 2.0, offset: float = -1.0) -> float:
    return slope * x + offset


def flags(a: int, negate: bool = False, twice: bool = False) -> int:
    r = -a if negate else a
    return r * 2 if twice else r


def use_keywords(x: float) -> float:
    return line(x, offset=0.5) + line(offset=1.0, x=x, slope=0.0) + area(h=2.0, w=x)


def use_flags(a: int) -> int:
    return flags(a, twice=True) + flags(a, True) + flags(negate=True, a=a, twice=True)


def int_defaults(a: int = 3, b: int = -4) -> int:
    return a * 10 + b


#> area(3.0)
#> area(3.0, 2.0)
#> area(w=3.0, h=0.5)
#> area(h=0.5, w=3.0)
#> line(1.0)
#> line(1.0, offset=0.0)
#> line(x=2.0, slope=-1.0)
#> flags(5)
#> flags(5, True)
#> flags(5, twice=True)
#> use_keywords(2.0)
#> use_flags(3)
#> int_defaults()
#> int_defaults(5)
#> int_defaults(b=7)
#> int_defaults(1, 2)
