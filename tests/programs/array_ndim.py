# Arrays of 3 and more dimensions: creation from tuples, a[i, j, k], a[i] a 2-D view and
# a[i, j] a 1-D one (sharing memory), slices on each axis, shape/size/ndim/len, iteration
# over rows, slice assignment with broadcasting, copies, and NumPy's IndexError naming the axis.
from __future__ import annotations

import numpy as np


def cube(n: int, m: int, k: int) -> float[:, :, :]:
    c = np.zeros((n, m, k))
    for i in range(n):
        for j in range(m):
            for l in range(k):
                c[i, j, l] = i * 100 + j * 10 + l
    return c


def dims(c: float[:, :, :]) -> tuple[tuple[int, int, int], int, int, int]:
    return c.shape, c.size, c.ndim, len(c)


def at(c: int[:, :, :], i: int, j: int, k: int) -> int:
    return c[i, j, k]


def put(c: int[:, :, :], i: int, j: int, k: int, v: int) -> None:
    c[i, j, k] = v
    c[i, j, k] += 1


def plane(c: float[:, :, :], i: int) -> float[:, :]:
    return c[i]


def line(c: float[:, :, :], i: int, j: int) -> float[:]:
    return c[i, j]


def through_views(c: float[:, :, :]) -> float:
    p = c[1]
    r = p[2]
    r[0] = -1.0
    c[0][1][2] = -2.0
    return c[1][2][0] + c[0, 1, 2] + c[1, 2][1]


def sliced(c: int[:, :, :]) -> int[:, :, :]:
    return c[::-1, 1:, ::2]


def column(c: int[:, :, :], j: int) -> int[:, :]:
    return c[:, j, :]


def depth(c: int[:, :, :], k: int) -> int[:]:
    return c[1, :, k]


def total(c: float[:, :, :]) -> float:
    s = 0.0
    for p in c:
        for r in p:
            for x in r:
                s += x
    return s


def fill(c: float[:, :, :]) -> None:
    c[1:, :, 1] = 7.5
    c[0] = np.ones((c.shape[1], c.shape[2]))
    c[-1, -1] = c[0, 0]


def broadcast(c: int[:, :, :], row: int[:]) -> None:
    c[:, :, :] = row


def mismatch(c: int[:, :, :], m: int[:, :]) -> None:
    c[:, :, :] = m


def copied(c: uint8[:, :, :]) -> uint8[:, :, :]:
    d = c[:, ::-1].copy()
    d[0, 0, 0] = 99
    return d


def four(n: int) -> tuple[int[:, :, :, :], int]:
    h = np.zeros((2, n, 3, 2), dtype=int)
    for i in range(2):
        for j in range(n):
            h[i, j, j % 3, 1] = i + j
    v = h[1, :, 0]
    return h, v.shape[0] * 10 + v.shape[1]


def like(c: float32[:, :, :]) -> float32[:, :, :]:
    d = np.ones_like(c)
    d[0, 0] = 0.5
    return d


def empty3(n: int) -> float[:, :, :]:
    return np.zeros((2, n, 3))


#> cube(2, 3, 4)
#> cube(0, 3, 4)
#> dims(np.zeros((2, 3, 4)))
#> dims(np.zeros((5, 0, 4)))
#> at(np.arange(24).reshape(2, 3, 4), 1, 2, 3)
#> at(np.arange(24).reshape(2, 3, 4), -1, -3, -4)
#> at(np.arange(24).reshape(2, 3, 4), 2, 0, 0)
#> at(np.arange(24).reshape(2, 3, 4), 0, 3, 0)
#> at(np.arange(24).reshape(2, 3, 4), 0, 0, -5)
#> at(np.arange(48).reshape(2, 3, 8)[:, :, ::2], 1, 1, 3)
#> put(np.zeros((2, 3, 4), dtype=int), 1, 0, -1, 41)
#> put(np.zeros((2, 3, 4), dtype=int), 1, 3, 0, 41)
#> plane(np.arange(24.0).reshape(2, 3, 4), 1)
#> plane(np.arange(24.0).reshape(2, 3, 4), -2)
#> plane(np.arange(24.0).reshape(2, 3, 4), 2)
#> line(np.arange(24.0).reshape(2, 3, 4), 1, -1)
#> line(np.arange(24.0).reshape(2, 3, 4), 0, 3)
#> through_views(np.arange(24.0).reshape(2, 3, 4))
#> sliced(np.arange(24).reshape(2, 3, 4))
#> column(np.arange(24).reshape(2, 3, 4), 1)
#> column(np.arange(24).reshape(2, 3, 4), -4)
#> depth(np.arange(24).reshape(2, 3, 4), 2)
#> total(np.arange(60.0).reshape(3, 4, 5))
#> total(np.arange(60.0).reshape(3, 4, 5)[::2, 1:, ::-1])
#> fill(np.zeros((3, 2, 4)))
#> broadcast(np.zeros((2, 3, 4), dtype=int), np.arange(4))
#> broadcast(np.zeros((2, 3, 4), dtype=int), np.arange(3))
#> mismatch(np.zeros((2, 3, 4), dtype=int), np.arange(12).reshape(3, 4))
#> mismatch(np.zeros((2, 3, 4), dtype=int), np.arange(8).reshape(2, 4))
#> copied(np.arange(24, dtype=np.uint8).reshape(2, 3, 4))
#> four(4)
#> like(np.zeros((2, 2, 3), np.float32))
#> empty3(0)
#> empty3(-1)
