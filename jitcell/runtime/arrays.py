"""NumPy arrays at the boundary of a compiled call, and the exceptions array operations raise.

    def total(a: float[:]) -> float     the wrapper checks that a is a 1-D float64 ndarray
                                        (else TypeError naming the parameter and both types),
    total(np.arange(5.0)[::2])          then passes where its data address is, its shape and
                                        strides in bytes; the entry point makes a view object

The data address is read by the entry point from the ndarray object itself (NumPy's
PyArrayObject keeps it right after the object header; where exactly is checked once per
process, with a fallback): reading it in Python would cost more than the rest of the call.

A view points at NumPy's memory and does not own it: assignments to elements are seen
by the caller. An array created in compiled code owns its data; returned to Python it
becomes an ndarray over that memory whose base is an `ArrayOwner`, which releases the
runtime object when NumPy lets go of it (a slice of it likewise, with its strides). A
parameter's view returned is the argument it came from; a slice of one becomes an ndarray
over the argument's memory whose base (`ArgumentView`) keeps the argument alive.

NumPy is imported when a function with array parameters or results is bound, not before.
"""

from __future__ import annotations

import ctypes

from jitcell import runtime
from jitcell.dtypes import DTYPES, MAX_NDIM, dtype_of_prefix
from jitcell.runtime.array_exprs import ELEMENTWISE_ERRORS, elementwise_error
from jitcell.runtime.numpy_errors import numpy_error

__all__ = ["parse_type", "is_array_type", "wrapper_lines", "wrapper_namespace", "take_array", "ArrayOwner",
           "ArgumentView", "site_error", "argtypes", "array_layout"]

_WORDS = 7  # the header's words before the axes' (runtime/source.py): 56 + 16 * ndim bytes
_WORD = ctypes.c_int64.from_address


def parse_type(name: str) -> tuple[str, int] | None:
    """"float[:, :]" -> ("float64", 2), "uint8[:]" -> ("uint8", 1): the dtype and ndim; None for
    anything that is not an array type's name."""
    head, bracket, rest = name.partition("[")
    dtype = dtype_of_prefix(head)
    if dtype is None or not bracket or rest.strip(" :,]") or not 1 <= rest.count(":") <= MAX_NDIM:
        return None
    return dtype.name, rest.count(":")


def is_array_type(name: str) -> bool:
    return parse_type(name) is not None


def _array_type(name: str) -> tuple[str, int]:
    """parse_type for a name known to be an array type's."""
    parsed = parse_type(name)
    if parsed is None:
        raise ValueError(f"{name!r} is not an array type")
    return parsed


def argtypes(name: str) -> list:
    """The entry point's parameters for one array: data address, shape, strides in bytes."""
    _, ndim = _array_type(name)
    return [ctypes.c_void_p] + [ctypes.c_int64] * (2 * ndim)


def _describe_type(name: str) -> str:
    dtype, ndim = _array_type(name)
    return f"a {ndim}-D {dtype} array ({name})"


def _describe_value(value) -> str:
    import numpy as np

    if isinstance(value, np.ndarray):
        return f"a {value.ndim}-D {value.dtype} array"
    return type(value).__name__


def wrapper_lines(param: str, type_name: str, writes: bool) -> tuple[list[str], list[str]]:
    """Lines of the generated wrapper (bind.py) that check one array argument, and the
    expressions it passes to the entry point: where its data address is, shape, strides."""
    dtype, ndim = _array_type(type_name)
    p = param
    lines = [f"    if {p}.__class__ is not jc__ndarray or {p}.dtype is not jc__dtype_{dtype} "
             f"or {p}.ndim != {ndim}: jc__as_array_{p}({p})"]
    if writes:
        lines.append(f"    if not {p}.flags.writeable: jc__read_only_{p}({p})")
    offset = data_field_offset()
    if offset is None:  # a copy of the address in a ctypes cell that lives until the call returns
        lines.append(f"    jc__data_{p} = jc__data_cell({p})")
        where = f"jc__addressof(jc__data_{p})"
    else:
        where = f"id({p}) + {offset}"
    shape = [f"{p}.shape[{axis}]" for axis in range(ndim)] + [f"{p}.strides[{axis}]" for axis in range(ndim)]
    return lines, [where, *shape]


