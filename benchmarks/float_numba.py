"""pyperformance's bm_float (tests/realworld/pyperf_float.py): jitcell on the program, Numba on a rewrite.

    python benchmarks/float_numba.py        # writes results/realworld_float.md

Numba cannot run the program as published (`Untyped global name 'Point'`: a plain class is not a
Numba type; benchmarks/realworld_speed.py shows the row). For a side-by-side figure this script
also times the smallest rewrite Numba runs: `Point` as a `@jitclass` with float64 fields, and the
list made by a comprehension of Points (Numba has no list of None that later holds instances), so
`maximize` takes a `list[Point]`; the arithmetic is the program's. jitcell runs the program file
unchanged. Both must give CPython's `repr` of the result.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import warnings
from math import cos, sin, sqrt
from pathlib import Path

from side_by_side import interleaved_samples

HERE = Path(__file__).resolve().parent
PROGRAM = HERE.parent / "tests" / "realworld" / "pyperf_float.py"
POINTS = 100_000


def numba_version():
    from numba import float64, njit
    from numba.experimental import jitclass

    @jitclass([("x", float64), ("y", float64), ("z", float64)])
    class Point:
        def __init__(self, i):
            self.x = x = sin(i)
            self.y = cos(i) * 3
            self.z = (x * x) / 2

        def normalize(self):
            x = self.x
            y = self.y
            z = self.z
            norm = sqrt(x * x + y * y + z * z)
            self.x /= norm
            self.y /= norm
            self.z /= norm

        def maximize(self, other):
            self.x = self.x if self.x > other.x else other.x
            self.y = self.y if self.y > other.y else other.y
            self.z = self.z if self.z > other.z else other.z
            return self

    @njit
    def maximize(points):
        next = points[0]
        for p in points[1:]:
            next = next.maximize(p)
        return next

    @njit
    def benchmark(n):
        points = [Point(i) for i in range(n)]
        for p in points:
            p.normalize()
        return maximize(points)

    def shown(n):
        p = benchmark(n)
        return f"<Point: x={p.x}, y={p.y}, z={p.z}>"  # the program's __repr__

    return shown


def main() -> int:
    warnings.simplefilter("ignore")
    load_start = os.getloadavg()[0]
    namespace: dict = {}
    exec(compile(PROGRAM.read_text(), str(PROGRAM), "exec"), namespace)
    expected = repr(namespace["benchmark"](POINTS))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["JITCELL_CACHE_DIR"] = cache
        import jitcell

        library = jitcell.compile_cell(PROGRAM.read_text())
        numba_shown = numba_version()
        calls = {"jitcell": lambda: repr(library.functions["benchmark"](POINTS)),
                 "Numba (jitclass rewrite)": lambda: numba_shown(POINTS),
                 "CPython": lambda: repr(namespace["benchmark"](POINTS))}
        for system, call in calls.items():
            assert call() == expected, (system, call(), expected)
        measured = interleaved_samples(calls, 7, 0.2)
    jit, numba, python = (measured[s]["seconds"] for s in calls)
    import numba as numba_module

    text = ["# pyperformance's float (bm_float): jitcell, Numba, CPython", "",
            f"`python benchmarks/float_numba.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
            f"{os.cpu_count()} cores, CPython {sys.version.split()[0]}, jitcell {jitcell.__version__}, Numba "
            f"{numba_module.__version__}; load average {load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at "
            "the end (a shared machine: other jobs ran).", "",
            f"`repr(benchmark({POINTS}))`, minimum time per call over 7 interleaved samples; each system gave "
            "CPython's text. jitcell runs tests/realworld/pyperf_float.py as it is; Numba cannot "
            "(`Untyped global name 'Point'`), so its column is a rewrite: `@jitclass` Point, the list made "
            "by a comprehension (benchmarks/float_numba.py).", "",
            "| jitcell (ms) | Numba, jitclass rewrite (ms) | CPython (ms) | jitcell / Numba | jitcell / CPython |",
            "|---:|---:|---:|---:|---:|",
            f"| {jit * 1e3:.3g} | {numba * 1e3:.3g} | {python * 1e3:.3g} | {jit / numba:.2f}x | {jit / python:.3g}x |"]
    (HERE / "results" / "realworld_float.md").write_text("\n".join(text) + "\n")
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
