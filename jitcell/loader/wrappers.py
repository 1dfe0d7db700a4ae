"""wrappers: the generated Python function that calls a compiled function's entry with ctypes.

For `def f(n: int, x: float = 0.5) -> float` the call path is generated as Python::

    def f(n, x=0.5):
        if n.__class__ is not jc__int: n = jc__as_int(n, 'n')
        elif not -9223372036854775808 <= n <= 9223372036854775807: jc__too_big(n, 'n')
        if x.__class__ is not jc__float: x = jc__as_float(x, 'x')
        jc__result = jc__entry(n, x)      # one ctypes call; the value comes back directly
        if jc__pending.error is not None: raise jc__take_pending()
        return jc__result

A JitFunction (bind.py) calls it where CPython cannot call the function's native entry, and
the entry hands it what it does not take; it is made at that first need. Its argument errors
are CPython's own, worded as for the original function ("f() missing 1 required positional
argument: 'x'"), or name the parameter (wrong type, beyond 64 bits); an exception raised
inside compiled code comes out of the call as the exception Python would have raised.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable

from jitcell import runtime
from jitcell.runtime import arrays, callbacks
from jitcell.runtime.arrays import is_array_type
from jitcell.runtime.lists import Boundary, is_sequence

from . import classes
from .callables import function_argument
from .load import Library
from .typenames import TypeName, as_default, parse_type, uses_arrays

__all__ = ["make_wrapper", "item_memory"]

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


class _Complex(ctypes.Structure):
    """A complex result, or item of a tuple result: LLVM's {double, double}."""

    _fields_ = [("real", ctypes.c_double), ("imag", ctypes.c_double)]


_CTYPES = {"int": ctypes.c_int64, "float": ctypes.c_double, "bool": ctypes.c_bool, "str": ctypes.c_void_p,
           "complex": _Complex}


def make_wrapper(info: dict, library: Library) -> Callable:
    """The function's generated Python wrapper (the module's docstring), which calls its entry with ctypes."""
    name = info["name"]
    entry = library.handle[info["symbol"]]
    items = info.get("result_items")  # a tuple result, written to memory the wrapper provides
    if _maybe_none_number(info["returns"]):  # {present, value}, written there too
        items = ["bool", _inner(info["returns"])]
    through_memory = items or info["returns"] == "complex"
    entry.restype = None if through_memory or info["returns"] == "None" else _ctype(info["returns"])
    arguments = _arguments(info)
    argtypes = [c for _, _, t in arguments
                for c in ([ctypes.c_char_p, ctypes.c_int64] if t in ("str", "str | None") else arrays.argtypes(t) if
                          is_array_type(t) else [ctypes.c_double] * 2 if t == "complex" else
                          [ctypes.c_bool, _ctype(_inner(t))] if _maybe_none_number(t) else [_ctype(t)])]
    if items:
        result_type = _struct(items)
        argtypes.append(ctypes.POINTER(result_type))
    elif through_memory:
        argtypes.append(ctypes.POINTER(_Complex))
    entry.argtypes = argtypes
    source = _wrapper_source(info)
    filename = f"jitcell-wrapper {name}{info['signature']}"
    namespace = {
        "__name__": filename, "__loader__": _Source(source),  # for tracebacks, without linecache
        "jc__entry": entry, "jc__pending": callbacks.PENDING, "jc__take_pending": callbacks.take_pending,
        "jc__as_int": _converter(name, "int"), "jc__as_float": _converter(name, "float"),
        "jc__as_bool": _converter(name, "bool"), "jc__as_str": _converter(name, "str"),
        "jc__as_complex": _converter(name, "complex"), "jc__complex": complex,
        "jc__too_big": _too_big(name), "jc__take_str": _take_str, "jc__tuple_class": tuple,
        "jc__bad_tuple": _bad_tuple(name),
        "jc__int": int, "jc__float": float, "jc__bool": bool, "jc__str": str,
        "jc__defaults": tuple(as_default(d) for d in info["defaults"]),
        "jc__Result": result_type if items else _Complex if through_memory else None,
        "jc__tuple": None if _maybe_none_number(info["returns"]) else _tuple_reader(items, library) if items
        else _complex_reader if through_memory else None,
        "jc__Boundary": Boundary, "jc__as_function": function_argument(name),
        **classes.wrapper_namespace(library, name),
        **(arrays.wrapper_namespace(name, arguments) if uses_arrays(info) else {}),
    }
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name.replace(".", "__")]


