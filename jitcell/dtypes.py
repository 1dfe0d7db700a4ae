"""The NumPy dtypes an array of jitcell can hold: one table, read by every layer.

    >>> DTYPES["uint8"]
    DType(name='uint8', kind='int', itemsize=1, signed=False)
    >>> DTYPES["uint8"].bounds, DTYPES["float32"].kind, type_prefix("uint8"), type_prefix("int64")
    ((0, 255), 'float', 'uint8', 'int')

An array type is named by its element's Python type for the four dtypes that are
Python's own scalars (`float[:]` float64, `int[:]` int64, `bool[:]`, `complex[:]`
complex128) and by the dtype's name for the others (`uint8[:, :]`, `float32[:]`): these
names travel in manifests and wrapper messages. An element is read as the Python type
of its kind (`kind`: int, float, bool or complex), the value NumPy's scalar stands for.

The compiler's storage rules (LLVM type, load and store conversions) are in
compiler/lower/elements.py; the boundary's dtype checks in runtime/arrays.py.
"""

from __future__ import annotations

__all__ = ["DType", "DTYPES", "DEFAULT_DTYPE", "MAX_NDIM", "type_prefix", "dtype_of_prefix"]

MAX_NDIM = 32  # NumPy 1's NPY_MAXDIMS (NumPy 2 allows 64): more axes are a CompileError


class DType:
    """One dtype, immutable. A plain class, not a dataclass: a cache hit imports this module, and
    importing dataclasses (with inspect) would cost it several milliseconds."""

    __slots__ = ("name", "kind", "itemsize", "signed")
    name: str  # NumPy's name: np.dtype(name)
    kind: str  # the Python type an element reads as: "int", "float", "bool", "complex"
    itemsize: int  # bytes
    signed: bool

    def __init__(self, name: str, kind: str, itemsize: int, signed: bool = True):
        for field, value in zip(self.__slots__, (name, kind, itemsize, signed), strict=True):
            object.__setattr__(self, field, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def _fields(self) -> tuple:
        return (self.name, self.kind, self.itemsize, self.signed)

    def __eq__(self, other: object) -> bool:
        return self._fields() == other._fields() if type(other) is DType else NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __reduce__(self):
        return DType, self._fields()

    def __repr__(self) -> str:
        return "DType(" + ", ".join(f"{f}={v!r}" for f, v in zip(self.__slots__, self._fields(), strict=True)) + ")"

    @property
    def bounds(self) -> tuple[int, int]:
        """The values an integer dtype holds."""
        bits = 8 * self.itemsize
        return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if self.signed else (0, (1 << bits) - 1)


DTYPES = {d.name: d for d in (
    DType("float64", "float", 8), DType("float32", "float", 4),
    DType("int64", "int", 8), DType("int32", "int", 4), DType("int16", "int", 2), DType("int8", "int", 1),
    DType("uint64", "int", 8, False), DType("uint32", "int", 4, False), DType("uint16", "int", 2, False),
    DType("uint8", "int", 1, False),
    DType("bool", "bool", 1), DType("complex128", "complex", 16))}

# the dtype of each kind's Python scalar: an array of it is spelled with the kind (`int[:]`)
DEFAULT_DTYPE = {"float": "float64", "int": "int64", "bool": "bool", "complex": "complex128"}
_PREFIX_DTYPE = {**{d: d for d in DTYPES}, **DEFAULT_DTYPE}


def type_prefix(dtype: str) -> str:
    """What an array type's name starts with: the kind for a default dtype, else the dtype's name."""
    kind = DTYPES[dtype].kind
    return kind if DEFAULT_DTYPE[kind] == dtype else dtype


def dtype_of_prefix(prefix: str) -> DType | None:
    """The dtype an array type name's prefix names ("int" -> int64, "uint8" -> uint8), or None."""
    name = _PREFIX_DTYPE.get(prefix)
    return None if name is None else DTYPES[name]
