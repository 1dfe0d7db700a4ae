"""NumPy's creation, shape, reduction and dot functions compiled by jitcell, against NumPy itself.

    python benchmarks/numpy_functions.py     writes results/numpy_functions.{json,md}

Each call is timed as the minimum over repetitions of a sample of calls lasting at least 0.1 s;
jitcell's result must equal NumPy's (bit for bit, except the float matrix product, which NumPy
computes with BLAS: there within 1e-9). jitcell runs its runtime's loops (runtime/source_numpy.py):
one thread, no SIMD kernels of NumPy's; NumPy's float sums are the same pairwise additions.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import numpy as np


def total(a: float[:]) -> float:
    return a.sum()


def int_total(a: int[:]) -> int:
    return a.sum()


def biggest(m: float[:, :]) -> float:
    return m.max()


def column_sums(m: float[:, :]) -> float[:]:
    return m.sum(axis=0)


def strided_total(m: float[:, :]) -> float:
    return m[:, ::2].sum()


def product(a: float[:, :], b: float[:, :]) -> float[:, :]:
    return a @ b


def grid(n: int) -> float[:, :]:
    return np.linspace(0.0, 1.0, n * n).reshape(n, n).T
'''

_NUMPY = {
    "total": lambda a: a.sum(), "int_total": lambda a: a.sum(), "biggest": lambda m: m.max(),
    "column_sums": lambda m: m.sum(axis=0), "strided_total": lambda m: m[:, ::2].sum(),
    "product": lambda a, b: a @ b, "grid": lambda n: np.linspace(0.0, 1.0, n * n).reshape(n, n).T,
}


def _time(f, args) -> float:
    calls, elapsed = 1, 0.0
    while elapsed < 0.1:
        start = time.perf_counter()
        for _ in range(calls):
            f(*args)
        elapsed = time.perf_counter() - start
        calls *= 2
    best = elapsed / (calls // 2)
    for _ in range(4):
        start = time.perf_counter()
        for _ in range(calls // 2):
            f(*args)
        best = min(best, (time.perf_counter() - start) / (calls // 2))
    return best


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import jitcell

    fns = jitcell.compile_cell(SOURCE, opt=2).functions
    rng = np.random.default_rng(0)
    a = rng.standard_normal(1_000_000)
    m = a.reshape(1000, 1000)
    s = rng.standard_normal((200, 200))
    cases = [("total", (a,), "1e6 floats"), ("int_total", (np.arange(1_000_000),), "1e6 ints"),
             ("biggest", (m,), "1000 x 1000"), ("column_sums", (m,), "1000 x 1000, axis=0"),
             ("strided_total", (m,), "1000 x 500 view"), ("product", (s, s), "200 x 200 @ 200 x 200"),
             ("grid", (300,), "linspace 90000 -> reshape -> .T")]
    rows = []
    for name, args, what in cases:
        mine, theirs = fns[name](*args), _NUMPY[name](*args)
        if name == "product":
            assert np.allclose(mine, theirs, rtol=1e-9, atol=1e-9), name
        else:
            assert np.asarray(mine).tobytes() == np.asarray(theirs).tobytes(), name
        jit, ref = _time(fns[name], args), _time(_NUMPY[name], args)
        rows.append({"case": name, "what": what, "jitcell_us": jit * 1e6, "numpy_us": ref * 1e6})
    out = HERE / "results"
    meta = {"python": platform.python_version(), "numpy": np.__version__, "machine": platform.machine(),
            "load": list(__import__("os").getloadavg())}
    (out / "numpy_functions.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    lines = ["# NumPy functions: jitcell against NumPy", "",
             f"Python {meta['python']}, NumPy {meta['numpy']}, {meta['machine']}, load {meta['load'][0]:.2f}. "
             "Minimum time per call; results checked equal (bits; the float @ within 1e-9).", "",
             "| case | what | jitcell (us) | NumPy (us) | jitcell / NumPy |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['case']} | {r['what']} | {r['jitcell_us']:.1f} | {r['numpy_us']:.1f} | "
                     f"{r['jitcell_us'] / r['numpy_us']:.2f} |")
    (out / "numpy_functions.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
