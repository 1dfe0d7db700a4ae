# Arrays: an index out of range raises IndexError with NumPy's own message, on reads,
# assignments and augmented assignments, in 1-D and 2-D, from inside loops (whose guards
# prove most accesses in range), with objects created before the fault released.
from __future__ import annotations

import numpy as np


def get(a: float[:], i: int) -> float:
    return a[i]


def put(a: int[:], i: int, v: int) -> None:
    a[i] = v


def bump(a: float[:], i: int) -> None:
    a[i] += 1.0


def get2(m: int[:, :], i: int, j: int) -> int:
    return m[i, j]


def put2(m: bool[:, :], i: int, j: int) -> None:
    m[i, j] = True


def off_by_one(a: float[:]) -> float:
    s = 0.0
    for i in range(len(a) + 1):
        s += a[i]
    return s


def shifted(a: float[:], k: int) -> float:
    s = 0.0
    for i in range(len(a)):
        s += a[i + k]
    return s


def neighbours(a: float[:]) -> float:
    s = 0.0
    for i in range(1, len(a) - 1):
        s += a[i - 1] - 2 * a[i] + a[i + 1]
    return s


def from_the_end(a: float[:], k: int) -> float:
    s = 0.0
    for i in range(k):
        s += a[-1 - i]
    return s


def partial_writes(a: int[:], n: int) -> None:
    for i in range(n):
        a[i] = i * 10


def stencil_rows(m: float[:, :], extra: int) -> float:
    s = 0.0
    for i in range(m.shape[0] + extra):
        for j in range(1, m.shape[1]):
            s += m[i, j] - m[i, j - 1]
    return s


def indirect(a: float[:], idx: int[:]) -> float:
    s = 0.0
    for i in range(len(idx)):
        s += a[idx[i]]
    return s


def leaks_nothing(n: int, bad: int) -> float:
    tmp = np.zeros(n)
    label = f"n={n}"
    for i in range(n):
        tmp[i] = i
    return tmp[bad] + len(label)


#> get(np.arange(5.0), 4)
#> get(np.arange(5.0), 5)
#> get(np.arange(5.0), -5)
#> get(np.arange(5.0), -6)
#> get(np.zeros(0), 0)
#> get(np.arange(5.0), 2**63 - 1)
#> get(np.arange(5.0), -2**63)
#> put(np.arange(3), 3, 1)
#> put(np.arange(3), -4, 1)
#> put(np.arange(3), -3, 9)
#> bump(np.zeros(2), 2)
#> bump(np.zeros(2), -1)
#> get2(np.arange(6).reshape(2, 3), 2, 0)
#> get2(np.arange(6).reshape(2, 3), 0, 3)
#> get2(np.arange(6).reshape(2, 3), -3, -4)
#> get2(np.arange(6).reshape(2, 3), 1, -3)
#> put2(np.zeros((2, 2), dtype=bool), 1, 2)
#> put2(np.zeros((2, 2), dtype=bool), -1, -1)
#> off_by_one(np.arange(4.0))
#> shifted(np.arange(4.0), 0)
#> shifted(np.arange(4.0), 1)
#> shifted(np.arange(4.0), -4)
#> shifted(np.arange(4.0), -5)
#> neighbours(np.array([1.0, 4.0, 9.0, 16.0, 25.0]))
#> neighbours(np.zeros(1))
#> from_the_end(np.arange(5.0), 5)
#> from_the_end(np.arange(5.0), 6)
#> partial_writes(np.zeros(4, dtype=int), 4)
#> partial_writes(np.zeros(4, dtype=int), 6)
#> stencil_rows(np.arange(12.0).reshape(3, 4), 0)
#> stencil_rows(np.arange(12.0).reshape(3, 4), 1)
#> indirect(np.arange(5.0), np.array([4, 0, -1, -5]))
#> indirect(np.arange(5.0), np.array([1, 5]))
#> leaks_nothing(5, 4)
#> leaks_nothing(5, 5)
#> leaks_nothing(0, 0)