def _wrapper_source(info: dict) -> str:
    """The wrapper, named like the function; its own names start with `jc__` to stay clear of parameters."""
    params = [n for n, _ in info["params"]]
    defaults = [as_default(d) for d in info["defaults"]]
    first_default = len(params) - len(defaults)
    written = [p if i < first_default else f"{p}={_default(defaults, i - first_default)}" for i, p in enumerate(params)]
    if info.get("keyword_only"):
        written.insert(len(params) - info["keyword_only"], "*")
    signature = ", ".join(written)
    lines = [f"def {info['name'].replace('.', '__')}({signature}):"]  # a method: Point.norm
    lines += classes.refused_lines(info)  # containers of instances: compiled callers only, yet
    args, late = [], []
    if any(_reflected(t) for _, _, t in _arguments(info)) or _reflected(info["returns"]):  # tuple items too
        lines.append(f"    jc__call = jc__Boundary({info['name']!r}, jc__instances)")
    arguments = _arguments(info, lines)  # a tuple parameter: checked, then its items are arguments
    for p, shown, t in arguments:
        if classes.is_class_type(t):  # an instance: its own class, passed as its address (classes.py)
            more, passed = classes.wrapper_lines(p, t, shown)
            lines += more
            args += passed
            continue
        if t.endswith(" | None"):  # None, or checked as the type it may be (check/optional.py)
            inner = _inner(t)
            if _reflected(inner):
                late.append(f"    jc__{p} = None if {p} is None else jc__call.argument({p}, {inner!r}, {shown!r})")
                args.append(f"jc__{p}")
                continue
            lines.append(f"    if {p} is None: jc__{p}, jc__{p}__v = None, 0")
            lines.append("    else:")
            lines.append(f"        if {p}.__class__ is not jc__{inner}: {p} = jc__as_{inner}({p}, {shown!r})")
            if inner == "int":
                lines.append(f"        elif not {_INT_MIN} <= {p} <= {_INT_MAX}: jc__too_big({p}, {shown!r})")
            if inner == "str":
                lines.append(f"        jc__{p} = {p}.encode('utf-8', 'surrogatepass'); jc__{p}__v = len(jc__{p})")
            else:
                lines.append(f"        jc__{p}, jc__{p}__v = True, {p}")
            args += [f"jc__{p}", f"jc__{p}__v"]
            continue
        if t.startswith("Callable["):  # a function's address, made for the call (callables.py)
            lines.append(f"    jc__{p} = jc__as_function({p}, {shown!r}, {t!r})")
            args.append(f"jc__{p}.address")
            continue
        if is_array_type(t):  # data address, shape and strides (arrays.py)
            more, passed = arrays.wrapper_lines(p, t, info.get("writes_arrays", False))
            lines += more
            args += passed
            continue
        if _reflected(t):  # copied into a runtime object, written back and released after the call
            late.append(f"    jc__{p} = jc__call.argument({p}, {t!r}, {shown!r})")  # after the checks that may fail
            args.append(f"jc__{p}")
            continue
        lines.append(f"    if {p}.__class__ is not jc__{t}: {p} = jc__as_{t}({p}, {shown!r})")
        if t == "int":
            lines.append(f"    elif not {_INT_MIN} <= {p} <= {_INT_MAX}: jc__too_big({p}, {shown!r})")
        if t == "str":  # UTF-8 bytes and their length; the entry point makes the object
            lines.append(f"    jc__{p} = {p}.encode('utf-8', 'surrogatepass')")
            args += [f"jc__{p}", f"len(jc__{p})"]
        elif t == "complex":  # its two parts
            args += [f"{p}.real", f"{p}.imag"]
        else:
            args.append(p)
    lines += late
    closing = ["        jc__call.close()"]  # the caller's lists, dicts and sets show what the call changed
    if any(_reflected(t) and "[:" in t for _, _, t in arguments) and any(is_array_type(t) for _, _, t in arguments):
        closing = [f"        jc__call.close(True, ({''.join(p + ', ' for p, _, _ in arguments)}))"]  # arrays stored
    if info.get("result_items") or info["returns"] == "complex" or _maybe_none_number(info["returns"]):
        lines.append("    jc__out = jc__Result()")
        call = f"jc__entry({', '.join(args + ['jc__out'])})"
        if late:
            lines += ["    try:", f"        {call}", "    finally:", *closing]
        else:
            lines.append(f"    {call}")
        lines.append("    if jc__pending.error is not None: raise jc__take_pending()")
        if _maybe_none_number(info["returns"]):
            lines.append("    return jc__out.v1 if jc__out.v0 else None")
        else:
            lines.append(f"    return jc__tuple(jc__out, ({''.join(p + ', ' for p, _, _ in arguments)}))")
        return "\n".join(lines) + "\n"
    returns = _inner(info["returns"])
    instances = classes.result_expression(returns)  # an instance (or a container of them: refused)
    result = (instances if instances is not None else "jc__take_str(jc__result)" if returns == "str" else
              f"jc__call.result(jc__result, {returns!r}, ({''.join(p + ', ' for p, _, _ in arguments)}))"
              if _reflected(returns) and "[:" in returns else  # a list of arrays: views of them
              f"jc__call.result(jc__result, {returns!r})" if _reflected(returns) else
              f"jc__take_array(jc__result, {info['returns']!r}, ({''.join(p + ', ' for p, _, _ in arguments)}))"
              if is_array_type(info["returns"]) else "jc__result")
    if late:
        lines += ["    try:", f"        jc__result = jc__entry({', '.join(args)})", "    finally:",
                  *closing]
    else:
        lines.append(f"    jc__result = jc__entry({', '.join(args)})")
    if returns != info["returns"]:  # `T | None`: a null address is None
        result = f"None if jc__result is None else {result}"
    lines += ["    if jc__pending.error is not None: raise jc__take_pending()", f"    return {result}"]
    return "\n".join(lines) + "\n"


