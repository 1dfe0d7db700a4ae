# Arrays: prefix sums, matrix products, histograms into int arrays, sorting in place, bool masks.
import numpy as np


def prefix_sums(a: float[:]) -> float[:]:
    out = np.zeros(len(a))
    s = 0.0
    for i in range(len(a)):
        s += a[i]
        out[i] = s
    return out


def matmul(a: float[:, :], b: float[:, :]) -> float[:, :]:
    n, k = a.shape
    k2, m = b.shape
    c = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for t in range(k):
                s += a[i, t] * b[t, j]
            c[i, j] = s
    return c


def histogram(values: int[:], bins: int) -> int[:]:
    counts = np.zeros(bins, dtype=int)
    for v in values:
        counts[v % bins] += 1
    return counts


def insertion_sort(a: int[:]) -> int:
    swaps = 0
    for i in range(1, len(a)):
        j = i
        while j > 0 and a[j - 1] > a[j]:
            t = a[j]
            a[j] = a[j - 1]
            a[j - 1] = t
            swaps += 1
            j -= 1
    return swaps


def count_true(mask: bool[:]) -> int:
    n = 0
    for m in mask:
        if m:
            n += 1
    return n


def last_items(a: int[:], k: int) -> int:
    s = 0
    for i in range(1, k + 1):
        s += a[-i]
    return s

#> prefix_sums(np.array([1.0, 2.0, 3.5]))
#> prefix_sums(np.zeros(0))
#> matmul(np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4))
#> histogram(np.array([1, 5, 9, 2, 2, 7]), 4)
#> insertion_sort(np.array([5, 2, 9, 1, 5, 6]))
#> insertion_sort(np.array([1, 2, 3]))
#> count_true(np.array([True, False, True, True]))
#> last_items(np.array([1, 2, 3, 4]), 2)
#> last_items(np.array([1, 2, 3, 4]), 5)
