"""NumPy's own exceptions for the `array_numpy` error sites of compiled NumPy calls.

Generated code checks what NumPy would refuse (compiler/lower/numpy_calls.py) and reports the
shapes or arguments; here NumPy itself is called on arrays of those shapes, which cost nothing
(zero strides), so the exception is the one NumPy raises, with its text:

    op "reshape", operands (2, 2, 3, 1, 4)      ->  np.empty((2, 3)).reshape((4,))
                                                    ValueError: cannot reshape array of size 6 into shape (4,)
"""

from __future__ import annotations

__all__ = ["numpy_error", "NUMPY_ERROR_OPS"]

REDUCTIONS = ("sum", "prod", "min", "max", "mean", "argmin", "argmax")
NUMPY_ERROR_OPS = frozenset(("reshape", "dot", "matmul", "arange", "linspace", *REDUCTIONS))


def _array(ndim: int, *shape: int):
    import numpy as np

    return np.lib.stride_tricks.as_strided(np.zeros(1), shape=shape[:ndim], strides=(0,) * ndim)


def _split(values: list) -> tuple[list, list]:
    """An array's operands (ndim, then its shape) and what follows them."""
    ndim = values[0]
    return values[:1 + ndim], values[1 + ndim:]


def numpy_error(op: str, values: list) -> BaseException:
    """The exception NumPy raises for `op` on the arrays or arguments in `values`."""
    import numpy as np

    try:
        if op in REDUCTIONS:  # ndim, shape, axis (-1: the whole array)
            array, (axis,) = _split(values)
            getattr(np, op)(_array(*array), axis=None if axis < 0 else axis)
        elif op == "reshape":  # ndim, shape, then the new ndim and shape
            array, new = _split(values)
            _array(*array).reshape(tuple(new[1:1 + new[0]]))
        elif op in ("dot", "matmul"):
            first, second = _split(values)
            getattr(np, op)(_array(*first), _array(*second))
        elif op == "arange":
            np.arange(*values)
        elif op == "linspace":
            np.linspace(0.0, 1.0, values[0])
    except Exception as error:  # noqa: BLE001 - whatever NumPy raises is the answer
        return error
    return SystemError(f"jitcell: NumPy's {op} was reported to fail on {values}, and did not")