def wrapper_namespace(function: str, arguments: list[tuple[str, str, str]]) -> dict:
    """What the wrapper's lines refer to; `arguments`: (variable, name in messages, type) of each
    argument (bind.py: a tuple parameter's items are arguments)."""
    import numpy as np

    namespace = {"jc__ndarray": np.ndarray, "jc__addressof": ctypes.addressof,
                 "jc__data_cell": lambda a: ctypes.c_void_p(a.ctypes.data),
                 **{f"jc__dtype_{d}": np.dtype(d) for d in DTYPES},
                 "jc__take_array": take_array}
    for p, shown, t in arguments:
        if is_array_type(t):
            namespace[f"jc__as_array_{p}"] = _checker(function, shown, t)
            namespace[f"jc__read_only_{p}"] = _read_only(function, shown)
    return namespace


def _checker(function: str, param: str, type_name: str):
    import numpy as np

    name, ndim = _array_type(type_name)
    dtype = np.dtype(name)

    def check(value):
        """An ndarray (or a subclass whose elements are its bytes) of the right dtype and rank
        passes; anything else is a TypeError."""
        if isinstance(value, np.ndarray) and value.__class__ is not np.ndarray:
            added = _added_meaning(type(value))
            if added is not None:
                raise TypeError(f"{function}() argument '{param}' must be {_describe_type(type_name)}, not "
                                f"{_describe_subclass(value, param, added)}")
        if not (isinstance(value, np.ndarray) and value.dtype == dtype and value.ndim == ndim):
            raise TypeError(f"{function}() argument '{param}' must be {_describe_type(type_name)}, "
                            f"not {_describe_value(value)}")

    return check


# What a subclass of ndarray defines when its elements mean more than their bytes (a mask, a
# unit, matrix rows): compiled code reads and writes the bytes only, so it is refused.
_ELEMENT_METHODS = ("__getitem__", "__setitem__", "__array_ufunc__", "__array_function__")


def _added_meaning(cls) -> str | None:
    """The first of _ELEMENT_METHODS that `cls` or a base of it below ndarray defines, or None.
    numpy.memmap's own are allowed: its elements are the bytes of its file."""
    import numpy as np

    for base in cls.__mro__:
        if base is np.ndarray:
            return None
        if base is not np.memmap:
            for name in _ELEMENT_METHODS:
                if name in vars(base):
                    return name
    return None


def _describe_subclass(value, param: str, added: str) -> str:
    import numpy as np

    rule = f"a subclass of numpy.ndarray is taken only if it defines none of {', '.join(_ELEMENT_METHODS)}"
    if isinstance(value, np.ma.MaskedArray):
        return (f"a masked array: compiled code would ignore its mask ({rule}); pass {param}.filled(value), or "
                f"{param}.data to use the masked elements too")
    cls = type(value)
    return (f"{cls.__module__}.{cls.__qualname__}, whose {added} gives its elements a meaning compiled code "
            f"would ignore ({rule}); pass numpy.asarray({param})")


def _read_only(function: str, param: str):
    def fail(value):
        raise ValueError(f"{function}() argument '{param}' is a read-only array, and {function}() may "
                         f"assign to array elements")

    return fail


def _find_data_offset() -> int | None:
    """Where an ndarray object keeps its data address (PyArrayObject's `data`, right after the
    object header), found by looking at arrays whose data addresses are known."""
    import numpy as np

    base = np.arange(8.0)
    probes = [base, base[3:], base[::-2], np.zeros((2, 3), dtype=bool)[1:], np.empty(0, dtype=np.int64)]
    header = object.__basicsize__  # the object header: the data address comes right after it
    for offset in (header, 16):
        if all(ctypes.c_void_p.from_address(id(p) + offset).value == p.ctypes.data for p in probes):
            return offset
    return None


