"""The runtime library in this process: built (or found in the cache) and loaded once.

    >>> runtime.address("str_concat")            # what slot jitcell.slot.rt.str_concat holds
    140188522631232
    >>> runtime.call("live_objects")             # objects alive right now
    0

Its source is `source.py` beside this file (then `source_random.py`, the random generators,
`source_keys.py`, tuple keys of tables, `source_instances.py`, instances of classes, and
`source_numpy.py`, `source_numpy_shapes.py`, `source_numpy_axes.py`, `source_numpy_complex.py`:
NumPy functions, and `source_parallel.py`, the thread pool of parallel loops),
compiled like a cell with internal=True. The
library is an ordinary cache entry: a restarted kernel loads it from disk like any other,
and every cell library that uses it finds its functions through patched slots.

The runtime sits below the compiler, yet is built by it: the pipeline hands it the
function that compiles its source (`install`, called when `jitcell.pipeline` is imported),
as a compiler initialises its runtime system.

The package's other modules are the runtime's Python side: the callbacks compiled code
calls (callbacks.py), interrupts (interrupts.py), and the conversions of dicts
(convert.py) and NumPy arrays (arrays.py) at the boundary.
"""

from __future__ import annotations

import _ctypes
import ctypes
import os
import threading
from collections.abc import Callable

from jitcell.abi import function_symbol
from jitcell.errors import JitError, LinkageError

__all__ = ["install", "library", "address", "function", "exported_function", "call", "new_str", "read_str",
           "take_str", "pointer_address", "symbol_address", "SOURCE_PATH", "offer"]

SOURCE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "source.py")
# compiled as one cell after source.py: the random generators' state and draws
RANDOM_SOURCE_PATH = os.path.join(os.path.dirname(SOURCE_PATH), "source_random.py")
# and then the keys of tables that are tuples (sets of tuples, dicts keyed by tuples)
KEYS_SOURCE_PATH = os.path.join(os.path.dirname(SOURCE_PATH), "source_keys.py")
# and the instances of classes of cells
INSTANCES_SOURCE_PATH = os.path.join(os.path.dirname(SOURCE_PATH), "source_instances.py")
# and NumPy's creation, shape, reduction and dot functions
NUMPY_SOURCE_PATHS = tuple(os.path.join(os.path.dirname(SOURCE_PATH), name)
                           for name in ("source_numpy.py", "source_numpy_shapes.py", "source_numpy_axes.py",
                                         "source_numpy_complex.py"))
# and the thread pool of parallel loops
PARALLEL_SOURCE_PATH = os.path.join(os.path.dirname(SOURCE_PATH), "source_parallel.py")

_library = None
_builder: Callable | None = None
_offered: tuple | None = None  # (manifest, bytes) of a runtime library another process sent (loader/parcels.py)
_functions: dict = {}
_addresses: dict[str, int] = {}
_preparations: list[Callable] = []  # when_loaded
_dlsym = getattr(_ctypes, "dlsym", None)  # POSIX
_CTYPES = {"int": ctypes.c_int64, "float": ctypes.c_double, "bool": ctypes.c_bool, "None": None}


def install(builder: Callable) -> None:
    """`builder(paths, shipped)` compiles the runtime's source, the files `paths` one after another (or
    loads it from the cache), into a loaded Library without Python wrappers: the pipeline's compile_cell
    with the internal options. `shipped`: a (manifest without source, bytes) pair offered by a pickle,
    used if it is this entry exactly."""
    global _builder
    _builder = builder


def when_loaded(prepare: Callable[[Callable[[str], int]], None]) -> None:
    """`prepare(exported)` is called once the runtime library is loaded, before any of its code runs
    (`exported(name)`: the address of its function `name`): callbacks.py stores its functions there."""
    _preparations.append(prepare)
    if _library is not None:
        prepare(lambda name: _exported(_library, name))


def offer(shipped: tuple) -> None:
    """A runtime library that came with a pickled function: the builder checks it and uses it instead
    of compiling, if this process has not loaded its runtime yet and it is this machine's exactly."""
    global _offered
    _offered = shipped


