"""Whole-array expressions over complex128 and uint64 arrays: jitcell against NumPy and Numba.

    python benchmarks/complex_uint64_arrays.py     writes results/complex_uint64_arrays.{json,md}

Each kernel is one function over 10**6 elements, compiled by jitcell (one fused loop, one
result array), run by NumPy (a temporary per operation) and compiled by Numba (`@njit` of the
same source: Numba fuses array expressions too). Timed in interleaved rounds (side_by_side.py).
jitcell's results must be NumPy's bit for bit (NaNs apart); Numba's are only checked to be close
(its complex multiplication and division are LLVM's, not NumPy's vectorized loops).

- complex_fma: `a * b + c` over complex128.
- complex_abs: `np.abs(a)` of complex128 (NumPy's vectorized scaled hypot).
- uint64_div: `(a * b + 7) // 3` over uint64 (wrapping products, an unsigned division).
- complex_prod: `np.prod(a)` of complex128 (NumPy's reduce loop, no vectorization).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from side_by_side import interleaved, machine, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import numpy as np


def complex_fma(a: complex[:], b: complex[:], c: complex[:]) -> complex[:]:
    return a * b + c


def complex_abs(a: complex[:]) -> float[:]:
    return np.abs(a)


def uint64_div(a: uint64[:], b: uint64[:]) -> uint64[:]:
    return (a * b + 7) // 3


def complex_prod(a: complex[:]) -> complex:
    return np.prod(a)
'''
N = 10**6


def _numba_source() -> str:
    """The same functions for Numba: annotations left unevaluated, and uint64 constants spelled
    np.uint64 (Numba follows NumPy 1, where a Python int makes uint64 arithmetic float64)."""
    return "from __future__ import annotations\n" + SOURCE.replace("+ 7) // 3", "+ np.uint64(7)) // np.uint64(3)")


def _same(ours, numpys) -> bool:
    ours, numpys = np.atleast_1d(ours), np.atleast_1d(numpys)
    if ours.dtype.kind == "c":
        ours, numpys = ours.view(np.float64), numpys.view(np.float64)
    return ours.dtype == numpys.dtype and bool(np.array_equal(ours, numpys, equal_nan=ours.dtype.kind == "f"))


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    namespace: dict = {}
    exec(compile(_numba_source(), "<numba>", "exec"), namespace)
    rng = np.random.default_rng(1)
    z = [rng.standard_normal(N) + 1j * rng.standard_normal(N) for _ in range(3)]
    u = [rng.integers(0, 2**64, N, dtype=np.uint64) for _ in range(2)]
    unit = np.exp(1j * rng.uniform(-3.0, 3.0, N))
    cases = {
        "complex_fma": ((z[0], z[1], z[2]), lambda a, b, c: a * b + c),
        "complex_abs": ((z[0],), np.abs),
        "uint64_div": ((u[0], u[1]), lambda a, b: (a * b + 7) // 3),
        "complex_prod": ((unit,), np.prod),
    }
    info = machine(NumPy=np.__version__, Numba=numba.__version__)
    rows = []
    for name, (args, numpy_call) in cases.items():
        numba_function = numba.njit(namespace[name])
        ours, numpys = jit[name](*args), numpy_call(*args)
        assert _same(ours, numpys), name
        theirs = numba_function(*args)
        assert theirs.dtype == numpys.dtype if isinstance(theirs, np.ndarray) else True, name
        assert np.allclose(theirs, numpys, rtol=1e-9) if numpys.dtype.kind != "u" else np.array_equal(theirs, numpys)
        times = interleaved({"jitcell": lambda f=jit[name], a=args: f(*a),
                             "NumPy": lambda f=numpy_call, a=args: f(*a),
                             "Numba": lambda f=numba_function, a=args: f(*a)}, samples=7)
        rows.append({"kernel": name, "n": N, **times})
        print(rows[-1], flush=True)
    print(write_results("complex_uint64_arrays", "# complex128 and uint64 array expressions",
                        "Source: benchmarks/complex_uint64_arrays.py. Each call allocates its result (16 MB for "
                        "complex): on a loaded machine (see the load average) the memory traffic of the other "
                        "processes makes these ratios noisy.", rows, ["jitcell", "NumPy", "Numba"], info,
                        columns=["n"]))


if __name__ == "__main__":
    main()
