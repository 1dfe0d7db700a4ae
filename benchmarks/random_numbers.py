"""Random numbers: jitcell against Numba and CPython.

    python benchmarks/random_numbers.py     writes results/random_numbers.{json,md}

One source text (`SOURCE`) is a jitcell cell, Numba's functions (njit ignores the annotations)
and plain Python; timed in interleaved rounds (side_by_side.py). jitcell's
results must be CPython's (same seed, same numbers); Numba seeds its generators its own way
(its random.seed is init_genrand, not CPython's init_by_array), so its results are only checked
to be near jitcell's.

- pi: a Monte Carlo estimate of pi, 5 * 10**6 points of two `random.random()` draws (10**7 draws).
- dice: the sum of 10**6 `random.randint(1, 6)`.
- gauss: the sum of 10**6 `random.gauss(0.0, 1.0)`.
- np_normal: the sum of 10**6 `np.random.normal(0.0, 1.0)` (NumPy's legacy polar method).
- np_random_n, np_normal_n: one array of 10**6 draws, `np.random.random(n)` and
  `np.random.normal(0.0, 1.0, n)`; run as Python the same source is NumPy itself (the
  "NumPy" column), and jitcell's arrays must be NumPy's, bit for bit. Numba's np.random.seed
  is NumPy's too: its arrays are checked to be near.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import numpy as np
from side_by_side import interleaved, machine, with_cpython_scaled, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import random
import numpy as np


def pi(n: int) -> float:
    random.seed(12345)
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


def dice(n: int) -> int:
    random.seed(12345)
    total = 0
    for _ in range(n):
        total += random.randint(1, 6)
    return total


def gauss(n: int) -> float:
    random.seed(12345)
    total = 0.0
    for _ in range(n):
        total += random.gauss(0.0, 1.0)
    return total


def np_normal(n: int) -> float:
    np.random.seed(12345)
    total = 0.0
    for _ in range(n):
        total += np.random.normal(0.0, 1.0)
    return total


def np_random_n(n: int) -> float[:]:
    np.random.seed(12345)
    return np.random.random(n)


def np_normal_n(n: int) -> float[:]:
    np.random.seed(12345)
    return np.random.normal(0.0, 1.0, n)
'''
ARRAYS = {"np_random_n": 1_000_000, "np_normal_n": 1_000_000}  # name: n (NumPy runs the full n)

CASES = {  # name: (n, n for CPython, how close Numba's value must be)
    "pi": (5_000_000, 200_000, 0.01),
    "dice": (1_000_000, 100_000, 20_000),
    "gauss": (1_000_000, 100_000, 10_000),
    "np_normal": (1_000_000, 100_000, 10_000),
}


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile("from __future__ import annotations\n" + SOURCE, "<random_numbers>", "exec"), python)
    info = machine(Numba=numba.__version__)
    rows = []
    for name, (n, small, tolerance) in CASES.items():
        numbaed = numba.njit(python[name])
        assert python[name](small) == jit[name](small), name
        reference = jit[name](n)
        assert abs(numbaed(n) - reference) <= tolerance, (name, numbaed(n), reference)
        times = with_cpython_scaled({"jitcell": partial(jit[name], n), "Numba": partial(numbaed, n)},
                                    partial(python[name], small), n / small)
        rows.append({"kernel": name, "n": n, **times})
        print(rows[-1], flush=True)
    for name, n in ARRAYS.items():
        numbaed = numba.njit(python[name])
        expected = python[name](n)
        assert jit[name](n).tobytes() == expected.tobytes(), name
        assert np.allclose(numbaed(n), expected), name
        times = interleaved({"jitcell": partial(jit[name], n), "Numba": partial(numbaed, n),
                             "NumPy": partial(python[name], n)})
        rows.append({"kernel": name, "n": n, **times})
        print(rows[-1], flush=True)
    print(write_results("random_numbers", "# Random numbers",
                        "Source: benchmarks/random_numbers.py. Goal: pi within 10% of Numba's time "
                        "(jitcell / Numba at most 1.10). The `_n` kernels return an array of n draws; "
                        "their NumPy column is the same source run by CPython.", rows,
                        ["jitcell", "Numba", "CPython (scaled)", "NumPy"], info, columns=["n"]))


if __name__ == "__main__":
    main()
