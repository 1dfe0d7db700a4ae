"""The sites of a library's table: what compiled code asks Python to do at one place of a cell.

A site (from the manifest's `sites`) says what happened there and the types of the operands that
compiled code passes: an error to raise as CPython would (`Site.exception`, re-evaluating the
failing operation on the same operands), a print, an f-string field or a call of Python's own
(`Site.compute`), an except clause to match (`Site.caught`). callbacks.py makes a Site at the first
use of its place; a cache hit imports this module only when compiled code first needs one.
`site_problem` checks a site table before its library is loaded (loader/manifest.py).
"""

from __future__ import annotations

import builtins
import ctypes
import math
import operator
import os
import re
import sys
import warnings
from collections.abc import Callable
from types import FrameType

from jitcell import runtime
from jitcell.dtypes import DTYPES, MAX_NDIM
from jitcell.runtime import lists
from jitcell.runtime.arrays import site_error
from jitcell.runtime.convert import read_set
from jitcell.runtime.keys import is_tuple_key, split_type
from jitcell.runtime.numpy_errors import NUMPY_ERROR_OPS

__all__ = ["Site", "site_problem"]


class _Complex(ctypes.Structure):
    """A complex operand or result: LLVM's {double, double} (lower/complexes.py)."""

    _fields_ = [("real", ctypes.c_double), ("imag", ctypes.c_double)]


_CTYPES = {"int": ctypes.c_int64, "float": ctypes.c_double, "bool": ctypes.c_bool, "str": ctypes.c_void_p,
           "complex": _Complex, "set[int]": ctypes.c_void_p, "set[str]": ctypes.c_void_p}  # a set: printed or formatted

_OPERATIONS = {
    "add": (operator.add, "{} + {}"), "sub": (operator.sub, "{} - {}"),
    "mul": (operator.mul, "{} * {}"), "floordiv": (operator.floordiv, "{} // {}"),
    "mod": (operator.mod, "{} % {}"), "truediv": (operator.truediv, "{} / {}"),
    "pow": (operator.pow, "{} ** {}"), "neg": (operator.neg, "-({})"), "abs": (abs, "abs({})"),
    "lshift": (operator.lshift, "{} << {}"), "rshift": (operator.rshift, "{} >> {}"),
    "int": (int, "int({})"), "round": (round, "round({})"), "range": (range, "range({}, {}, {})"),
    "divmod": (divmod, "divmod({}, {})"), "powmod": (pow, "pow({}, {}, {})"),
    "range.item": (lambda start, stop, step, i: range(start, stop, step)[i], "range({}, {}, {})[{}]"),
    # strings: failures on values (an index out of range, a substring not found, a bad fill character)
    "getitem": (operator.getitem, "{}[{}]"), "slice_step": (lambda s, step: s[::step], "{}[::{}]"),
    "ord": (ord, "ord({})"), "chr": (chr, "chr({})"),
    "str.index": (str.index, "{}.index({}, {}, {})"), "str.rindex": (str.rindex, "{}.rindex({}, {}, {})"),
    "str.ljust": (str.ljust, "{}.ljust({}, {})"), "str.rjust": (str.rjust, "{}.rjust({}, {})"),
    "str.center": (str.center, "{}.center({}, {})"),
    "str.split": (str.split, "{}.split({}, {})"), "str.rsplit": (str.rsplit, "{}.rsplit({}, {})"),
    "set.pop": (lambda: set().pop(), "set().pop()"),
    # random numbers (compiler/lower/randoms.py): the same call on a fresh generator raises the error
    "random.randint": (lambda a, b: _drawn(_fresh_random().randint, a, b), "random.randint({}, {})"),
    "random.randrange": (lambda a, b, c: _drawn(_fresh_random().randrange, a, b, c), "random.randrange({}, {}, {})"),
    "random.randrange1": (lambda n: _drawn(_fresh_random().randrange, n), "random.randrange({})"),
    "random.choice": (lambda: _fresh_random().choice([]), "random.choice([])"),
    "np.random.seed": (lambda s: _numpy_state().seed(s), "np.random.seed({})"),
    "np.random.randint": (lambda a, b: _drawn(_numpy_state().randint, a, b), "np.random.randint({}, {})"),
    "np.random.randint1": (lambda n: _drawn(_numpy_state().randint, n), "np.random.randint({})"),
    **{f"np.random.randint{one}:{dtype}": (lambda *bounds, d=dtype: _drawn(_numpy_state().randint, *bounds, dtype=d),
                                            f"np.random.randint({{}}{', {}' * (one == '')}, dtype={dtype})")
       for dtype in ("int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8", "bool") for one in ("", "1")},
    "np.random.normal": (lambda a, b: _numpy_state().normal(a, b), "np.random.normal({}, {})"),
    "np.random.uniform": (lambda a, b: _numpy_state().uniform(a, b), "np.random.uniform({}, {})"),
}


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _complex_warning() -> int:
    """NumPy's ComplexWarning of a complex array cast to a real dtype (astype), attributed to the
    first Python frame outside jitcell: the code that called the compiled function."""
    from numpy.exceptions import ComplexWarning

    level = 1
    frame: FrameType | None = sys._getframe()
    while frame is not None and frame.f_code.co_filename.startswith((_PACKAGE, "jitcell-wrapper")):
        level, frame = level + 1, frame.f_back
    warnings.warn("Casting complex values to real discards the imaginary part", ComplexWarning, stacklevel=level)
    return 0


