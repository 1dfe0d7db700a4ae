"""Typing rules for sets: literals, set(), methods, operators, comparisons and `in`.

    seen: set[int] = set()   ->  SetNew((), set[int])
    seen.add(x)              ->  SetOp("add", (seen, x), None)
    a | b                    ->  SetOp("union", (a, b), set[int])
    a |= b                   ->  Assign(a, SetOp("|=", (a, b), set[int]))   (a mutated, then rebound to itself)
    a <= b                   ->  SetOp("<=", (a, b), bool)

Elements are int, str or tuples of hashable scalars (keys.py). Both operands of an operator,
and the argument of a method taking another set, are sets of the same element type (CPython
takes any iterable in the methods).
An empty `set()` takes its type from where it goes, as `{}` does for dicts.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, NONE, Set, Type
from jitcell.errors import Loc

from .dict_calls import set_of_iterable
from .host import CheckerHost
from .keys import KEY_NAMES, is_key_type

__all__ = ["SetChecks", "EMPTY_SET"]

EMPTY_SET = Type("set (empty, type unknown)")

_OPERATORS = {"|": "union", "&": "intersection", "-": "difference", "^": "symmetric_difference"}
_ELEMENT_METHODS = {"add": NONE, "discard": NONE, "remove": NONE}
_SET_METHODS = ("union", "intersection", "difference", "symmetric_difference", "update", "intersection_update",
                "difference_update", "symmetric_difference_update", "isdisjoint", "issubset", "issuperset")
_IN_PLACE = {"update": "|=", "intersection_update": "&=", "difference_update": "-=",
             "symmetric_difference_update": "^="}


class SetChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def set_literal(self, node: S.SetLiteral) -> T.Expr:
        items = [self.expr(e) for e in node.elts]
        if any(e.type is ERROR for e in items):
            return T.Literal(0, ERROR, node.loc)
        t = self.set_type(self.same_type(items, "a set literal", node.loc), node.loc)
        if not isinstance(t, Set):
            return T.Literal(0, ERROR, node.loc)
        return T.SetNew(tuple(items), t, node.loc)

    def set_type(self, element: Type, loc: Loc) -> Type:
        if element is ERROR:
            return ERROR
        if not is_key_type(element):
            self.error(f"set elements must be {KEY_NAMES} in jitcell, not {element}", loc)
            return ERROR
        return Set(element)

    def set_call(self, node: S.Call) -> T.Expr:
        """`set()` (its type from where it goes), `set(s)` of a set: a copy, or of another iterable."""
        if node.keywords or len(node.args) > 1:
            return self.error("set() takes at most one argument in jitcell", node.loc)
        if not node.args:
            return T.SetNew((), EMPTY_SET, node.loc)
        value = self.expr(node.args[0])
        if value.type is ERROR:
            return value
        if not isinstance(value.type, Set):
            return self.expr(set_of_iterable(node.args[0], node.loc))  # {x for x in xs}: dict_calls.py
        return T.SetOp("copy", (value,), value.type, node.loc)

    def other_set(self, s: T.Expr, other: T.Expr, what: str) -> T.Expr:
        """The other operand of a set operation: a set of s's type (an empty set() takes it)."""
        assert isinstance(s.type, Set)  # here and below: the caller has found that s is a set
        if other.type is ERROR:
            return other
        if isinstance(other.type, Set) or other.type is EMPTY_SET:
            return self.coerce(other, s.type, what)
        return self.error(f"{what} must be {s.type} in jitcell, not {other.type}", other.loc)

    def element(self, s: T.Expr, x: T.Expr) -> T.Expr:
        assert isinstance(s.type, Set)
        return self.coerce(x, s.type.element, f"an element of {s.type}")

    def set_method(self, s: T.Expr, name: str, node: S.Call) -> T.Expr:
        assert isinstance(s.type, Set)
        loc = node.loc
        if node.keywords:
            return self.error(f"set.{name}() takes no keyword arguments", node.keywords[0].loc)
        args = [self.expr(a) for a in node.args]
        if name in _ELEMENT_METHODS:
            if len(args) != 1:
                return self.error(f"set.{name}() takes exactly one argument ({len(args)} given)", loc)
            return T.SetOp(name, (s, self.element(s, args[0])), NONE, loc)
        if name in ("pop", "clear", "copy"):
            if args:
                return self.error(f"set.{name}() takes no arguments ({len(args)} given)", loc)
            return T.SetOp(name, (s,), {"pop": s.type.element, "clear": NONE, "copy": s.type}[name], loc)
        if name not in _SET_METHODS:
            return self.error(f"set has no method {name!r} in jitcell", loc)
        others = [self.other_set(s, a, f"the argument of set.{name}()") for a in args]
        if any(o.type is ERROR for o in others):
            return T.Literal(0, ERROR, loc)
        if name in ("isdisjoint", "issubset", "issuperset"):
            if len(others) != 1:
                return self.error(f"set.{name}() takes exactly one argument ({len(others)} given)", loc)
            op = {"isdisjoint": "isdisjoint", "issubset": "<=", "issuperset": ">="}[name]
            return T.SetOp(op, (s, others[0]), BOOL, loc)
        if name in _IN_PLACE:
            if len(others) != 1:
                return self.error(f"set.{name}() takes one set in jitcell", loc)
            return T.SetOp(name, (s, others[0]), NONE, loc)
        result: T.Expr = s if others else T.SetOp("copy", (s,), s.type, loc)
        for other in others:  # s.union(a, b) is (s | a) | b
            result = T.SetOp(name, (result, other), s.type, loc)
        return result

    def set_binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        sets = [isinstance(e.type, Set) or e.type is EMPTY_SET for e in (left, right)]
        if op not in _OPERATORS or not all(sets) or EMPTY_SET is left.type is right.type:
            return self.error(f"unsupported operand type(s) for {op}: '{left.type}' and '{right.type}'", loc)
        typed = left.type if isinstance(left.type, Set) else right.type
        left, right = (self.coerce(e, typed, f"an operand of {op}") for e in (left, right))
        return T.SetOp(_OPERATORS[op], (left, right), typed, loc)

    def set_in_place(self, op: str, current: T.Expr, value: T.Expr, loc: Loc) -> T.Expr:
        """`s op= t`: s changes in place, and the statement rebinds s to itself."""
        if op not in _OPERATORS:
            return self.error(f"unsupported operand type(s) for {op}=: '{current.type}' and '{value.type}'", loc)
        other = self.other_set(current, value, f"the right operand of {op}=")
        if other.type is ERROR:
            return other
        return T.SetOp(f"{op}=", (current, other), current.type, loc)

    def set_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        if len(ops) != 1:
            return self.error("chained comparisons of sets are not supported; compare two sets at a time", loc)
        (op,) = ops
        left, right = operands
        if op in ("in", "not in"):
            if not isinstance(right.type, Set):
                return self.error(f"'in' of a set in a {right.type} is not supported", loc)
            return T.SetOp("contains" if op == "in" else "not_contains", (right, self.element(right, left)), BOOL,
                           loc)
        if op in ("is", "is not"):
            return self.error("'is' of sets is not supported; compare them with ==", loc)
        if not isinstance(left.type, Set):
            left, right = right, left
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        right = self.other_set(left, right, f"the right operand of {op}")
        if right.type is ERROR:
            return right
        return T.SetOp(op, (left, right), BOOL, loc)

    def empty_set_as(self, e: T.Expr, target: Type) -> T.Expr | None:
        """An empty `set()` going where a set type is known."""
        if e.type is EMPTY_SET and isinstance(target, Set):
            return T.SetNew((), target, e.loc)
        return None
