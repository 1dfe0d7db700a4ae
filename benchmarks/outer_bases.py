"""A method inherited from a class of an earlier cell, called in a loop of the later cell, against
the same classes in one cell (where LLVM inlines the method) and CPython.

    python benchmarks/outer_bases.py     writes results/outer_bases.md

Across cells, each `p.norm2()` is an indirect call through the `cell.Point.norm2` slot (the
earlier cell's code, late bound); in one cell it is a direct call that LLVM inlines.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import jitcell
from jitcell.loader.namespace import Namespace

POINT = '''
class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y
'''
POINT3 = '''
class Point3(Point):
    def __init__(self, x: float, y: float, z: float):
        super().__init__(x, y)
        self.z = z


def loop(n: int) -> float:
    p = Point3(1.5, 2.5, 3.5)
    total = 0.0
    for i in range(n):
        p.x = i * 0.5
        total += p.norm2()
    return total
'''
N = 2_000_000


def best(f, *args, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    ns = Namespace()
    jitcell.compile_cell(POINT, callees=ns)
    jitcell.compile_cell(POINT3, callees=ns)
    across = ns.names["loop"]
    within = jitcell.compile_cell(POINT + POINT3).functions["loop"]
    python: dict = {}
    exec(POINT + POINT3, python)
    assert across(1000) == within(1000) == python["loop"](1000)
    t_across, t_within = best(across, N), best(within, N)
    t_python = best(python["loop"], N // 20, rounds=3) * 20
    load = os.getloadavg()
    lines = [
        "# A method inherited from another cell's class (benchmarks/outer_bases.py)",
        "",
        f"{N} calls of `p.norm2()` in a loop; best of 5; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"on {os.cpu_count()} cores.",
        "",
        "| version | seconds | / same cell |",
        "| --- | --- | --- |",
        f"| base in an earlier cell (slot call) | {t_across:.4f} | {t_across / t_within:.2f} |",
        f"| base in the same cell (inlined) | {t_within:.4f} | 1.00 |",
        f"| CPython (from {N // 20} calls) | {t_python:.4f} | {t_python / t_within:.1f} |",
        "",
        f"CPython / across cells: {t_python / t_across:.1f}x.",
    ]
    out = Path(__file__).resolve().parent / "results" / "outer_bases.md"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