def _drawn(draw: Callable, *args: int, **keywords: str) -> int:
    """A draw that compiled code found it cannot make: Python's error, or (a range of 2**64 ints,
    which Python can draw from) the limit of 64-bit ints."""
    draw(*args, **keywords)
    raise OverflowError(f"{draw.__name__}{args}: a range of 2**64 or more ints is beyond jitcell's 64-bit ints")


def _fresh_random():
    import random  # when a draw failed: a cache hit does not pay for importing it

    return random.Random(0)


def _numpy_state():
    import numpy

    return numpy.random.RandomState(0)

def _from_cmath(name: str) -> Callable:
    """cmath.NAME, imported at its first call: a cache hit does not pay for loading cmath."""
    def call(*args):
        import cmath

        return getattr(cmath, name)(*args)

    call.__name__ = name
    return call


# what compiled code asks Python to compute (a `str_call` site, through the format callback):
# Unicode's tables, and CPython's number parsing beyond the runtime's fast paths
_STR_CALLS: dict[str, Callable] = {
    "upper": str.upper, "lower": str.lower, "isdigit": str.isdigit, "isalpha": str.isalpha,
    "isspace": str.isspace, "isalnum": str.isalnum, "int": int, "float": float, "round": round,
    # the cmath module, CPython's own (its special-value tables): check/complexes.py lists what is called
    **{f"cmath.{name}": _from_cmath(name) for name in (
        "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
        "asinh", "acosh", "atanh", "phase", "polar", "rect", "isnan", "isinf", "isfinite", "isclose")},
    "numpy.complex_warning": _complex_warning,  # astype of a complex array to a real dtype
    "input": lambda *prompt: builtins.input(*prompt),  # looked up at each call: a kernel replaces it
}


