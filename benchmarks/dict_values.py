"""What a dict of arrays, tuples or sets costs at the boundary, beside a list of the same arrays.

    python benchmarks/dict_values.py            # writes results/dict_values.md

A dict[str, float[:]] of 100 arrays of 1,000 floats (each array borrowed from the caller, not
copied), summed in compiled code against the same function in CPython (NumPy's sum of each
array), and against the list[float[:]] of the same arrays; a dict[int, tuple[int, float]] of 10^4
entries (each tuple boxed on the way in) read and changed; a dict[int, set[int]] of 10^3 sets of 10
read. The minimum of 5 samples taken in turn (side_by_side.py); ratios are jitcell's time over CPython's.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import numpy as np
from side_by_side import interleaved

import jitcell

CELL = """
def dsum(d: dict[str, float[:]]) -> float:
    t = 0.0
    for v in d.values():
        for i in range(v.shape[0]):
            t += v[i]
    return t

def lsum(xs: list[float[:]]) -> float:
    t = 0.0
    for v in xs:
        for i in range(v.shape[0]):
            t += v[i]
    return t

def tsum(d: dict[int, tuple[int, float]]) -> float:
    t = 0.0
    for n, x in d.values():
        t += n + x
    return t

def tbump(d: dict[int, tuple[int, float]]) -> int:
    d[0] = (1, 2.0)
    return len(d)

def ssum(d: dict[int, set[int]]) -> int:
    t = 0
    for s in d.values():
        t += len(s)
    return t
"""

PYTHON = """
def dsum(d):
    return float(sum(v.sum() for v in d.values()))

def lsum(xs):
    return float(sum(v.sum() for v in xs))

def tsum(d):
    t = 0.0
    for n, x in d.values():
        t += n + x
    return t

def tbump(d):
    d[0] = (1, 2.0)
    return len(d)

def ssum(d):
    t = 0
    for s in d.values():
        t += len(s)
    return t
"""



def main() -> None:
    jit = jitcell.compile_cell(CELL).functions
    python: dict = {}
    exec(PYTHON, python)
    arrays = {f"k{i}": np.random.default_rng(i).random(1_000) for i in range(100)}
    pairs = {i: (i, i / 2) for i in range(10_000)}
    sets = {i: set(range(i, i + 10)) for i in range(1_000)}
    cases = [
        ("dict[str, float[:]], 100 arrays of 10^3, summed", "dsum", (arrays,)),
        ("list[float[:]], the same 100 arrays, summed", "lsum", (list(arrays.values()),)),
        ("dict[int, tuple[int, float]], 10^4 entries, read", "tsum", (pairs,)),
        ("dict[int, tuple[int, float]], 10^4 entries, one value set (write back)", "tbump", (pairs,)),
        ("dict[int, set[int]], 10^3 sets of 10, read", "ssum", (sets,)),
    ]
    load = os.getloadavg()
    lines = ["# Dicts of arrays, tuples and sets at the boundary", "",
             f"Python {sys.version.split()[0]}, NumPy {np.__version__}; minimum of 5 interleaved samples; load average "
             f"{load[0]:.1f} on {os.cpu_count()} cores when it started.", "",
             "| case | jitcell | CPython (NumPy) | ratio |", "| --- | ---: | ---: | ---: |"]
    for title, name, args in cases:
        assert jit[name](*args) == python[name](*args) or name in ("dsum", "lsum")
        times = interleaved({system: functools.partial(functions[name], *args)
                             for system, functions in (("jitcell", jit), ("CPython", python))})
        j, p = times["jitcell"], times["CPython"]
        ratio = f"{j / p:,.1f}" if p > 1e-5 else "(CPython changes no copy)"
        lines.append(f"| {title} | {j * 1e6:,.0f} µs | {p * 1e6:,.1f} µs | {ratio} |")
        print(lines[-1])
    out = Path(__file__).parent / "results" / "dict_values.md"
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
