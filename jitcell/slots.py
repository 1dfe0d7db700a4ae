"""Slot names and the process addresses they must hold.

    >>> slot_symbol("print")
    'jitcell.slot.print'
    >>> address_of("print") == callbacks.address("print")     # differs in every process
    True

A slot's symbol is derived from what it points at, so the same target has the same
name in every library and every session. Targets: "print", "raise" and "format"
(callbacks.py), "interrupts" (the runtime library's interrupt counter, interrupts.py: a data
slot), "rt.NAME" (a function of the runtime library, runtime.py),
"capi.NAME" (a function of the Python C API, in the interpreter's own image) and "cell.NAME"
(a function of another cell: the `jitcell.call.NAME` entry of the library that defines NAME,
linkage.py). `lower` bakes `address_of(target)` into the
slot's initializer; `load` writes the current `address_of(target)` after each load.
"""

from __future__ import annotations

from . import callbacks
from .errors import LinkageError

__all__ = ["SLOT_PREFIX", "FUNCTION_PREFIX", "CALL_PREFIX", "VAR_PREFIX", "slot_symbol", "function_symbol",
           "call_symbol", "var_symbol",
           "address_of", "describe"]

SLOT_PREFIX = "jitcell.slot."
CAPI_FUNCTIONS = frozenset({"PyGILState_Ensure", "PyGILState_Release", "PyOS_double_to_string", "PyMem_Free",
                            "PyErr_CheckSignals", "PyErr_Fetch"})
FUNCTION_PREFIX = "jitcell.def."
CALL_PREFIX = "jitcell.call."  # the internal-ABI entry other cells call through "cell.NAME" slots
VAR_PREFIX = "jitcell.var."  # a kernel cell's module variable, reached through "var.NAME" slots (variables.py)

_DESCRIPTIONS = {
    "print": "the print() callback into Python",
    "raise": "the callback that raises Python exceptions",
    "format": "the callback that formats f-string fields with Python's format()",
    "interrupts": "the runtime library's interrupt counter",
}


def slot_symbol(target: str) -> str:
    return SLOT_PREFIX + target


def function_symbol(name: str) -> str:
    return FUNCTION_PREFIX + name


def call_symbol(name: str) -> str:
    return CALL_PREFIX + name


def var_symbol(name: str) -> str:
    return VAR_PREFIX + name


def describe(target: str) -> str:
    if target.startswith("rt."):
        return f"the runtime library's {target[3:]}()"
    if target.startswith("var."):
        return f"the module variable {target[4:]}"
    if target.startswith("capi."):
        return f"the Python C-API function {target[5:]}()"
    if target.startswith("cell."):
        return f"the function {target[5:]}() of another cell"
    return _DESCRIPTIONS.get(target, target)


def address_of(target: str) -> int:
    if target in callbacks.TARGETS:
        return callbacks.address(target)
    if target == "interrupts":
        from . import interrupts

        return interrupts.counter_address()
    if target.startswith("rt."):
        from . import runtime

        return runtime.address(target[3:])
    if target.startswith("capi.") and target[5:] in CAPI_FUNCTIONS:
        import ctypes

        return ctypes.cast(getattr(ctypes.pythonapi, target[5:]), ctypes.c_void_p).value
    if target.startswith("cell."):  # linkage.resolver knows the callees; without them:
        name = target[5:]
        raise LinkageError(f"this library calls {name}() from another cell, and no definition of {name} "
                           f"was given; run the cell that defines {name} first (compile_cell(..., "
                           f"callees=...) passes it)")
    raise LinkageError(f"no slot target named {target!r} exists in this version of jitcell; "
                       "the library was built by a different version")