class Site:
    """One entry of a library's site table, ready to build an exception or a print."""

    def __init__(self, site: dict, source_lines: list[str], first_line: int, filename: str | None,
                 indentation: tuple[int, ...], pending):
        self.site = site
        self.pending = pending  # the thread's pending and handled exceptions (callbacks.PENDING)
        self.filename = filename or "cell"
        types = site.get("operands") or [i["type"] for i in site.get("items", []) if "type" in i]
        self.types = types
        self.fields = [(f"v{i}", _ctype(t)) for i, t in enumerate(types)]
        self.values_type: type[ctypes.Structure] = type("Values", (ctypes.Structure,), {"_fields_": self.fields})
        index = site["line"] - first_line
        self.source_line = source_lines[index].strip() if 0 <= index < len(source_lines) else ""
        self.column = site["col"] + (indentation[index] if 0 <= index < len(indentation) else 0)

    def values(self, address: int) -> list:
        if not self.fields:
            return []
        struct = self.values_type.from_address(address)
        values = [getattr(struct, name) for name, _ in self.fields]
        if any(t in ("str", "complex") or t.startswith(("set[", "tuple[", "dict[")) or lists.is_sequence(t)
               for t in self.types):
            values = [_operand_value(v, t) for v, t in zip(values, self.types, strict=True)]
        return values

    def note(self) -> str:
        s = self.site
        text = (f'  File "{self.filename}", line {s["line"]}, column {self.column}, in {s["function"]} '
                "(compiled by jitcell)")
        return text + (f"\n    {self.source_line}" if self.source_line else "")

    def exception(self, values: list) -> BaseException:
        kind = self.site["kind"]
        if kind == "raise":
            return self.raised(values)
        if kind == "python_op":
            error = _python_op_error(self.site["op"], values)
        elif kind == "negative_power":
            base, exponent = values
            shown = f"({base})" if base < 0 else f"{base}"
            error = ValueError(f"{shown} ** {exponent}: an int to a negative int power is a float in "
                               f"Python, but jitcell's int ** int stays an int; use a float, e.g. "
                               f"float(x) ** n")
        elif kind == "recursion":
            error = RecursionError("maximum recursion depth exceeded")
        elif kind == "no_memory":  # an allocation failed (runtime/source.py): CPython's PyErr_NoMemory()
            error = MemoryError()
        elif kind == "assert":
            message = self.site.get("message")
            error = AssertionError(*([message] if message is not None else values))
        elif kind == "unbound":
            error = _unbound_error(self.site["name"])
        elif kind == "key_error":
            error = KeyError(*values)
        elif kind == "dict_changed":
            error = RuntimeError("dictionary changed size during iteration")
        elif kind == "set_changed":
            error = RuntimeError("Set changed size during iteration")
        elif kind == "dict_keys_changed":
            error = RuntimeError("dictionary keys changed during iteration")
        elif kind == "zip_strict":
            error = _zip_strict_error(self.site["argument"], self.site["longer"])
        elif kind == "empty_sequence":
            error = _raised_by(lambda: {"min": min, "max": max}[self.site["op"]](()))
        elif kind == "list_error":  # IndexError("list index out of range"), ValueError("3 is not in list")
            cls = IndexError if self.site["error"] == "IndexError" else ValueError
            message = self.site["message"]
            if values and "{[0]!r}" in message:  # the value came as the one item of a list
                message = message.replace("{[0]!r}", repr(values[0][0]))
            if "{!r}" in message:
                message = message.replace("{!r}", repr(values[0]))
            elif values:  # "attempt to assign sequence of size {} to extended slice of size {}"
                message = message.format(*values)
            error = cls(message)
        elif kind.startswith("array_"):  # IndexError and the like, as NumPy words them (arrays.py)
            error = site_error(kind, self.site, values)
        else:
            error = SystemError(f"jitcell: unknown error site kind {kind!r}")
        error.add_note(self.note())
        return error

    def raised(self, values: list) -> BaseException:
        """`raise E(args)`, `raise E`, or again a handled exception (`raise`, `raise e`); `from`."""
        site, handled = self.site, self.pending.handled
        if site["cause"] == "handled":
            cause: BaseException | None = handled[values.pop()]
        if site["again"]:
            error = handled[values[0]]
        else:
            error = getattr(builtins, site["cls"])(*values)
            error.add_note(self.note())
        if site["cause"] == "handled":
            error.__cause__ = cause
        elif site["cause"] == "None":
            error.__cause__ = None  # also sets __suppress_context__, as `from None` does
        return error

    def caught(self, out: int) -> int:
        """The first clause whose classes the pending exception is an instance of, or -1; a caught
        exception moves onto the thread's handled stack, and its place there goes into *out."""
        try:
            return self.match(out)
        except BaseException as interrupt:  # a signal handler that ran here, after compiled code's check
            interrupt.__context__ = self.pending.error
            self.pending.error = interrupt
            return self.match(out)

    def match(self, out: int) -> int:
        error = self.pending.error
        if error is None:
            error = SystemError("jitcell: compiled code reported an error but none is pending")
        for clause, names in enumerate(self.site["classes"]):
            if isinstance(error, tuple(getattr(builtins, name) for name in names)):
                self.pending.error = None
                self.pending.handled.append(error)
                ctypes.c_int64.from_address(out).value = len(self.pending.handled) - 1
                return clause
        return -1

    def compute(self, values: list, out: int) -> None:
        """The result of a format or str_call site into *out: a str as a new object, an int or
        bool as a word, a float as a double."""
        if self.site["kind"] == "format":
            ctypes.c_void_p.from_address(out).value = runtime.new_str(self.format(values))
            return
        try:
            result = _STR_CALLS[self.site["op"]](*values)
        except Exception as error:  # CPython's own: int("x") -> ValueError
            error.add_note(self.note())
            raise
        if isinstance(result, str):
            ctypes.c_void_p.from_address(out).value = runtime.new_str(result)
        elif isinstance(result, complex):
            _Complex.from_address(out).real, _Complex.from_address(out).imag = result.real, result.imag
        elif isinstance(result, tuple):  # cmath.polar: two floats
            (ctypes.c_double * 2).from_address(out)[:] = list(result)
        elif isinstance(result, float):
            ctypes.c_double.from_address(out).value = result
        elif -2**63 <= result < 2**63:
            ctypes.c_int64.from_address(out).value = result
        else:  # int(s) beyond 64 bits
            shown = ", ".join(repr(v) for v in values)
            size = f" = {result}" if result.bit_length() <= 128 else f" has {result.bit_length()} bits and"
            raise OverflowError(f"{self.site['op']}({shown}){size} does not fit in a 64-bit int")

    def format(self, values: list) -> str:
        (value,) = values
        conversion = self.site.get("conversion")
        if conversion is not None:
            convert: dict[str, Callable[[object], str]] = {"r": repr, "s": str, "a": ascii}
            value = convert[conversion](value)
        return format(value, self.site.get("spec", ""))

    def print(self, values: list) -> None:
        remaining = iter(values)
        args = [item["text"] if "text" in item else next(remaining) for item in self.site["items"]]
        print(*args, sep=self.site["sep"], end=self.site["end"], flush=self.site["flush"])


