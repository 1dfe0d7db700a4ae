"""The address in this process that each slot target stands for.

    >>> address_of("print") == callbacks.address("print")     # differs in every process
    True
    >>> address_of("rt.str_concat") == runtime.address("str_concat")
    True

`lower` bakes `address_of(target)` into a slot's initializer; `load` writes the current
`address_of(target)` after each load. Targets of other cells ("cell.NAME", "var.NAME")
depend on what the running kernel has defined: `namespace.resolver` answers those.
"""

from __future__ import annotations

import ctypes

from jitcell import runtime
from jitcell.abi import CAPI_FUNCTIONS, CELL_TARGET, OBJECT_TARGET, OBJECTS
from jitcell.dtypes import DTYPES
from jitcell.errors import LinkageError
from jitcell.runtime import callbacks, interrupts

__all__ = ["address_of"]


def address_of(target: str) -> int:
    if target in callbacks.TARGETS:
        return callbacks.address(target)
    if target == "interrupts":
        return interrupts.counter_address()
    if target.startswith("rt."):
        return runtime.address(target[3:])
    if target.startswith("capi.") and target[5:] in CAPI_FUNCTIONS:
        return runtime.pointer_address(getattr(ctypes.pythonapi, target[5:]))
    if target.startswith(OBJECT_TARGET):
        return _object_address(target[len(OBJECT_TARGET):])
    if target.startswith(CELL_TARGET):  # namespace.resolver knows the callees; without them:
        name = target[len(CELL_TARGET):]
        raise LinkageError(f"this library calls {name}() from another cell, and no definition of {name} "
                           f"was given; run the cell that defines {name} first (compile_cell(..., "
                           f"callees=...) passes it)")
    raise LinkageError(f"no slot target named {target!r} exists in this version of jitcell; "
                       "the library was built by a different version")


_OBJECTS = {"int": int, "float": float, "True": True, "False": False, "None": None,
            "take_pending": callbacks.take_pending}


def _object_address(name: str) -> int:
    """Objects that live as long as the process (builtins, NumPy's type and dtypes, jitcell's own)."""
    if name in _OBJECTS:
        return id(_OBJECTS[name])
    if name in OBJECTS or name.startswith("dtype.") and name[6:] in DTYPES:  # "ndarray", "dtype.float64"
        import numpy as np

        return id(np.ndarray if name == "ndarray" else np.dtype(name[6:]))
    raise LinkageError(f"no slot target named 'obj.{name}' exists in this version of jitcell; "
                       "the library was built by a different version")
