# Counting and accumulating with arrays: histograms into int arrays, prefix sums (int and float),
# running maxima, bool masks built and counted, negative indices, views passed in, 2-D tallies.
import numpy as np


def histogram(values: float[:], lo: float, hi: float, bins: int) -> int[:]:
    counts = np.zeros(bins, dtype=int)
    width = (hi - lo) / bins
    for v in values:
        if v >= lo and v < hi:
            counts[int((v - lo) / width)] += 1
    return counts


def int_histogram(values: int[:], bins: int) -> int[:]:
    counts = np.zeros(bins, dtype=np.int64)
    for i in range(len(values)):
        counts[values[i] % bins] += 1
    return counts


def prefix(a: int[:]) -> int[:]:
    out = np.empty(len(a) + 1, dtype=int)
    out[0] = 0
    for i in range(len(a)):
        out[i + 1] = out[i] + a[i]
    return out


def range_sum(a: float[:], i: int, j: int) -> float:
    p = np.zeros(len(a) + 1)
    for k in range(len(a)):
        p[k + 1] = p[k] + a[k]
    return p[j] - p[i]


def running_max(a: float[:]) -> float[:]:
    out = np.zeros_like(a)
    m = -math.inf
    for i in range(len(a)):
        m = max(m, a[i])
        out[i] = m
    return out


def mask(a: float[:], threshold: float) -> bool[:]:
    out = np.zeros(len(a), dtype=bool)
    for i in range(len(a)):
        out[i] = a[i] > threshold
    return out


def count_mask(m: bool[:]) -> tuple[int, int]:
    t = 0
    for b in m:
        t += b
    return t, len(m) - t


def from_end(a: int[:], k: int) -> int:
    return a[-k]


def last_nonzero(a: float[:]) -> int:
    for i in range(1, len(a) + 1):
        if a[-i] != 0.0:
            return len(a) - i
    return -1


def grid_counts(xs: int[:], ys: int[:], n: int) -> int[:, :]:
    g = np.zeros((n, n), dtype=int)
    for i in range(len(xs)):
        g[xs[i] % n, ys[i] % n] += 1
    return g


def bool_grid(n: int) -> bool[:, :]:
    g = np.ones((n, n), dtype=bool)
    for i in range(n):
        for j in range(n):
            if (i + j) % 3 == 0:
                g[i, j] = False
    return g


def difference(a: float[:]) -> float[:]:
    out = np.zeros(max(len(a) - 1, 0))
    for i in range(len(out)):
        out[i] = a[i + 1] - a[i]
    return out

import math

#> histogram(np.array([0.1, 0.5, 0.9, 0.95, 1.0, -0.1, 0.5]), 0.0, 1.0, 4)
#> histogram(np.linspace(0.0, 10.0, 101), 0.0, 10.0, 10)
#> histogram(np.zeros(0), 0.0, 1.0, 3)
#> histogram(np.array([float("nan"), 0.5]), 0.0, 1.0, 2)
#> int_histogram(np.array([1, 5, 9, -2, 2, 7, -7]), 4)
#> int_histogram(np.arange(100)[::7], 5)
#> prefix(np.array([3, -1, 4, 1, -5]))
#> prefix(np.zeros(0, dtype=int))
#> range_sum(np.arange(10.0), 2, 5)
#> range_sum(np.array([0.1, 0.2, 0.3]), 0, 3)
#> range_sum(np.arange(10.0), 2, 11)
#> running_max(np.array([1.0, 3.0, 2.0, 5.0, -1.0]))
#> running_max(np.array([float("nan"), 1.0, 2.0]))
#> running_max(np.array([1.0, float("nan"), 0.5]))
#> mask(np.array([0.1, 0.9, 0.5, 0.51]), 0.5)
#> mask(np.zeros(0), 0.0)
#> count_mask(np.array([True, False, True, True]))
#> count_mask(np.zeros(5, dtype=bool))
#> count_mask(np.array([True, False, True, True, False, True])[::-2])
#> from_end(np.arange(10), 1)
#> from_end(np.arange(10), 10)
#> from_end(np.arange(10), 11)
#> from_end(np.arange(10), 0)
#> last_nonzero(np.array([0.0, 1.0, 2.0, 0.0, -0.0]))
#> last_nonzero(np.zeros(4))
#> grid_counts(np.array([0, 1, 2, 3, 4, 5]), np.array([5, 4, 3, 2, 1, 0]), 3)
#> grid_counts(np.arange(20)[::2], np.arange(20)[1::2], 4)
#> bool_grid(0)
#> bool_grid(4)
#> difference(np.array([1.0, 4.0, 9.0, 16.0]))
#> difference(np.array([1.0]))
#> difference(np.zeros(0))
# Deviation: an int element's arithmetic is Python's, checked: NumPy's int64 scalars wrap
# around, and their % 0 gives 0 with a warning.
#> prefix(np.array([2**62, 2**62])) !OverflowError: does not fit in a 64-bit int
#> int_histogram(np.arange(5), 0) !ZeroDivisionError: integer modulo by zero
