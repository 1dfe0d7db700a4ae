# Arrays of fixed-width dtypes (uint8 ... uint64, int8 ... int32, float32), NumPy 2 as the
# reference: element reads give the value NumPy's scalar stands for; storing a Python int
# outside the dtype's range raises NumPy's OverflowError ("Python integer 300 out of bounds
# for uint8"); `a[i] op= x` computes in the dtype and wraps (NumPy's scalar arithmetic, NEP 50);
# an element of another array stored is cast as NumPy casts (wrapping); float32 rounds.
from __future__ import annotations

import numpy as np


def put8(a: uint8[:], i: int, v: int) -> int:
    a[i] = v
    return a[i]


def put_i8(a: np.int8[:], i: int, v: int) -> int:
    a[i] = v
    return a[i]


def put16(a: int16[:], u: uint16[:], v: int) -> tuple[int, int]:
    a[0] = v
    u[0] = v
    return a[0], u[0]


def put32(a: int32[:], u: uint32[:], v: int) -> tuple[int, int]:
    a[0] = v
    u[0] = v
    return a[0], u[0]


def put64(u: uint64[:], v: int) -> int:
    u[0] = v
    return u[0]


def read64(u: uint64[:], i: int) -> int:
    return u[i]


def down64(u: uint64[:], v: int) -> None:
    u[0] -= v
    u[1] += True


def bump(a: uint8[:], i: int, v: int) -> int:
    a[i] += v
    return a[i]


def ops8(a: int8[:], v: int) -> None:
    a[0] += v
    a[1] -= v
    a[2] *= v
    a[3] //= v
    a[4] %= v
    a[5] <<= v
    a[6] >>= v
    a[7] ^= v


def ops_u16(a: uint16[:], v: int) -> None:
    a[0] += v
    a[1] -= v
    a[2] *= v
    a[3] **= 2
    a[4] |= v
    a[5] &= v


def counts(values: int[:]) -> uint8[:]:
    c = np.zeros(4, dtype=np.uint8)
    for x in values:
        c[x % 4] += 1
    return c


def cast(a: int[:]) -> uint8[:]:  # NumPy 2.4: an int64 scalar wraps into an unsigned dtype
    out = np.empty(len(a), np.uint8)
    for i in range(len(a)):
        out[i] = a[i]
    return out


def narrow(a: int32[:]) -> int16[:]:  # ...and is checked like a Python int for a signed one
    out = np.zeros(len(a), dtype="int16")
    for i in range(len(a)):
        out[i] = a[i]
    return out


def made(n: int) -> tuple[int8[:], uint32[:, :], float32[:], uint16[:]]:
    a = np.ones(n, dtype=np.int8)
    b = np.zeros((n, 2), "uint32")
    c = np.ones(n, dtype=np.float32)
    d = np.empty(n, dtype=np.uint16)
    for i in range(n):
        a[i] -= i
        b[i, 1] = 4000000000 + i
        c[i] /= 3
        d[i] = 65535 - i
    return a, b, c, d


def like(a: uint8[:, :]) -> tuple[uint8[:, :], float[:, :], int16[:, :]]:
    return np.zeros_like(a), np.ones_like(a, dtype=float), np.zeros_like(a, np.int16)


def f32(a: float32[:], x: float) -> tuple[float, float, float]:
    a[0] = x
    a[1] += x
    a[2] *= x
    return a[0], a[1], a[2]


def f32_sum(a: float32[:]) -> float:
    s = 0.0
    for x in a:
        s += float(x)  # a NumPy float32 scalar would make s one (NEP 50): float() keeps both in float64
    return s


def f32_update(a: np.float32[:], x: float, k: int) -> None:
    for i in range(len(a)):
        a[i] += x
        a[i] *= k


def views(a: uint8[:, :]) -> uint8[:]:
    row = a[1]
    row[0] = 7
    col = a[:, 2]
    col[1:] = 200
    return a[::-1, 0]


def copied(a: int16[:]) -> int16[:]:
    b = a[::2].copy()
    b[0] = -1
    return b


def fill(a: uint8[:], v: int) -> None:
    a[1:] = v


def fill_step(a: uint8[:], v: int, k: int) -> None:
    a[::k] = v


def fill32(a: float32[:], v: float) -> None:
    a[:] = v


def assign(a: uint16[:], b: uint16[:]) -> None:
    a[1:] = b[:-1]


def through(a: uint8[:]) -> uint8[:]:
    return a


def widen(a: uint8[:]) -> int:
    x = a[0]
    return x + 1


