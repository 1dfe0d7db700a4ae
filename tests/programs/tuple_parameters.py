import numpy as np


def norm(p: tuple[float, float]) -> float:
    x, y = p
    return x * x + y * y


def label(p: tuple[str, tuple[int, bool]]) -> str:
    s, (n, b) = p
    return s * n + str(b)


def dot(ab: tuple[float[:], float[:]]) -> float:
    a, b = ab
    t = 0.0
    for i in range(len(a)):
        t += a[i] * b[i]
    return t


def scale(ab: tuple[float[:], float], k: int) -> float[:]:
    a, s = ab
    for i in range(len(a)):
        a[i] *= s * k
    return a


def first_row(m: tuple[int[:, :], str]) -> int:
    grid, name = m
    return grid[0, grid.shape[1] - 1] + len(name)


def swapped(p: tuple[int, str]) -> tuple[str, int]:
    return p[1], p[0]


def inner(n: int) -> float:
    # tuples passed between the cell's functions: struct values, heap items retained
    a = np.ones(n)
    return norm((n, 2.0)) + dot((a, a)) + len(label(("ab", (n, n > 2)))) + len(swapped((n, "x"))[0])


#> norm((3.0, 4.0))
#> norm((3, 4.0))
#> label(("ab", (3, True)))
#> label(("", (0, False)))
#> dot((np.arange(3.0), np.arange(3.0)))
#> dot((np.zeros(0), np.zeros(0)))
#> scale((np.arange(3.0), 2.0), 3)
#> first_row((np.arange(6).reshape(2, 3), "abc"))
#> swapped((5, "five"))
#> inner(4)
#> inner(0)
# Deviation: the boundary checks a tuple parameter (its class, length and item types) and names it;
# CPython takes any value and fails later, if at all (tests/test_tuple_parameters.py has the rest).
#> norm([1.0, 2.0]) !TypeError: norm() argument 'p' must be tuple[float, float], not list
#> norm((1.0,)) !TypeError: norm() argument 'p' must be tuple[float, float], a tuple of 2 items, not a tuple of 1
#> dot((np.ones(2), np.ones(2, dtype=int))) !TypeError: dot() argument 'ab[1]' must be a 1-D float64 array (float[:]), not a 1-D int64 array
