# Loops over narrow-integer arrays: an element of uint8, int16 & co. has the dtype's bounds, so
# the guard before a loop (lower/versioning.py) proves `s += int(a[i])` cannot overflow for most
# starts and runs the unchecked, vectorized copy; near 2**63 the checked copy raises.
from __future__ import annotations

import numpy as np


def total(a: uint8[:], s: int) -> int:
    for i in range(len(a)):
        s += int(a[i])
    return s


def signed(a: int16[:], s: int) -> int:
    for x in range(len(a)):
        s -= 3 * int(a[x])
    return s


def dot(a: uint32[:], b: int8[:]) -> int:
    s = 0
    for i in range(min(len(a), len(b))):
        s += int(a[i]) * int(b[i])
    return s


def histogram(pixels: uint8[:, :]) -> int[:]:
    counts = np.zeros(256, dtype=int)
    for i in range(pixels.shape[0]):
        for j in range(pixels.shape[1]):
            counts[pixels[i, j]] += 1
    return counts


#> total(np.arange(256, dtype=np.uint8), 0)
#> total(np.full(1000, 255, dtype=np.uint8), 2**63 - 1 - 255 * 1000)
#> total(np.zeros(0, dtype=np.uint8), 2**63 - 1)
#> signed(np.array([-32768, 32767, 5], dtype=np.int16), 0)
#> signed(np.full(10, 32767, dtype=np.int16), -2**63 + 3 * 32767 * 10)
#> signed(np.full(10, -32768, dtype=np.int16), 2**63 - 1 - 3 * 32768 * 10)
#> dot(np.full(5, 2**32 - 1, dtype=np.uint32), np.array([-128, 127, -1, 1, 0], dtype=np.int8))
#> dot(np.arange(100, dtype=np.uint32), np.full(100, -3, dtype=np.int8))
#> histogram(np.arange(600, dtype=np.uint16).astype(np.uint8).reshape(20, 30))
# Deviation: jitcell's int has 64 bits (CPython's grows): the checked copy raises OverflowError
#> total(np.full(1000, 255, dtype=np.uint8), 2**63 - 255 * 1000) !OverflowError
#> signed(np.full(10, 32767, dtype=np.int16), -2**63 + 3 * 32767 * 10 - 1) !OverflowError
#> signed(np.full(10, -32768, dtype=np.int16), 2**63 - 3 * 32768 * 10) !OverflowError