def _raised_by(action: Callable[[], object]) -> BaseException:
    """The exception CPython's own code raises, so that the text is this Python version's."""
    try:
        action()
    except Exception as error:
        return error
    return SystemError("jitcell: an operation reported as failing succeeded in Python")


def _zip_strict_error(argument: int, longer: bool) -> BaseException:
    """zip(strict=True) finding argument `argument` longer (or shorter) than those before it."""
    before = [(0,)] * (argument - 1) if not longer else [()] * (argument - 1)
    return _raised_by(lambda: list(zip(*before, (0,) if longer else (), strict=True)))


def _python_op_error(op: str, values: list) -> BaseException:
    if op.startswith("math."):
        function, template = getattr(math, op[5:]), op + "(" + ", ".join(["{}"] * len(values)) + ")"
    else:
        function, template = _OPERATIONS[op]
    shown = [repr(v) for v in values]
    if op == "pow" and str(values[0]).startswith("-"):
        shown[0] = f"({shown[0]})"  # -2 ** 64 would read as -(2 ** 64)
    text = template.format(*shown)
    if _surely_huge(op, values):
        return OverflowError(f"{text} does not fit in a 64-bit int{_WRAP_HINT}")
    try:
        result = function(*values)
    except Exception as error:  # the exception CPython raises for this operation
        return error
    if isinstance(result, int):
        size = f" = {result}" if result.bit_length() <= 128 else f" has {result.bit_length()} bits and"
        return OverflowError(f"{text}{size} does not fit in a 64-bit int{_WRAP_HINT}")
    if isinstance(result, complex):
        return ValueError(f"{text} is a complex number in Python ({result}); jitcell has no complex type")
    return SystemError(f"jitcell: {text} was reported as failing, but Python gives {result!r}")


_WRAP_HINT = " (%%jit --wraparound makes int arithmetic wrap around instead)"


def _surely_huge(op: str, values: list) -> bool:
    """2 ** 2**62 or 1 << 2**62: far beyond 64 bits, and too big for Python to compute."""
    if op == "pow" and all(type(v) is int for v in values):
        base, exponent = values
        return abs(base) > 1 and exponent > 64
    if op == "lshift":
        value, shift = values
        return value != 0 and shift > 64
    return False


def _unbound_error(name: str) -> BaseException:
    if not name.isidentifier():
        return UnboundLocalError(name)
    namespace: dict = {}
    exec(f"def probe():\n    {name}\n    {name} = 0", namespace)  # Python's own wording
    try:
        namespace["probe"]()
    except UnboundLocalError as error:
        return error
    return UnboundLocalError(name)


# ---- the site tables a library brings, checked before it is loaded (loader/manifest.py) ----------