def library():
    """The loaded runtime Library (compiled on first use on this machine, then cached)."""
    global _library
    if _library is None:
        if _builder is None:
            raise JitError("the runtime library is built by jitcell's pipeline, which has not been set up in "
                           "this process: import jitcell.pipeline (or call jitcell.compile_cell) first")
        built = _builder((SOURCE_PATH, RANDOM_SOURCE_PATH, KEYS_SOURCE_PATH, INSTANCES_SOURCE_PATH,
                          *NUMPY_SOURCE_PATHS, PARALLEL_SOURCE_PATH), _offered)
        for prepare in _preparations:  # before any of its code runs
            prepare(lambda name: _exported(built, name))
        # which thread runs Python's signal handlers; the key of each thread's stack floor
        setup = ctypes.CFUNCTYPE(None, ctypes.c_uint64)(_exported(built, "runtime_setup"))
        setup(threading.main_thread().ident or 0)
        if hasattr(os, "register_at_fork"):  # a child forked from another thread: that one is its main thread
            os.register_at_fork(after_in_child=lambda: setup(threading.main_thread().ident or 0))
            # as CPython's random module does; its function type made in a child only (a class to make)
            reseed = _exported(built, "random_after_fork")
            os.register_at_fork(after_in_child=lambda: ctypes.CFUNCTYPE(None)(reseed)())
        _library = built
    return _library


def function(name: str):
    """A runtime function as a ctypes function pointer, typed from its signature (the manifest's)."""
    fn = _functions.get(name)
    if fn is None:
        lib = library()
        info = next(f for f in lib.manifest["functions"] if f["name"] == name)
        params: list = [_CTYPES[t] for _, t in info["params"]]
        fn = ctypes.CFUNCTYPE(_CTYPES[info["returns"]], *params)(_exported(lib, name))
        _functions[name] = fn
    return fn


def address(name: str) -> int:
    """Where the runtime function `name` is in this process: what the slot `rt.NAME` of a cell holds.
    Asked of the export table alone: a cache hit reads none of the runtime manifest's 270 function rows."""
    found = _addresses.get(name)
    if found is None:
        found = _addresses[name] = _exported(library(), name)
    return found


def symbol_address(handle, symbol: str) -> int | None:
    """The address of `symbol` in the export table of `handle` (a ctypes.CDLL), or None if it is not there."""
    if _dlsym is not None:
        try:
            return _dlsym(handle._handle, symbol) or None
        except OSError:
            return None
    try:
        return pointer_address(handle[symbol])
    except AttributeError:
        return None


def _exported(lib, name: str) -> int:
    return exported_function(lib.handle, lambda: lib.path, name)


def exported_function(handle, path: Callable[[], object], name: str, consequence: str = "") -> int:
    """The address of the runtime library's function `name` in the library loaded as `handle`;
    LinkageError if its export table lacks it, naming the file (`path()`: only then, as a Library's
    path imports pathlib, which a cache hit does not) and what then cannot be done."""
    found = symbol_address(handle, function_symbol(name))
    if found is None:
        raise LinkageError(f"the runtime library's function {name!r} (symbol {function_symbol(name)!r}) is missing "
                           f"from the export table of {path()}" + (f"; {consequence}" if consequence else ""))
    return found


def buffer_address(buffer: bytearray) -> int:
    """Where a bytearray's bytes are (they stay there while it lives and keeps its size: a ctypes
    object made from it forbids resizing while it exists, and the caller keeps the array)."""
    return ctypes.addressof(ctypes.c_char.from_buffer(buffer))


def python_function(name: str, needed_by: str) -> int:
    """The address of the CPython C-API function `name` in this process (dlsym itself: no ctypes
    function object each); LinkageError, saying what `needed_by` it, if this Python does not export it."""
    found = symbol_address(ctypes.pythonapi, name)
    if found is None:
        raise LinkageError(f"this Python does not export {name}, which {needed_by}")
    return found


def pointer_address(pointer) -> int:
    """The address a ctypes function pointer (or pointer-sized object) holds; never NULL for what
    jitcell asks, and an error rather than a slot patched with NULL if it were."""
    value = ctypes.cast(pointer, ctypes.c_void_p).value
    if value is None:
        raise JitError(f"{pointer!r} is a NULL pointer where jitcell needs an address")
    return value


def call(name: str, *args):
    return function(name)(*args)


def new_str(text: str) -> int:
    """A runtime str object (owned by the caller) holding `text`."""
    data = text.encode("utf-8", "surrogatepass")
    address = function("str_from_utf8")(ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value, len(data))
    if address == 0:
        raise MemoryError
    return address


def read_str(address: int) -> str:
    """The text of a runtime str object (layout in runtime/source.py)."""
    size = ctypes.c_int64.from_address(address + 16).value
    return ctypes.string_at(address + 40, size).decode("utf-8", "surrogatepass")


def take_str(address: int) -> str:
    """The text of an owned str object, which is then released."""
    text = read_str(address)
    function("obj_release")(address)
    return text
