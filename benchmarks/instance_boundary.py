"""What lists and dicts of instances cost at the boundary, and what a method returning NotImplemented
costs in compiled code.

    python benchmarks/instance_boundary.py        # writes results/instance_boundary.md

For a list[Vec] of 10^4 instances: a function that reads it (copy in: each item's class checked,
its address retained), one that appends to it (written back: each item read back as its wrapper,
the same Python object), one that builds and returns 10^4 new instances (a wrapper made for each),
and a dict[str, Vec] of 10^3 read; each against the same function run by CPython on its own class.
Then 10^6 additions `a + b` in compiled code, with an `__add__` that may return NotImplemented and
one that does not. Best of 7 runs of 5 calls each.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import jitcell

CELL = """
class Vec:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

class Money:
    def __init__(self, cents: int):
        self.cents = cents

    def __add__(self, other: "Money") -> "Money":
        if other.cents < 0:
            return NotImplemented
        return Money(self.cents + other.cents)

class Plain:
    def __init__(self, cents: int):
        self.cents = cents

    def __add__(self, other: "Plain") -> "Plain":
        return Plain(self.cents + other.cents)

def total(vs: list[Vec]) -> float:
    s = 0.0
    for v in vs:
        s += v.x
    return s

def extend(vs: list[Vec]) -> int:
    vs.append(Vec(0.0, 0.0))
    vs.pop()
    return len(vs)

def build(n: int) -> list[Vec]:
    return [Vec(float(i), 0.0) for i in range(n)]

def named(d: dict[str, Vec]) -> float:
    s = 0.0
    for k in d:
        s += d[k].y
    return s

def declining(n: int) -> int:
    a = Money(0)
    one = Money(1)
    for i in range(n):
        a = a + one
    return a.cents

def plain(n: int) -> int:
    a = Plain(0)
    one = Plain(1)
    for i in range(n):
        a = a + one
    return a.cents
"""


def best(function, *args) -> float:
    times = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(5):
            function(*args)
        times.append((time.perf_counter() - start) / 5)
    return min(times)


def main() -> None:
    library = jitcell.compile_cell(CELL)
    jit = {**library.functions, **library.classes}
    python: dict = {}
    exec(CELL, python)
    rows = []
    def vectors(ns: dict) -> tuple:
        return ([ns["Vec"](float(i), 1.0) for i in range(10_000)],)

    def named(ns: dict) -> tuple:
        return ({str(i): ns["Vec"](0.0, 1.0) for i in range(1_000)},)

    for title, name, make_args in [
        ("list[Vec], 10^4 items, read (copy in)", "total", vectors),
        ("list[Vec], 10^4 items, changed (copy in, write back)", "extend", vectors),
        ("list[Vec], 10^4 new instances returned", "build", lambda ns: (10_000,)),
        ("dict[str, Vec], 10^3 entries, read", "named", named),
        ("10^6 `a + b`, __add__ may return NotImplemented", "declining", lambda ns: (1_000_000,)),
        ("10^6 `a + b`, __add__ never does", "plain", lambda ns: (1_000_000,)),
    ]:
        j, p = best(jit[name], *make_args(jit)), best(python[name], *make_args(python))
        rows.append(f"| {title} | {j * 1e6:,.0f} µs | {p * 1e6:,.0f} µs | {p / j:.2f} |")
        print(rows[-1])
    load = os.getloadavg()[0]
    lines = ["# Instances at the boundary, and NotImplemented", "",
             f"Python {sys.version.split()[0]}; best of 7 runs of 5 calls; load average {load:.1f} on a shared "
             "2-core machine (times inflated, ratios rougher).", "",
             "| case | jitcell | CPython | CPython / jitcell |", "| --- | ---: | ---: | ---: |", *rows]
    out = Path(__file__).parent / "results" / "instance_boundary.md"
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
