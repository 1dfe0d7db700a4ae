# Boolean masks: `a[a > 0]` (a new 1-D array, elements in C order), `a[a < 0] = 0.0`, `a[m] =
# values` (as many values as Trues, or one), NumPy's IndexError when the mask's shape differs
# and its ValueError when the values do not fit.
import numpy as np


def positives(a: float[:]) -> float[:]:
    return a[a > 0.0]


def evens(m: int[:, :]) -> int[:]:
    return m[m % 2 == 0]


def pick(a: float[:], mask: bool[:]) -> float[:]:
    return a[mask]


def clip_negatives(a: float[:]) -> None:
    a[a < 0.0] = 0.0


def set_where(a: int[:, :], k: int) -> None:
    a[a > k] = k


def put(a: float[:], mask: bool[:], values: float[:]) -> None:
    a[mask] = values


def put_own(a: float[:]) -> None:
    a[a > 2.0] = a[:2]


def count_big(a: float[:], limit: float) -> int:
    return len(a[a > limit])


#> positives(np.array([1.5, -2.0, 0.0, 3.0, np.nan, -0.0]))
#> positives(np.zeros(0))
#> positives(-np.ones(3))
#> evens(np.arange(12).reshape(3, 4))
#> evens(np.arange(12).reshape(3, 4).T)
#> pick(np.arange(4.0), np.array([True, False, False, True]))
#> pick(np.arange(4.0), np.array([True, False]))
#> clip_negatives(np.array([-1.0, 2.0, -3.0, 0.0]))
#> clip_negatives(np.linspace(-1.0, 1.0, 9)[::-2])
#> set_where(np.arange(6).reshape(2, 3), 3)
#> put(np.zeros(4), np.array([True, False, True, False]), np.array([1.0, 2.0]))
#> put(np.zeros(4), np.array([True, False, True, False]), np.array([7.0]))
#> put(np.zeros(4), np.array([True, False, True, True]), np.array([1.0, 2.0]))
#> put(np.zeros(4), np.array([True, True]), np.array([1.0, 2.0]))
#> put_own(np.arange(5.0))
#> count_big(np.linspace(0.0, 1.0, 101), 0.5)