#> put8(np.zeros(3, np.uint8), 0, 255)
#> put8(np.zeros(3, np.uint8), 1, 0)
#> put8(np.zeros(3, np.uint8), 2, 256)
#> put8(np.zeros(3, np.uint8), 0, -1)
#> put8(np.zeros(3, np.uint8), 0, 2**63 - 1)
#> put8(np.zeros(3, np.uint8), 0, -2**63)
#> put8(np.zeros(3, np.uint8), 3, 1)
#> put8(np.zeros(3, np.uint8), 5, 300)
#> bump(np.zeros(3, np.uint8), 5, 300)
#> put_i8(np.zeros(2, np.int8), 0, -128)
#> put_i8(np.zeros(2, np.int8), 1, 127)
#> put_i8(np.zeros(2, np.int8), 1, 128)
#> put_i8(np.zeros(2, np.int8), 1, -129)
#> put16(np.zeros(1, np.int16), np.zeros(1, np.uint16), 32767)
#> put16(np.zeros(1, np.int16), np.zeros(1, np.uint16), 32768)
#> put16(np.zeros(1, np.int16), np.zeros(1, np.uint16), -1)
#> put32(np.zeros(1, np.int32), np.zeros(1, np.uint32), 2**31 - 1)
#> put32(np.zeros(1, np.int32), np.zeros(1, np.uint32), 2**31)
#> put32(np.zeros(1, np.int32), np.zeros(1, np.uint32), -2**31)
#> put64(np.zeros(1, np.uint64), 2**63 - 1)
#> put64(np.zeros(1, np.uint64), -1)
#> read64(np.array([0, 2**63 - 1, 2**63, 2**64 - 1], np.uint64), 1)
#> down64(np.zeros(2, np.uint64), 1)
#> down64(np.zeros(2, np.uint64), -1)
#> bump(np.array([255, 0], np.uint8), 0, 1)
#> bump(np.array([255, 0], np.uint8), 1, 255)
#> bump(np.array([255, 0], np.uint8), 0, 255)
#> bump(np.array([255, 0], np.uint8), 0, 256)
#> bump(np.array([255, 0], np.uint8), 1, -1)
#> bump(np.array([255, 0], np.uint8), 2, 1)
#> ops8(np.array([127, -128, 100, -7, -7, 1, -128, 5], np.int8), 3)
#> ops8(np.array([0, 0, 0, 0, 0, 0, 0, 0], np.int8), 127)
#> ops8(np.array([1, 1, 1, 1, 1, 1, 1, 1], np.int8), 128)
#> ops_u16(np.array([65535, 0, 300, 300, 1, 255], np.uint16), 1000)
#> ops_u16(np.array([65535, 0, 300, 300, 1, 255], np.uint16), -1)
#> counts(np.arange(1000))
#> cast(np.array([0, 255, 256, -1, 1000, 2**62 + 3]))
#> narrow(np.array([70000, -70000, 32767, -32768], np.int32))
#> narrow(np.array([-32768, 32767, 5], np.int32))
#> narrow(np.array([1, -32769], np.int32))
#> made(4)
#> like(np.ones((2, 3), np.uint8))
#> f32(np.array([0.0, 1.0, 3.0], np.float32), 0.1)
#> f32(np.array([0.0, 1.0, 3.0], np.float32), 1e300)
#> f32(np.array([0.0, 1.0, 3.0], np.float32), 1e-50)
#> f32_sum(np.linspace(0, 1, 11, dtype=np.float32))
#> f32_update(np.linspace(0, 1, 7, dtype=np.float32), 0.1, 3)
#> f32_update(np.linspace(0, 1, 7, dtype=np.float32), 1 / 3, -7)
#> views(np.arange(12, dtype=np.uint8).reshape(3, 4))
#> copied(np.arange(-5, 5, dtype=np.int16))
#> fill(np.zeros(4, np.uint8), 255)
#> fill(np.zeros(4, np.uint8), 256)
#> fill(np.zeros(4, np.uint8), -1)
#> fill_step(np.zeros(4, np.uint8), 300, 0)
#> fill_step(np.zeros(4, np.uint8), 300, 2)
#> fill_step(np.zeros(4, np.uint8), 3, -2)
#> fill32(np.zeros(3, np.float32), 0.1)
#> assign(np.arange(5, dtype=np.uint16), np.arange(60000, 60005, dtype=np.uint16))
#> through(np.arange(3, dtype=np.uint8))
# Deviation: a uint64 element above 2**63 - 1 is no int of jitcell's (64-bit): reading it raises OverflowError
#> read64(np.array([0, 2**63 - 1, 2**63, 2**64 - 1], np.uint64), 2) !OverflowError: uint64 element 9223372036854775808 does not fit
#> read64(np.array([0, 2**63 - 1, 2**63, 2**64 - 1], np.uint64), 3) !OverflowError: uint64 element 18446744073709551615
#> down64(np.array([5, 2**64 - 1], np.uint64), 5) !OverflowError: uint64 element 18446744073709551615 does not fit
# Deviation: an element read is a Python int, whose arithmetic does not wrap (NumPy's uint8 scalar does)
#> widen(np.array([255], np.uint8)) => 256