_DATA_OFFSET: list = []


def data_field_offset() -> int | None:
    """The offset of an ndarray's data address within the object, or None if not found."""
    if not _DATA_OFFSET:
        _DATA_OFFSET.append(_find_data_offset())
    return _DATA_OFFSET[0]


# ---- results ---------------------------------------------------------------------------


class ArrayOwner:
    """The base of an ndarray over an array created in compiled code (or a view of one): holds
    the runtime object's reference and releases it when NumPy frees the ndarray."""

    __slots__ = ("address", "__array_interface__")

    def __init__(self, address: int, type_name: str):
        self.address = address
        self.__array_interface__ = _interface(address, type_name, False)

    def __del__(self):
        _RELEASE[0](self.address)  # bound when the first owner was made: no import at shutdown


class ArgumentView:
    """The base of an ndarray over a slice of an argument's memory that compiled code
    returned: keeps the argument (and so NumPy's memory) alive, as NumPy's own views do."""

    __slots__ = ("argument", "__array_interface__")

    def __init__(self, argument, address: int, type_name: str):
        self.argument = argument
        self.__array_interface__ = _interface(address, type_name, not argument.flags.writeable)


class _Shown:
    """An array of compiled code seen through its __array_interface__, for a copy (copy_array)."""

    __slots__ = ("__array_interface__",)

    def __init__(self, address: int, type_name: str):
        self.__array_interface__ = _interface(address, type_name, True)


def copy_array(address: int, type_name: str):
    """A copy of the runtime array at `address`, as an ndarray that owns its memory: what print()
    and format() show of an array inside a dict (runtime/lists.py, read)."""
    import numpy as np

    return np.array(_Shown(address, type_name))


def _interface(address: int, type_name: str, read_only: bool) -> dict:
    """The __array_interface__ of the array object at `address`: its data, shape and strides."""
    import numpy as np

    name, ndim = _array_type(type_name)
    dtype = np.dtype(name)
    shape = tuple(_WORD(address + 8 * (_WORDS + 2 * axis)).value for axis in range(ndim))
    # an axis of length 0 or 1 never moves: its stride, which may have wrapped (a[::2**62]), is 0
    strides = tuple(_WORD(address + 8 * (_WORDS + 1 + 2 * axis)).value * dtype.itemsize if n > 1 else 0
                    for axis, n in enumerate(shape))
    return {"shape": shape, "strides": strides, "typestr": dtype.str,
            "data": (_WORD(address + 16).value, read_only), "version": 3}


_RELEASE: list = []


def array_layout(type_name: str) -> tuple[str, int]:
    """"float[:, :]" -> ("float64", 2): the dtype and number of dimensions of an array type."""
    return _array_type(type_name)


def take_array(address: int, type_name: str, args: tuple):
    """The ndarray for an array a compiled function returned (an owned reference)."""
    import numpy as np

    if address & 1:  # 2k + 1: the view the entry point made of argument k; the argument itself
        return args[address >> 1]
    if not _RELEASE:
        _RELEASE.append(runtime.function("obj_release"))
    origin = _WORD(address + 32).value
    if origin == -3:  # an item of a list argument (array_borrow): the caller's ndarray itself
        array = ctypes.cast(_WORD(address + 48).value, ctypes.py_object).value  # its base word
        _RELEASE[0](address)
        return array
    if origin <= -16:  # argument -16 - origin itself, moved off the frame as an item of a list result
        _RELEASE[0](address)
        return args[-16 - origin]
    if origin >= 0:  # a slice of argument `origin`, detached from the call's frame (lower/arrays.py)
        result = np.asarray(ArgumentView(args[origin], address, type_name))
        _RELEASE[0](address)
        return result
    return np.asarray(ArrayOwner(address, type_name))


