# Lists of NumPy arrays passed in: each array is the caller's (its memory shared, so stores are
# seen), the list itself is written back when compiled code changes it, and a bad element is a
# TypeError naming the parameter and the element.
import numpy as np


def scale(xs: list[float[:]], k: float) -> float:
    total = 0.0
    for a in xs:
        for i in range(a.shape[0]):
            a[i] *= k
            total += a[i]
    return total


def grow(xs: list[float[:]], n: int) -> int:
    xs.append(np.zeros(n))
    xs[0][0] = -1.0
    return len(xs)


def corners(ms: list[int[:, :]]) -> int:
    t = 0
    for m in ms:
        t += m[0, m.shape[1] - 1] + m.shape[0]
        m[0, 0] = 99
    return t


def pairs(ps: list[tuple[str, float[:]]]) -> str:
    out = ""
    for name, a in ps:
        out += f"{name}={sum(a)} "
    return out

#> scale([np.arange(3.0), np.ones(2)], 2.0)
#> scale([], 2.0)
#> grow([np.arange(2.0)], 3)
#> corners([np.arange(6).reshape(2, 3), np.arange(12).reshape(3, 4)[:, ::2]])
#> pairs([("a", np.arange(4.0)), ("b", np.ones(1))])
# Deviation: each element is checked at the call (CPython fails later, or not at all).
#> scale([np.arange(3)], 1.0) !TypeError: scale() argument 'xs' must be list[float[:]], not list containing ndarray of int64 with 1 dimension at index 0
#> scale([np.arange(3.0), 5], 1.0) !TypeError: scale() argument 'xs' must be list[float[:]], not list containing int at index 1
