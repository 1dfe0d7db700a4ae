# NumPy's shape functions and reductions on arrays of 3 and more axes, of any dtype: reshape
# (a view where NumPy gives one, else a copy), ravel, flatten, transpose/.T; sum, prod, min, max,
# mean, argmin, argmax over the whole array (float sums in NumPy's order, bit for bit) and along
# any axis (an array with one axis fewer, of NumPy's result dtype); NumPy's errors.
from __future__ import annotations

import numpy as np


def cube(n: int) -> float[:, :, :]:
    return np.arange(float(n * 6)).reshape(n, 2, 3)


def reshaped(a: float[:], n: int) -> float[:, :, :]:
    return a.reshape(n, -1, 2)


def flattened(c: int16[:, :, :]) -> tuple[int16[:], int16[:], int16[:, :]]:
    return c.ravel(), c.flatten(), c.reshape(-1, 2)


def four_axes(c: float[:, :, :]) -> float[:, :, :, :]:
    return c.reshape((1, c.shape[0], c.shape[1], c.shape[2])).T


def shared(a: float[:]) -> bool:
    v = a.reshape(2, 3, -1)
    v[1, 2, 0] = -1.0
    return a[-2] == -1.0


def transposed(c: uint8[:, :, :]) -> tuple[uint8[:, :, :], uint8[:, :, :]]:
    return c.T, np.transpose(c)


def whole(c: float[:, :, :]) -> tuple[float, float, float, float, int, int]:
    return c.sum(), np.min(c), c.max(), c.mean(), c.argmin(), np.argmax(c)


def whole_product(c: float[:, :, :]) -> float:
    return np.prod(c)


def whole_ints(c: int8[:, :, :]) -> tuple[int, int, int, int, float, int]:
    return c.sum(), c.prod(), c.min(), c.max(), c.mean(), c.argmax()


def whole_f32(c: float32[:, :, :]) -> tuple[float, float, float]:
    return c.sum(), c.mean(), c.max()


def along(c: float[:, :, :], axis: int) -> tuple[float[:, :], float[:, :], float[:, :], int[:, :]]:
    if axis == 0:
        return c.sum(axis=0), c.mean(axis=0), c.min(axis=0), c.argmax(axis=0)
    if axis == 1:
        return c.sum(axis=1), c.mean(axis=1), c.min(axis=1), c.argmax(axis=1)
    return c.sum(axis=-1), c.mean(axis=-1), c.min(axis=-1), c.argmax(axis=-1)


def along_u16(c: uint16[:, :, :]) -> tuple[uint64[:, :], uint16[:, :], float[:, :]]:
    return c.sum(axis=1), c.max(axis=2), c.mean(axis=0)


def along_f32(c: float32[:, :, :]) -> tuple[float32[:, :], float32[:, :]]:
    return c.sum(axis=0), c.sum(axis=2)


def four_sum(c: float[:, :, :, :]) -> tuple[float, float[:, :, :]]:
    return c.sum(), c.sum(axis=2)


def bad_reshape(c: float[:, :, :]) -> float[:, :]:
    return c.reshape(5, -1)


def empty_max(c: float[:, :, :]) -> float[:, :]:
    return c.max(axis=1)


#> cube(2)
#> reshaped(np.arange(12.0), 3)
#> reshaped(np.arange(24.0)[::2], 2)
#> flattened(np.arange(24, dtype=np.int16).reshape(2, 3, 4))
#> flattened(np.arange(24, dtype=np.int16).reshape(2, 3, 4)[:, ::-1, 1:3])
#> four_axes(np.arange(24.0).reshape(2, 3, 4))
#> shared(np.arange(12.0))
#> transposed(np.arange(24, dtype=np.uint8).reshape(2, 3, 4))
#> whole(np.sin(np.arange(24000.0)).reshape(20, 30, 40) * 1e3)
#> whole(np.sin(np.arange(24000.0)).reshape(20, 30, 40).T * 1e3)
#> whole(np.sin(np.arange(24000.0)).reshape(20, 30, 40).transpose(1, 0, 2) * 1e3)
#> whole(np.sin(np.arange(24000.0)).reshape(20, 30, 40)[::2, 1:, :])
#> whole(np.sin(np.arange(24000.0)).reshape(20, 30, 40)[:, 1:, ::3])
#> whole(np.sin(np.arange(24000.0)).reshape(20, 30, 40).transpose(2, 0, 1)[::2])
#> whole(np.sin(np.arange(210000.0)).reshape(50, 60, 70) * 1e3)
#> whole(np.array([[[1.0, np.nan], [np.nan, 0.0]]]))
#> whole_product(np.linspace(0.5, 1.5, 60).reshape(3, 4, 5))
#> whole_ints(np.arange(-60, 60, dtype=np.int8).reshape(4, 5, 6))
#> whole_f32(np.sin(np.arange(24000.0)).astype(np.float32).reshape(20, 30, 40))
#> along(np.sin(np.arange(24000.0)).reshape(20, 30, 40) * 1e3, 0)
#> along(np.sin(np.arange(24000.0)).reshape(20, 30, 40) * 1e3, 1)
#> along(np.sin(np.arange(24000.0)).reshape(20, 30, 40) * 1e3, 2)
#> along(np.sin(np.arange(24000.0)).reshape(20, 30, 40).T * 1e3, 1)
#> along(np.sin(np.arange(24000.0)).reshape(20, 30, 40)[::-1, :, ::3], 2)
#> along_u16(np.arange(120, dtype=np.uint16).reshape(4, 5, 6) * np.uint16(500))
#> along_f32(np.sin(np.arange(24000.0)).astype(np.float32).reshape(20, 30, 40))
#> four_sum(np.sin(np.arange(2400.0)).reshape(4, 5, 6, 20))
#> bad_reshape(np.zeros((2, 3, 4)))
#> empty_max(np.zeros((2, 0, 3)))
