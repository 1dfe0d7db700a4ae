"""A %%jit cell's constants: top-level assignments computed at compile time, as CPython computes them.

    PI = 3.14159                        PI: 3.14159
    SOLAR_MASS = 4 * PI * PI     ->     SOLAR_MASS: 39.47825...   (Python's own float arithmetic)
    DAYS = (31, 28, 31)                 DAYS: (31, 28, 31)

Each value is computed with Python's own operators, `math` functions and builtins, in order, so
it is bit for bit what CPython computes when it runs the cell; a function of the cell reads it as
a literal (`typed_constant`). The values a front end froze from the notebook (loader/frozen.py)
are known before the cell's own. What jitcell cannot hold (an int beyond 64 bits, None, a list)
and what CPython would raise (1 / 0) are compile errors at the constant.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.mathlib import MATH_CONSTANTS, MATH_FUNCTIONS
from jitcell.compiler.types import BOOL, ERROR, FLOAT, INT, STR, Optional, Tuple, Type
from jitcell.errors import Diagnostic, Loc

from .arrays import NUMPY_CONSTANTS

__all__ = ["Value", "evaluate", "typed_constant", "type_of", "CONSTANT_TYPES", "default_value", "fit_default",
           "typed_default", "NO_FIT"]

Value = int | float | bool | str | tuple
CONSTANT_TYPES = "an int, float, bool or str, or a tuple of them"
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_BITS = 4096  # intermediate ints stay small: 2**64 - 1 is computed, 10**10**10 is refused
_CHARS = 1 << 20  # and so do strs

_BINARY: dict[str, Callable] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
    "%": operator.mod, "**": operator.pow, "<<": operator.lshift, ">>": operator.rshift,
    "&": operator.and_, "|": operator.or_, "^": operator.xor,
}
_UNARY: dict[str, Callable] = {"-": operator.neg, "+": operator.pos, "~": operator.invert, "not": operator.not_}
_COMPARE: dict[str, Callable] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
    "!=": operator.ne, "in": lambda a, b: a in b, "not in": lambda a, b: a not in b,
}
_BUILTINS: dict[str, Callable] = {
    "abs": abs, "min": min, "max": max, "int": int, "float": float, "bool": bool, "str": str, "round": round,
    "len": len, "divmod": divmod, "sum": sum, "pow": pow,
}


class _Refused(Exception):
    """A constant jitcell cannot compute: the message and where."""

    def __init__(self, message: str, loc: Loc):
        super().__init__(message)
        self.message, self.loc = message, loc


def type_of(value: object) -> Type | None:
    """The jitcell type of a constant's value, or None if jitcell has none for it."""
    if type(value) is bool:
        return BOOL
    if type(value) is int:
        return INT if INT_MIN <= value <= INT_MAX else None
    if type(value) is float:
        return FLOAT
    if type(value) is str:
        return STR
    if type(value) is tuple and value:
        items = [type_of(v) for v in value]
        known = [t for t in items if t is not None]
        return Tuple(known) if len(known) == len(items) else None
    return None


def typed_constant(value: Value, loc: Loc) -> T.Expr:
    """The constant as the typed tree holds it: a literal, or a tuple of literals."""
    if isinstance(value, tuple):
        items = tuple(typed_constant(v, loc) for v in value)
        return T.MakeTuple(items, Tuple(i.type for i in items), loc)
    t = type_of(value)
    assert t is not None  # evaluate accepted it
    return T.Literal(value, t, loc)


NO_FIT = object()  # fit_default's answer for a value that a parameter's type cannot take


def default_value(node: S.Expr, values: Mapping[str, Value], imports: Mapping[str, str],
                  functions: Mapping[str, object], failed: set[str]) -> tuple[Value | None, str | None]:
    """A parameter's default, computed once as Python does when it runs the `def`: (value, None),
    or (None, why not) for what is not a constant (a message of "" was reported elsewhere)."""
    if isinstance(node, S.Const) and node.value is None:
        return None, None
    try:
        return _value(node, values, imports, functions, failed), None
    except _Refused as refused:
        return None, refused.message


