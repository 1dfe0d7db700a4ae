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
from jitcell.abi import CAPI_FUNCTIONS, CELL_TARGET
from jitcell.errors import LinkageError
from jitcell.runtime import callbacks, interrupts

from . import native

__all__ = ["address_of"]


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
    if target.startswith("capi.") and target[5:] in CAPI_FUNCTIONS:  # dlsym itself: no ctypes object each
        found = runtime.symbol_address(ctypes.pythonapi, target[5:])
        if found is None:
            raise LinkageError(f"this Python does not export {target[5:]}, which slot target {target!r} names")
        return found
    if target == "native":
        return native.table_address()
    if target.startswith(CELL_TARGET):  # namespace.resolver knows the callees; without them:
        name = target[len(CELL_TARGET):]
        raise LinkageError(f"this library calls {name}() from another cell, and no definition of {name} "
                           f"was given; run the cell that defines {name} first (compile_cell(..., "
                           f"callees=...) passes it)")
    raise LinkageError(f"no slot target named {target!r} exists in this version of jitcell; "
                       "the library was built by a different version")

