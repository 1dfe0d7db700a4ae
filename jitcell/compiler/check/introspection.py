"""isinstance(), type(x) is T and callable(), folded: jitcell's types are static.

    def isqrt(num: int) -> int:
        if not isinstance(num, int) or num < 0:    ->  Unary("not", Literal(True)) or Compare(num < 0)
            raise ValueError("...")

The class a value has is its static type's Python class (int, float, bool, str, complex, list,
tuple, dict, set, numpy.ndarray), so Python's own `issubclass` decides: `isinstance(True, int)` is
True (bool is a subclass of int), and a value typed `int` is never a bool (the boundary makes a
bool passed as int an int). A value typed `T | None` is the one case decided at run time:
`isinstance(x, int)` is `x is not None`. An operand other than a name or a constant is still
evaluated, for its effects (`Intrinsic("evaluated.True", (e,))` drops it and gives the constant).
`type(x)` is folded where it is compared (`is`, `is not`, `==`, `!=` with a class) and where it
is shown as text (`str(type(x))`, an f-string field): "<class 'int'>". An `if` whose test folds
to a constant and calls one of these checks only its live branch (program.py), so a branch for
another type (`if isinstance(x, str): return x.upper()`) need not type-check.
"""

from __future__ import annotations

import builtins

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import (
    BOOL,
    COMPLEX,
    ERROR,
    FLOAT,
    INT,
    NONE,
    RANGE,
    STR,
    Array,
    Dict,
    Function,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    VarTuple,
)
from jitcell.errors import Loc

from .dicts import EMPTY_DICT
from .host import CheckerHost
from .lists import EMPTY_LIST
from .sets import EMPTY_SET

__all__ = ["IntrospectionChecks", "INTROSPECTION_BUILTINS", "mentions_type_test"]

INTROSPECTION_BUILTINS = frozenset({"isinstance", "callable", "type"})

_NDARRAY = "numpy.ndarray"  # stands for the class of arrays (not imported here)
_CLASS_ERROR = "isinstance() arg 2 must be a type, a tuple of types, or a union"


def _python_class(t: Type) -> type | str | None:
    """The class of a value of static type `t` (None: a type this module does not know)."""
    simple = {INT: int, FLOAT: float, BOOL: bool, STR: str, COMPLEX: complex, NONE: type(None),
              EMPTY_LIST: list, EMPTY_DICT: dict, EMPTY_SET: set, RANGE: range}
    if t in simple:
        return simple[t]
    if isinstance(t, (VarTuple, Tuple)):  # VarTuple before List: it is a List underneath
        return tuple
    if isinstance(t, List):
        return list
    if isinstance(t, Dict):
        return dict
    if isinstance(t, Set):
        return set
    if isinstance(t, Array):
        return _NDARRAY
    return None


def _is_instance(cls: type | str, classes: tuple[type | str, ...]) -> bool:
    return any(c is object or cls == c if isinstance(cls, str) or isinstance(c, str) else issubclass(cls, c)
               for c in classes)


def _pure(e: T.Expr) -> bool:
    """Has evaluating e no effect (no call, no check that a name is bound)?"""
    return isinstance(e, (T.Literal, T.NoneValue)) or isinstance(e, T.Local) and not e.may_be_unbound \
        or e.type in (EMPTY_LIST, EMPTY_DICT, EMPTY_SET)  # `[]`, `{}`, `set()`: no type yet


def mentions_type_test(node: S.Expr) -> bool:
    """Does this test call isinstance(), type() or callable()? (Then a constant test skips its dead branch.)"""
    match node:
        case S.Call(func=S.Name(id=name)) if name in INTROSPECTION_BUILTINS:
            return True
        case S.UnaryOp(operand=operand):
            return mentions_type_test(operand)
        case S.BoolOp(values=values):
            return any(mentions_type_test(v) for v in values)
        case S.Compare(left=left, comparators=comparators):
            return any(mentions_type_test(v) for v in (left, *comparators))
    return False


