# a.astype(dtype) (NumPy's unsafe cast: ints wrap, floats truncate toward zero, float32 rounds,
# nonzero is True), np.arange/np.full/np.zeros with dtype=, on arrays of any number of axes.
from __future__ import annotations

import numpy as np


def to_uint8(a: float[:, :]) -> uint8[:, :]:
    return a.astype(np.uint8)


def to_int8(a: int[:]) -> int8[:]:
    return a.astype(np.int8)


def to_float32(a: float[:]) -> float32[:]:
    return a.astype(np.float32)


def ints_to_float32(a: int32[:]) -> float32[:]:
    return a.astype(np.float32)


def widen(a: uint8[:, :, :]) -> tuple[int[:, :, :], float[:, :, :], bool[:, :, :]]:
    return a.astype(int), a.astype(np.float64), a.astype(bool)


def to_bool(a: float[:]) -> bool[:]:
    return a.astype(bool)


def from_bool(a: bool[:]) -> tuple[float32[:], int16[:]]:
    return a.astype(np.float32), a.astype("int16")


def truncated(a: float32[:]) -> int[:]:
    return a.astype(np.int64)


def ranges(n: int) -> tuple[uint8[:], int16[:], float32[:], float32[:]]:
    return (np.arange(n, dtype=np.uint8), np.arange(-n, n, 7, dtype=np.int16), np.arange(0.5, n, 0.1, dtype=np.float32),
            np.arange(n, dtype=np.float32))


def filled(n: int) -> tuple[int16[:, :, :], float32[:, :], uint8[:], bool[:, :]]:
    return (np.full((n, 2, 3), -7, dtype=np.int16), np.full((2, n), 0.1, dtype=np.float32),
            np.full(n, 255, dtype=np.uint8), np.full((n, 1), True))


def filled_bad(n: int) -> uint8[:]:
    return np.full(n, n, dtype=np.uint8)


def like(a: uint16[:, :]) -> tuple[uint16[:, :], float32[:, :]]:
    return np.full_like(a, 9), np.full_like(a, 0.5, dtype=np.float32)


def mean_of_pixels(img: uint8[:, :, :]) -> float32[:, :]:
    return img.astype(np.float32).mean(axis=2)


#> to_uint8(np.array([[1.7, 300.2], [-1.5, 255.9]]))
#> to_int8(np.array([127, 128, -129, 1000, -5]))
#> to_float32(np.array([0.1, 1e300, -1e-50, 3.0000001]))
#> ints_to_float32(np.array([16777217, -16777219, 7], dtype=np.int32))
#> widen(np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 11)
#> to_bool(np.array([0.0, -0.0, 0.5, np.nan]))
#> from_bool(np.array([True, False]))
#> truncated(np.array([2.5, -2.5, 1e9], dtype=np.float32))
#> ranges(10)
#> ranges(300)
#> filled(2)
#> filled_bad(256)
#> like(np.zeros((2, 3), dtype=np.uint16))
#> mean_of_pixels(np.arange(60, dtype=np.uint8).reshape(4, 5, 3))
