# Slices of arrays are views: start, stop and step (negative, omitted, out of range), rows
# a[i] and columns a[:, j] of 2-D arrays, a[i][j], views of views, len/shape/iteration of a
# view, views passed to other functions and returned (as NumPy views of the argument).
import numpy as np


def total(a: float[:]) -> float:
    s = 0.0
    for x in a:
        s += x
    return s


def inner(a: float[:]) -> float:
    return total(a[1:-1])


def weighted(a: float[:]) -> float:
    s = 0.0
    k = 1.0
    for x in a[::2]:
        s += x * k
        k += 1.0
    return s


def sliced(a: int[:], start: int, stop: int, step: int) -> int[:]:
    return a[start:stop:step]


def head(a: int[:], stop: int) -> int[:]:
    return a[:stop]


def tail(a: int[:], start: int) -> int[:]:
    return a[start:]


def backwards(a: int[:], step: int) -> int[:]:
    return a[::step]


def reversed_view(a: float[:]) -> float[:]:
    return a[::-1]


def lengths(a: float[:]) -> tuple[int, int, int, int, int]:
    return len(a[1:-1]), len(a[::2]), len(a[::-3]), len(a[5:2]), a[2:].shape[0]


def row(m: float[:, :], i: int) -> float[:]:
    return m[i]


def column(m: float[:, :], j: int) -> float[:]:
    return m[:, j]


def block(m: int[:, :], i: int, j: int, k: int, l: int) -> int[:, :]:
    return m[i:j, k:l]


def corner_sum(m: int[:, :]) -> int:
    s = 0
    b = m[1:, ::-1]
    for i in range(b.shape[0]):
        for j in range(b.shape[1]):
            s += b[i, j] * (10 * i + j)
    return s


def item_of_row(m: float[:, :], i: int, j: int) -> float:
    return m[i][j]


def trace(m: float[:, :]) -> float:
    s = 0.0
    for i in range(min(m.shape[0], m.shape[1])):
        s += m[i][i]
    return s


def row_shape(m: bool[:, :], i: int) -> tuple[int, int]:
    r = m[i, 1:]
    return r.shape[0], r.ndim


def view_of_view(a: int[:]) -> int[:]:
    b = a[1:]
    c = b[::2]
    return c[::-1]


def write_through(a: float[:]) -> None:
    v = a[::2]
    for i in range(len(v)):
        v[i] = -v[i]


def write_column(m: int[:, :], j: int) -> None:
    c = m[:, j]
    for i in range(len(c)):
        c[i] += 100


def fresh(n: int) -> float[:]:
    a = np.zeros(n)
    for i in range(n):
        a[i] = i * 1.5
    return a[n // 2:]


def fresh_column(n: int) -> int[:]:
    m = np.zeros((n, 3), dtype=int)
    for i in range(n):
        for j in range(3):
            m[i, j] = 10 * i + j
    return m[::-1, 1]


def both(a: float[:]) -> tuple[float[:], float[:]]:
    return a[:2], a[2:]


def copy_of(a: float[:]) -> float[:]:
    c = a[::-2].copy()
    c[0] = 99.0
    return c


def copy_2d(m: int[:, :]) -> int[:, :]:
    return m[:, ::2].copy()


def sum_rows(m: float[:, :]) -> float:
    s = 0.0
    for i in range(m.shape[0]):
        s += total(m[i])
    return s


#> inner(np.arange(10.0))
#> inner(np.arange(2.0))
#> weighted(np.arange(7.0))
#> weighted(np.arange(20.0)[::-3])
#> sliced(np.arange(10), 1, 8, 3)
#> sliced(np.arange(10), -2, -9, -2)
#> sliced(np.arange(10), 8, 1, 1)
#> sliced(np.arange(10), -100, 100, 4)
#> sliced(np.arange(10), 100, -100, -3)
#> sliced(np.arange(10), 3, 3, -1)
#> sliced(np.arange(10), 0, 10, 2**63 - 1)
#> sliced(np.arange(10), 9, -11, -2**63)
#> sliced(np.arange(10), 2, 5, 0)
#> sliced(np.arange(0), 0, 5, 1)
#> head(np.arange(6), 3)
#> head(np.arange(6), -1)
#> head(np.arange(6), 100)
#> tail(np.arange(6), -2)
#> tail(np.arange(6), 7)
#> backwards(np.arange(7), -1)
#> backwards(np.arange(7), -3)
#> backwards(np.arange(7), 0)
#> reversed_view(np.arange(5.0)[1::2])
#> lengths(np.arange(10.0))
#> lengths(np.arange(3.0))
#> row(np.arange(12.0).reshape(3, 4), 1)
#> row(np.arange(12.0).reshape(3, 4), -1)
#> row(np.arange(12.0).reshape(3, 4), 3)
#> row(np.arange(12.0).reshape(3, 4), -4)
#> row(np.arange(12.0).reshape(3, 4).T, 2)
#> column(np.arange(12.0).reshape(3, 4), 2)
#> column(np.arange(12.0).reshape(3, 4), -4)
#> column(np.arange(12.0).reshape(3, 4), 4)
#> block(np.arange(20).reshape(4, 5), 1, 3, 1, -1)
#> block(np.arange(20).reshape(4, 5), 3, 1, 0, 5)
#> block(np.arange(20).reshape(4, 5), -100, 100, -2, 100)
#> corner_sum(np.arange(20).reshape(4, 5))
#> item_of_row(np.arange(12.0).reshape(3, 4), 2, 3)
#> item_of_row(np.arange(12.0).reshape(3, 4), -1, -4)
#> item_of_row(np.arange(12.0).reshape(3, 4), 1, 4)
#> item_of_row(np.arange(12.0).reshape(3, 4), 5, 0)
#> trace(np.arange(16.0).reshape(4, 4))
#> row_shape(np.zeros((2, 5), dtype=bool), 1)
#> view_of_view(np.arange(10))
#> write_through(np.arange(7.0))
#> write_through(np.arange(12.0)[::-1])
#> write_column(np.arange(12).reshape(4, 3), 1)
#> write_column(np.arange(12).reshape(4, 3), -3)
#> fresh(7)
#> fresh(0)
#> fresh_column(4)
#> both(np.arange(5.0))
#> copy_of(np.arange(7.0))
#> copy_2d(np.arange(12).reshape(3, 4))
#> sum_rows(np.arange(12.0).reshape(4, 3))
