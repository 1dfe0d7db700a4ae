# Algorithms over arrays: stencils, matrix products, histograms, sorting and searching in
# place, prefix sums, as one writes them in loops.
from __future__ import annotations

import math

import numpy as np


def laplacian(a: float[:, :], out: float[:, :]) -> float:
    n, m = a.shape
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            out[i, j] = 0.25 * (a[i - 1, j] + a[i + 1, j] + a[i, j - 1] + a[i, j + 1]) - a[i, j]
    return out[n // 2, m // 2]


def matmul(a: float[:, :], b: float[:, :]) -> float[:, :]:
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += a[i, p] * b[p, j]
            c[i, j] = s
    return c


def histogram(values: float[:], bins: int, lo: float, hi: float) -> int[:]:
    counts = np.zeros(bins, dtype=int)
    width = (hi - lo) / bins
    for v in values:
        if lo <= v < hi:
            counts[int((v - lo) / width)] += 1
    return counts


def insertion_sort(a: float[:]) -> None:
    for i in range(1, len(a)):
        x = a[i]
        j = i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x


def search(a: int[:], x: int) -> int:
    lo = 0
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def reverse(a: int[:]) -> None:
    n = len(a)
    for i in range(n // 2):
        t = a[i]
        a[i] = a[n - 1 - i]
        a[n - 1 - i] = t


def cumulative(a: float[:]) -> float[:]:
    out = np.empty_like(a)
    s = 0.0
    for i in range(len(a)):
        s += a[i]
        out[i] = s
    return out


def norm(a: float[:]) -> float:
    s = 0.0
    for x in a:
        s += x * x
    return math.sqrt(s)


def sieve(n: int) -> int:
    composite = np.zeros(n + 1, dtype=bool)
    count = 0
    for i in range(2, n + 1):
        if not composite[i]:
            count += 1
            for j in range(i * i, n + 1, i):
                composite[j] = True
    return count


def life_step(board: int[:, :]) -> int[:, :]:
    n, m = board.shape
    nxt = np.zeros((n, m), dtype=int)
    for i in range(n):
        for j in range(m):
            alive = 0
            for di in range(-1, 2):
                for dj in range(-1, 2):
                    if di != 0 or dj != 0:
                        alive += board[(i + di) % n, (j + dj) % m]
            if alive == 3 or (alive == 2 and board[i, j] == 1):
                nxt[i, j] = 1
    return nxt


#> laplacian(np.arange(25.0).reshape(5, 5) ** 2, np.zeros((5, 5)))
#> laplacian(np.ones((2, 2)), np.zeros((2, 2)))
#> matmul(np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4))
#> matmul(np.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3))
#> histogram(np.array([0.1, 0.5, 0.55, 0.99, 1.0, -0.1, 0.25]), 4, 0.0, 1.0)
#> insertion_sort(np.array([3.0, -1.0, 2.5, 10.0, 0.0, 2.5]))
#> search(np.array([1, 3, 3, 7, 9]), 3)
#> search(np.array([1, 3, 3, 7, 9]), 10)
#> search(np.zeros(0, dtype=int), 1)
#> reverse(np.arange(7))
#> cumulative(np.array([0.1, 0.2, 0.3]))
#> norm(np.array([3.0, 4.0]))
#> sieve(100)
#> life_step(np.array([[0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]]))