def _arguments(info: dict, lines: list[str] | None = None) -> list[tuple[str, str, str]]:
    """What crosses the boundary, as (variable, name in messages, type): each parameter, a tuple
    parameter as its items ("p[0]", depth first, as the entry point takes them: lower/program.py).
    With `lines`, the wrapper's lines that check each tuple and unpack it are appended."""
    out: list[tuple[str, str, str]] = []

    def visit(var: str, shown: str, parsed: TypeName) -> None:
        if parsed[0] != "tuple":
            out.append((var, shown, _type_text(parsed)))
            return
        items = parsed[1]
        names = [f"{var}__{i}" if var.startswith("jc__") else f"jc__{var}__{i}" for i in range(len(items))]
        if lines is not None:
            lines.append(f"    if not isinstance({var}, jc__tuple_class) or len({var}) != {len(items)}: "
                         f"jc__bad_tuple({var}, {shown!r}, {_type_text(parsed)!r}, {len(items)})")
            lines.append(f"    {', '.join(names)}, = {var}")
        for i, (name, item) in enumerate(zip(names, items, strict=True)):
            visit(name, f"{shown}[{i}]", item)

    for p, t in info["params"]:
        parsed = parse_type(t)
        assert parsed is not None  # the manifest was checked
        visit(p, p, parsed)
    return out


def _bad_tuple(function: str):
    def fail(value, param: str, type_name: str, length: int):
        if isinstance(value, tuple):
            raise TypeError(f"{function}() argument '{param}' must be {type_name}, a tuple of {length} items, not a "
                            f"tuple of {len(value)}")
        raise TypeError(f"{function}() argument '{param}' must be {type_name}, not {type(value).__name__}")

    return fail


class _Source:
    """The loader of a generated wrapper: tracebacks ask it for the source lines."""

    def __init__(self, source: str):
        self.source = source

    def get_source(self, name: str) -> str:
        return self.source


def _default(defaults: list, index: int) -> str:
    value = defaults[index]
    if isinstance(value, tuple) or isinstance(value, float) and not math.isfinite(value):
        return f"jc__defaults[{index}]"  # repr(inf) is not an expression
    return repr(value)


def _ctype(t: str):
    if _reflected(t):  # lists, dicts and tuple[T, ...]: runtime objects
        return ctypes.c_void_p
    if t.startswith("tuple["):  # a tuple inside a tuple result: a struct inside the struct
        parsed = parse_type(t)
        return _struct([_type_text(item) for item in parsed[1]]) if parsed else _CTYPES[t]
    return ctypes.c_void_p if t.startswith(("dict[", "list[", "set[", "Callable[")) or is_array_type(t) \
        or t == "str | None" or classes.is_class_type(t) else _CTYPES[t]


def item_memory(item: str, library: Library) -> tuple[type, Callable[..., object]]:
    """Where a generator's item is written (as a function's result of its type would be) and
    how Python reads it from there: a number or bool, a str (taken), a complex, a tuple of such."""
    if item.startswith("tuple["):
        parsed = parse_type(item)
        assert parsed is not None and parsed[0] == "tuple"  # the manifest check let nothing else through
        items = [_type_text(i) for i in parsed[1]]
        return _struct(items), _tuple_reader(items, library)
    if item == "str":
        return ctypes.c_void_p, lambda memory: _take_str(memory.value)
    if item == "complex":
        return _Complex, _complex_reader
    return _CTYPES[item], lambda memory: memory.value


