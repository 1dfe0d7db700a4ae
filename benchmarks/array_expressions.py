"""Whole-array expressions: jitcell's fused loop against NumPy and Numba.

    python benchmarks/array_expressions.py     writes results/array_expressions.{json,md}

One function, `np.sqrt(a * a + b * b)` over 10**6 float64s, compiled by jitcell (one loop,
one result array), run by NumPy (three temporaries and the result), and compiled by Numba
(`@njit` of the same source; Numba fuses array expressions too). Also `a += b`, `a[1:] +=
a[:-1]` (in place with an overlapping operand: NumPy copies it first, jitcell walks the array
backwards) and `a[a > 0.5]`.
Runs are interleaved, round after round, so that a slow moment of the machine hurts every
system alike; each sample is the mean of enough calls to last 0.1 s, and the table gives the
minimum and the median over the rounds. jitcell's results must be NumPy's bit for bit.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import numpy as np


def hypot(a: float[:], b: float[:]) -> float[:]:
    return np.sqrt(a * a + b * b)


def add_to(a: float[:], b: float[:]) -> None:
    a += b


def shift_add(a: float[:]) -> None:
    a[1:] += a[:-1]


def above(a: float[:]) -> float[:]:
    return a[a > 0.5]


def exp(a: float[:]) -> float[:]:
    return np.exp(a)


def log(a: float[:]) -> float[:]:
    return np.log(a)


def sin(a: float[:]) -> float[:]:
    return np.sin(a)


def cos(a: float[:]) -> float[:]:
    return np.cos(a)


def tan(a: float[:]) -> float[:]:
    return np.tan(a)
'''
N = 10**6
ROUNDS = 7
ULP_RANGES = {"exp": (-700.0, 700.0), "log": (-700.0, 700.0), "sin": (-100.0, 100.0), "cos": (-100.0, 100.0),
              "tan": (-10.0, 10.0)}


def _sample(function, args, min_time: float = 0.1) -> float:
    loops, elapsed = 1, 0.0
    while True:
        started = time.perf_counter()
        for _ in range(loops):
            function(*args)
        elapsed = time.perf_counter() - started
        if elapsed >= min_time:
            return elapsed / loops
        loops *= 2


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    np.seterr(all="ignore")  # shift_add doubles the values call after call: they overflow to inf

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    namespace: dict = {}
    exec(compile(SOURCE, "<array_expressions>", "exec"), namespace)
    nb = {name: numba.njit(namespace[name]) for name in ("hypot", "add_to", "shift_add", "above")}
    rng = np.random.default_rng(0)
    a, b = rng.uniform(-1.0, 1.0, N), rng.uniform(-1.0, 1.0, N)
    expected = namespace["hypot"](a, b)
    assert np.array_equal(jit["hypot"](a, b).view(np.int64), expected.view(np.int64)), "not NumPy's bits"
    assert np.allclose(nb["hypot"](a, b), expected)
    x, y, z = a.copy(), a.copy(), a.copy()
    jit["shift_add"](x)
    namespace["shift_add"](y)
    nb["shift_add"](z)
    assert np.array_equal(x, y) and np.array_equal(jit["above"](a), namespace["above"](a))
    numba_overlap = "the same as NumPy's" if np.array_equal(z, y) else "not NumPy's (it reads values it has written)"
    cases = {"np.sqrt(a * a + b * b)": ("hypot", (a, b)), "a += b": ("add_to", (a.copy(), b)),
             "a[1:] += a[:-1]": ("shift_add", (a.copy(),)),
             "a[a > 0.5]": ("above", (a,))}
    systems = {"jitcell": jit, "NumPy": namespace, "Numba": nb}
    for name in nb:  # Numba compiles at the first call
        nb[name](*[v.copy() for v in cases[next(k for k, c in cases.items() if c[0] == name)][1]])
    samples: dict = {case: {s: [] for s in systems} for case in cases}
    load_before = _load()
    for _ in range(ROUNDS):
        for case, (name, args) in cases.items():
            for system, functions in systems.items():
                samples[case][system].append(_sample(functions[name], args))
    rows = []
    for case, by_system in samples.items():
        low = {s: min(v) for s, v in by_system.items()}
        median = {s: statistics.median(v) for s, v in by_system.items()}
        rows.append({"case": case, "min_ms": {s: t * 1e3 for s, t in low.items()},
                     "median_ms": {s: t * 1e3 for s, t in median.items()},
                     "numpy_over_jitcell": low["NumPy"] / low["jitcell"],
                     "numba_over_jitcell": low["Numba"] / low["jitcell"]})
    meta = {"machine": platform.machine(), "python": platform.python_version(), "numpy": np.__version__,
            "numba": numba.__version__, "n": N, "rounds": ROUNDS, "load_before": load_before, "load_after": _load()}
    results = HERE / "results"
    (results / "array_expressions.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")
    lines = ["# whole-array expressions", "",
             f"{meta['machine']}, Python {meta['python']}, NumPy {meta['numpy']}, Numba {meta['numba']}, "
             f"10^6 float64s, {ROUNDS} interleaved rounds, load average {load_before} -> {meta['load_after']}. "
             "Times in ms per call: minimum (median); ratio = other / jitcell (above 1: jitcell is faster). "
             "Source: benchmarks/array_expressions.py.", "",
             "| expression | jitcell | NumPy | Numba | NumPy / jitcell | Numba / jitcell |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        cell = {s: f"{r['min_ms'][s]:.3g} ({r['median_ms'][s]:.3g})" for s in systems}
        lines.append(f"| `{r['case']}` | {cell['jitcell']} | {cell['NumPy']} | {cell['Numba']} | "
                     f"{r['numpy_over_jitcell']:.2f}x | {r['numba_over_jitcell']:.2f}x |")
    lines += ["", f"Numba's result for `a[1:] += a[:-1]` is {numba_overlap}; jitcell's is NumPy's."]
    lines += ["", "jitcell's `np.exp`, `np.log`, `np.sin`, `np.cos`, `np.tan` call the C library; NumPy may use its "
              "own SIMD code. Values that differ from NumPy's, and the largest distance in ulps, over 10^6 random "
              "inputs:",
              "", "| function | inputs | values that differ | max ulps |", "|---|---|---:|---:|"]
    for name, (low, high) in ULP_RANGES.items():
        x = rng.uniform(low, high, N)
        if name == "log":
            x = np.exp(x)
        ours, numpys = jit[name](x), getattr(np, name)(x)
        distance = np.abs(ours.view(np.int64) - numpys.view(np.int64))
        shown = f"exp(uniform({low:g}, {high:g}))" if name == "log" else f"uniform({low:g}, {high:g})"
        lines.append(f"| np.{name} | {shown} | {int((distance != 0).sum())} | {int(distance.max())} |")
    (results / "array_expressions.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