def fit_default(value: object, t: Type) -> object:
    """`value` as a parameter of type `t` holds it (an int default of a float parameter is a
    float, as the annotation converts it), or NO_FIT."""
    if isinstance(t, Optional):
        return None if value is None else fit_default(value, t.inner)
    if t is INT and isinstance(value, int):
        return int(value) if INT_MIN <= value <= INT_MAX else NO_FIT
    if t is FLOAT and isinstance(value, (int, float)):
        return float(value)
    if (t is BOOL and type(value) is bool) or (t is STR and type(value) is str):
        return value
    if isinstance(t, Tuple) and isinstance(value, (tuple, list)) and len(value) == len(t.items):
        items = [fit_default(v, i) for v, i in zip(value, t.items, strict=True)]
        return NO_FIT if any(i is NO_FIT for i in items) else tuple(items)
    return NO_FIT


def typed_default(value: object, t: Type, loc: Loc) -> T.Expr:
    """A default (as fit_default made it; a manifest's JSON may hold a tuple as a list) where a
    call fills in a parameter of type `t`."""
    if isinstance(t, Optional):
        return T.NoneValue(t, loc) if value is None else T.Wrap(typed_default(value, t.inner, loc), t, loc)
    if isinstance(t, Tuple):
        assert isinstance(value, (tuple, list))
        return T.MakeTuple(tuple(typed_default(v, i, loc) for v, i in zip(value, t.items, strict=True)), t, loc)
    assert isinstance(value, (int, float, str))
    return T.Literal(value, t, loc)


def evaluate(constants: tuple[S.Constant, ...], known: Mapping[str, Value], imports: Mapping[str, str],
             functions: Mapping[str, object], annotation: Callable[[S.Expr, str, Loc], Type],
             errors: list[Diagnostic], failed: set[str]) -> dict[str, Value]:
    """The cell's constants in order, each computed from the constants before it (and `known`, the
    values frozen from the notebook); a constant that fails is reported in `errors` and named in `failed`."""
    values: dict[str, Value] = dict(known)
    tuples: dict[int, Value] = {}  # `A, B = value`: the value computed once, by id of its node
    for c in constants:
        if c.name in functions:
            errors.append(Diagnostic(f"'{c.name}' is both a constant and a function in this cell", c.loc))
            continue
        try:
            if c.index is None:
                value = _value(c.value, values, imports, functions, failed)
            else:
                if id(c.value) not in tuples:
                    tuples[id(c.value)] = _value(c.value, values, imports, functions, failed)
                value = _item(tuples[id(c.value)], c.index, c.loc)
            t = type_of(value)
            if t is None:
                raise _Refused(_unholdable(c.name, value), c.loc)
            if c.annotation is not None:
                declared = annotation(c.annotation, f"'{c.name}'", c.loc)
                if declared is FLOAT and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)  # as an annotated local: the annotation converts (a deviation)
                elif declared not in (t, ERROR):
                    raise _Refused(f"'{c.name}' is declared {declared} but its value is {t}", c.loc)
        except _Refused as refused:
            if refused.message:
                errors.append(Diagnostic(refused.message, refused.loc))
            values.pop(c.name, None)
            failed.add(c.name)  # its uses report nothing more
            continue
        failed.discard(c.name)
        values[c.name] = value
    return values


def _item(value: Value, index: int, loc: Loc) -> Value:
    if not isinstance(value, tuple):
        raise _Refused(f"cannot unpack non-iterable {type(value).__name__} object", loc)
    if len(value) <= index:
        raise _Refused(f"not enough values to unpack (expected {index + 1}, got {len(value)})", loc)
    return value[index]


def _unholdable(name: str, value: object) -> str:
    if type(value) is int:
        return f"the constant '{name}' does not fit in 64 bits"
    if value == ():
        return f"the constant '{name}' is an empty tuple, which jitcell cannot hold"
    return f"the constant '{name}' is {type(value).__name__}; a constant must be {CONSTANT_TYPES}"


