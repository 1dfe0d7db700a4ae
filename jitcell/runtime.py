"""The runtime library in this process: built (or found in the cache) and loaded once.

    >>> runtime.address("str_concat")            # what slot jitcell.slot.rt.str_concat holds
    140188522631232
    >>> runtime.call("live_objects")             # objects alive right now
    0

Its source is rt_source.py, compiled like a cell with internal=True. The library is
an ordinary cache entry: a restarted kernel loads it from disk like any other, and
every cell library that uses it finds its functions through patched slots.
"""

from __future__ import annotations

import ctypes
import os

__all__ = ["library", "address", "function", "call", "new_str", "read_str", "take_str", "SOURCE_PATH"]

SOURCE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rt_source.py")

_library = None
_functions: dict = {}
_CTYPES = {"int": ctypes.c_int64, "float": ctypes.c_double, "bool": ctypes.c_bool, "None": None}


def library():
    """The loaded runtime Library (compiled on first use on this machine, then cached)."""
    global _library
    if _library is None:
        from .pipeline import compile_cell

        with open(SOURCE_PATH, encoding="utf-8") as f:
            source = f.read()
        # no Python wrappers: cells call it through slots, Python through function() below
        _library = compile_cell(source, internal=True, wraparound=True, wrap=False)
    return _library


def function(name: str):
    """A runtime function as a ctypes function pointer, typed from its signature."""
    fn = _functions.get(name)
    if fn is None:
        lib = library()
        info = next(f for f in lib.manifest["functions"] if f["name"] == name)
        fn = lib.handle[info["symbol"]]
        fn.restype = _CTYPES[info["returns"]]
        fn.argtypes = [_CTYPES[t] for _, t in info["params"]]
        _functions[name] = fn
    return fn


def address(name: str) -> int:
    return ctypes.cast(function(name), ctypes.c_void_p).value


def call(name: str, *args):
    return function(name)(*args)


def new_str(text: str) -> int:
    """A runtime str object (owned by the caller) holding `text`."""
    data = text.encode("utf-8", "surrogatepass")
    return function("str_from_utf8")(ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value, len(data))


def read_str(address: int) -> str:
    """The text of a runtime str object (layout in rt_source.py)."""
    size = ctypes.c_int64.from_address(address + 16).value
    return ctypes.string_at(address + 40, size).decode("utf-8", "surrogatepass")


def take_str(address: int) -> str:
    """The text of an owned str object, which is then released."""
    text = read_str(address)
    function("obj_release")(address)
    return text