_SITE_FIELDS = {  # kind -> the fields beyond kind, line, col, function
    "python_op": {"op", "operands"}, "negative_power": {"op", "operands"}, "recursion": {"op", "operands"},
    "assert": {"message", "operands"}, "unbound": {"name"}, "key_error": {"operands"},
    "dict_changed": {"operands"}, "dict_keys_changed": {"operands"}, "set_changed": {"operands"},
    "array_index": {"ndim", "operands"},
    "array_new": {"ndim", "dtype", "operands"}, "array_unaligned": {"params", "operands"},
    "array_slice_step": {"operands"}, "array_broadcast": {"operands"}, "array_numpy": {"op", "operands"},
    "array_store": {"dtype", "operands"}, "array_read": {"dtype", "operands"},
    "array_operands": {"operands"}, "array_output": {"operands"}, "array_mask": {"operands"},
    "array_mask_count": {"operands"}, "array_power": {"operands"},
    "format": {"conversion", "spec", "operands"}, "print": {"items", "sep", "end", "flush"}, "interrupt": set(),
    "no_memory": {"operands"}, "str_call": {"op", "operands"},
    "zip_strict": {"argument", "longer", "operands"}, "empty_sequence": {"op", "operands"},
    "raise": {"cls", "again", "cause", "operands"}, "except": {"classes", "operands"},
    "handled_end": {"operands"}, "exception_text": {"operands"}, "exception_args": {"part", "operands"},
    "list_error": {"error", "message", "operands"},
}

_ARGS_PARTS = {"len": 1, "args": 1, "item": 2, "item_repr": 2, "str_item": 2}  # e.args parts -> their operands' count

_EXCEPTION_CLASSES = frozenset(name for name, value in vars(builtins).items()
                               if isinstance(value, type) and issubclass(value, BaseException))


def _ctype(t: str):
    """How an operand of type t travels: a list, dict or set as its object's address, a tuple key as
    LLVM's struct of its items."""
    if lists.is_sequence(t) or _key_set(t) or t.startswith("dict["):
        return ctypes.c_void_p
    if is_tuple_key(t):
        return _tuple_struct(t)
    return _CTYPES[t]


def _is_key(t: str) -> bool:
    """A set element or dict key type (check/keys.py): int, str, a tuple of scalars."""
    if is_tuple_key(t) and t.endswith("]") and not t.endswith(", ...]"):
        return all(_is_key(i) or i in ("float", "bool", "complex") for i in split_type(t[len("tuple["):-1]))
    return t in ("int", "str")


def _key_set(t: str) -> bool:
    return t.startswith("set[") and t.endswith("]") and _is_key(t[len("set["):-1])


def _tuple_struct(t: str) -> type[ctypes.Structure]:
    items = split_type(t[len("tuple["):-1])
    return type("Key", (ctypes.Structure,), {"_fields_": [(f"v{i}", _ctype(item)) for i, item in enumerate(items)]})


def _tuple_value(value, t: str):
    """A tuple operand's Python value, from its struct."""
    items = split_type(t[len("tuple["):-1])
    return tuple(_operand_value(getattr(value, f"v{i}"), item) for i, item in enumerate(items))


def _operand_value(v, t: str):
    if t == "str":
        return runtime.read_str(v)
    if t == "complex":
        return complex(v.real, v.imag)
    if t.startswith("set["):
        return read_set(v, t)
    if lists.is_sequence(t) or t.startswith("dict["):
        return lists.read(v, t)
    if is_tuple_key(t):
        return _tuple_value(v, t)
    return v


def _passed(t: object) -> bool:
    """A type whose values generated code passes to a callback: scalars, str, lists of any type."""
    if not isinstance(t, str):
        return False
    if lists.is_sequence(t) or t.startswith("dict[") and t.endswith("]"):
        try:
            lists.parse(t)
        except (TypeError, IndexError, RecursionError):
            return False
        return t.count("[") == t.count("]")
    return t in _CTYPES or _key_set(t) or _is_key(t)


def _argument_name(text: str) -> bool:
    """A parameter's name, or an item of a tuple parameter: "p", "p[0][1]"."""
    head = text.split("[", 1)[0]
    return head.isidentifier() and re.fullmatch(r"(\[\d+\])*", text[len(head):]) is not None


