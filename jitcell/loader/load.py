"""load: a verified cache entry -> a `Library` in this process, every slot patched.

A Library is what a compiled cell is once loaded: its library file, its slots and its functions.

    >>> lib = jitcell.compile_cell(source)
    >>> lib.cache_hit, lib.key[:12], lib.path.name
    (True, '3f9c1a0b77de', '3f9c1a0b77de...e1.so')
    >>> [(s.name, hex(s.baked), hex(s.patched)) for s in lib.slots]
    [('jitcell.slot.print', '0x7f3a...', '0x7f91...')]

Loading it:

    same_file("3f9c....so", entry.fd)            # still the file the lookup verified and locked
    handle = dlopen("3f9c....so")                # the lock is kept: no eviction while this process lives
    for slot in manifest["slots"]:               # e.g. jitcell.slot.print
        cell = dlsym(handle, slot.name)          # must be in the export table...
        *cell = address_of(slot.target)          # ...to receive this process's address

`address_of(target)` is the address in this process that a slot target stands for:

    >>> address_of("print") == callbacks.address("print")     # differs in every process
    True
    >>> address_of("rt.str_concat") == runtime.address("str_concat")
    True

`lower` bakes `address_of(target)` into a slot's initializer; `load` writes the current
`address_of(target)` after each load. Targets of other cells ("cell.NAME", "var.NAME")
depend on what the running kernel has defined: `namespace.resolver` answers those.

A recorded slot that the library does not export is a linkage bug: the code would
call an address from the session that built it. It raises `LinkageError` naming
the slot and the library before any compiled code runs, never a silent skip.

`JITCELL_TEACHING_SKIP_PATCHING=1` leaves the slots as built, to demonstrate the
crash this prevents. It is for teaching and for the test that proves patching works.
A value ending in a dot skips only the slots whose target starts with it:
`JITCELL_TEACHING_SKIP_PATCHING=cell.` leaves just the calls between cells unpatched
(including the re-patching when a cell is redefined, loader/namespace.py).
"""

from __future__ import annotations

import ctypes
import os
import struct
import time

from jitcell import abi, runtime
from jitcell.abi import CAPI_FUNCTIONS, CELL_TARGET
from jitcell.errors import LinkageError
from jitcell.options import SKIP_PATCHING_ENV, patching_enabled
from jitcell.runtime import callbacks, interrupts

from . import files
from .cache import Entry, Vanished

TYPE_CHECKING = False  # typing's own costs a cache hit an import
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["load", "address_of", "Library", "Slot", "OBJECT_OFFSETS", "TABLE", "table_address", "fill_numpy"]

_MODE = getattr(os, "RTLD_NOW", 0) | getattr(os, "RTLD_LOCAL", 0)


# Plain classes rather than dataclasses: this module is on the cache-hit path.


class Slot:
    """An exported pointer global that the loader patched with this process's address."""

    __slots__ = ("name", "target", "baked", "patched")

    def __init__(self, name: str, target: str, baked: int, patched: int):
        self.name = name  # the exported symbol, e.g. "jitcell.slot.print"
        self.target = target  # what it points at, e.g. "print"
        self.baked = baked  # the address written into the library when it was built
        self.patched = patched  # the address it holds now, in this process

    @property
    def shift(self) -> int:
        return self.patched - self.baked

    def __eq__(self, other) -> bool:
        return isinstance(other, Slot) and all(getattr(self, a) == getattr(other, a) for a in self.__slots__)

    def __repr__(self) -> str:
        return f"Slot(name={self.name!r}, target={self.target!r}, baked={self.baked:#x}, patched={self.patched:#x})"