# ---- errors (callbacks.py builds them from a site and its operands) --------------------------


def site_error(kind: str, site: dict, values: list) -> BaseException:
    import numpy as np

    if kind == "array_index":  # NumPy's own IndexError, from an array of that shape that costs nothing
        ndim = site["ndim"]
        indices, shape = tuple(values[:ndim]), tuple(values[ndim:])
        dummy = np.lib.stride_tricks.as_strided(np.zeros(1), shape=shape, strides=(0,) * ndim)
        try:
            dummy[indices]
        except IndexError as error:
            return error
        return SystemError(f"jitcell: index {indices} was reported out of range for shape {shape}")
    if kind == "array_new":
        shape, dtype = tuple(values), np.dtype(site["dtype"])
        if any(n < 0 for n in shape) or _too_big(shape, dtype.itemsize):
            try:
                np.empty(shape, dtype)  # fails before allocating: NumPy's ValueError
            except (ValueError, MemoryError) as error:
                return error
        return _array_memory_error(shape, dtype)
    if kind == "array_slice_step":
        try:
            np.zeros(1)[::0]
        except ValueError as error:  # "slice step cannot be zero", as NumPy words it
            return error
    if kind == "array_broadcast":  # ndim and shape of the target, then of the source
        dn = values[0]
        target, source = tuple(values[1:1 + dn]), tuple(values[2 + dn:2 + dn + values[1 + dn]])
        try:
            np.empty(target)[...] = np.empty(source)
        except ValueError as error:
            return error
        return SystemError(f"jitcell: shape {source} was reported not to broadcast into {target}")
    if kind == "array_store":  # a Python int outside the dtype's range, as NumPy 2 says it
        try:
            np.zeros(1, site["dtype"])[0] = values[0]
        except OverflowError as error:
            return error
        return SystemError(f"jitcell: {values[0]} was reported out of bounds for {site['dtype']}")
    if kind == "array_read":  # a uint64 element beyond 2**63 - 1 (its bits came as a negative int)
        return OverflowError(f"uint64 element {values[0] % 2**64} does not fit in jitcell's int "
                             f"(64-bit signed)")
    if kind == "array_numpy":  # NumPy's own exception for a NumPy call (numpy_errors.py)
        return numpy_error(site["op"], values)
    if kind in ELEMENTWISE_ERRORS:  # whole-array expressions (runtime/array_exprs.py)
        return elementwise_error(kind, values)
    if kind == "array_unaligned":
        (index,) = values
        param = site["params"][index]
        return ValueError(f"{site['function']}() argument '{param}' is an array whose data or strides are not "
                          f"multiples of its item size (a view of packed records?); pass a copy, e.g. "
                          f"numpy.ascontiguousarray({param})")
    return SystemError(f"jitcell: unknown array error site kind {kind!r}")


def _array_memory_error(shape: tuple, dtype) -> MemoryError:
    """NumPy's own MemoryError for an allocation that failed ("Unable to allocate 7.45 GiB for an
    array with shape (1000000000,) and data type float64"): the class NumPy raises, if found."""
    import importlib

    import numpy as np

    for module in ("numpy._core._exceptions", "numpy.core._exceptions"):  # NumPy 2, NumPy 1
        try:
            error = importlib.import_module(module)._ArrayMemoryError(shape, dtype)
            str(error)  # its message works with these arguments
        except Exception:  # noqa: BLE001 - a NumPy without it: the same words, computed here
            continue
        return error
    size = int(np.prod(shape, dtype=object)) * dtype.itemsize
    return MemoryError(f"Unable to allocate {size} bytes for an array with shape {shape} and data type {dtype}")


def _too_big(shape: tuple, itemsize: int) -> bool:
    total = itemsize
    for n in shape:
        total *= n
    return total > 2**63 - 1 - 8 * (_WORDS + 2 * len(shape))
