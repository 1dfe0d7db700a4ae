"""Array slicing kernels: jitcell against Numba, NumPy's own vectorized form, and CPython.

    python benchmarks/slicing.py            writes results/slicing.{json,md}

One source text (`SOURCE`) is a jitcell cell, Numba's functions (njit ignores the
annotations) and plain Python. Timed in interleaved rounds (side_by_side.py); all
systems must return the same value.

- inner_sum:  `for x in a[1:-1]: s += x` (a view iterated in registers; a chain of float
  additions everywhere, NumPy's `a[1:-1].sum()` adds pairwise, so it may vectorize).
- scale_inner: `v = a[1:-1]; v[i] = v[i] * k` over the view (the stores vectorize when the
  view's stride is 1, which LLVM tests at run time; NumPy: `a[1:-1] *= k`).
- row_totals: `total(m[i])` for each row of an n x n grid (a view object per row, passed to
  another function).
- fannkuch: the permutation-flipping benchmark with `perm[:k + 1] = perm[k::-1]` slices.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import numpy as np
from side_by_side import machine, with_cpython_scaled, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import numpy as np


def inner_sum(a: float[:]) -> float:
    s = 0.0
    for x in a[1:-1]:
        s += x
    return s


def scale_inner(a: float[:], k: float) -> float:
    v = a[1:-1]
    for i in range(len(v)):
        v[i] = v[i] * k
    return v[0]


def total(r: float[:]) -> float:
    s = 0.0
    for x in r:
        s += x
    return s


def row_totals(m: float[:, :]) -> float:
    s = 0.0
    for i in range(m.shape[0]):
        s += total(m[i])
    return s


def fannkuch(n: int) -> int:
    perm1 = np.zeros(n, dtype=np.int64)
    for i in range(n):
        perm1[i] = i
    count = np.zeros(n, dtype=np.int64)
    perm = np.zeros(n, dtype=np.int64)
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm[:] = perm1
        flips = 0
        k = perm[0]
        while k != 0:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        max_flips = max(max_flips, flips)
        checksum += sign * flips
        sign = -sign
        while True:
            if r == n:
                return checksum * 1000 + max_flips
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
'''


def numpy_inner_sum(a):
    return float(a[1:-1].sum())


def numpy_scale_inner(a, k):
    a[1:-1] *= k
    return float(a[1])


def numpy_row_totals(m):
    return float(m.sum(axis=1).sum())


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    unchecked = jitcell.compile_cell(SOURCE, boundscheck=False).functions
    python: dict = {}
    exec(compile(SOURCE, "<slicing>", "exec"), python)
    numbaed = {name: numba.njit(python[name]) for name in ("inner_sum", "scale_inner", "total", "fannkuch")}
    numba_total = numbaed["total"]

    def numba_rows(m):
        s = 0.0
        for i in range(m.shape[0]):
            s += numba_total(m[i])
        return s

    numbaed["row_totals"] = numba.njit(numba_rows)
    rng = np.random.default_rng(1)
    vector, grid = rng.random(1_000_000), rng.random((1000, 1000))
    cases = {  # name: (args, args for CPython (smaller), how much less work CPython's args are)
        "inner_sum": ((vector,), (vector[:20_000],), 50),
        "scale_inner": ((vector.copy(), 1.0), (vector[:20_000].copy(), 1.0), 50),
        "row_totals": ((grid,), (grid[:20],), 50),
        "fannkuch": ((9,), (7,), 9 * 8),
    }
    numpy_forms = {"inner_sum": numpy_inner_sum, "scale_inner": numpy_scale_inner, "row_totals": numpy_row_totals}
    info = machine(NumPy=np.__version__, Numba=numba.__version__)
    rows = []
    for name, (args, small, factor) in cases.items():
        reference = jit[name](*args)
        for other in (unchecked[name], numbaed[name]):
            value = other(*args)
            assert value == reference or abs(value - reference) <= 1e-9 * abs(reference), (name, value, reference)
        calls = {"jitcell": partial(jit[name], *args), "jitcell --boundscheck off": partial(unchecked[name], *args),
                 "Numba": partial(numbaed[name], *args)}
        if name in numpy_forms:
            calls["NumPy"] = partial(numpy_forms[name], *args)
        times = with_cpython_scaled(calls, partial(python[name], *small), factor)
        rows.append({"kernel": name, "NumPy": None, **times})
        print(rows[-1], flush=True)
    print(write_results("slicing", "# Array slicing kernels", "Source: benchmarks/slicing.py.", rows,
                        ["jitcell", "jitcell --boundscheck off", "Numba", "NumPy", "CPython (scaled)"], info))


if __name__ == "__main__":
    main()