class Library:
    def __init__(self, *, path, key: str, cache_hit: bool, compile_seconds: float | None,
                 load_seconds: float, slots: list[Slot], manifest: dict, miss_reason: str | None = None,
                 handle=None):
        self.location = str(path)
        self.key = key
        self.cache_hit = cache_hit
        self.compile_seconds = compile_seconds  # None on a cache hit
        self.load_seconds = load_seconds
        self.slots = slots
        self.manifest = manifest
        self.miss_reason = miss_reason  # why the cache missed ("no entry", "rebuild forced (-f)", ...)
        self.miss_details: dict | None = None  # on a miss: misses.explain()'s comparison with the cell's previous entry
        self.functions: dict = {}  # name -> JitFunction
        self.classes: dict = {}  # name -> the Python class of a class of the cell (classes.py)
        self.outer_classes: dict = {}  # name -> the Python class of a class of another cell it uses
        self.methods: dict = {}  # "Point.norm" (and "Point") -> the JitFunction of a class's method (bind.py)
        self.generators: dict = {}  # name -> GeneratorFunction: walked in compiled code only (bind.py)
        self.source_file: tuple[str | None, tuple[int, ...]] = (None, ())  # compile_cell's filename, indentation
        self.variables: dict = {}  # name -> JitVariable (kernel cells, variables.py)
        self.cell_main: Callable[[], object] | None = None  # a kernel cell's top-level code, a JitFunction
        self.relinked: list = []  # what loading it did to callers in its Namespace (namespace.Relink)
        self.handle = handle  # the ctypes handle: keeps the library loaded
        self.shared_cache: str | None = None  # the read-only cache it was loaded from (shared.py), if not ours
        self.recipe: Any = None  # how compile_cell made it (parcels.Recipe): what a pickle of its functions carries

    @property
    def path(self):
        from pathlib import Path

        return Path(self.location)

    @property
    def removed_slots(self) -> list[dict]:
        """Slots codegen created that the optimizer deleted as unused (not an error)."""
        return self.manifest.get("removed_slots", [])

    @property
    def imports(self) -> list[dict]:
        return self.manifest.get("imports", [])

    @property
    def timings(self) -> dict:
        return self.manifest.get("timings", {})

    def __repr__(self) -> str:
        state = "hit" if self.cache_hit else "miss"
        names = ", ".join(self.functions)
        return f"<jitcell.Library {self.key[:12]} ({state}) functions: {names}>"


def load(entry: Entry, *, cache_hit: bool, compile_seconds: float | None,
         miss_reason: str | None = None, resolve=None, filename: str | None = None,
         indentation: tuple[int, ...] = (), bound: bool = True) -> Library:
    """`resolve(target)`: the address each slot must hold, for a cell that may reach other cells or has
    module variables of its own (namespace.resolver: "cell.*" and "var.*"); None: `address_of`'s.
    `filename` and `indentation`: where the notes of run-time errors say the code is (compile_cell's).
    `bound`: Python will call the library's functions, so each must be in its export table now; the
    runtime library's are reached through slots and runtime.address, which asks for each when it is
    first needed (and raises the same LinkageError), so its 270 function rows are not read here."""
    started = time.perf_counter()
    manifest = entry.manifest
    handle = _open(entry)
    callbacks.register_library(manifest["tag"], manifest, filename, indentation)
    switch = os.environ.get(SKIP_PATCHING_ENV, "")
    if switch not in ("", "0"):
        import warnings  # only then: a cache hit does not import it

        warnings.warn(f"{SKIP_PATCHING_ENV} is set: slots of {os.path.basename(entry.library)} keep the addresses "
                      "of the session that built them; calling its code may crash this process",
                      RuntimeWarning, stacklevel=2)
    patched = []
    own = {v["name"] for v in manifest.get("variables", ())}
    runtime_itself = manifest["options"].get("internal", False)
    for recorded in manifest["slots"]:
        target = recorded["target"]
        # the runtime library's callback slots point at its own functions (runtime.address would ask for this
        # very library); a function or variable of a cell is the Namespace's (namespace.py)
        own_callback = runtime_itself and target in abi.CALLBACK_TARGETS
        standard = (resolve is None or not target.startswith(("cell.", "var."))) and not own_callback
        enabled = patching_enabled(target, switch)
        slot = _patch(handle, entry, recorded, enabled and standard)
        if not standard and enabled:
            name = target.partition(".")[2]
            if own_callback:
                address = runtime.exported_function(handle, lambda: entry.library, f"callback_{target}",
                                                    "its callback slots cannot be patched")
            elif target.startswith("var.") and name in own:
                address = _own_variable(handle, entry, name)
            else:
                address = resolve(target)
            slot.patched = ctypes.c_void_p.in_dll(handle, slot.name).value = address
        patched.append(slot)
    for function in manifest["functions"] if bound else ():
        if runtime.symbol_address(handle, function["symbol"]) is None:
            raise LinkageError(f"function {function['name']!r} (symbol {function['symbol']!r}) is missing "
                               f"from the export table of {entry.library}")
    library = Library(path=entry.library, key=entry.key, cache_hit=cache_hit,
                      compile_seconds=compile_seconds, load_seconds=time.perf_counter() - started,
                      slots=patched, manifest=manifest, miss_reason=miss_reason, handle=handle)
    library.source_file = (filename, tuple(indentation))  # where messages place its lines (bind.py)
    return library


