# np.dot, np.matmul, a.dot(b) and a @ b of 1-D and 2-D arrays in compiled code, with NumPy's
# ValueError texts when the shapes do not align (dot's and matmul's own). Float products here
# are exact (small integers): NumPy calls BLAS, whose order of additions may differ in the last
# bits from jitcell's loop (tests/test_numpy_functions.py compares random floats with a tolerance).
from __future__ import annotations

import numpy as np


def inner(a: int[:], b: int[:]) -> int:
    return np.dot(a, b)


def inner_float(a: float[:], b: float[:]) -> float:
    return a @ b


def matrix_vector(m: float[:, :], v: float[:]) -> float[:]:
    return np.dot(m, v)


def vector_matrix(v: int[:], m: int[:, :]) -> int[:]:
    return v @ m


def matrix_matrix(a: int[:, :], b: int[:, :]) -> int[:, :]:
    return a.dot(b)


def matmul(a: float[:, :], b: float[:, :]) -> float[:, :]:
    return np.matmul(a, b)


def of_views(m: int[:, :]) -> int[:, :]:
    return m.T @ m[:, ::-1]


def gram(n: int) -> float[:, :]:
    x = np.arange(float(n * 3)).reshape(n, 3)
    return x @ x.T


#> inner(np.arange(5), np.arange(5) - 2)
#> inner(np.arange(3), np.arange(2))
#> inner_float(np.arange(4.0), np.arange(4.0))
#> inner_float(np.arange(4.0), np.arange(3.0))
#> matrix_vector(np.arange(6.0).reshape(2, 3), np.array([1.0, -2.0, 0.5]))
#> matrix_vector(np.arange(6.0).reshape(2, 3), np.ones(2))
#> vector_matrix(np.array([1, 2]), np.arange(6).reshape(2, 3))
#> vector_matrix(np.array([1, 2, 3]), np.arange(6).reshape(2, 3))
#> matrix_matrix(np.arange(6).reshape(2, 3), np.arange(12).reshape(3, 4))
#> matrix_matrix(np.arange(6).reshape(2, 3), np.arange(12).reshape(4, 3))
#> matmul(np.arange(6.0).reshape(3, 2), np.arange(8.0).reshape(2, 4))
#> matmul(np.zeros((2, 0)), np.zeros((0, 3)))
#> of_views(np.arange(6).reshape(2, 3))
#> gram(4)
