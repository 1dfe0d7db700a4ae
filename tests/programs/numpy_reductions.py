# np.sum, prod, min, max, mean, argmin, argmax (functions and methods), whole arrays and along an
# axis, in compiled code: float sums bit for bit as NumPy's pairwise summation gives them (arrays
# longer than its blocks of 128, strided, reversed, transposed), int sums wrapping as int64, NaN
# propagation, and NumPy's ValueError for min/max/argmin/argmax of an empty array.
from __future__ import annotations

import numpy as np


def total(a: float[:]) -> float:
    return np.sum(a)


def total_2d(m: float[:, :]) -> float:
    return m.sum()


def total_strided(a: float[:]) -> float:
    return a[::3].sum() + a[::-1].sum() * 1e-3


def total_transposed(m: float[:, :]) -> float:
    return m.T.sum()


def int_total(a: int[:]) -> int:
    return a.sum()


def bool_count(a: bool[:]) -> int:
    return np.sum(a)


def product(a: float[:]) -> float:
    return np.prod(a)


def int_product(a: int[:]) -> int:
    return a.prod()


def extremes(a: float[:]) -> tuple[float, float, int, int]:
    return np.min(a), a.max(), np.argmin(a), a.argmax()


def int_extremes(m: int[:, :]) -> tuple[int, int, int, int]:
    return m.min(), np.max(m), m.argmin(), np.argmax(m)


def bool_extremes(a: bool[:]) -> tuple[bool, bool]:
    return a.min(), a.max()


def mean(a: float[:]) -> float:
    return np.mean(a)


def int_mean(m: int[:, :]) -> float:
    return m.mean()


def sum_axis(m: float[:, :], axis: int) -> float[:]:
    if axis == 0:
        return np.sum(m, axis=0)
    return m.sum(axis=1)


def sum_last_axis(m: int[:, :]) -> int[:]:
    return m.sum(axis=-1)


def reduce_axis(m: float[:, :]) -> tuple[float[:], float[:], int[:], float[:], float[:]]:
    return m.max(axis=0), np.min(m, axis=1), m.argmax(axis=1), m.mean(axis=0), m.prod(axis=1)


def int_reduce_axis(m: int[:, :]) -> tuple[int[:], int[:], int[:], float[:]]:
    return m.min(axis=0), m.prod(axis=0), np.argmin(m, axis=0), np.mean(m, axis=1)


def sum_axis_1d(a: float[:]) -> float:
    return a.sum(axis=0)


def empty_max(n: int) -> float:
    return np.max(np.zeros(n))


def empty_argmin(n: int) -> int:
    return np.zeros(n, dtype=int).argmin()


def empty_axis(n: int) -> float[:]:
    return np.zeros((3, n)).max(axis=1)


def complex_sums(a: complex[:], m: complex[:, :]) -> tuple[complex, complex, complex, complex]:
    return np.sum(a), a.mean(), m.sum(), np.mean(m[:, ::2])


def complex_axis(m: complex[:, :]) -> tuple[complex[:], complex[:]]:
    return np.sum(m, axis=1), m.T.mean(axis=-1)


def empty_both(n: int) -> tuple[float[:], int[:]]:
    m = np.zeros((n, 0))
    return m.min(axis=1), m.argmax(axis=0)


def empty_sum(n: int) -> tuple[float, float, int]:
    return np.zeros(n).sum(), np.ones(n).prod(), np.zeros(n, dtype=int).sum()


#> total(np.arange(10.0) / 3)
#> total(np.sin(np.arange(1000.0)) * 1e10)
#> total(np.cos(np.arange(100003.0)) * np.exp(np.arange(100003.0) % 37))
#> total(np.array([-0.0, -0.0]))
#> total(np.array([1.0, np.nan, 2.0]))
#> total(np.array([np.inf, -np.inf]))
#> total_2d(np.sin(np.arange(3000.0)).reshape(60, 50) * 1e7)
#> total_2d(np.zeros((0, 3)))
#> total_strided(np.tan(np.arange(5000.0)))
#> total_transposed(np.sin(np.arange(3000.0)).reshape(60, 50) * 1e7)
#> int_total(np.arange(1000) * 3 - 7)
#> int_total(np.array([2**62, 2**62, 2**62]))
#> bool_count(np.arange(10) % 3 == 0)
#> product(np.arange(1.0, 30.0) / 7)
#> int_product(np.arange(1, 30))
#> extremes(np.array([3.0, -1.0, 7.5, -1.0, 7.5]))
#> extremes(np.array([3.0, np.nan, 7.5, np.nan]))
#> extremes(np.array([-0.0, 0.0]))
#> int_extremes(np.array([[4, 9, -2], [9, -2, 0]]))
#> bool_extremes(np.array([True, False]))
#> bool_extremes(np.array([True, True]))
#> mean(np.sin(np.arange(777.0)))
#> mean(np.zeros(0))
#> int_mean(np.arange(12).reshape(3, 4) * 1001)
#> sum_axis(np.sin(np.arange(2000.0)).reshape(40, 50), 0)
#> sum_axis(np.sin(np.arange(2000.0)).reshape(40, 50), 1)
#> sum_axis(np.sin(np.arange(2000.0)).reshape(40, 50).T, 0)
#> sum_axis(np.sin(np.arange(2000.0)).reshape(40, 50).T, 1)
#> sum_axis(np.array([[-0.0, -0.0]]), 0)
#> sum_last_axis(np.arange(12).reshape(3, 4))
#> reduce_axis(np.cos(np.arange(12.0)).reshape(3, 4))
#> reduce_axis(np.array([[1.0, np.nan], [3.0, 0.5]]))
#> int_reduce_axis(np.array([[4, 9, -2], [9, -2, 0]]))
#> sum_axis_1d(np.arange(5.0))
#> empty_max(0)
#> empty_max(2)
#> empty_argmin(0)
#> empty_axis(0)
#> empty_sum(0)
#> complex_sums(np.exp(1j * np.arange(300.0)) * 1e3, np.exp(1j * np.arange(60.0)).reshape(6, 10))
#> complex_sums(np.array([-0.0 - 0.0j]), np.array([[1e308 + 1e308j, 1e308 - 1e308j]]))
#> complex_axis(np.exp(1j * np.arange(60.0)).reshape(6, 10) * 1e5)
#> empty_both(3)
#> empty_both(0)
