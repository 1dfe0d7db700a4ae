"""prange loops on threads (parallel=True) against the same loops serial, and Numba's parallel=True.

    python benchmarks/prange.py            writes results/prange.{json,md}

One source text is the jitcell cell (compiled with and without parallel=True) and Numba's functions
(`@njit(parallel=True)` and `@njit`, `prange` from numba). jitcell's values must equal the serial
loop's (the float sum within rounding: each chunk sums its own part); timed in interleaved rounds
(side_by_side.py). The machine's load (`uptime`) is recorded at the start and the end: on a shared
machine with other work running, threads compete for the same cores and the speedups shrink.

- sum_squares: s += a[i] * a[i] over 10**7 float64 (memory bound: 80 MB read once).
- stencil: a 5-point 2-D stencil over 2000 x 2000, rows in prange, columns in an inner loop.
- heavy: 20 sin and exp per element of 200,000 (compute bound: where threads help most).
- tiny: prange over 4 iterations with a trivial body: the cost of a parallel loop itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from side_by_side import RESULTS, interleaved, machine, results_table

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SOURCE = '''\
import math


def sum_squares(a: float[:]) -> float:
    s = 0.0
    for i in prange(len(a)):
        s += a[i] * a[i]
    return s


def stencil(grid: float[:, :], out: float[:, :]) -> float:
    rows = grid.shape[0]
    cols = grid.shape[1]
    for i in prange(1, rows - 1):
        for j in range(1, cols - 1):
            out[i, j] = 0.25 * (grid[i - 1, j] + grid[i + 1, j] + grid[i, j - 1] + grid[i, j + 1])
    return out[rows // 2, cols // 2]


def heavy(a: float[:], out: float[:]) -> float:
    for i in prange(len(a)):
        x = a[i]
        acc = 0.0
        for k in range(20):
            acc += math.sin(x + k) * math.exp(-x * k * 0.01)
        out[i] = acc
    return out[0]


def tiny(n: int) -> int:
    s = 0
    for i in prange(n):
        s += i
    return s
'''
SYSTEMS = ["jitcell parallel", "jitcell serial", "Numba parallel", "Numba serial"]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    import numba

    import jitcell

    load_before = uptime()
    cell = "from jitcell import prange\n" + SOURCE
    parallel = jitcell.compile_cell(cell, parallel=True).functions
    serial = jitcell.compile_cell(cell).functions
    namespace: dict = {"prange": numba.prange}
    exec(compile(SOURCE, "numba_source", "exec"), namespace)
    kernels = ("sum_squares", "stencil", "heavy", "tiny")
    numba_parallel = {name: numba.njit(parallel=True)(namespace[name]) for name in kernels}
    numba_serial = {name: numba.njit(namespace[name]) for name in kernels}
    rng = np.random.default_rng(0)
    a = rng.random(10**7)
    grid = rng.random((2000, 2000))
    outs = {system: np.zeros_like(grid) for system in SYSTEMS}
    small = rng.random(200_000)
    heavy_outs = {system: np.zeros_like(small) for system in SYSTEMS}
    cases = [("sum_squares", 10**7, lambda f, s: f(a)), ("stencil", 2000 * 2000, lambda f, s: f(grid, outs[s])),
             ("heavy", 200_000, lambda f, s: f(small, heavy_outs[s])), ("tiny", 4, lambda f, s: f(4))]
    functions = {"jitcell parallel": parallel, "jitcell serial": serial, "Numba parallel": numba_parallel,
                 "Numba serial": numba_serial}
    rows = []
    for kernel, n, call in cases:
        values = {system: call(functions[system][kernel], system) for system in SYSTEMS}
        reference = values["jitcell serial"]
        assert values["jitcell parallel"] == reference if kernel != "sum_squares" else \
            abs(values["jitcell parallel"] - reference) <= 1e-12 * abs(reference), (kernel, values)
        np.testing.assert_array_equal(outs["jitcell serial"], outs["jitcell parallel"])
        np.testing.assert_array_equal(heavy_outs["jitcell serial"], heavy_outs["jitcell parallel"])
        calls = {system: (lambda f=functions[system][kernel], s=system, c=call: c(f, s)) for system in SYSTEMS}
        times = interleaved(calls, samples=7, sample_seconds=0.3)
        rows.append({"kernel": kernel, "n": n, **times})
    info = machine(numba=numba.__version__, threads=str(jitcell.get_num_threads()))
    load_after = uptime()
    text = "\n".join([
        "# prange: parallel loops on threads", "",
        f"{info['date']}: {info['processor']}, Python {info['python']}, Numba {info['numba']}, "
        f"{info['threads']} threads (the machine's cores; JITCELL_NUM_THREADS and Numba's default). Times in "
        "ms per call, each the minimum over interleaved rounds (benchmarks/side_by_side.py); "
        "`jitcell parallel / X` is the parallel loop's time over X's (below 1: faster).", "",
        f"Load before: `{load_before}`", "", f"Load after: `{load_after}`", "",
        "The machine is shared with other work (other engineers' builds and tests run on its cores at the "
        "same time), so the threads of a parallel loop compete with them: the speedups below are what a "
        "loaded machine gives, not what an idle one would.", "",
        *results_table(rows, SYSTEMS, ["n"], reference="jitcell parallel"), ""])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "prange.json").write_text(json.dumps({"machine": {**info, "uptime_before": load_before,
                                                                 "uptime_after": load_after},
                                                     "rows": rows}, indent=1) + "\n")
    (RESULTS / "prange.md").write_text(text)
    print(text)


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"{time.monotonic() - started:.0f} s")