def site_problem(site: object) -> str | None:
    """None if `site` is an error or print site as generated code records it; else what is wrong.
    Everything `_Site` reads is checked, so a site from a damaged or foreign manifest cannot make
    a callback raise the wrong exception, print the wrong text, or run code."""
    if not isinstance(site, dict) or site.get("kind") not in _SITE_FIELDS:
        return "not an error site jitcell knows"
    kind = site["kind"]
    fields = {"kind", "line", "col", "function"} | _SITE_FIELDS[kind]
    if set(site) != fields:
        return f"a {kind} site has the fields {sorted(fields)}"
    if any(type(site[f]) is not int or not 0 <= site[f] < 1 << 31 for f in ("line", "col")):
        return "its line and column are not numbers"
    if not isinstance(site["function"], str) or not all(p.isidentifier() for p in site["function"].split(".", 1)):
        return "its function is not a name"
    operands = site.get("operands", [])
    if not isinstance(operands, list) or any(not _passed(t) for t in operands):
        return "its operands are not types jitcell passes"
    if kind == "python_op" and not _known_operation(site["op"]):
        return f"{site['op']!r} is not an operation jitcell checks"
    if kind == "str_call" and site["op"] not in _STR_CALLS:
        return f"{site['op']!r} is not a str operation Python computes for jitcell"
    if kind == "zip_strict" and not (type(site["argument"]) is int and 2 <= site["argument"] < 1 << 16
                                     and type(site["longer"]) is bool):
        return "its argument is not a position of zip()"
    if kind == "raise" and not (type(site["again"]) is bool and site["cause"] in (None, "None", "handled") and (
            site["cls"] is None if site["again"] else site["cls"] in _EXCEPTION_CLASSES)):
        return "it does not raise a builtin exception class"
    if kind == "raise" and (site["again"] and operands[:1] != ["int"] or
                            site["cause"] == "handled" and operands[-1:] != ["int"]):
        return "its handled exception is not an int"
    if kind == "except" and not (isinstance(site["classes"], list) and site["classes"] and all(
            isinstance(c, list) and c and all(n in _EXCEPTION_CLASSES for n in c) for c in site["classes"])):
        return "its clauses do not name builtin exception classes"
    if kind in ("handled_end", "exception_text") and operands != ["int"]:
        return "its operand is not a handled exception"
    if kind == "exception_args" and not (
            site["part"] in _ARGS_PARTS and operands == ["int"] * _ARGS_PARTS[site["part"]]):
        return "it does not read the args of a handled exception"
    if kind == "empty_sequence" and site["op"] not in ("min", "max"):
        return "its operation is not min or max"
    if kind in ("negative_power", "recursion") and site["op"] != kind:
        return "its operation is not its kind"
    if kind == "assert" and site["message"] is not None and not isinstance(site["message"], str):
        return "its message is not text"
    if kind == "unbound" and not (isinstance(site["name"], str) and site["name"].isidentifier()):
        return "its name is not a name"
    if kind in ("array_index", "array_new") and not (type(site["ndim"]) is int and 1 <= site["ndim"] <= MAX_NDIM):
        return f"its array does not have 1 to {MAX_NDIM} dimensions"
    if kind in ("array_new", "array_store", "array_read") and site["dtype"] not in DTYPES:
        return "its dtype is not one jitcell makes"
    if kind in ("array_store", "array_read") and operands != ["int"]:
        return "its operand is not an int"
    if kind == "array_numpy" and site["op"] not in NUMPY_ERROR_OPS:
        return "its operation is not a NumPy function jitcell checks"
    if kind == "array_unaligned" and not (isinstance(site["params"], list) and
                                          all(isinstance(p, str) and _argument_name(p) for p in site["params"])):
        return "its parameters are not names"
    if kind == "format" and (site["conversion"] not in (None, "r", "s", "a") or not isinstance(site["spec"], str)):
        return "its conversion or format spec is not one Python has"
    if kind == "list_error" and (site["error"] not in ("IndexError", "ValueError") or
                                 not isinstance(site["message"], str)):
        return "its exception is not one a list raises"
    if kind == "print":
        items = site["items"]
        if not isinstance(items, list) or not all(
                isinstance(i, dict) and (set(i) == {"text"} and isinstance(i["text"], str) or
                                         set(i) == {"type"} and _passed(i["type"])) for i in items):
            return "its items are not text and typed values"
        if not isinstance(site["sep"], str) or not isinstance(site["end"], str) or type(site["flush"]) is not bool:
            return "its sep, end or flush is not what print() takes"
    return None


def _known_operation(op: object) -> bool:
    if not isinstance(op, str):
        return False
    if op.startswith("math."):
        return op[5:].isidentifier() and callable(getattr(math, op[5:], None))
    return op in _OPERATIONS
