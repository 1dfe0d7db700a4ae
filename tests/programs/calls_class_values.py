# Classes and function values together: functions taking and making instances passed as values, and
# a method kept in a local.
from typing import Callable


class Point:
    x: float
    y: float

    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y


def first(p: Point) -> float:
    return p.x


def second(p: Point) -> float:
    return p.y


def measure(f: Callable[[Point], float], x: float, y: float) -> float:
    return f(Point(x, y))


def made(k: Callable[[float, float], Point], x: float) -> float:
    return k(x, 2 * x).norm2()


def at(x: float, y: float) -> Point:
    return Point(x, y)


def both(x: float, y: float) -> tuple[float, float, float, float]:
    make = at
    p = make(x, y)
    norm = p.norm2
    return measure(first, x, y), measure(second, x, y), made(at, x), norm()


#> both(3.0, 4.0)
#> both(-1.5, 0.0)