class IntrospectionChecks(CheckerHost):
    """Mixed into the expression checker."""

    def introspection_visible(self, name: str) -> bool:
        return name not in self.locals and name not in self.module.definitions and name not in self.module.callees

    def introspection_call(self, name: str, node: S.Call) -> T.Expr:
        """isinstance(x, C), callable(x), or type(x) where it is not compared or shown."""
        loc = node.loc
        if node.keywords:
            return self.error(f"{name}() takes no keyword arguments", node.keywords[0].loc)
        if name == "isinstance":
            if len(node.args) != 2:
                return self.error(f"isinstance expected 2 arguments, got {len(node.args)}", loc)
            return self.isinstance_of(node.args[0], node.args[1], loc)
        if len(node.args) != 1:
            what = "callable() takes exactly one argument" if name == "callable" else \
                "type() takes 1 argument in jitcell (a class is made with 'class')"
            return self.error(f"{what} ({len(node.args)} given)", loc)
        if name == "callable":
            return self.callable_of(node.args[0], loc)
        return self.error("type(x) is supported where it is compared with a class (type(x) is int, "
                          "type(x) == float) or shown as text (str(type(x)), an f-string field)", loc)

    def evaluated(self, e: T.Expr, value: bool, loc: Loc) -> T.Expr:
        """`value`, after evaluating e if it could have an effect (a call, a check that it is bound)."""
        if _pure(e):
            return T.Literal(value, BOOL, loc)
        return T.Intrinsic(f"evaluated.{value}", (e,), BOOL, loc)

    def class_of(self, node: S.Expr) -> tuple[type | str, ...] | None:
        """The classes a class operand names (a class, a tuple of them, a union `int | float`)."""
        match node:
            case S.Name(id=name) if self.introspection_visible(name):
                value = getattr(builtins, name, None)
                if isinstance(value, type):
                    return (value,)
                return None
            case S.Const(value=None):
                return (type(None),)  # in a union: int | None
            case S.Tuple() | S.BinOp(op="|"):
                parts = node.elts if isinstance(node, S.Tuple) else (node.left, node.right)
                classes: list[type | str] = []
                for part in parts:
                    inner = self.class_of(part)
                    if inner is None:
                        return None
                    classes.extend(inner)
                return tuple(classes)
            case S.Attribute(value=S.Name(id=base), attr="ndarray") \
                    if base not in self.locals and self.module.imports.get(base) == "numpy":
                return (_NDARRAY,)
            case S.Call(func=S.Name(id="type"), args=(S.Const(value=None),), keywords=()) \
                    if self.introspection_visible("type"):
                return (type(None),)
        return None

    def isinstance_of(self, value: S.Expr, classes_node: S.Expr, loc: Loc) -> T.Expr:
        e = self.expr(value)
        if (test := self.instance_test(e, classes_node, loc)) is not None:  # a class of the cell (inheritance.py)
            return test
        classes = self.class_of(classes_node)
        if classes is None:
            return self.error(f"{_CLASS_ERROR} (jitcell folds isinstance() with builtin classes such as int, "
                              "float, str, list, tuple, dict, set)", classes_node.loc)
        if e.type is ERROR:
            return T.Literal(False, ERROR, loc)
        if isinstance(e.type, Optional):  # decided at run time: is it None?
            inner = _python_class(e.type.inner)
            if inner is not None:
                when_value, when_none = _is_instance(inner, classes), _is_instance(type(None), classes)
                if when_value == when_none:
                    return self.evaluated(e, when_value, loc)
                return T.IsNone(e, when_value, BOOL, loc)  # negate: True when it is not None
        cls = _python_class(e.type)
        if cls is None:
            return self.error(f"isinstance() of a {e.type} value is not supported by jitcell", loc)
        return self.evaluated(e, _is_instance(cls, classes), loc)

    def callable_of(self, value: S.Expr, loc: Loc) -> T.Expr:
        if isinstance(value, S.Name) and value.id not in self.locals and (
                value.id in self.module.definitions or value.id in self.module.callees
                or hasattr(builtins, value.id) and callable(getattr(builtins, value.id))):
            return T.Literal(True, BOOL, loc)  # a function of the cell, or a builtin
        e = self.expr(value)
        if e.type is ERROR:
            return T.Literal(False, ERROR, loc)
        if isinstance(e.type, Function):
            return self.evaluated(e, True, loc)  # a function value: Callable[[A], R] (check/callables.py)
        if isinstance(e.type, Optional) and _python_class(e.type.inner) is not None \
                or _python_class(e.type) is not None:
            return self.evaluated(e, False, loc)  # no other value jitcell has is callable
        return self.error(f"callable() of a {e.type} value is not supported by jitcell", loc)

    def type_compare(self, left: S.Expr, ops: tuple[str, ...], comparators: tuple[S.Expr, ...],
                     loc: Loc) -> T.Expr | None:
        """`type(x) is C`, `type(x) == C` and their negations (either side), else None."""
        if len(ops) != 1 or ops[0] not in ("is", "is not", "==", "!="):
            return None
        (right,) = comparators
        for probe, other in ((left, right), (right, left)):
            if isinstance(probe, S.Call) and isinstance(probe.func, S.Name) and probe.func.id == "type" \
                    and self.introspection_visible("type") and len(probe.args) == 1 and not probe.keywords:
                e = self.expr(probe.args[0])
                if (exact := self.exact_class_test(e, other, ops[0] in ("is", "=="), loc)) is not None:
                    return exact  # type(s) is Circle (check/inheritance.py)
                classes = self.class_of(other)
                if classes is None or len(classes) != 1 or isinstance(other, (S.Tuple, S.BinOp)):
                    return self.error("type(x) is compared with a builtin class in jitcell (type(x) is int)",
                                      other.loc)
                if e.type is ERROR:
                    return T.Literal(False, ERROR, loc)
                cls = _python_class(e.type)
                if cls is None:
                    return self.error(f"type() of a {e.type} value is not supported by jitcell", probe.loc)
                same = cls == classes[0]
                return self.evaluated(e, same == (ops[0] in ("is", "==")), loc)
        return None

    def type_text(self, node: S.Expr) -> T.Expr | None:
        """`type(x)` shown as text (str(), print(), an f-string field): "<class 'int'>", else None."""
        if not (isinstance(node, S.Call) and isinstance(node.func, S.Name) and node.func.id == "type"
                and self.introspection_visible("type") and len(node.args) == 1 and not node.keywords):
            return None
        e = self.expr(node.args[0])
        if e.type is ERROR:
            return e
        cls = _python_class(e.type)
        if cls is None or isinstance(e.type, Optional):
            return self.error(f"type() of a {e.type} value is not supported by jitcell", node.loc)
        text = "<class 'numpy.ndarray'>" if cls == _NDARRAY else str(cls)
        if not _pure(e):
            return self.error("type() of an expression with effects is not supported here; assign it to a "
                              "name first", node.loc)
        return T.Literal(text, STR, node.loc)
