"""Kernels over arrays of narrow dtypes and 3-D arrays: jitcell against Numba and NumPy.

    python benchmarks/dtypes.py          writes results/dtypes.{json,md}

One source text (`SOURCE`) is a jitcell cell and Numba's functions; timing as in slicing.py
(minimum over samples of at least 0.2 s). Every system must give the same result (arrays
equal, float32 bit for bit); the NumPy column is the same computation written with NumPy's own
whole-array operations, where there is one.

- uint8_sum: `s += int(a[i])` over 10**7 uint8 (the loop guard bounds a uint8 element: vectorized).
- brighten: a saturating `+ k` over a 1000 x 1000 x 3 uint8 image, walked as planes, rows, pixels.
- histogram: `counts[img[i, j]] += 1` over a 2000 x 2000 uint8 image.
- axpy32: `y[i] += a * x[i]` over 10**6 float32 (the operand and the sum rounded to float32, as
  NumPy's `y += np.float32(a) * x`; Numba adds in float64 and rounds once).
- stencil3d: a 7-point Laplacian over a 100**3 float64 cube.
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

import numpy as np
from slicing import _load, timed

HERE = Path(__file__).resolve().parent
SOURCE = '''\
from __future__ import annotations

import numpy as np


def uint8_sum(a: uint8[:]) -> int:
    s = 0
    for i in range(len(a)):
        s += int(a[i])
    return s


def brighten(img: uint8[:, :, :], k: int) -> None:
    for i in range(img.shape[0]):
        for j in range(img.shape[1]):
            for c in range(img.shape[2]):
                v = int(img[i, j, c]) + k
                img[i, j, c] = 255 if v > 255 else v


def histogram(img: uint8[:, :]) -> int[:]:
    counts = np.zeros(256, dtype=np.int64)
    for i in range(img.shape[0]):
        for j in range(img.shape[1]):
            counts[img[i, j]] += 1
    return counts


def axpy32(a: float, x: float32[:], y: float32[:]) -> None:
    for i in range(len(x)):
        y[i] += a * x[i]


def stencil3d(u: float[:, :, :], out: float[:, :, :]) -> None:
    n, m, p = u.shape
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            for k in range(1, p - 1):
                out[i, j, k] = (u[i - 1, j, k] + u[i + 1, j, k] + u[i, j - 1, k] + u[i, j + 1, k]
                                + u[i, j, k - 1] + u[i, j, k + 1] - 6.0 * u[i, j, k])
'''


def _numpy_versions() -> dict:
    def brighten(img, k):
        np.minimum(img.astype(np.int64) + k, 255, out=img, casting="unsafe")

    def stencil3d(u, out):
        out[1:-1, 1:-1, 1:-1] = (u[:-2, 1:-1, 1:-1] + u[2:, 1:-1, 1:-1] + u[1:-1, :-2, 1:-1] + u[1:-1, 2:, 1:-1]
                                 + u[1:-1, 1:-1, :-2] + u[1:-1, 1:-1, 2:] - 6.0 * u[1:-1, 1:-1, 1:-1])

    def axpy32(a, x, y):
        y += np.float32(a) * x

    return {"uint8_sum": lambda a: int(a.sum(dtype=np.int64)), "brighten": brighten,
            "histogram": lambda img: np.bincount(img.ravel(), minlength=256), "axpy32": axpy32,
            "stencil3d": stencil3d}


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import numba

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<dtypes>", "exec"), python)
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (1000, 1000, 3), dtype=np.uint8)
    x32 = rng.random(1_000_000, dtype=np.float32)
    cube = rng.random((100, 100, 100))
    cases = {  # name: (arguments, which argument is the output to compare, if not the result)
        "uint8_sum": ((rng.integers(0, 256, 10_000_000, dtype=np.uint8),), None),
        "brighten": ((image, 7), 0),
        "histogram": ((rng.integers(0, 256, (2000, 2000), dtype=np.uint8),), None),
        # a float32 value: a * x[i] is then exact in float64, and rounding it is NumPy's float32 product
        "axpy32": ((float(np.float32(0.1)), x32, rng.random(1_000_000, dtype=np.float32)), 2),
        "stencil3d": ((cube, np.zeros_like(cube)), 1),
    }
    numpy_versions = _numpy_versions()
    rows = []
    for name, (args, output) in cases.items():
        systems = {"jitcell": jit[name], "Numba": numba.njit(python[name]), "NumPy": numpy_versions[name]}
        results = []
        for function in systems.values():
            fresh = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
            value = function(*fresh)
            results.append(fresh[output] if output is not None else value)
        if name == "axpy32":  # float32 bit for bit with NumPy; Numba adds in float64 before rounding
            assert results[0].tobytes() == results[2].tobytes(), name
            assert np.allclose(results[0], results[1], rtol=1e-6), name
        else:
            assert all(np.array_equal(results[0], r) for r in results[1:]), name
        row = {"kernel": name, **{s: timed(f, [a.copy() if isinstance(a, np.ndarray) else a for a in args])
                                  for s, f in systems.items()}}
        rows.append(row)
        print(row, flush=True)
    names = ["jitcell", "Numba", "NumPy"]
    lines = ["# narrow dtypes and 3-D arrays", "",
             f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"NumPy {np.__version__}, Numba {numba.__version__}, load average {_load()}. Times in ms (min of 5 "
             "samples). Source: benchmarks/dtypes.py.", "",
             "| kernel | " + " | ".join(names) + " | Numba / jitcell | NumPy / jitcell |",
             "|---|" + "---:|" * (len(names) + 2)]
    for row in rows:
        cells = [f"{row[s] * 1e3:.3g}" for s in names]
        lines.append(f"| {row['kernel']} | " + " | ".join(cells) +
                     f" | {row['Numba'] / row['jitcell']:.2f}x | {row['NumPy'] / row['jitcell']:.2f}x |")
    (HERE / "results" / "dtypes.md").write_text("\n".join(lines) + "\n")
    (HERE / "results" / "dtypes.json").write_text(json.dumps(rows, indent=1) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
