"""What a call through a `Callable` parameter costs: the same midpoint rule with the integrand known in
the cell (inlined by LLVM), a compiled function passed from Python (an indirect call into its other
library), a Python lambda passed from Python (a ctypes callback per call), and CPython itself.

    python benchmarks/function_values.py          # writes results/function_values.md
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

import jitcell

CELL = '''
from typing import Callable

def bump(x: float) -> float:
    return x * x + 1.0

def midpoint(f: Callable[[float], float], a: float, b: float, n: int) -> float:
    h = (b - a) / n
    total = 0.0
    for i in range(n):
        total += f(a + (i + 0.5) * h)
    return total * h

def known(n: int) -> float:
    return midpoint(bump, 0.0, 1.0, n)
'''
OTHER = "def bump2(x: float) -> float:\n    return x * x + 1.0\n"


def python_midpoint(f, a, b, n):
    h = (b - a) / n
    total = 0.0
    for i in range(n):
        total += f(a + (i + 0.5) * h)
    return total * h


def best(call, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    lib = jitcell.compile_cell(CELL, cache=False)
    other = jitcell.compile_cell(OTHER, cache=False).functions["bump2"]
    midpoint, known = lib.functions["midpoint"], lib.functions["known"]
    n, small = 10_000_000, 200_000
    rows = [
        ("known in the cell: midpoint(bump, ...) inlined", n, best(lambda: known(n))),
        ("a compiled function from Python: midpoint(bump2, ...)", n, best(lambda: midpoint(other, 0.0, 1.0, n))),
        ("a Python lambda from Python: midpoint(lambda x: x * x + 1.0, ...)", small,
         best(lambda: midpoint(lambda x: x * x + 1.0, 0.0, 1.0, small))),
        ("CPython: the same functions, not compiled", small,
         best(lambda: python_midpoint(lambda x: x * x + 1.0, 0.0, 1.0, small))),
    ]
    lines = ["# Calls through a Callable (benchmarks/function_values.py)", "",
             f"Best of 5, {platform.processor() or platform.machine()}, 2 shared cores, opt 2:", "",
             "| case | calls | total | per call |", "|---|---:|---:|---:|"]
    for name, count, seconds in rows:
        lines.append(f"| {name} | {count:,} | {seconds * 1e3:.1f} ms | {seconds / count * 1e9:.1f} ns |")
    lines += ["", "A function known in the cell is inlined (no call left); a compiled function passed from Python is "
              "an indirect call into the other library (through its thunk), about 10 ns; a Python callable is "
              "called back through ctypes (about 1 µs a call, several times CPython's own call: pass a compiled "
              "function where it matters)."]
    text = "\n".join(lines) + "\n"
    print(text)
    (Path(__file__).parent / "results" / "function_values.md").write_text(text)


if __name__ == "__main__":
    main()
