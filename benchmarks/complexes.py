"""complex kernels: jitcell against Numba and CPython.

    python benchmarks/complexes.py          writes results/complexes.{json,md}

One source text (`SOURCE`) is a jitcell cell, Numba's functions and plain Python; timed in
interleaved rounds (side_by_side.py). jitcell must return CPython's value bit for
bit; Numba's is only checked to be close (its complex division and power are LLVM's and
NumPy's, not CPython's algorithms).

- mandelbrot: escape counts over a grid (`z * z + c`, `abs`), the scalar inner loop.
- rational: a rational function by Horner's rule, one complex division per point (Smith's method).
- powers: `z ** 3` and `z ** -2` per point (CPython's c_powi: binary powering, a reciprocal).
- cmath_exp: `cmath.exp` per point; jitcell calls CPython's cmath under the GIL (about 1 µs).
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from side_by_side import machine, with_cpython_scaled, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import cmath


def mandelbrot(n: int, limit: int) -> int:
    total = 0
    for i in range(n):
        for j in range(n):
            c = complex(-2.0 + 2.5 * i / n, -1.25 + 2.5 * j / n)
            z = 0j
            k = 0
            while k < limit and abs(z) <= 2.0:
                z = z * z + c
                k += 1
            total += k
    return total


def rational(n: int) -> complex:
    s = 0j
    for i in range(n):
        z = complex(i / n, 1.0 - i / n)
        top = ((z + 2) * z - 1j) * z + 3
        bottom = (z * z - 0.5j) * z + 1
        s += top / bottom
    return s


def powers(n: int) -> complex:
    s = 0j
    for i in range(n):
        z = complex(1.0 + i / n, 0.5 - i / n)
        s += z ** 3 + z ** -2
    return s


def cmath_exp(n: int) -> complex:
    s = 0j
    for i in range(n):
        s += cmath.exp(complex(0.0, i / n))
    return s
'''


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<complexes>", "exec"), python)
    cases = {  # name: (args, args for CPython (smaller), how much less work CPython's args are)
        "mandelbrot": ((200, 100), (50, 100), 16),
        "rational": ((1_000_000,), (100_000,), 10),
        "powers": ((1_000_000,), (100_000,), 10),
        "cmath_exp": ((1_000_000,), (100_000,), 10),
    }
    info = machine(Numba=numba.__version__)
    rows = []
    for name, (args, small, factor) in cases.items():
        numba_function = numba.njit(python[name])
        reference = jit[name](*args)
        assert repr(python[name](*small)) == repr(jit[name](*small)), name  # bit for bit (repr is exact)
        assert abs(numba_function(*args) - reference) <= 1e-9 * max(1.0, abs(reference)), name
        times = with_cpython_scaled({"jitcell": partial(jit[name], *args), "Numba": partial(numba_function, *args)},
                                    partial(python[name], *small), factor)
        rows.append({"kernel": name, **times})
        print(rows[-1], flush=True)
    print(write_results("complexes", "# complex kernels", "Source: benchmarks/complexes.py.", rows,
                        ["jitcell", "Numba", "CPython (scaled)"], info))


if __name__ == "__main__":
    main()
