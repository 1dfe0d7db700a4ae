"""The errors of whole-array expressions (compiler/lower/array_exprs.py), in NumPy's words.

    a (3,) + b (4,)        ValueError: operands could not be broadcast together with shapes (3,) (4,)
    a[mask] (shapes differ) IndexError: boolean index did not match indexed array along axis 0; ...

Each is built from the site's int operands (shapes as ndim and dims padded to 2), with no
NumPy call: the texts are NumPy 2's (tests/programs/array_exprs_*.py compare them with NumPy's).
"""

from __future__ import annotations

__all__ = ["ELEMENTWISE_ERRORS", "elementwise_error"]

ELEMENTWISE_ERRORS = frozenset({"array_operands", "array_output", "array_mask", "array_mask_count", "array_power"})


def _shape(ndim: int, dims: list[int]) -> str:
    """A shape as NumPy's messages write it: (3,), (2,3), ()."""
    if ndim == 1:
        return f"({dims[0]},)"
    return "(" + ",".join(str(d) for d in dims[:ndim]) + ")"


def _shapes(values: list[int]) -> list[str]:
    return [_shape(values[i], values[i + 1:i + 3]) for i in range(0, len(values), 3)]


def elementwise_error(kind: str, values: list[int]) -> BaseException:
    if kind == "array_operands":  # the count, then each operand's ndim and dims
        listed = " ".join(_shapes(values[1:1 + 3 * values[0]]))
        return ValueError(f"operands could not be broadcast together with shapes {listed} ")
    if kind == "array_output":  # the output's shape, then the broadcast shape
        output, result = _shapes(values)
        return ValueError(f"non-broadcastable output operand with shape {output} doesn't match the broadcast "
                          f"shape {result}")
    if kind == "array_mask":
        axis, size, mask = values
        return IndexError(f"boolean index did not match indexed array along axis {axis}; size of axis is {size} "
                          f"but size of corresponding boolean axis is {mask}")
    if kind == "array_mask_count":
        given, selected = values
        return ValueError(f"NumPy boolean array indexing assignment cannot assign {given} input values to the "
                          f"{selected} output values where the mask is true")
    return ValueError("Integers to negative integer powers are not allowed.")
