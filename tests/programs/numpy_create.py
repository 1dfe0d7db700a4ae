# NumPy's creation functions in compiled code: np.arange (ints and floats, filled as NumPy fills
# them), np.linspace (NumPy's formula, bit for bit), np.full, np.full_like, np.copy; and the
# errors NumPy raises for a zero step or a negative number of samples.
from __future__ import annotations

import numpy as np


def arange_stop(n: int) -> int[:]:
    return np.arange(n)


def arange_int(start: int, stop: int, step: int) -> int[:]:
    return np.arange(start, stop, step)


def arange_float(start: float, stop: float, step: float) -> float[:]:
    return np.arange(start, stop, step)


def arange_mixed(n: int) -> float[:]:
    return np.arange(0, n, 0.1)


def linspace(start: float, stop: float, num: int) -> float[:]:
    return np.linspace(start, stop, num)


def linspace_open(start: float, stop: float, num: int) -> float[:]:
    return np.linspace(start, stop, num, endpoint=False)


def linspace_default(stop: int) -> float[:]:
    return np.linspace(0, stop)


def full(n: int, m: int, v: float) -> float[:, :]:
    return np.full((n, m), v)


def full_int(n: int) -> int[:]:
    return np.full(n, 7)


def full_bool(n: int) -> bool[:]:
    return np.full(n, True)


def full_dtype(n: int) -> float[:]:
    return np.full(n, 3, dtype=float)


def full_like(a: int[:, :], v: int) -> int[:, :]:
    return np.full_like(a, v)


def likes(a: float[:]) -> float:
    z = np.zeros_like(a)
    o = np.ones_like(a)
    e = np.empty_like(a)
    e[:] = 2.0
    return z.sum() + o.sum() + e.sum()


def copy_is_new(a: float[:]) -> float[:]:
    b = np.copy(a)
    b[0] = 99.0
    return b


#> arange_stop(5)
#> arange_stop(0)
#> arange_stop(-3)
#> arange_int(2, 11, 3)
#> arange_int(10, -3, -4)
#> arange_int(0, 5, -1)
#> arange_int(1, 5, 0)
#> arange_float(0.0, 1.0, 0.1)
#> arange_float(1.0, 0.0, -0.3)
#> arange_float(0.5, 7.25, 0.75)
#> arange_float(0.0, 1.0, 0.0)
#> arange_float(0.0, float("nan"), 1.0)
#> arange_float(1e-3, 1.0, 1e-2)
#> arange_mixed(2)
#> linspace(0.0, 1.0, 7)
#> linspace(-3.5, 11.25, 50)
#> linspace(1.0, 1.0, 4)
#> linspace(0.0, 1e-310, 5)
#> linspace(2.0, 5.0, 1)
#> linspace(2.0, 5.0, 0)
#> linspace(2.0, 5.0, -1)
#> linspace_open(0.0, 1.0, 10)
#> linspace_open(2.0, 5.0, 1)
#> linspace_default(3)
#> full(2, 3, 1.5)
#> full(2, -1, 1.5)
#> full_int(4)
#> full_bool(3)
#> full_dtype(2)
#> full_like(np.arange(6).reshape(2, 3), -4)
#> likes(np.arange(5.0))
#> copy_is_new(np.arange(3.0))