def _struct(items: list[str]) -> type[ctypes.Structure]:
    """The memory a tuple result is written to: the C layout of LLVM's struct of its items."""
    return type("Result", (ctypes.Structure,), {"_fields_": [(f"v{i}", _ctype(t)) for i, t in enumerate(items)]})


def _type_text(parsed: TypeName) -> str:
    """A parsed type name (typenames.parse_type) spelled again as jitcell spells it."""
    if parsed[0] == "tuple":
        return "tuple[" + ", ".join(_type_text(item) for item in parsed[1]) + "]"
    if parsed[0] == "dict":
        return f"dict[{parsed[1]}, {parsed[2] if isinstance(parsed[2], str) else _type_text(parsed[2])}]"
    if parsed[0] == "set":
        return f"set[{parsed[1]}]"
    if parsed[0] == "list":
        return f"list[{_type_text(parsed[1])}]"
    if parsed[0] == "vartuple":
        return f"tuple[{_type_text(parsed[1])}, ...]"
    if parsed[0] == "optional":
        return f"{_type_text(parsed[1])} | None"
    if parsed[0] == "array":
        return f"{parsed[1]}[{', '.join([':'] * parsed[2])}]"
    if parsed[0] == "callable":
        return f"Callable[[{', '.join(_type_text(p) for p in parsed[1])}], {_type_text(parsed[2])}]"
    if parsed[0] == "class":  # an instance (classes.py)
        return parsed[1]
    return parsed[0]


def _inner(type_name: str) -> str:
    """T of `T | None` (the name itself otherwise)."""
    return type_name.removesuffix(" | None")


def _maybe_none_number(type_name: str) -> bool:
    """`int | None`, `float | None`, `bool | None`: a flag and a value at the boundary."""
    return type_name in ("int | None", "float | None", "bool | None")


def _reflected(type_name: str) -> bool:
    """Lists, dicts and sets: copied in, and written back into the caller's object (runtime/lists.py);
    tuple[T, ...] is copied in the same way, and only lists and dicts among its items are written back."""
    return type_name.startswith(("list[", "dict[", "set[")) or is_sequence(type_name)


def _tuple_reader(items: list[str], library: Library):
    """Python's tuple from a result struct; str items are taken (read, then released), array
    items become ndarrays (`args`: the call's arguments, for an array that is one of them),
    list, dict and set items Python lists, dicts and sets (the object released), instances their
    wrappers (the reference becomes the wrapper's)."""
    names = [f"v{i}" for i in range(len(items))]
    known = getattr(library, "classes", {})
    instances = classes.Instances(dict(known), {})
    wraps = {t: known[_inner(t)]._jc_wrap for t in items if classes.is_class_type(t)}
    inner = {t: _tuple_reader([_type_text(i) for i in parsed[1]], library)
             for t in items if t.startswith("tuple[") and (parsed := parse_type(t)) is not None
             and parsed[0] == "tuple"}

    def read(struct, args=()):
        return tuple(_take_str(getattr(struct, n)) if t == "str" else
                     wraps[t](getattr(struct, n)) if t in wraps else
                     Boundary("", instances).result(getattr(struct, n), t) if _reflected(t) else
                     inner[t](getattr(struct, n), args) if t in inner else
                     arrays.take_array(getattr(struct, n), t, args) if is_array_type(t) else
                     complex(getattr(struct, n).real, getattr(struct, n).imag) if t == "complex" else
                     getattr(struct, n)
                     for n, t in zip(names, items, strict=True))

    return read


def _complex_reader(struct: _Complex, args=()) -> complex:
    return complex(struct.real, struct.imag)


def _take_str(address: int) -> str:
    return runtime.take_str(address)


def _converter(function: str, target: str):
    def convert(value, param):
        try:
            if target == "int" and not isinstance(value, float):
                import operator

                value = operator.index(value)  # bool, numpy integers
                if not _INT_MIN <= value <= _INT_MAX:
                    _too_big(function)(value, param)
                return value
            if target == "float" and not isinstance(value, (str, bytes, complex)) and hasattr(type(value), "__float__"):
                return float(value)
            if target == "bool" and type(value).__name__ in ("bool", "bool_"):
                return bool(value)
            if target == "str" and isinstance(value, str):
                return str(value)
            if target == "complex" and not isinstance(value, (str, bytes)) and (
                    hasattr(type(value), "__complex__") or hasattr(type(value), "__float__")
                    or hasattr(type(value), "__index__")):
                return complex(value)
        except TypeError:
            pass
        raise TypeError(f"{function}() argument '{param}' must be {target}, not {type(value).__name__}")

    return convert


def _too_big(function: str):
    def fail(value, param):
        raise OverflowError(f"{function}() argument '{param}' = {value} does not fit in a 64-bit int")

    return fail
