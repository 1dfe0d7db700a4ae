# Arrays created in compiled code: np.zeros, np.ones, np.empty and their *_like forms, shapes
# as ints or tuples, dtype int, float, bool (and np.int64, np.float64, np.bool_); returned to
# Python as ndarrays, kept in locals, passed between the functions of the cell.
from __future__ import annotations

import numpy as np


def zeros(n: int) -> float[:]:
    return np.zeros(n)


def ones_int(n: int, m: int) -> int[:, :]:
    return np.ones((n, m), dtype=int)


def ones_np_dtype(n: int) -> int[:]:
    return np.ones(n, dtype=np.int64)


def flags(n: int) -> bool[:]:
    b = np.ones(n, dtype=bool)
    for i in range(0, n, 3):
        b[i] = False
    return b


def squares(n: int) -> float64[:]:
    a = np.empty(n, np.float64)
    for i in range(n):
        a[i] = i * i
    return a


def grid(n: int, m: int) -> float[:, :]:
    g = np.zeros((n, m), dtype=float)
    for i in range(n):
        for j in range(m):
            g[i, j] = i + j / 10
    return g


def shape_from_tuple(n: int) -> int[:, :]:
    shape = (n, n + 1)
    return np.zeros(shape, dtype=int)


def like(a: float[:, :]) -> int[:, :]:
    b = np.ones_like(a, dtype=int)
    c = np.zeros_like(b)
    d = np.empty_like(a)
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            d[i, j] = a[i, j] * 2
            c[i, j] = b[i, j] + int(d[i, j])
    return c


def summed(a: float[:]) -> float:
    s = 0.0
    for x in a:
        s += x
    return s


def through_calls(n: int) -> float:
    return summed(squares(n)) + summed(zeros(n)) + summed(np.ones(n))


def prefix_sums(a: int[:]) -> int[:]:
    out = np.zeros(len(a), dtype=np.int64)
    s = 0
    for i in range(len(a)):
        s += a[i]
        out[i] = s
    return out


def rebind(n: int) -> float:
    a = np.zeros(n)
    total = 0.0
    for k in range(3):
        a = np.ones(n + k)
        total += summed(a)
    return total


def pick(which: bool, n: int) -> float[:]:
    a = np.zeros(n) if which else np.ones(n)
    return a


def same_array(a: float[:]) -> float[:]:
    a[0] = -1.0
    return a


def pair(n: int) -> tuple[float[:], int]:
    return np.ones(n), n


def size_of(n: int, m: int) -> int:
    return np.empty((n, m), dtype=bool).size


def negative(n: int) -> float[:]:
    return np.zeros(n)


def negative_2d(n: int) -> int[:, :]:
    return np.ones((3, n), dtype=int)


#> zeros(5)
#> zeros(0)
#> ones_int(2, 3)
#> ones_np_dtype(4)
#> flags(7)
#> squares(6)
#> grid(3, 4)
#> shape_from_tuple(2)
#> like(np.arange(6.0).reshape(2, 3))
#> through_calls(10)
#> prefix_sums(np.array([3, -1, 4, 1, -5]))
#> rebind(4)
#> pick(True, 3)
#> pick(False, 2)
#> same_array(np.arange(3.0))
#> pair(3)
#> size_of(3, 5)
#> negative(-1)
#> negative_2d(-2)
