# Views passed in: slices with steps, reversed, columns, transposes; writes through negative
# indices land in the caller's memory; both dtypes and bool arrays; read-only arrays.
import numpy as np


def negate_tail(a: float[:], k: int) -> None:
    for i in range(1, k + 1):
        a[-i] = -a[-i]


def rotate_left(a: int[:]) -> None:
    first = a[0]
    for i in range(len(a) - 1):
        a[i] = a[i + 1]
    a[-1] = first


def flip_flags(m: bool[:]) -> int:
    flipped = 0
    for i in range(len(m)):
        m[i] = not m[i]
        if m[i]:
            flipped += 1
    return flipped


def column_total(m: float[:, :], j: int) -> float:
    s = 0.0
    for i in range(-1, -m.shape[0] - 1, -1):
        s += m[i, j]
    return s


def scale_rows(m: int[:, :], k: int) -> None:
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] = m[i, j] * k + i


def mixed(a: int[:], b: float[:]) -> float:
    s = 0.0
    for i in range(min(len(a), len(b))):
        s += a[i] * b[-1 - i]
    return s


def read_only_sum(a: float[:]) -> float:
    s = 0.0
    for x in a:
        s += x
    return s


def maybe_write(a: float[:], really: bool) -> float:
    if really:
        a[0] = 1.0
    return a[0]


def shape_of(m: bool[:, :]) -> str:
    r, c = m.shape
    return f"{r}x{c}:{m.size}:{m.ndim}:{len(m)}"

#> negate_tail(np.arange(6.0)[::2], 2)
#> negate_tail(np.arange(6.0)[::-1], 6)
#> negate_tail(np.arange(6.0), 7)
#> rotate_left(np.arange(5))
#> rotate_left(np.arange(10)[1::3])
#> rotate_left(np.arange(12).reshape(3, 4)[:, 2])
#> flip_flags(np.array([True, False, False]))
#> flip_flags(np.array([True, False, False, True, True])[::-2])
#> column_total(np.arange(12.0).reshape(3, 4), 1)
#> column_total(np.arange(12.0).reshape(3, 4).T, -1)
#> column_total(np.arange(12.0).reshape(3, 4), 4)
#> scale_rows(np.arange(6).reshape(2, 3), 3)
#> scale_rows(np.arange(6).reshape(2, 3).T, -1)
#> scale_rows(np.asfortranarray(np.arange(6).reshape(3, 2)), 10)
#> mixed(np.arange(4), np.linspace(0.0, 1.0, 5))
#> mixed(np.arange(4)[::-1], np.arange(3.0)[::-1])
#> read_only_sum(np.broadcast_to(np.array([1.5]), (4,)))
#> read_only_sum(np.frombuffer(b"\x00" * 16))
#> shape_of(np.zeros((2, 5), dtype=bool))
#> shape_of(np.zeros((2, 5), dtype=bool).T)
#> shape_of(np.zeros((0, 3), dtype=bool))
#> maybe_write(np.zeros(2), True)
#> maybe_write(np.zeros(2), False)
# Deviation: a function that may assign to array elements refuses a read-only array at the call
# (docs/architecture.md, Arrays), even when this call would not assign.
#> maybe_write(np.frombuffer(b"\x00" * 16), False) !ValueError: is a read-only array
