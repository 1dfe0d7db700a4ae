# In-place forms on whole arrays and views, writing into the existing memory as NumPy does:
# `a += b`, `a *= 2.0`, `m[i] -= row`, `a[::2] /= 4.0`; an operand overlapping the target
# (a[1:] += a[:-1]) is read as it was before the statement, as NumPy's overlap copy makes it;
# the output cannot broadcast (NumPy's ValueError), and an operand that does not broadcast
# names the output's shape too.
import numpy as np


def add_to(a: float[:], b: float[:]) -> None:
    a += b


def scale(a: float[:, :], k: float) -> None:
    a *= k


def scale_int(a: int[:], k: int) -> None:
    a *= k
    a //= 2
    a -= 1


def row_update(m: float[:, :], i: int, row: float[:]) -> None:
    m[i] -= row


def every_other(a: float[:]) -> None:
    a[::2] /= 4.0


def shift_add(a: float[:]) -> None:
    a[1:] += a[:-1]


def shift_add_back(a: float[:]) -> None:
    a[:-1] += a[1:]


def self_add(a: int[:]) -> None:
    a += a


def reversed_add(a: int[:]) -> None:
    a += a[::-1]


def broadcast_in(m: float[:, :], col: float[:, :]) -> None:
    m += col


def bool_or(p: bool[:], q: bool[:]) -> None:
    p |= q


def int_into_float(a: float[:], b: int[:]) -> None:
    a += b


def local_alias(a: float[:]) -> float[:]:
    b = a
    b += 1.0
    return a


#> add_to(np.arange(4.0), np.array([0.5, 1.5, 2.5, 3.5]))
#> add_to(np.arange(4.0), np.array([10.0]))
#> add_to(np.arange(3.0), np.arange(4.0))
#> scale(np.arange(6.0).reshape(2, 3), -1.5)
#> scale_int(np.array([1, -3, 2**62, 7]), 3)
#> row_update(np.ones((3, 4)), 1, np.arange(4.0))
#> row_update(np.ones((3, 4)), -1, np.arange(3.0))
#> every_other(np.arange(7.0))
#> shift_add(np.arange(6.0))
#> shift_add_back(np.arange(6.0))
#> self_add(np.arange(5))
#> reversed_add(np.arange(5))
#> broadcast_in(np.zeros((2, 3)), np.array([[1.0], [2.0]]))
#> broadcast_in(np.zeros((2, 1)), np.ones((2, 3)))
#> broadcast_in(np.zeros((2, 3)), np.ones((3, 1)))
#> bool_or(np.array([True, False, False]), np.array([False, False, True]))
#> int_into_float(np.zeros(3), np.array([1, -2, 3]))
#> local_alias(np.arange(3.0))


def shift_add_strided(a: float[:]) -> None:
    a[2::2] += a[:-2:2]


def shift_add_reversed(a: float[:]) -> None:
    b = a[::-1]
    b[1:] += b[:-1]


def shift_two_inputs(a: int[:]) -> None:
    a[1:-1] += a[:-2] * a[2:]


def shift_power(a: int[:]) -> None:
    a[1:] **= a[:-1]


#> shift_add_strided(np.arange(9.0))
#> shift_add_reversed(np.arange(6.0))
#> shift_two_inputs(np.arange(7))
#> shift_power(np.array([2, 3, 1, 2]))
#> shift_power(np.array([2, 3, -1, 2]))


def shift_rows(m: float[:, :]) -> None:
    m[1:] += m[:-1]


def shift_columns(m: int[:, :]) -> None:
    m[:, 1:] *= m[:, :-1] + 1


def transpose_add(m: float[:, :]) -> None:
    m += m[::-1, ::-1]


#> shift_rows(np.arange(12.0).reshape(4, 3))
#> shift_columns(np.arange(12).reshape(3, 4))
#> transpose_add(np.arange(9.0).reshape(3, 3))
