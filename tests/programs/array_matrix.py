# 2-D arrays: matrix products, transposes into new arrays, row and column sums, identity and
# outer products built with np.zeros/np.ones, Gaussian elimination, a stencil over the interior.
import numpy as np


def matmul(a: float[:, :], b: float[:, :]) -> float[:, :]:
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for t in range(k):
                s += a[i, t] * b[t, j]
            c[i, j] = s
    return c


def int_matmul(a: int[:, :], b: int[:, :]) -> int[:, :]:
    c = np.zeros((a.shape[0], b.shape[1]), dtype=int)
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            for t in range(a.shape[1]):
                c[i, j] += a[i, t] * b[t, j]
    return c


def transpose(a: float[:, :]) -> float[:, :]:
    rows, cols = a.shape
    out = np.empty((cols, rows))
    for i in range(rows):
        for j in range(cols):
            out[j, i] = a[i, j]
    return out


def identity(n: int) -> int[:, :]:
    out = np.zeros((n, n), dtype=int)
    for i in range(n):
        out[i, i] = 1
    return out


def outer(a: float[:], b: float[:]) -> float[:, :]:
    out = np.ones((len(a), len(b)))
    for i in range(len(a)):
        for j in range(len(b)):
            out[i, j] *= a[i] * b[j]
    return out


def sums(m: int[:, :]) -> tuple[int[:], int[:]]:
    rows = np.zeros(m.shape[0], dtype=int)
    cols = np.zeros(m.shape[1], dtype=int)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            rows[i] += m[i, j]
            cols[j] += m[i, j]
    return rows, cols


def solve(a: float[:, :], b: float[:]) -> float[:]:
    n = len(b)
    for col in range(n):
        pivot = col
        for r in range(col + 1, n):
            if abs(a[r, col]) > abs(a[pivot, col]):
                pivot = r
        for c in range(n):
            t = a[col, c]
            a[col, c] = a[pivot, c]
            a[pivot, c] = t
        u = b[col]
        b[col] = b[pivot]
        b[pivot] = u
        for r in range(col + 1, n):
            f = a[r, col] / a[col, col]
            for c in range(col, n):
                a[r, c] -= f * a[col, c]
            b[r] -= f * b[col]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, n):
            s -= a[i, j] * x[j]
        x[i] = s / a[i, i]
    return x


def smooth(m: float[:, :]) -> float[:, :]:
    out = np.zeros_like(m)
    for i in range(1, m.shape[0] - 1):
        for j in range(1, m.shape[1] - 1):
            out[i, j] = (m[i - 1, j] + m[i + 1, j] + m[i, j - 1] + m[i, j + 1]) / 4.0
    return out


def corners(m: int[:, :]) -> tuple[int, int, int, int]:
    return m[0, 0], m[0, -1], m[-1, 0], m[-1, -1]


def trace_neg(m: float[:, :]) -> float:
    s = 0.0
    for i in range(1, min(m.shape[0], m.shape[1]) + 1):
        s += m[-i, -i]
    return s

#> matmul(np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4))
#> matmul(np.eye(3), np.array([[0.1, 0.2, 0.3], [1.0, 2.0, 3.0], [-1.0, -0.0, 1e300]]))
#> matmul(np.zeros((0, 3)), np.zeros((3, 2)))
#> int_matmul(np.arange(4).reshape(2, 2), np.arange(4).reshape(2, 2))
#> int_matmul(np.arange(12).reshape(3, 4), np.arange(8).reshape(4, 2))
#> transpose(np.arange(6.0).reshape(2, 3))
#> transpose(np.arange(6.0).reshape(3, 2).T)
#> identity(0)
#> identity(4)
#> outer(np.array([1.0, 2.0]), np.array([3.0, -4.0, 0.5]))
#> outer(np.zeros(0), np.ones(2))
#> sums(np.arange(12).reshape(3, 4))
#> sums(np.arange(12).reshape(4, 3)[::-1, ::2])
#> solve(np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([3.0, 5.0]))
#> solve(np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [4.0, -3.0, 8.0]]), np.array([1.0, 2.0, 3.0]))
#> smooth(np.arange(25.0).reshape(5, 5))
#> smooth(np.ones((2, 2)))
#> corners(np.arange(12).reshape(3, 4))
#> corners(np.arange(1).reshape(1, 1))
#> trace_neg(np.arange(12.0).reshape(3, 4))
