# Slice assignment: a scalar into every element of a view, an array into a view (NumPy's
# broadcasting: an axis of length 1 repeats, a 1-D source fills every row), NumPy's overlap
# rule (the source is copied first, so p[:k+1] = p[k::-1] reverses), shapes that do not
# broadcast (NumPy's ValueError), and the permutation flips of fannkuch.
import numpy as np


def clear_inside(a: float[:]) -> None:
    a[1:-1] = 0.0


def fill_every_other(a: int[:], v: int) -> None:
    a[::2] = v


def fill_bools(m: bool[:, :]) -> None:
    m[1:, ::2] = True


def fill_int_from_bool(a: int[:], flag: bool) -> None:
    a[:] = flag


def fill_float_from_int(a: float[:], n: int) -> None:
    a[-2:] = n


def flip(p: int[:], k: int) -> None:
    p[:k + 1] = p[k::-1]


def shift_right(a: int[:]) -> None:
    a[1:] = a[:-1]


def shift_left(a: int[:]) -> None:
    a[:-1] = a[1:]


def set_column(m: float[:, :], j: int, b: float[:]) -> None:
    m[:, j] = b


def set_row(m: float[:, :], i: int, b: float[:]) -> None:
    m[i] = b


def set_block(m: int[:, :], b: int[:, :]) -> None:
    m[1:3, 1:3] = b


def broadcast_row(m: int[:, :], r: int[:]) -> None:
    m[:, :] = r


def broadcast_one(a: float[:], b: float[:]) -> None:
    a[2:] = b


def transpose_in_place(m: int[:, :]) -> None:
    m[:, :] = m[::-1, ::-1]


def copy_into(a: float[:], b: float[:]) -> None:
    a[:len(b)] = b


def mismatch(a: float[:], b: float[:]) -> None:
    a[:4] = b


def mismatch_2d(m: float[:, :], b: float[:, :]) -> None:
    m[1:, :] = b


def fannkuch(n: int) -> tuple[int, int]:
    perm1 = np.zeros(n, dtype=int)
    for i in range(n):
        perm1[i] = i
    count = np.zeros(n, dtype=int)
    perm = np.zeros(n, dtype=int)
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm[:] = perm1
        flips = 0
        k = perm[0]
        while k != 0:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        max_flips = max(max_flips, flips)
        checksum += sign * flips
        sign = -sign
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


#> clear_inside(np.arange(6.0))
#> clear_inside(np.arange(2.0))
#> clear_inside(np.arange(9.0)[::-2])
#> fill_every_other(np.arange(7), -5)
#> fill_bools(np.zeros((3, 5), dtype=bool))
#> fill_int_from_bool(np.arange(3), True)
#> fill_float_from_int(np.arange(4.0), 7)
#> flip(np.arange(6), 3)
#> flip(np.arange(6), 5)
#> flip(np.arange(6), 0)
#> flip(np.arange(12)[::2], 4)
#> shift_right(np.arange(6))
#> shift_left(np.arange(6))
#> shift_right(np.arange(12)[::-2])
#> set_column(np.zeros((3, 4)), 1, np.array([1.0, 2.0, 3.0]))
#> set_column(np.zeros((3, 4)), -1, np.arange(6.0)[::2])
#> set_column(np.zeros((3, 4)), 0, np.arange(4.0))
#> set_row(np.zeros((3, 4)), 2, np.arange(4.0)[::-1])
#> set_row(np.zeros((3, 4)), 0, np.array([5.0]))
#> set_block(np.zeros((4, 4), dtype=int), np.arange(4).reshape(2, 2))
#> set_block(np.zeros((4, 4), dtype=int), np.arange(6).reshape(2, 3))
#> set_block(np.zeros((4, 4), dtype=int), np.arange(2).reshape(1, 2))
#> broadcast_row(np.zeros((3, 4), dtype=int), np.arange(4))
#> broadcast_row(np.zeros((3, 4), dtype=int), np.arange(3))
#> broadcast_one(np.zeros(5), np.array([2.5]))
#> broadcast_one(np.zeros(2), np.arange(3.0))
#> transpose_in_place(np.arange(12).reshape(3, 4))
#> copy_into(np.zeros(5), np.arange(3.0))
#> copy_into(np.zeros(5), np.arange(7.0))
#> mismatch(np.zeros(6), np.arange(3.0))
#> mismatch(np.zeros(6), np.arange(4.0))
#> mismatch(np.zeros(2), np.arange(2.0))
#> mismatch(np.zeros(2), np.arange(3.0))
#> mismatch_2d(np.zeros((3, 4)), np.ones((2, 4)))
#> mismatch_2d(np.zeros((3, 4)), np.ones((3, 4)))
#> mismatch_2d(np.zeros((3, 4)), np.ones((1, 3)))
#> fannkuch(3)
#> fannkuch(7)
