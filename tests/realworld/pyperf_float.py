# Source: https://github.com/python/pyperformance/blob/1d3e21798ebf2420b62c1eded4ce94453ba15151/pyperformance/data-files/benchmarks/bm_float/run_benchmark.py
# Version: commit 1d3e21798ebf2420b62c1eded4ce94453ba15151 (2026-06-01)
# Licence: MIT (pyperformance, COPYING); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - type annotations added to every def; `[None] * n` holds Points later, so the lists and the values
#     read from them are `Point | None` (maximize's parameters and results; a type checker such as mypy
#     still reports the attribute uses of those values, which jitcell checks at run time as Python does)
#   - `import pyperf` and the `if __name__ == "__main__":` block removed (the pyperf driver); the `#>`
#     directives at the end call the functions instead

"""
Artificial, floating point-heavy benchmark originally used by Factor.
"""
from math import sin, cos, sqrt


POINTS = 100000


class Point(object):
    __slots__ = ('x', 'y', 'z')

    def __init__(self, i: int) -> None:
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self) -> str:
        return "<Point: x=%s, y=%s, z=%s>" % (self.x, self.y, self.z)

    def normalize(self) -> None:
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other: "Point | None") -> "Point":
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points: list[Point | None]) -> Point | None:
    next = points[0]
    for p in points[1:]:
        next = next.maximize(p)
    return next


def benchmark(n: int) -> Point | None:
    points = [None] * n
    for i in range(n):
        points[i] = Point(i)
    for p in points:
        p.normalize()
    return maximize(points)


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> repr(benchmark(10))
#> repr(benchmark(2000))
