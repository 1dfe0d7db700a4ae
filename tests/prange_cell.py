"""Loops of tests/test_prange.py: a cell that is Python too (prange is range there), compiled with
and without parallel=True. Each function's value must be CPython's."""

from __future__ import annotations

import math

from jitcell import prange


def squares(n: int) -> int:
    s = 0
    for i in prange(n):
        s += i * i
    return s


def stepped(a: int, b: int, c: int) -> int:
    s = 0
    for i in prange(a, b, c):
        s += i % 1009 - 3
    return s


def between(a: int, b: int) -> int:
    s = 0
    for i in prange(a, b):
        s += i
    return s


def product(n: int) -> int:
    p = 1
    for i in prange(n):
        p *= 1 + (i % 3 == 0)
    return p


def extremes(n: int) -> tuple[int, int]:
    lo = n * 10
    hi = -n * 10
    for i in prange(n):
        v = (i * 7919) % 1009 - 500
        lo = min(lo, v)
        hi = max(hi, v)
    return lo, hi


def float_extremes(a: float[:]) -> tuple[float, float]:
    lo = 1e300
    hi = -1e300
    for i in prange(len(a)):
        lo = min(lo, a[i])
        hi = max(hi, a[i])
    return lo, hi


def float_sum(a: float[:]) -> float:
    s = 0.0
    for i in prange(len(a)):
        s += a[i] * a[i]
    return s


def scaled(a: float[:], out: float[:], k: float) -> int:
    for i in prange(len(a)):
        t = a[i] * k
        if t > 1.0:
            continue
        out[i] = t + 1.0
    return 0


def helper(x: float, y: float) -> float:
    if x > y:
        return x - y
    return y - x


def calls(a: float[:], out: float[:]) -> float:
    s = 0.0
    for i in prange(1, len(a)):
        d = helper(a[i], a[i - 1])
        out[i] = d
        s += d
    return s


def stencil(grid: float[:, :], out: float[:, :]) -> int:
    rows = grid.shape[0]
    cols = grid.shape[1]
    for i in prange(1, rows - 1):
        for j in range(1, cols - 1):
            out[i, j] = 0.25 * (grid[i - 1, j] + grid[i + 1, j] + grid[i, j - 1] + grid[i, j + 1])
    return 0


def nested(n: int, m: int) -> int:
    s = 0
    for i in prange(n):
        for j in prange(m):
            s += i * j + 1
    return s


def repeated(n: int, times: int) -> int:
    total = 0
    for r in range(times):
        s = 0
        for i in prange(n):
            s += i % (r + 2)
        total += s
    return total


def counted(flags: int[:]) -> int:
    hits = 0
    for i in prange(len(flags)):
        if flags[i] % 3 == 1:
            hits += 1
    return hits


def updated(out: int[:]) -> int:
    for i in prange(len(out)):
        out[i] += i
    return 0


def fails_at(a: float[:], k: int, m: int) -> float:
    s = 0.0
    for i in prange(len(a)):
        if i >= k and i % m == 0:
            s += a[i + len(a) + i]  # IndexError naming the index of the lowest failing i
        s += a[i]
    return s


def divides(n: int, k: int) -> int:
    s = 0
    for i in prange(n):
        s += 1000 // (i - k) if i != k + 1 else 0
    return s


def overflows(n: int, k: int) -> int:
    s = 0
    for i in prange(n):
        if i >= k:
            s += (i + 1) * 4611686018427387904
    return s


def signed_sum(a: float[:]) -> float:
    s = -0.0
    for i in prange(len(a)):
        s += a[i]
    return s


def mathy(a: float[:], out: float[:]) -> float:
    s = 0.0
    for i in prange(len(a)):
        x = math.sqrt(a[i]) + math.sin(a[i]) * abs(a[i] - 0.5)
        out[i] = x
        if x > 1.0:
            s = s + x
        else:
            s = 0.5 * x + s
    return s


def grid_update(m: float[:, :], k: int) -> float:
    for i in prange(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] += i * k - j
    return m[m.shape[0] - 1, m.shape[1] - 1]


def count_from(n: int, s: int) -> int:
    for i in prange(n):
        if i % 7 == 3:
            s += 2
    return s


def walked(n: int):
    for i in prange(n):
        yield i * i


def from_generator(n: int) -> int:
    return sum(walked(n))


def two_loops(a: float[:], out: float[:]) -> float:
    for i in prange(len(a)):
        t = a[i] * 2.0
        out[i] = t
    s = 0.0
    for i in prange(len(a)):
        t = out[i] + 1.0
        s += t
    return s


def raises(n: int, k: int, m: int) -> int:
    s = 0
    for i in prange(n):
        if i >= k and i % m == 0:
            raise ValueError("iteration", i)
        assert i < n - 1 or k < n, "the last one"
        s += i
    return s