def _open(entry: Entry):
    """dlopen the entry's library, if its path still names the file the lookup verified and holds
    (files.hold); the hold is then kept for the life of the process. Vanished if it was removed or
    replaced meanwhile (a cache clear in another process: eviction cannot, the entry being held)."""
    fd, entry.fd = entry.fd, None
    if fd is not None and not files.same_file(entry.library, fd):
        files.release(fd)
        raise Vanished(entry.library, "the library")
    try:
        handle = ctypes.CDLL(entry.library, mode=_MODE)
    except OSError:
        gone = fd is not None and not files.same_file(entry.library, fd)
        files.release(fd)
        if gone:
            raise Vanished(entry.library, "the library") from None
        raise
    if fd is not None:
        files.keep(fd)
    return handle


def _own_variable(handle, entry: Entry, name: str) -> int:
    symbol = abi.var_symbol(name)
    try:
        return ctypes.addressof(ctypes.c_char.in_dll(handle, symbol))
    except ValueError:
        raise LinkageError(f"the storage of module variable {name!r} ({symbol!r}) is missing from the export "
                           f"table of {entry.library}; the slots that reach it cannot be patched") from None


def _patch(handle, entry: Entry, recorded: dict, patching: bool) -> Slot:
    name, target = recorded["name"], recorded["target"]
    try:
        cell = ctypes.c_void_p.in_dll(handle, name)
    except ValueError:
        raise LinkageError(
            f"slot {name!r} ({abi.describe(target)}) is missing from the export table of "
            f"{entry.library}.\nThe loader must write this process's address into it: without that, "
            "the library would call an address from the session that built it, which ASLR has moved, "
            "and crash.\nLikely cause: the slot was emitted with hidden visibility, or on Windows "
            "without the dllexport storage class. This is a code generation bug in the library, "
            "not in your cell.") from None
    if patching:
        cell.value = address_of(target)
    return Slot(name, target, baked=recorded["baked"], patched=cell.value or 0)


def address_of(target: str) -> int:
    if target in callbacks.TARGETS:
        return callbacks.address(target)
    if target == "interrupts":
        return interrupts.counter_address()
    if target.startswith("rt."):
        if target == "rt.pool_run":  # a library with a parallel loop: the pool's threads start
            from jitcell.runtime import parallel  # only then: a hit of a serial cell does not import it

            parallel.start()
        return runtime.address(target[3:])
    if target.startswith("capi.") and target[5:] in CAPI_FUNCTIONS:
        return runtime.python_function(target[5:], f"slot target {target!r} names")
    if target == "native":
        return table_address()
    if target.startswith(CELL_TARGET):  # namespace.resolver knows the callees; without them:
        name = target[len(CELL_TARGET):]
        raise LinkageError(f"this library calls {name}() from another cell, and no definition of {name} "
                           f"was given; run the cell that defines {name} first (compile_cell(..., "
                           f"callees=...) passes it)")
    raise LinkageError(f"no slot target named {target!r} exists in this version of jitcell; "
                       "the library was built by a different version")


# ---- the table of the native entries (bind.py): the target "native" -----------------------

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
_WORD = struct.Struct("@P")


_TABLE = bytearray(8 * len(TABLE))  # a word per entry, in a bytearray kept for good: no ctypes array type to make
_FILLED: set[str] = set()


def table_address() -> int:
    """The table (its CPython entries filled): what the slot "native" holds in this process."""
    if "python" not in _FILLED:
        for i, name in enumerate(TABLE):
            kind, _, what = name.partition(".")
            if kind == "capi":
                _set_entry(i, runtime.python_function(what, "native entries call"))
            elif what in _OBJECTS:
                _set_entry(i, id(_OBJECTS[what]))
        _FILLED.add("python")
    return runtime.buffer_address(_TABLE)


def _set_entry(i: int, address: int) -> None:
    _WORD.pack_into(_TABLE, 8 * i, address)


def fill_numpy() -> None:
    """NumPy's entries of the table (bind.available, at the first function with array parameters)."""
    import numpy as np

    for i, name in enumerate(TABLE):
        if name == "obj.ndarray" or name.startswith("obj.dtype."):
            _set_entry(i, id(np.ndarray if name == "obj.ndarray" else np.dtype(name.removeprefix("obj.dtype."))))
    _FILLED.add("numpy")
