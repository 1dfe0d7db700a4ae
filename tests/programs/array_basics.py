# Arrays: indexing (negative indices count from the end), len, shape, size, ndim, for loops,
# assignment into elements (seen by the caller: the memory is shared), 1-D and 2-D.
from __future__ import annotations

import numpy as np


def first_last(a: float[:]) -> tuple[float, float]:
    return a[0], a[-1]


def total(a: float[:]) -> float:
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s


def total_backwards(a: float[:]) -> float:
    s = 0.0
    for i in range(-1, -len(a) - 1, -1):
        s += a[i]
    return s


def each(a: int[:]) -> int:
    s = 0
    for x in a:
        s += x * x
    return s


def count_true(flags: bool[:]) -> int:
    n = 0
    for f in flags:
        if f:
            n += 1
    return n


def describe(m: float[:, :]) -> str:
    rows, cols = m.shape
    return f"{rows}x{cols} size={m.size} ndim={m.ndim} len={len(m)} corner={m[-1, -1]}"


def trace(m: int64[:, :]) -> int:
    t = 0
    for i in range(min(m.shape[0], m.shape[1])):
        t += m[i, i]
    return t


def fill(a: float[:], value: float) -> None:
    for i in range(len(a)):
        a[i] = value


def double_in_place(a: int[:]) -> int:
    for i in range(len(a)):
        a[i] *= 2
    return a[len(a) - 1]


def increments(m: float[:, :]) -> None:
    n, k = m.shape
    for i in range(n):
        for j in range(k):
            m[i, j] += i - j / 2


def mark(flags: bool[:], a: float[:]) -> None:
    for i in range(len(a)):
        flags[i] = a[i] > 0.5


def swap_ends(a: float[:]) -> None:
    t = a[0]
    a[0] = a[-1]
    a[-1] = t


def int_into_float(a: float[:]) -> float:
    a[0] = 7
    a[1] = True
    return a[0] + a[1]


def shape_tuple(m: bool[:, :]) -> tuple[int, int]:
    return m.shape


def in_loop_condition(a: float[:], limit: float) -> int:
    i = 0
    while i < len(a) and a[i] < limit:
        i += 1
    return i


def rows_sums(m: float64[:, :], out: float64[:]) -> None:
    for i in range(m.shape[0]):
        s = 0.0
        for j in range(m.shape[1]):
            s += m[i, j]
        out[i] = s


#> first_last(np.array([1.5, 2.5, -3.0]))
#> first_last(np.array([42.0]))
#> total(np.arange(10.0))
#> total(np.zeros(0))
#> total(np.array([0.1, 0.2, 0.3, 1e100, -1e100]))
#> total_backwards(np.array([0.1, 0.2, 0.3, 1e100, -1e100]))
#> each(np.arange(-5, 6))
#> count_true(np.array([True, False, True, True]))
#> count_true(np.zeros(3, dtype=bool))
#> describe(np.arange(12.0).reshape(3, 4))
#> describe(np.ones((1, 1)))
#> trace(np.arange(20).reshape(4, 5))
#> trace(np.arange(20).reshape(5, 4))
#> fill(np.zeros(4), 2.5)
#> double_in_place(np.array([1, -2, 3]))
#> increments(np.zeros((3, 2)))
#> mark(np.zeros(4, dtype=bool), np.array([0.1, 0.9, 0.5, 0.7]))
#> swap_ends(np.array([1.0, 2.0, 3.0]))
#> int_into_float(np.zeros(2))
#> shape_tuple(np.zeros((0, 7), dtype=bool))
#> in_loop_condition(np.array([1.0, 2.0, 3.0, 4.0]), 3.5)
#> in_loop_condition(np.array([1.0, 2.0]), 10.0)
#> rows_sums(np.arange(6.0).reshape(2, 3), np.zeros(2))
