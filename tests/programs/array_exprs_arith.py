# Whole-array arithmetic with NumPy as the reference: + - * / // % ** and unary -, abs(),
# between arrays and arrays or scalars, NumPy's broadcasting ((3, 1) with (4,) -> (3, 4)) and
# result dtypes (int / int -> float64, bool + int -> int64, bool + bool -> bool), NumPy 2's
# integer division by zero (0, no exception), float division by zero (inf, nan), int wrapping,
# int ** negative (ValueError), and the error for shapes that do not broadcast.
import numpy as np


def add(a: float[:], b: float[:]) -> float[:]:
    return a + b


def hyp(a: float[:], b: float[:]) -> float[:]:
    return np.sqrt(a * a + b * b)


def outer(a: float[:, :], b: float[:]) -> float[:, :]:
    return a * b - 1.0


def mixed(a: int[:], x: float) -> float[:]:
    return 2 * a + x


def int_ops(a: int[:], b: int[:]) -> tuple[int[:], int[:], int[:], float[:]]:
    return a + b, a - b, a * b, a / b


def floor_mod(a: int[:], b: int[:]) -> tuple[int[:], int[:]]:
    return a // b, a % b


def float_floor_mod(a: float[:], b: float[:]) -> tuple[float[:], float[:]]:
    return a // b, a % b


def true_div(a: float[:], d: float) -> float[:]:
    return a / d


def scalar_left(a: int[:], k: int) -> tuple[int[:], int[:], int[:]]:
    return k - a, k // a, k % a


def power(a: int[:], b: int[:]) -> int[:]:
    return a ** b


def float_power(a: float[:], b: float[:]) -> tuple[float[:], float[:]]:
    return a ** b, a ** 2


def negate(a: int[:], b: float[:, :]) -> tuple[int[:], float[:, :], int[:], float[:, :]]:
    return -a, -b, abs(a), abs(b)


def bools(p: bool[:], q: bool[:]) -> tuple[bool[:], bool[:], int[:], float[:], float[:]]:
    return p + q, p * q, p + 1, p * 2.5, p / q


def wraps(a: int[:]) -> tuple[int[:], int[:]]:
    return a * 3, a + a


def chain(a: float[:], b: float[:], c: float[:, :]) -> float[:, :]:
    return (a - b) * c + a / (b + 1.0)


def copy_of_unary_plus(a: float[:]) -> float[:]:
    return +a


#> add(np.arange(5.0), np.linspace(0.0, 1.0, 5))
#> add(np.arange(10.0)[::2], np.arange(10.0)[::-2])
#> add(np.arange(3.0), np.array([2.5]))
#> add(np.arange(3.0), np.arange(4.0))
#> add(np.zeros(0), np.zeros(0))
#> add(np.zeros(0), np.ones(1))
#> add(np.zeros(1), np.ones(0))
#> hyp(np.linspace(-3.0, 7.0, 101), np.linspace(0.1, 40.0, 101))
#> hyp(np.array([3e200, 1e-200, 0.0, -0.0]), np.array([4e200, 1e-200, -0.0, -0.0]))
#> outer(np.arange(3.0).reshape(3, 1), np.arange(4.0))
#> outer(np.arange(6.0).reshape(2, 3), np.arange(3.0))
#> outer(np.arange(6.0).reshape(2, 3), np.arange(2.0))
#> outer(np.arange(6.0).reshape(3, 2)[::-1, ::-1], np.array([0.5, -2.0]))
#> outer(np.arange(12.0).reshape(3, 4).T, np.arange(3.0))
#> mixed(np.arange(-3, 4), 0.5)
#> int_ops(np.array([7, -7, 7, -7, 0, 5]), np.array([2, 2, -2, -2, 3, 0]))
#> floor_mod(np.array([7, -7, 7, -7, 0, 5, -5, -2**63, -2**63, 2**63 - 1]), np.array([2, 2, -2, -2, 3, 0, 0, -1, 1, -1]))
#> float_floor_mod(np.array([7.5, -7.5, 7.5, -7.5, 0.0, -0.0, 5.0, -5.0, 0.0, np.inf, 1.0, -1.0, np.nan, 1e300]), np.array([2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 0.0, 0.0, 0.0, 1.0, np.inf, np.inf, 2.0, 1e-300]))
#> true_div(np.array([1.0, -1.0, 0.0, np.nan, np.inf]), 0.0)
#> true_div(np.array([1.0, -1.0, 0.0]), -0.0)
#> true_div(np.array([1.0, 3.0]), 3.0)
#> scalar_left(np.array([1, 2, -3, 0]), 7)
#> power(np.array([2, 3, -2, 0, 1, 10, 3]), np.array([10, 0, 3, 0, 100, 20, 41]))
#> power(np.array([2, 3]), np.array([1, -1]))
#> power(np.zeros(0, dtype=int), np.zeros(0, dtype=int))
#> float_power(np.array([2.0, -8.0, 0.5, 0.0, -1.5, 1e10]), np.array([0.5, 1.0 / 3.0, -2.0, -1.0, 3.0, 40.0]))
#> negate(np.array([1, -2, -2**63, 0]), np.array([[1.5, -0.0], [0.0, np.nan]]))
#> bools(np.array([True, True, False, False]), np.array([True, False, True, False]))
#> wraps(np.array([2**62, -2**63, 2**63 - 1]))
#> chain(np.arange(3.0), np.linspace(1.0, 2.0, 3), np.arange(6.0).reshape(2, 3))
#> chain(np.arange(3.0), np.linspace(1.0, 2.0, 4), np.arange(6.0).reshape(2, 3))
#> chain(np.arange(3.0), np.linspace(1.0, 2.0, 3), np.arange(8.0).reshape(2, 4))
#> copy_of_unary_plus(np.arange(4.0)[::-1])


def halve_in_place(a: float[:]) -> float:
    a *= 0.5
    print("halved")
    return a[0]


def before_a_call(a: float[:]) -> float[:]:
    return a * 2.0 + halve_in_place(a)


def reads_after_a_call(a: float[:]) -> float[:]:
    return a + halve_in_place(a)


def noisy(n: int) -> int:
    print("called", n)
    return n


def broadcast_error_before_a_call(a: float[:], b: float[:]) -> float[:]:
    return a * b + noisy(1)


#> before_a_call(np.arange(3.0))
#> reads_after_a_call(np.arange(3.0))
#> broadcast_error_before_a_call(np.arange(3.0), np.arange(2.0))
#> broadcast_error_before_a_call(np.arange(3.0), np.arange(3.0))
