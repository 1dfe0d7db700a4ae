# np.dot, a.dot, np.matmul and @ of two arrays of one integer dtype: NumPy's dot adds the products
# in 64 bits and stores the sum as the dtype (wrapped), so the results are NumPy's exactly.
from __future__ import annotations

import numpy as np


def vdot16(a: int16[:], b: int16[:]) -> int:
    return np.dot(a, b)


def vdot_u8(a: uint8[:], b: uint8[:]) -> int:
    return a.dot(b)


def mat32(m: int32[:, :], v: int32[:]) -> int32[:]:
    return m @ v


def mat_u16(m: uint16[:, :], n: uint16[:, :]) -> uint16[:, :]:
    return np.matmul(m, n)


def mat_i8(m: int8[:, :], n: int8[:, :]) -> int8[:, :]:
    return np.dot(m.T, n)


#> vdot16(np.arange(100, dtype=np.int16), np.arange(100, dtype=np.int16))
#> vdot16(np.full(3, 300, dtype=np.int16), np.full(3, -300, dtype=np.int16))
#> vdot_u8(np.arange(50, dtype=np.uint8), np.arange(50, dtype=np.uint8)[::-1])
#> mat32(np.arange(12, dtype=np.int32).reshape(3, 4) * 100000, np.arange(4, dtype=np.int32) * 30000)
#> mat_u16(np.arange(12, dtype=np.uint16).reshape(3, 4) * 300, np.arange(20, dtype=np.uint16).reshape(4, 5) * 50)
#> mat_i8(np.arange(12, dtype=np.int8).reshape(4, 3) * 9, np.arange(20, dtype=np.int8).reshape(4, 5) - 10)
#> mat32(np.zeros((2, 3), dtype=np.int32), np.zeros(4, dtype=np.int32))
