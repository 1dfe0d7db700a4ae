# reshape, ravel, flatten, transpose and .T in compiled code: views where NumPy makes views (they
# share memory: a write through one shows in the other), copies where NumPy copies, and NumPy's
# ValueError for a shape of another size.
from __future__ import annotations

import numpy as np


def reshaped(a: int[:], n: int) -> int[:, :]:
    return a.reshape(n, -1)


def reshaped_tuple(a: float[:, :]) -> float[:]:
    return np.reshape(a, (a.size,))


def reshape_shares(n: int) -> int[:]:
    a = np.arange(n * 2)
    m = a.reshape((2, n))
    m[1, 0] = -1
    return a


def reshape_strided_view(a: int[:]) -> int[:]:
    b = a[::2]
    m = b.reshape(2, -1)
    m[0, 1] = 100
    return a


def reshape_copy(a: float[:, :]) -> float[:, :]:
    b = a[:, 1:]
    c = b.reshape(b.shape[1], b.shape[0])
    c[0, 0] = -5.0
    return a


def reshape_bad(a: int[:], n: int) -> int[:, :]:
    return a.reshape(n, 4)


def reshape_two_unknown(a: int[:]) -> int[:, :]:
    return a.reshape(-1, -1)


def ravel_view(m: float[:, :]) -> float[:]:
    r = m.ravel()
    r[0] = 42.0
    return r


def ravel_of_view(m: float[:, :]) -> float[:]:
    r = np.ravel(m[:, ::2])
    r[0] = 42.0
    return r


def flatten(m: int[:, :]) -> int[:]:
    f = m.flatten()
    f[0] = -9
    return f


def transposed(m: int[:, :]) -> int[:, :]:
    t = m.T
    t[0, 1] = 77
    return np.transpose(t).transpose()


def transpose_1d(a: float[:]) -> float[:]:
    return a.T


def row_of_transpose(m: int[:, :], j: int) -> int:
    s = 0
    for x in m.T[j]:
        s += x
    return s


def shapes(n: int) -> tuple[int, int, int]:
    m = np.zeros((n, n + 1)).T.reshape(-1, 2)
    return m.shape[0], m.shape[1], m.T.ravel().size


#> reshaped(np.arange(12), 3)
#> reshaped(np.arange(12), 5)
#> reshaped_tuple(np.arange(6.0).reshape(2, 3))
#> reshape_shares(3)
#> reshape_strided_view(np.arange(8))
#> reshape_copy(np.arange(12.0).reshape(3, 4))
#> reshape_bad(np.arange(6), 1)
#> reshape_bad(np.arange(8), 2)
#> reshape_two_unknown(np.arange(4))
#> ravel_view(np.arange(6.0).reshape(2, 3))
#> ravel_of_view(np.arange(6.0).reshape(2, 3))
#> flatten(np.arange(6).reshape(3, 2))
#> transposed(np.arange(6).reshape(2, 3))
#> transpose_1d(np.arange(3.0))
#> row_of_transpose(np.arange(6).reshape(2, 3), 2)
#> shapes(3)
