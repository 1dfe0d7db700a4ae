# Classes: field types from the values __init__ assigns (check/field_types.py): expressions of the
# parameters, locals of __init__, chained assignment, calls of math and of the cell's functions,
# other instances, strs, lists, dicts; a subclass keeps the inferred types of its base's fields.
from math import sin, cos, sqrt


def half(x: float) -> float:
    return x / 2


class Point(object):
    __slots__ = ('x', 'y', 'z')

    def __init__(self, i: int) -> None:
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = half(x * x)

    def __repr__(self) -> str:
        return "<Point: x=%s, y=%s, z=%s>" % (self.x, self.y, self.z)

    def normalize(self) -> None:
        norm = sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm


class Counter:
    def __init__(self, name: str, n: int):
        self.name = name.upper() + "!"
        self.count = n * 2 + 1
        self.ratio = n / 4
        self.big = n > 10
        self.seen = [n, n + 1]
        self.table = {name: n}
        self.origin = Point(n)
        self.pair = (n, n / 2)  # a tuple field

    def reset(self) -> None:
        self.seen = []  # an empty list into the list[int] field
        self.table = {}

    def bump(self, k: int) -> int:
        self.count += k
        self.seen.append(self.count)
        self.table[self.name] = self.count
        return self.count


class Tagged(Counter):
    def __init__(self, name: str, n: int):
        super().__init__(name, n)
        self.tag = f"{self.name}:{self.count}"


class Outer:
    def __init__(self, n: int):
        self.inner = Inner(n)  # a class defined below, whose field is inferred too
        self.twice = self.inner.k * 2


class Inner:
    def __init__(self, n: int):
        self.k = n + 0.5


def outer(n: int) -> tuple[float, float]:
    o = Outer(n)
    return o.twice, o.inner.k


def point(i: int) -> str:
    p = Point(i)
    p.normalize()
    return repr(p)


def counter(name: str, n: int) -> tuple[str, int, float, bool, list[int], int, float, tuple[int, float]]:
    c = Counter(name, n)
    c.bump(3)
    return c.name, c.count, c.ratio, c.big, c.seen, c.table[c.name], c.origin.y, c.pair


def reset(n: int) -> tuple[list[int], int]:
    c = Counter("r", n)
    c.reset()
    c.bump(1)
    return c.seen, len(c.table)


def tagged(n: int) -> tuple[str, int, str]:
    t = Tagged("t", n)
    t.bump(1)
    return t.tag, t.count, t.name


def division(i: int) -> str:
    return repr(Point(i)) if i >= 0 else str(Point(i).x / 0.0)

#> point(0)
#> point(7)
#> repr(Point(3))
#> Point(2).y
#> counter("ab", 3)
#> counter("", 20)
#> tagged(4)
#> division(5)
#> division(-1)
#> outer(3)
#> reset(2)
