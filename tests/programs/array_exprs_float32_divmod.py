# Floor division and remainder of float32 arrays: NumPy's npy_divmodf, every step in float32
# (fmod, the quotient, the floor and its snapping), so the bits are NumPy's; by zero: inf/nan and
# NumPy's fmod, the remainder with the divisor's sign.
from __future__ import annotations

import numpy as np


def floor_div(a: float32[:], b: float32[:]) -> float32[:]:
    return a // b


def remainder(a: float32[:], b: float32[:]) -> float32[:]:
    return a % b


def by_scalar(a: float32[:, :]) -> tuple[float32[:, :], float32[:, :]]:
    return a // 0.7, a % -0.3


def in_place(a: float32[:]) -> None:
    a //= 0.1
    a %= 7.0


def mixed(a: float32[:], b: float[:]) -> float[:]:
    return a // b


#> floor_div(np.linspace(-10, 10, 201, dtype=np.float32), np.full(201, 0.3, dtype=np.float32))
#> floor_div(np.sin(np.arange(500.0)).astype(np.float32) * 1e4, np.cos(np.arange(500.0)).astype(np.float32))
#> floor_div(np.array([1.0, -1.0, 0.0, np.inf, np.nan], dtype=np.float32), np.zeros(5, dtype=np.float32))
#> remainder(np.linspace(-10, 10, 201, dtype=np.float32), np.full(201, -0.3, dtype=np.float32))
#> remainder(np.sin(np.arange(500.0)).astype(np.float32) * 1e6, np.cos(np.arange(500.0)).astype(np.float32))
#> remainder(np.array([1.0, -1.0, 0.0, -0.0], dtype=np.float32), np.array([0.0, 0.0, 2.0, -2.0], dtype=np.float32))
#> by_scalar(np.linspace(-5, 5, 60, dtype=np.float32).reshape(6, 10))
#> in_place(np.linspace(-3, 3, 50, dtype=np.float32))
#> mixed(np.linspace(-3, 3, 50, dtype=np.float32), np.full(50, 0.1))
