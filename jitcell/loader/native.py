"""native: a compiled function that CPython calls through its own vectorcall protocol.

    f(3)   ->  CPython reads the entry's address from the JitFunction  ->  jitcell.native.f(f, args, 1, NULL)
                                                                           (compiler/lower/native.py)

JitFunction (and @jit's DecoratedFunction) derive from `NativeCall`, a type made once per
process with PyType_FromSpec: two words after the object header, the entry's address (where
`__vectorcalloffset__` says) and the fallback, the generated Python wrapper (bind.py), which
the entry calls with the same arguments whenever it does not take them itself. The wrapper is
also kept in the object's `__dict__`, so the word never outlives it.

A class whose `__call__` is NativeCall's own (`CALL`) gets tp_call = PyVectorcall_Call; CPython
3.12 also gives it the vectorcall flag, which 3.11 keeps for immutable types only: `bind_call` sets
it (the classes jitcell makes never get another `__call__`). `JITCELL_NATIVE_CALLS=0` turns the
entries off: every call goes through the wrapper.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from collections.abc import Callable

from jitcell import runtime
from jitcell.errors import LinkageError
from jitcell.runtime import callbacks

__all__ = ["NativeCall", "CALL", "OBJECT_OFFSETS", "TABLE", "table_address", "available", "bind_call", "unbind_call",
           "LazyFallback"]

# where CPython (and NumPy's PyArrayObject) keep what an entry reads (lower/native.py); checked
# in this process before any entry is used
OBJECT_OFFSETS = {"type": 8, "float_value": 16, "array_data": 16, "array_ndim": 24, "array_shape": 32,
                  "array_strides": 40, "array_descr": 56, "array_flags": 64, "entry": 16, "fallback": 24}
# The CPython functions and objects the entries use: one table per process, which the slot
# `jitcell.slot.native` of every library with an entry points at (a slot each would be a dozen per cell).
# NumPy's entries are filled when a function with array parameters is bound (bind imports NumPy then).
# Spelled out, the dtypes too (one entry for each of dtypes.DTYPES: tests/test_native_calls.py checks it),
# so that a cache hit need not import dtypes.py: the entries index this table by position, which is ABI.
TABLE = ("capi.PyObject_Vectorcall", "capi.PyObject_CallNoArgs", "capi.PyErr_SetObject", "capi.Py_IncRef",
         "capi.Py_DecRef", "capi.PyEval_SaveThread", "capi.PyEval_RestoreThread", "capi.Py_GetRecursionLimit",
         "capi.PyLong_AsLongLongAndOverflow", "capi.PyLong_FromLongLong", "capi.PyFloat_FromDouble",
         "obj.int", "obj.float", "obj.True", "obj.False", "obj.None", "obj.take_pending",
         "obj.ndarray", "obj.dtype.float64", "obj.dtype.float32", "obj.dtype.int64", "obj.dtype.int32",
         "obj.dtype.int16", "obj.dtype.int8", "obj.dtype.uint64", "obj.dtype.uint32", "obj.dtype.uint16",
         "obj.dtype.uint8", "obj.dtype.bool", "obj.dtype.complex128")
_OBJECTS = {"int": int, "float": float, "True": True, "False": False, "None": None,
            "take_pending": callbacks.take_pending}
_WRITEABLE = 0x400  # NPY_ARRAY_WRITEABLE
_HAVE_VECTORCALL = 1 << 11
_TP_FLAGS = 168  # offsetof(PyTypeObject, tp_flags), checked against __flags__ before writing
_WORD = struct.Struct("@P")


# PyType_Spec, PyType_Slot and PyMemberDef as the C compiler lays them out (struct's native alignment):
# packed into one buffer rather than declared as ctypes Structures, each of which (with its pointer and
# array types) is a class a fresh process's first cache hit would pay to make
_SPEC = struct.Struct("@PiiIP")  # name, basicsize, itemsize, flags, slots
_TYPE_SLOT = struct.Struct("@iP")  # slot id, pfunc
_MEMBER = struct.Struct("@PiniP")  # name, type, offset, flags, doc
_PY_TP_CALL, _PY_TP_MEMBERS, _T_PYSSIZET, _READONLY = 50, 72, 19, 1


def buffer_address(buffer: bytearray) -> int:
    """Where a bytearray's bytes are (they stay there while it lives and keeps its size: a ctypes
    object made from it forbids resizing while it exists, and the caller keeps the array)."""
    return ctypes.addressof(ctypes.c_char.from_buffer(buffer))


def _make_type() -> type:
    api = ctypes.pythonapi
    call = runtime.symbol_address(api, "PyVectorcall_Call")
    name, member = b"jitcell.NativeCall\0", b"__vectorcalloffset__\0"
    slots_at = _SPEC.size
    members_at = slots_at + 3 * _TYPE_SLOT.size
    names_at = members_at + 2 * _MEMBER.size
    buffer = bytearray(names_at) + name + member  # the type keeps pointers into it: kept for good
    base = buffer_address(buffer)
    # Py_TPFLAGS_DEFAULT | BASETYPE | HAVE_VECTORCALL; two words: the entry and the fallback
    _SPEC.pack_into(buffer, 0, base + names_at, object.__basicsize__ + 16, 0, (1 << 18) | (1 << 10) | _HAVE_VECTORCALL,
                    base + slots_at)
    _TYPE_SLOT.pack_into(buffer, slots_at, _PY_TP_CALL, call)
    _TYPE_SLOT.pack_into(buffer, slots_at + _TYPE_SLOT.size, _PY_TP_MEMBERS, base + members_at)  # then {0, NULL}
    _MEMBER.pack_into(buffer, members_at, base + names_at + len(name), _T_PYSSIZET, OBJECT_OFFSETS["entry"], _READONLY,
                      0)  # then a row of zeros
    make = api.PyType_FromSpec
    make.restype, make.argtypes = ctypes.py_object, [ctypes.c_void_p]
    made = make(base)
    _KEEP.append(buffer)
    return made


_KEEP: list = []
TYPE_CHECKING = False  # typing's own costs a cache hit an import
if TYPE_CHECKING:
    class NativeCall:
        """What mypy sees: the type has no Python-visible attributes of its own."""
else:
    NativeCall = _make_type()
CALL = NativeCall.__call__  # a class's __call__ = CALL: CPython calls the entry directly


def _numbers_laid_out() -> bool:
    x = float("1.25")
    return (ctypes.c_void_p.from_address(id(x) + OBJECT_OFFSETS["type"]).value == id(float)
            and ctypes.c_double.from_address(id(x) + OBJECT_OFFSETS["float_value"]).value == 1.25
            and ctypes.c_ulong.from_address(id(NativeCall) + _TP_FLAGS).value == NativeCall.__flags__)


def _arrays_laid_out() -> bool:
    import numpy as np

    a = np.zeros((3, 4))[:, ::2]
    b = a.copy()
    b.flags.writeable = False

    def word(obj, field, kind=ctypes.c_void_p):
        return kind.from_address(id(obj) + OBJECT_OFFSETS[field]).value

    def axes(field):
        return list((ctypes.c_int64 * 2).from_address(word(a, field)))

    return (word(a, "array_data") == a.ctypes.data and word(a, "array_ndim", ctypes.c_int32) == 2
            and axes("array_shape") == [3, 2] and axes("array_strides") == [32, 16]
            and word(a, "array_descr") == id(a.dtype)
            and word(a, "array_flags", ctypes.c_int32) & _WRITEABLE and not word(b, "array_flags", ctypes.c_int32)
            & _WRITEABLE)


_LAYOUT: dict[str, bool] = {}
_TABLE = bytearray(8 * len(TABLE))  # a word per entry, in a bytearray kept for good: no ctypes array type to make
_FILLED: set[str] = set()


def table_address() -> int:
    """The table (its CPython entries filled): what the slot "native" holds in this process."""
    if "python" not in _FILLED:
        for i, name in enumerate(TABLE):
            kind, _, what = name.partition(".")
            if kind == "capi":  # dlsym itself, as load.address_of asks: no ctypes function object each
                _set_entry(i, runtime.symbol_address(ctypes.pythonapi, what))
            elif what in _OBJECTS:
                _set_entry(i, id(_OBJECTS[what]))
        _FILLED.add("python")
    return buffer_address(_TABLE)


def _set_entry(i: int, address: int | None) -> None:
    if not address:
        raise LinkageError(f"this Python does not export {TABLE[i].partition('.')[2]}, which native entries call")
    _WORD.pack_into(_TABLE, 8 * i, address)


def _fill_numpy() -> None:
    import numpy as np

    for i, name in enumerate(TABLE):
        if name == "obj.ndarray" or name.startswith("obj.dtype."):
            _set_entry(i, id(np.ndarray if name == "obj.ndarray" else np.dtype(name.removeprefix("obj.dtype."))))
    _FILLED.add("numpy")


def available(arrays: bool) -> bool:
    """Whether entries may be used in this process (for functions with array parameters: `arrays`)."""
    if os.environ.get("JITCELL_NATIVE_CALLS", "1") == "0" or sys.implementation.name != "cpython":
        return False
    if "numbers" not in _LAYOUT:
        _LAYOUT["numbers"] = _numbers_laid_out()
    if arrays and "arrays" not in _LAYOUT:
        _LAYOUT["arrays"] = _LAYOUT["numbers"] and _arrays_laid_out()
        if _LAYOUT["arrays"]:
            _fill_numpy()
    return _LAYOUT["arrays" if arrays else "numbers"]


class LazyFallback:
    """A fallback whose wrapper is made when it is first needed. Most functions loaded from the cache
    are only ever called through their entries, and making a wrapper (compile() of its source, ctypes
    types) costs ~0.1 ms a function, and the process's first compile() ~0.7 ms. Once made, the objects
    bound to it call the wrapper itself; this object stays alive as long as their `native` pair names
    it, so a call that is running through it when the word changes keeps its callee."""

    __slots__ = ("_make", "_made", "_users")

    def __init__(self, make: Callable[[], Callable]):
        self._make = make
        self._made: Callable | None = None
        self._users: list = []  # the objects whose word holds this object

    def wrapper(self) -> Callable:
        if self._made is None:
            made = self._make()
            self._made = made
            for obj in self._users:
                _set_fallback(obj, made)
            self._users.clear()
        return self._made

    def __call__(self, *args, **kwargs):
        return self.wrapper()(*args, **kwargs)


def bind_call(obj: object, base: type, entry: int, fallback) -> None:
    """Make `obj` (an instance of `base`, a subclass of NativeCall) call `entry`, which hands
    what it does not take to `fallback`: its class becomes a subclass of `base` of its own."""
    cls = type(base.__name__, (base,), {"__call__": CALL, "__slots__": (), "__module__": base.__module__})
    flags = ctypes.c_ulong.from_address(id(cls) + _TP_FLAGS)
    if flags.value != cls.__flags__:
        raise SystemError("jitcell: this Python's type objects are not laid out as jitcell expects")
    flags.value |= _HAVE_VECTORCALL  # (3.12 sets it itself)
    if isinstance(fallback, LazyFallback):
        if fallback._made is not None:
            fallback = fallback._made
        else:
            fallback._users.append(obj)
    _set_fallback(obj, fallback)
    ctypes.c_void_p.from_address(id(obj) + OBJECT_OFFSETS["entry"]).value = entry
    obj.__class__ = cls


def _set_fallback(obj: object, fallback) -> None:
    # the word borrows the fallback, which the object's __dict__ keeps; written first, so that no call
    # in between finds a word whose previous fallback is gone (a function bound again: decorator.py)
    ctypes.c_void_p.from_address(id(obj) + OBJECT_OFFSETS["fallback"]).value = id(fallback)
    vars(obj)["__jitcell_fallback__"] = fallback


def unbind_call(obj: object) -> None:
    """`obj` no longer has an entry (a function bound again without one: CPython 3.12 may give its new
    class the vectorcall flag, which must then find no address and call `__call__`)."""
    ctypes.c_void_p.from_address(id(obj) + OBJECT_OFFSETS["entry"]).value = None
