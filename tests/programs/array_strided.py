# Arrays that are not contiguous: slices with steps, reversed views, transposes, Fortran
# order, columns. Reads and writes go through the strides, into the caller's memory.
from __future__ import annotations

import numpy as np


def total(a: float[:]) -> float:
    s = 0.0
    for i in range(len(a)):
        s += a[i] * (i + 1)
    return s


def each(a: int[:]) -> int:
    s = 0
    k = 1
    for x in a:
        s += x * k
        k += 1
    return s


def scale(a: float[:], k: float) -> None:
    for i in range(len(a)):
        a[i] *= k


def weighted(m: float[:, :]) -> float:
    s = 0.0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j] * (i * 100 + j)
    return s


def set_diagonal(m: int[:, :], v: int) -> None:
    for i in range(min(m.shape[0], m.shape[1])):
        m[i, i] = v
    m[-1, 0] = -v


def last(a: bool[:]) -> bool:
    return a[-1]


def copy_into(src: float[:, :], dst: float[:, :]) -> None:
    for i in range(src.shape[0]):
        for j in range(src.shape[1]):
            dst[i, j] = src[i, j]


#> total(np.arange(20.0)[::3])
#> total(np.arange(20.0)[::-1])
#> total(np.arange(20.0)[17:2:-4])
#> total(np.arange(12.0).reshape(3, 4)[:, 1])
#> total(np.arange(12.0).reshape(3, 4)[2])
#> each(np.arange(10)[1::2])
#> each(np.arange(10)[::-3])
#> scale(np.arange(10.0)[::2], 3.0)
#> scale(np.arange(10.0)[::-1], -1.0)
#> weighted(np.arange(12.0).reshape(3, 4).T)
#> weighted(np.asfortranarray(np.arange(12.0).reshape(3, 4)))
#> weighted(np.arange(60.0).reshape(6, 10)[1::2, ::-3])
#> set_diagonal(np.zeros((4, 3), dtype=int).T, 7)
#> set_diagonal(np.zeros((6, 6), dtype=int)[::2, 1::2], 5)
#> last(np.array([True, False, True, False])[::2])
#> copy_into(np.arange(6.0).reshape(2, 3), np.zeros((3, 2)).T)
#> copy_into(np.arange(6.0).reshape(3, 2)[::-1], np.zeros((3, 4))[:, ::2])
