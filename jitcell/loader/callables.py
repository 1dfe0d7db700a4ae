"""What a `Callable[[A, B], R]` parameter of a compiled function receives from Python
(compiler/check/callables.py, lower/callables.py): the address of a function with the impl's ABI,
`i32 (ptr ret, i32 calls_left, i64 stack_floor, params...)`.

- A compiled function (a `JitFunction`) of exactly that signature: the address of its exported
  `jitcell.call.NAME` thunk, as another cell's slot would hold. The call never enters Python.
- Any other Python callable (a def, a lambda, a bound method), where the parameters and the result
  are int, float, bool (or None for the result): a ctypes callback that takes the GIL, calls it, and
  checks what it returned as a compiled function's result is checked (an int for a float is made a
  float; anything else is a TypeError naming the parameter), for about 1 µs a call
  (benchmarks/results/function_values.md). An exception it raises becomes pending
  and the callback returns status 1, so the compiled caller unwinds and the exception comes out of
  the call. The callback lives as long as the wrapper's call (a local of it): compiled code never
  keeps a function value beyond the call that received it.
"""

from __future__ import annotations

import ctypes
import functools
import operator

from jitcell import runtime
from jitcell.runtime import callbacks

from .typenames import parse_type

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
        params, result = _scalar_types(type_text)
        compiled = getattr(type(value), "__jitcell_function__", None)  # a JitFunction, or @jitcell.jit's
        if compiled is not None:
            value = compiled(value)
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


@functools.lru_cache(maxsize=256)
def _scalar_types(type_text: str) -> tuple[list[str], str]:
    """The parameters' and result's type names of a Callable type ("?" for one that is not a scalar)."""
    parsed = parse_type(type_text)
    assert parsed is not None and parsed[0] == "callable"  # the manifest was checked
    return [_text(p) for p in parsed[1]], _text(parsed[2])


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
    """A ctypes callback of the impl ABI calling `value`, generated for its types (a fixed parameter
    list and a pointer for the result cost least: about 1 µs a call, most of it ctypes' own)."""
    argtypes: list = [ctypes.c_int32, ctypes.c_int64] + [_ARGUMENT_CTYPES[t] for t in params]
    names = [f"a{i}" for i in range(len(params))]
    passed = ", ".join(f"bool({n} & 1)" if t == "bool" else n for n, t in zip(names, params, strict=True))
    head = ", ".join(["jc__limit", "jc__floor", *names])
    if result == "None":
        body = [f"        r = jc__value({passed})", "        if r is not None: jc__none(r)"]
    else:
        argtypes.insert(0, ctypes.POINTER(_RESULT_CTYPES[result]))
        head = "jc__ret, " + head
        fast = {"float": "r.__class__ is not jc__float", "bool": "r.__class__ is not jc__bool",
                "int": f"r.__class__ is not jc__int or not {_INT_MIN} <= r <= {_INT_MAX}"}[result]
        body = [f"        r = jc__value({passed})", f"        if {fast}: r = jc__convert(r)", "        jc__ret[0] = r"]
    source = "\n".join([f"def call({head}):", "    try:", *body, "        return 0",
                        "    except BaseException as error:",  # every exception travels to the caller
                        "        jc__pending.error = error", "        return 1"]) + "\n"

    def none(returned):
        raise TypeError(f"the function passed as '{param}' to {function}() returned {type(returned).__name__}, "
                        f"but {type_text} returns None")

    namespace = {"jc__value": value, "jc__pending": callbacks.PENDING, "jc__float": float, "jc__int": int,
                 "jc__bool": bool, "jc__none": none,
                 "jc__convert": lambda r: _result(r, result, function, param, type_text)}
    exec(compile(source, f"jitcell-callback {type_text}", "exec"), namespace)
    return ctypes.CFUNCTYPE(ctypes.c_int32, *argtypes)(namespace["call"])


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
