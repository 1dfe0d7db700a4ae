# NumPy's reductions over arrays of every dtype (uint8 ... uint64, int8 ... int32, float32), as
# NumPy 2 types them: sum and prod of signed ints are int64 and of unsigned ints uint64 (wrapping),
# of float32 float32 (NumPy's pairwise summation in float32, bit for bit), mean of ints float64
# and of float32 float32, min/max keep the dtype, argmin/argmax int64; along an axis, arrays of
# those dtypes.
from __future__ import annotations

import numpy as np


def u8_total(a: uint8[:]) -> int:
    return np.sum(a)


def i8_stats(a: int8[:]) -> tuple[int, int, int, int, int, float]:
    return a.sum(), a.min(), a.max(), a.argmin(), np.argmax(a), a.mean()


def i16_product(a: int16[:]) -> int:
    return np.prod(a)


def u32_stats(m: uint32[:, :]) -> tuple[int, int, int, float]:
    return m.sum(), m.max(), m.argmax(), m.mean()


def i32_total(m: int32[:, :]) -> int:
    return m.T.sum()


def u64_total(a: uint64[:]) -> int:
    return a.sum()


def f32_total(a: float32[:]) -> float:
    return a.sum()


def f32_stats(a: float32[:]) -> tuple[float, float, float, int, float]:
    return np.min(a), a.max(), np.mean(a), a.argmin(), a[:40].prod()


def f32_views(m: float32[:, :]) -> tuple[float, float, float]:
    return m.sum(), m.T.sum(), m[::2, 1:].sum()


def axis_sums(m: uint8[:, :]) -> tuple[uint64[:], uint64[:]]:
    return m.sum(axis=0), np.sum(m, axis=1)


def axis_signed(m: int16[:, :]) -> tuple[int[:], int16[:], int16[:], int[:], float[:]]:
    return m.sum(axis=1), m.min(axis=0), np.max(m, axis=1), m.argmax(axis=0), m.mean(axis=0)


def axis_f32(m: float32[:, :], axis: int) -> tuple[float32[:], float32[:], float32[:], float32[:]]:
    if axis == 0:
        return m.sum(axis=0), m.mean(axis=0), m.prod(axis=0), m.max(axis=0)
    return m.sum(axis=1), m.mean(axis=1), m.prod(axis=1), m.max(axis=1)


def bool_axis(m: bool[:, :]) -> tuple[int[:], bool[:], float[:]]:
    return m.sum(axis=0), m.max(axis=1), m.mean(axis=0)


def empty_min(a: int8[:]) -> int:
    return a.min()


#> u8_total(np.arange(1000).astype(np.uint8))
#> u8_total(np.full(100000, 255, dtype=np.uint8))
#> i8_stats(np.array([5, -128, 127, 3, -128, 127], dtype=np.int8))
#> i8_stats(np.arange(-100, 100, 3).astype(np.int8))
#> i16_product(np.array([300, 300, 300, -7], dtype=np.int16))
#> u32_stats(np.arange(12, dtype=np.uint32).reshape(3, 4) * np.uint32(400000000))
#> i32_total(np.arange(-600, 600, dtype=np.int32).reshape(30, 40))
#> u64_total(np.array([2**62, 2**61, 5], dtype=np.uint64))
#> u64_total(np.array([2**63, 2**63, 7], dtype=np.uint64))
# Deviation: a uint64 sum above 2**63 - 1 is no int of jitcell's (NumPy returns it as a numpy.uint64).
#> u64_total(np.array([2**63, 1], dtype=np.uint64)) !OverflowError
#> f32_total(np.sin(np.arange(5.0)).astype(np.float32))
#> f32_total(np.sin(np.arange(100.0)).astype(np.float32) * 1000)
#> f32_total(np.sin(np.arange(1000.0)).astype(np.float32) * 1e6)
#> f32_total(np.cos(np.arange(100003.0)).astype(np.float32) * 3)
#> f32_total(np.full(20000, 0.1, dtype=np.float32))
#> f32_total(np.array([-0.0, -0.0], dtype=np.float32))
#> f32_total(np.sin(np.arange(3001.0)).astype(np.float32)[::-3])
#> f32_stats(np.sin(np.arange(777.0)).astype(np.float32) + 0.5)
#> f32_stats(np.array([1.5, np.nan, -2.0], dtype=np.float32))
#> f32_views(np.sin(np.arange(3000.0)).astype(np.float32).reshape(60, 50) * 1e4)
#> f32_views(np.sin(np.arange(60000.0)).astype(np.float32).reshape(20, 3000))
#> axis_sums(np.arange(2000).astype(np.uint8).reshape(40, 50))
#> axis_signed(np.arange(-3000, 3000, 7).astype(np.int16)[:840].reshape(28, 30) * 11)
#> axis_f32(np.sin(np.arange(2000.0)).astype(np.float32).reshape(40, 50) * 100, 0)
#> axis_f32(np.sin(np.arange(2000.0)).astype(np.float32).reshape(40, 50) * 100, 1)
#> axis_f32(np.sin(np.arange(2000.0)).astype(np.float32).reshape(40, 50).T * 100, 0)
#> axis_f32(np.sin(np.arange(2000.0)).astype(np.float32).reshape(40, 50).T * 100, 1)
#> axis_f32(np.sin(np.arange(60000.0)).astype(np.float32).reshape(20, 3000), 1)
#> bool_axis(np.arange(12).reshape(3, 4) % 3 == 0)
#> empty_min(np.zeros(0, dtype=np.int8))
