# Whole-array expressions over arrays of fixed-width dtypes, NumPy 2 as the reference: the
# result dtype is NumPy's promotion (uint8 + uint8 uint8, int8 + uint8 int16, float32 + int16
# float32, float32 + int32 float64, uint8 / uint8 float64), a Python int takes the array's dtype
# and must fit it (NumPy's OverflowError), a Python float is float64 with integer arrays and
# float32 with float32 ones; every operation of a fused expression wraps or rounds as NumPy's
# temporary of that dtype does ((a + b) // 2 over uint8 wraps the sum first); 3-D operands.
from __future__ import annotations

import numpy as np


def add8(a: uint8[:], b: uint8[:]) -> uint8[:]:
    return a + b


def mean8(a: uint8[:], b: uint8[:]) -> uint8[:]:
    return (a + b) // 2


def mixed(a: int8[:], b: uint8[:]) -> int16[:]:
    return a + b


def plus(a: uint8[:], k: int) -> uint8[:]:
    return a + k - 1


def scaled(a: uint8[:], x: float) -> float[:]:
    return a * x


def ratio(a: int16[:], b: int16[:]) -> float[:]:
    return a / b


def ops(a: int8[:], b: int8[:]) -> tuple[int8[:], int8[:], int8[:], int8[:], int8[:]]:
    return a * b, -a, abs(a), a % b, np.maximum(a, b)


def bits(a: uint16[:], b: uint16[:]) -> tuple[uint16[:], uint16[:], uint16[:]]:
    return a & b, a ^ b, ~a


def compare(a: uint8[:], k: int) -> bool[:]:
    return (a > k) | (a == 255)


def single(a: float32[:], b: float32[:], x: float) -> float32[:]:
    return np.sqrt(a * b + x) - a / b


def single_int(a: float32[:], b: int16[:]) -> float32[:]:
    return a + b


def widened(a: float32[:], b: int32[:]) -> float[:]:
    return a + b


def rooted(a: int16[:]) -> float32[:]:
    return np.sqrt(a)


def picked(a: uint8[:], b: uint8[:]) -> uint8[:]:
    return np.where(a > b, a - b, b - a)


def picked_scalar(a: uint8[:], k: int) -> uint8[:]:
    return np.where(a > 1, a, k)


def selected(a: uint64[:], mask: bool[:]) -> uint64[:]:
    return a[mask]


def cube(a: uint8[:, :, :], b: uint8[:]) -> uint8[:, :, :]:
    return a * b + 7


def grow(a: uint8[:], k: int) -> None:
    a += k


def grow32(a: float32[:, :], b: float32[:]) -> None:
    a *= b
    a += 0.1


def wide_into(a: int8[:], b: uint8[:]) -> None:
    a += b


def masked(a: int16[:]) -> int16[:]:
    return a[a > 0]


def clip(a: uint8[:, :], k: int) -> None:
    a[a > 100] = k


#> add8(np.array([1, 200, 255], np.uint8), np.array([2, 100, 1], np.uint8))
#> mean8(np.array([200, 100, 3], np.uint8), np.array([100, 100, 4], np.uint8))
#> mixed(np.array([-128, 127, 5], np.int8), np.array([255, 255, 0], np.uint8))
#> plus(np.array([0, 10, 255], np.uint8), 1)
#> plus(np.array([0, 10, 255], np.uint8), 0)
#> plus(np.array([0, 10, 255], np.uint8), 256)
#> plus(np.array([0, 10, 255], np.uint8), -1)
#> scaled(np.array([0, 10, 255], np.uint8), 0.5)
#> ratio(np.array([1, -7, 0], np.int16), np.array([3, 2, 0], np.int16))
#> ops(np.array([-128, 100, 7, -7], np.int8), np.array([-1, 3, -2, 0], np.int8))
#> bits(np.array([0, 65535, 4660], np.uint16), np.array([65535, 255, 15], np.uint16))
#> compare(np.array([0, 5, 255, 6], np.uint8), 5)
#> compare(np.array([0, 5, 255, 6], np.uint8), 300)
#> compare(np.array([0, 5, 255, 6], np.uint8), -1)
#> single(np.array([1.5, 0.1, 3.0], np.float32), np.array([2.0, 0.3, 7.0], np.float32), 0.1)
#> single_int(np.array([0.1, 1e30], np.float32), np.array([-32768, 3], np.int16))
#> widened(np.array([0.1, 1e30], np.float32), np.array([2**31 - 1, 3], np.int32))
#> rooted(np.array([0, 2, 32767], np.int16))
#> picked(np.array([1, 200, 7], np.uint8), np.array([3, 100, 7], np.uint8))
#> picked_scalar(np.array([1, 2], np.uint8), 7)
#> picked_scalar(np.array([1, 2], np.uint8), 300)
#> selected(np.array([1, 2**63 + 5, 4], np.uint64), np.array([False, True, True]))
#> cube(np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 10, np.array([1, 2, 3, 250], np.uint8))
#> cube(np.zeros((2, 3, 4), np.uint8), np.zeros(3, np.uint8))
#> grow(np.array([0, 255], np.uint8), 1)
#> grow(np.array([0, 255], np.uint8), 300)
#> grow32(np.array([[0.1, 2.0], [3.0, 1e-8]], np.float32), np.array([0.3, 3.0], np.float32))
#> wide_into(np.array([100, -100], np.int8), np.array([100, 255], np.uint8))
#> masked(np.array([3, -1, 0, 32767], np.int16))
#> clip(np.array([[1, 200], [101, 100]], np.uint8), 100)
#> clip(np.array([[1, 200], [101, 100]], np.uint8), 256)
