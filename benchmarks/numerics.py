"""Numeric kernels of the statements-and-numerics issue: jitcell against Numba, NumPy and CPython.

    python benchmarks/numerics.py     writes results/numerics.{json,md}

One source text (`SOURCE`) is a jitcell cell, Numba's functions (njit ignores the annotations) and
plain Python; timing in interleaved rounds (side_by_side.py).

- black_scholes: call and put prices of 10**6 options over float arrays, with module constants and
  `math.erf` (the cumulative normal); NumPy's whole-array version of the same formula beside it.
  jitcell's prices must equal CPython's bit for bit (the same libm erf, exp, log, sqrt).
- mandelbrot_uint8: a complex-valued Mandelbrot writing escape counts into a 400x400 uint8 image
  (NumPy's uint8 wrapping is not reached: counts stay below 256). jitcell's image must be CPython's.
- hypot_expression: `np.sqrt(a * a + b * b)` over 10**6 floats, one fused loop in jitcell, against
  NumPy itself and Numba compiling the same expression.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from side_by_side import interleaved, machine, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import math
import numpy as np

RISK_FREE = 0.02
VOLATILITY = 0.30
SQRT_HALF = 0.7071067811865476


def black_scholes(price: float[:], strike: float[:], years: float[:], call: float[:], put: float[:]) -> None:
    for i in range(len(price)):
        s = price[i]
        k = strike[i]
        t = years[i]
        root = VOLATILITY * math.sqrt(t)
        d1 = (math.log(s / k) + (RISK_FREE + 0.5 * VOLATILITY * VOLATILITY) * t) / root
        d2 = d1 - root
        cnd1 = 0.5 * (1.0 + math.erf(d1 * SQRT_HALF))
        cnd2 = 0.5 * (1.0 + math.erf(d2 * SQRT_HALF))
        discounted = k * math.exp(-RISK_FREE * t)
        call[i] = s * cnd1 - discounted * cnd2
        put[i] = discounted * (1.0 - cnd2) - s * (1.0 - cnd1)


def mandelbrot_uint8(image: np.uint8[:, :], limit: int) -> None:
    height = image.shape[0]
    width = image.shape[1]
    for y in range(height):
        for x in range(width):
            c = complex(-2.0 + 2.5 * x / width, -1.25 + 2.5 * y / height)
            z = 0j
            k = 0
            while k < limit and abs(z) <= 2.0:
                z = z * z + c
                k += 1
            image[y, x] = k


def hypot_expression(a: float[:], b: float[:]) -> float[:]:
    return np.sqrt(a * a + b * b)
'''


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import math

    import numba
    import numpy as np

    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<numerics>", "exec"), python)
    nb = {name: numba.njit(python[name]) for name in ("black_scholes", "mandelbrot_uint8", "hypot_expression")}
    info = machine(Numba=numba.__version__, NumPy=np.__version__)
    rng = np.random.default_rng(7)
    rows = []

    n = 1_000_000
    price, strike, years = rng.uniform(10, 100, n), rng.uniform(10, 100, n), rng.uniform(0.1, 3.0, n)
    outputs = {name: (np.empty(n), np.empty(n)) for name in ("jitcell", "Numba", "CPython")}
    small = 20_000
    python["black_scholes"](price[:small], strike[:small], years[:small], *(o[:small] for o in outputs["CPython"]))
    jit["black_scholes"](price, strike, years, *outputs["jitcell"])
    nb["black_scholes"](price, strike, years, *outputs["Numba"])
    pairs = zip(outputs["jitcell"], outputs["CPython"], strict=True)
    assert all(np.array_equal(a[:small], b[:small]) for a, b in pairs)  # bit for bit
    assert all(np.allclose(a, b) for a, b in zip(outputs["jitcell"], outputs["Numba"], strict=True))
    erf = np.frompyfunc(math.erf, 1, 1)  # NumPy has no erf of its own: its whole-array form needs this

    def numpy_version():
        root = 0.30 * np.sqrt(years)
        d1 = (np.log(price / strike) + (0.02 + 0.5 * 0.30 * 0.30) * years) / root
        d2 = d1 - root
        cnd1 = 0.5 * (1.0 + erf(d1 * 0.7071067811865476).astype(float))
        cnd2 = 0.5 * (1.0 + erf(d2 * 0.7071067811865476).astype(float))
        discounted = strike * np.exp(-0.02 * years)
        return price * cnd1 - discounted * cnd2, discounted * (1.0 - cnd2) - price * (1.0 - cnd1)

    assert np.allclose(numpy_version()[0], outputs["jitcell"][0])
    times = interleaved({"jitcell": partial(jit["black_scholes"], price, strike, years, *outputs["jitcell"]),
                         "Numba": partial(nb["black_scholes"], price, strike, years, *outputs["Numba"]),
                         "NumPy": numpy_version}, samples=5)
    rows.append({"kernel": "black_scholes", "n": n, **times})
    print(rows[-1], flush=True)

    images = {name: np.zeros((400, 400), dtype=np.uint8) for name in ("jitcell", "Numba", "CPython")}
    jit["mandelbrot_uint8"](images["jitcell"], 200)
    nb["mandelbrot_uint8"](images["Numba"], 200)
    small_image = np.zeros((40, 40), dtype=np.uint8)
    check = np.zeros((40, 40), dtype=np.uint8)
    python["mandelbrot_uint8"](small_image, 200)
    jit["mandelbrot_uint8"](check, 200)
    assert np.array_equal(small_image, check) and np.array_equal(images["jitcell"], images["Numba"])
    times = interleaved({"jitcell": partial(jit["mandelbrot_uint8"], images["jitcell"], 200),
                         "Numba": partial(nb["mandelbrot_uint8"], images["Numba"], 200)}, samples=5)
    rows.append({"kernel": "mandelbrot_uint8", "n": 400 * 400, **times})
    print(rows[-1], flush=True)

    a, b = rng.standard_normal(n), rng.standard_normal(n)
    assert np.array_equal(jit["hypot_expression"](a, b), np.sqrt(a * a + b * b))
    times = interleaved({"jitcell": partial(jit["hypot_expression"], a, b),
                         "Numba": partial(nb["hypot_expression"], a, b),
                         "NumPy": partial(python["hypot_expression"], a, b)}, samples=7)
    rows.append({"kernel": "hypot_expression", "n": n, **times})
    print(rows[-1], flush=True)

    print(write_results("numerics", "# numeric kernels: arrays, complex numbers, module constants",
                        "Source: benchmarks/numerics.py. NumPy's Black-Scholes calls Python's math.erf per "
                        "element (NumPy has no erf), which is most of its time.", rows,
                        ["jitcell", "Numba", "NumPy"], info, columns=["n"]))


if __name__ == "__main__":
    main()
