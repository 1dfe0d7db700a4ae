"""What a `Callable[[A, B], R]` parameter of a compiled function receives from Python
(compiler/check/callables.py, lower/callables.py): the address of a function with the impl's ABI,
`i32 (ptr ret, i32 calls_left, i64 stack_floor, params...)`.

- A compiled function (a `JitFunction`) of exactly that signature: the address of its exported
  `jitcell.call.NAME` thunk, as another cell's slot would hold. The call never enters Python.
- Any other Python callable (a def, a lambda, a bound method), where the parameters and the result
  are int, float, bool (or None for the result): a ctypes callback that takes the GIL, calls it, and
  checks what it returned as a compiled function's result is checked (an int for a float is made a
  float; anything else is a TypeError naming the parameter). An exception it raises becomes pending
  and the callback returns status 1, so the compiled caller unwinds and the exception comes out of
  the call. The callback lives as long as the wrapper's call (a local of it): compiled code never
  keeps a function value beyond the call that received it.
"""

from __future__ import annotations

import ctypes
import operator
from typing import Any

from jitcell import runtime
from jitcell.runtime import callbacks

from .manifest import parse_type

__all__ = ["FunctionArgument", "function_argument"]

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_ARGUMENT_CTYPES = {"int": ctypes.c_int64, "float": ctypes.c_double, "bool": ctypes.c_uint8}
_RESULT_CTYPES = {"int": ctypes.c_int64, "float": ctypes.c_double, "bool": ctypes.c_bool}


class FunctionArgument:
    """A function value for one call: `address` for the entry point; `keep` holds what must stay alive."""

    __slots__ = ("address", "keep")

    def __init__(self, address: int, keep: object = None):
        self.address = address
        self.keep = keep


def function_argument(function: str):
    """The converter the wrapper of `function` calls for each Callable parameter:
    convert(value, param, type_text) -> FunctionArgument."""

    def convert(value, param: str, type_text: str) -> FunctionArgument:
        from .bind import JitFunction  # bind imports this module

        parsed = parse_type(type_text)
        assert parsed is not None and parsed[0] == "callable"  # the manifest was checked
        params = [_text(p) for p in parsed[1]]
        result = _text(parsed[2])
        if isinstance(value, JitFunction):
            own = f"Callable[[{', '.join(t for _, t in value.params)}], {value.returns}]"
            if own != type_text:
                raise TypeError(f"{function}() argument '{param}' must be {type_text}, not {value.__name__}"
                                f"{value.signature} (its parameter and result types must be exactly the Callable's)")
            return FunctionArgument(_thunk_address(value), value)
        if not callable(value):
            raise TypeError(f"{function}() argument '{param}' must be {type_text}, not {type(value).__name__}")
        if any(t not in _ARGUMENT_CTYPES for t in params) or result not in (*_RESULT_CTYPES, "None"):
            raise TypeError(f"{function}() argument '{param}' must be a function compiled by jitcell: a Python "
                            f"function is called back only where the Callable's parameters and result are int, "
                            f"float or bool, not {type_text}")
        callback = _callback(value, function, param, type_text, params, result)
        return FunctionArgument(runtime.pointer_address(callback), callback)

    return convert


def _text(parsed: tuple) -> str:
    return parsed[0] if len(parsed) == 1 else "?"  # scalars only are called back; others are refused


def _thunk_address(fn) -> int:
    cached = fn.__dict__.get("_jitcell_call_address")
    if cached is not None:
        return cached
    row = next((r for r in fn.library.manifest["functions"] if r["name"] == fn.__name__), None)
    symbol = None if row is None else row.get("call_symbol")
    if symbol is None:
        raise TypeError(f"{fn.__name__}() cannot be passed as a function value: its library exports no entry for "
                        "compiled callers")
    address = runtime.pointer_address(fn.library.handle[symbol])
    fn.__dict__["_jitcell_call_address"] = address
    return address


def _callback(value, function: str, param: str, type_text: str, params: list[str], result: str):
    argtypes: list[Any] = [ctypes.c_int32, ctypes.c_int64] + [_ARGUMENT_CTYPES[t] for t in params]
    if result != "None":
        argtypes.insert(0, ctypes.c_void_p)
    prototype = ctypes.CFUNCTYPE(ctypes.c_int32, *argtypes)
    bools = [t == "bool" for t in params]
    store: Any = _RESULT_CTYPES.get(result)

    def call(*raw) -> int:
        try:
            args = raw[2:] if store is None else raw[3:]
            returned = value(*(bool(a & 1) if b else a for a, b in zip(args, bools, strict=True)))
            if store is None:
                if returned is not None:
                    raise TypeError(f"the function passed as '{param}' to {function}() returned "
                                    f"{type(returned).__name__}, but {type_text} returns None")
                return 0
            store.from_address(raw[0]).value = _result(returned, result, function, param, type_text)
            return 0
        except BaseException as error:  # noqa: BLE001 - every exception travels to the caller, as in Python
            callbacks.PENDING.error = error
            return 1

    return prototype(call)


def _result(returned, result: str, function: str, param: str, type_text: str):
    """A callback's value as the compiled caller expects it, converted as a compiled function's result is."""
    try:
        if result == "float" and not isinstance(returned, (str, bytes, complex)) \
                and hasattr(type(returned), "__float__"):
            return float(returned)
        if result == "int" and not isinstance(returned, float):
            number = operator.index(returned)
            if _INT_MIN <= number <= _INT_MAX:
                return number
            raise OverflowError(f"the function passed as '{param}' to {function}() returned {number}, which does "
                                "not fit in a 64-bit int")
        if result == "bool" and type(returned).__name__ in ("bool", "bool_"):
            return bool(returned)
    except TypeError:
        pass
    raise TypeError(f"the function passed as '{param}' to {function}() returned {type(returned).__name__}, but "
                    f"{type_text} returns {result}")