def _value(node: S.Expr, values: Mapping[str, Value], imports: Mapping[str, str],
           functions: Mapping[str, object], failed: set[str]) -> Value:
    def value(n: S.Expr) -> Value:
        return _value(n, values, imports, functions, failed)

    loc = node.loc
    match node:
        case S.Const(value=v) if v is not None and v is not ... and not isinstance(v, complex):
            return v
        case S.Name(id=name):
            if name in values:
                return values[name]
            if name in failed:
                raise _Refused("", loc)  # reported at the constant it comes from
            target = imports.get(name, "")
            module, _, member = target.partition(".")
            constants = MATH_CONSTANTS if module == "math" else NUMPY_CONSTANTS
            if member in constants:
                return constants[member]
            if name in functions or target:
                raise _Refused(f"'{name}' is not a value a constant can hold", loc)
            raise _Refused(f"name '{name}' is not defined", loc)
        case S.Attribute(value=S.Name(id=base), attr=attr) if imports.get(base) in ("math", "numpy"):
            constants = MATH_CONSTANTS if imports[base] == "math" else NUMPY_CONSTANTS
            if attr not in constants:
                raise _Refused(f"{imports[base]}.{attr} is not a constant jitcell knows", loc)
            return constants[attr]
        case S.UnaryOp(op=op, operand=operand):
            return _apply(_UNARY[op], (value(operand),), loc)
        case S.BinOp(op=op, left=left, right=right):
            a, b = value(left), value(right)
            _guard_size(op, a, b, loc)
            return _apply(_BINARY[op], (a, b), loc)
        case S.BoolOp(op=op, values=operands):
            result = value(operands[0])
            for operand in operands[1:]:
                if (op == "and") != bool(result):
                    break
                result = value(operand)
            return result
        case S.Compare(left=left, ops=ops, comparators=comparators):
            a = value(left)
            for op, right in zip(ops, comparators, strict=True):
                b = value(right)
                if not _apply(_COMPARE[op], (a, b), loc):
                    return False
                a = b
            return True
        case S.IfExp(test=test, body=body, orelse=orelse):
            return value(body) if value(test) else value(orelse)
        case S.Tuple(elts=elts):
            return tuple(value(e) for e in elts)
        case S.Subscript(value=base, indices=(index,)) if not isinstance(index, (S.Slice, S.SliceAll)):
            return _apply(operator.getitem, (value(base), value(index)), loc)
        case S.Call(func=func, args=args, keywords=()):
            return _apply(_function(func, imports, functions, loc), tuple(value(a) for a in args), loc)
        case S.ListLiteral() | S.DictLiteral() | S.SetLiteral() | S.Comprehension():
            kind = {S.ListLiteral: "list", S.DictLiteral: "dict", S.SetLiteral: "set"}.get(type(node), "comprehension")
            raise _Refused(f"a top-level {kind} is not a constant: a %%jit cell's top-level names are constants "
                           "compiled into its code, and a list, dict or set that functions share and change would "
                           "be module state, which jitcell does not keep; make it in a function, or pass it in as "
                           "an argument", loc)
    raise _Refused("a constant is computed from numbers, strings, tuples, earlier constants, math functions and "
                   "builtins such as abs, min and max; this is not one of them", loc)


def _function(func: S.Expr, imports: Mapping[str, str], functions: Mapping[str, object], loc: Loc) -> Callable:
    """math.sqrt, sqrt (from math), abs, min ...: the Python function itself."""
    member = None
    if isinstance(func, S.Attribute) and isinstance(func.value, S.Name) and imports.get(func.value.id) == "math":
        member = func.attr
    elif isinstance(func, S.Name) and imports.get(func.id, "").startswith("math."):
        member = imports[func.id][5:]
    elif isinstance(func, S.Name) and func.id not in functions and func.id in _BUILTINS:
        return _BUILTINS[func.id]
    if member is not None and member in MATH_FUNCTIONS:
        return getattr(math, member)
    what = f"math.{member}" if member is not None else "a function of the cell" \
        if isinstance(func, S.Name) and func.id in functions else "this function"
    raise _Refused(f"a constant cannot call {what} (it is computed when the cell compiles; math functions and "
                   "the builtins abs, min, max, int, float, bool, str, round, len, divmod, sum and pow can be "
                   "called)", loc)


def _guard_size(op: str, a: object, b: object, loc: Loc) -> None:
    if isinstance(a, int) and isinstance(b, int):
        big = (op == "**" and b > 0 and abs(a) > 1 and b * a.bit_length() > _BITS) or \
              (op == "<<" and b > _BITS)
        if big:
            raise _Refused("this constant is far beyond 64 bits", loc)
    if op == "*" and isinstance(a, (str, tuple)) != isinstance(b, (str, tuple)):
        seq, n = (a, b) if isinstance(a, (str, tuple)) else (b, a)
        if isinstance(n, int) and len(seq) * n > _CHARS:  # type: ignore[arg-type]
            raise _Refused("this constant is too long to compile", loc)


def _apply(function: Callable, args: tuple, loc: Loc) -> Value:
    """What CPython computes, or its exception as a compile error at the constant."""
    try:
        return function(*args)
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as error:
        raise _Refused(f"computing this constant raised {type(error).__name__}: {error}", loc) from None
