# NumPy's functions on whole arrays and on scalars: np.sqrt (correctly rounded, so equal to
# NumPy's bit for bit), np.floor, np.ceil, np.abs (int arrays keep int64; NumPy 2.4's floor
# of an int array is int64), np.minimum on scalars. np.exp/log/sin/cos/tan are compared in
# tests/test_array_exprs.py, where NumPy's SIMD implementations may differ from the C
# library's by an ulp.
import numpy as np


def roots(a: float[:]) -> float[:]:
    return np.sqrt(a)


def roots_of_ints(a: int[:]) -> float[:]:
    return np.sqrt(a)


def rounding(a: float[:, :]) -> tuple[float[:, :], float[:, :], float[:, :]]:
    return np.floor(a), np.ceil(a), np.abs(a)


def rounding_ints(a: int[:]) -> tuple[int[:], int[:], int[:]]:
    return np.floor(a), np.ceil(a), np.abs(a)


def on_scalars(x: float, n: int) -> tuple[float, float, float, int, float, int]:
    return np.sqrt(x), np.floor(x), np.abs(x), np.abs(n), np.minimum(x, n), np.maximum(n, 3)


def sqrt_negative(x: float) -> float:
    return np.sqrt(x)


def fused(a: float[:], b: float[:]) -> float[:]:
    return np.sqrt(np.abs(a - b)) + np.floor(a * 0.5)


#> roots(np.array([0.0, -0.0, 1.0, 2.0, 1e-310, 1e308, np.inf, -1.0, np.nan]))
#> roots(np.linspace(0.0, 1000.0, 1001))
#> roots_of_ints(np.array([0, 1, 2, 9, 2**62]))
#> rounding(np.array([[1.5, -1.5], [-0.5, 0.5], [np.nan, -np.inf], [2.0, -0.0]]))
#> rounding_ints(np.array([-3, 0, 4, -2**63]))
#> on_scalars(2.0, -4)
#> on_scalars(-2.5, 7)
#> sqrt_negative(-1.0)
#> fused(np.linspace(-5.0, 5.0, 21), np.linspace(3.0, -3.0, 21))
