"""The names compiled code and the loader agree on: symbols, slot targets, reserved functions.

    >>> slot_symbol("print"), function_symbol("f"), call_symbol("f"), var_symbol("total")
    ('jitcell.slot.print', 'jitcell.def.f', 'jitcell.call.f', 'jitcell.var.total')

A slot's symbol is derived from what it points at, so the same target has the same
name in every library and every session. Targets: "print", "raise", "format" and
"exception" (runtime/callbacks.py), "interrupts" (the runtime library's interrupt counter,
runtime/interrupts.py: a data slot), "rt.NAME" (a function of the runtime library),
"capi.NAME" (a function of the Python C API, in the interpreter's own image), "cell.NAME"
(a function of another cell: the `jitcell.call.NAME` entry of the library that defines NAME,
loader/namespace.py), "var.NAME" (a module variable of a kernel cell, loader/variables.py) and
"native" (the table of CPython functions and objects of the native entry points, loader/load.py).
`lower` bakes the target's address into the slot's initializer; `load` writes its address in
this process after each load (loader/load.py, address_of).
"""

from __future__ import annotations

__all__ = ["SLOT_PREFIX", "FUNCTION_PREFIX", "CALL_PREFIX", "NATIVE_PREFIX", "native_symbol",
           "generator_next_symbol", "generator_close_symbol",
           "VAR_PREFIX", "CELL_TARGET", "VAR_TARGET",
           "CAPI_FUNCTIONS", "CALLBACK_TARGETS", "SCRIPT_FUNCTION", "slot_symbol", "function_symbol", "call_symbol",
           "var_symbol",
           "describe", "ADDED_LINES", "MODULE_LINE"]

SLOT_PREFIX = "jitcell.slot."
FUNCTION_PREFIX = "jitcell.def."  # the C-ABI entry point Python calls
CALL_PREFIX = "jitcell.call."  # the internal-ABI entry other cells call through "cell.NAME" slots
NATIVE_PREFIX = "jitcell.native."  # CPython's vectorcall entry of a function (loader/bind.py)
GENERATOR_NEXT_PREFIX = "jitcell.gen.next."  # resume a generator Python walks (lower/generator_entries.py)
GENERATOR_CLOSE_PREFIX = "jitcell.gen.close."  # ... and destroy it
VAR_PREFIX = "jitcell.var."  # a kernel cell's module variable, reached through "var.NAME" slots

CELL_TARGET = "cell."  # slot targets "cell.NAME": a function of another cell
VAR_TARGET = "var."  # slot targets "var.NAME": a module variable of another kernel cell

CAPI_FUNCTIONS = frozenset({"PyGILState_Ensure", "PyGILState_Release", "PyOS_double_to_string", "PyMem_Free",
                            "PyErr_CheckSignals", "PyErr_Fetch", "PyErr_Clear", "Py_GetRecursionLimit",
                            # the conversions of lists, dicts and sets at the boundary (runtime/source.py)
                            "PyErr_Occurred", "Py_IncRef", "Py_DecRef", "PyList_New", "PyList_Size",
                            "PyList_GetItem", "PyList_SetItem", "PyFloat_AsDouble", "PyFloat_FromDouble",
                            "PyLong_AsLongLongAndOverflow", "PyLong_FromLongLong", "PyUnicode_AsUTF8AndSize",
                            "PyUnicode_DecodeUTF8", "PyDict_New", "PyDict_Next", "PyDict_SetItem", "PySet_New",
                            "PySet_Add", "PyObject_GetIter", "PyIter_Next",
                            # the callbacks into Python (runtime/source.py)
                            "PyTuple_New", "PyTuple_SetItem", "PyObject_Call"})

# slot targets that call into Python: each points at the runtime library's C function `callback_<target>`
# (runtime/source.py), which calls runtime/callbacks.py's function for it
CALLBACK_TARGETS = ("print", "raise", "format", "exception")

SCRIPT_FUNCTION = "__cell__"  # a kernel cell's top-level statements, compiled (compiler/parse.py)

# A front end that adds lines to the user's text (the kernel: the imports of earlier cells; @jit: its
# module's imports and name) puts them below this line, so that a miss's diff shows the user's lines only
ADDED_LINES = "# jitcell: lines added to the cell"
MODULE_LINE = "# jitcell.jit: module "  # @jit's last line: the module whose functions the cell calls

_DESCRIPTIONS = {
    "print": "the print() callback into Python",
    "raise": "the callback that raises Python exceptions",
    "format": "the callback that formats f-string fields with Python's format()",
    "exception": "the callback that catches exceptions for try statements",
    "interrupts": "the runtime library's interrupt counter",
    "native": "the CPython table of native entry points",
}


def slot_symbol(target: str) -> str:
    return SLOT_PREFIX + target


def function_symbol(name: str) -> str:
    return FUNCTION_PREFIX + name


def call_symbol(name: str) -> str:
    return CALL_PREFIX + name


def native_symbol(name: str) -> str:
    return NATIVE_PREFIX + name


def generator_next_symbol(name: str) -> str:
    return GENERATOR_NEXT_PREFIX + name


def generator_close_symbol(name: str) -> str:
    return GENERATOR_CLOSE_PREFIX + name


def var_symbol(name: str) -> str:
    return VAR_PREFIX + name


def describe(target: str) -> str:
    """What a slot with this target points at, in words."""
    if target.startswith("rt."):
        return f"the runtime library's {target[3:]}()"
    if target.startswith(VAR_TARGET):
        return f"the module variable {target[4:]}"
    if target.startswith("capi."):
        return f"the Python C-API function {target[5:]}()"
    if target.startswith(CELL_TARGET):
        return f"the function {target[5:]}() of another cell"
    return _DESCRIPTIONS.get(target, target)
