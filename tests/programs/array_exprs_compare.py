# Comparisons of arrays (bool arrays; int against float compared as float64, as NumPy 2 does,
# NaN unequal), &, |, ^ and ~ on bool and int arrays, np.where with arrays and scalars mixed
# (its three shapes in NumPy's broadcast error), np.minimum and np.maximum (NaN propagates,
# NumPy's choice between -0.0 and 0.0).
import numpy as np


def compare(a: float[:], b: float[:]) -> tuple[bool[:], bool[:], bool[:], bool[:], bool[:], bool[:]]:
    return a < b, a <= b, a > b, a >= b, a == b, a != b


def compare_int_float(a: int[:], x: float) -> tuple[bool[:], bool[:]]:
    return a < x, a == x


def compare_scalar_left(a: int[:], k: int) -> bool[:]:
    return k < a


def between(a: float[:], lo: float, hi: float) -> bool[:]:
    return (a >= lo) & (a < hi)


def logic(p: bool[:], q: bool[:]) -> tuple[bool[:], bool[:], bool[:], bool[:]]:
    return p & q, p | q, p ^ q, ~p


def bits(a: int[:], b: int[:]) -> tuple[int[:], int[:], int[:], int[:]]:
    return a & b, a | b, a ^ b, ~a


def where(c: bool[:], x: float[:], y: float[:]) -> float[:]:
    return np.where(c, x, y)


def where_scalars(a: float[:]) -> float[:]:
    return np.where(a > 0.0, a, 0.0)


def where_int(a: int[:]) -> int[:]:
    return np.where(a % 2 == 0, a // 2, 3 * a + 1)


def where_promotes(a: int[:]) -> float[:]:
    return np.where(a > 1, a, 0.5)


def where_2d(c: bool[:, :], x: float[:]) -> float[:, :]:
    return np.where(c, x, -x)


def min_max(a: float[:], b: float[:]) -> tuple[float[:], float[:]]:
    return np.minimum(a, b), np.maximum(a, b)


def min_max_int(a: int[:], k: int) -> tuple[int[:], int[:]]:
    return np.minimum(a, k), np.maximum(k, a)


def min_max_bool(p: bool[:], q: bool[:]) -> tuple[bool[:], bool[:]]:
    return np.minimum(p, q), np.maximum(p, q)


#> compare(np.array([1.0, 2.0, np.nan, 3.0, -0.0]), np.array([2.0, 2.0, 1.0, np.nan, 0.0]))
#> compare(np.arange(4.0), np.array([1.5]))
#> compare_int_float(np.array([2**53, 2**53 + 1, 3, -1]), 9007199254740992.0)
#> compare_int_float(np.array([1, 2]), np.nan)
#> compare_scalar_left(np.arange(-2, 3), 0)
#> between(np.linspace(0.0, 1.0, 11), 0.25, 0.75)
#> logic(np.array([True, True, False, False]), np.array([True, False, True, False]))
#> bits(np.array([12, -1, 0, 2**63 - 1]), np.array([10, 5, -1, -2**63]))
#> where(np.array([True, False, True]), np.arange(3.0), -np.arange(3.0))
#> where(np.array([True, False, True]), np.arange(4.0), np.arange(3.0))
#> where(np.array([True, False]), np.arange(2.0), np.array([9.0]))
#> where_scalars(np.array([-1.5, 2.0, np.nan, -0.0, 3.0]))
#> where_int(np.arange(8))
#> where_promotes(np.arange(4))
#> where_2d(np.array([[True, False], [False, True]]), np.array([1.0, 2.0]))
#> where_2d(np.array([[True, False], [False, True]]), np.array([1.0, 2.0, 3.0]))
#> min_max(np.array([1.0, np.nan, 3.0, -0.0, 0.0, np.inf]), np.array([2.0, 1.0, np.nan, 0.0, -0.0, -np.inf]))
#> min_max_int(np.array([-5, 0, 5, 2**63 - 1]), 1)
#> min_max_bool(np.array([True, True, False, False]), np.array([True, False, True, False]))
