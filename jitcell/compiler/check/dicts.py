"""Typing rules for dicts: literals, d[k], d.get, d.setdefault, d.pop, `in`, ==, len, and the item
statements.

    counts: dict[str, int] = {}      ->  DictNew((), (), dict[str, int])
    counts[w] = counts.get(w, 0) + 1 ->  DictSet(counts, w, Binary("+", DictGet(counts, w, 0), 1))
    counts[w] += 1                   ->  DictUpdate(counts, w, Binary("+", Hole(int), 1))

Keys are int, str or tuples of hashable scalars (keys.py; `d[a, b]` is `d[(a, b)]`), values
anything but what `value_problem` names (a float value also takes an int, as a float variable does).
An empty `{}` takes its type from where it goes: an annotated variable, a parameter, a return
value.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import (
    BOOL,
    COMPLEX,
    ERROR,
    FLOAT,
    INT,
    STR,
    Array,
    Dict,
    Instance,
    List,
    Set,
    Tuple,
    Type,
)
from jitcell.errors import Loc

from .host import CheckerHost
from .keys import KEY_NAMES, is_key_type
from .lists import comparable

__all__ = ["DictChecks", "EMPTY_DICT", "value_problem", "NOT_DICT_VALUES"]

EMPTY_DICT = Type("dict (empty, type unknown)")
NOT_DICT_VALUES = "a value that may be None (T | None), a function, a range or a generator"


def value_problem(t: Type) -> str | None:
    """Why a dict cannot hold values of type t (at any depth), or None. A value is a word of the
    runtime's table (lower/dicts.py): a scalar, an object, or a tuple or complex in a box."""
    if t in (INT, FLOAT, BOOL, STR, COMPLEX) or isinstance(t, (Array, Instance)):
        return None
    if isinstance(t, Tuple):
        return next((p for p in map(value_problem, t.items) if p), None)
    if isinstance(t, (List, Set)):  # a set's elements are keys (check/keys.py)
        return value_problem(t.element)
    if isinstance(t, Dict):
        return value_problem(t.value)
    return f"a dict value cannot be {t} in jitcell"  # T | None, a function, a range, a generator


def dict_key_syntax(indices: tuple[S.Expr, ...], loc: Loc) -> S.Expr:
    """`d[a, b]` indexes with the tuple (a, b), as in Python."""
    return indices[0] if len(indices) == 1 else S.Tuple(indices, loc)


class DictChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def dict_literal(self, node: S.DictLiteral) -> T.Expr:
        expected = self.take_expected_type()  # before the items, which are displays of their own
        keys = [self.expr(k) for k in node.keys]
        values = [self.expr(v) for v in node.values]
        if not keys:
            return T.DictNew((), (), EMPTY_DICT, node.loc)
        if any(e.type is ERROR for e in keys + values):
            return T.Literal(0, ERROR, node.loc)
        if isinstance(expected, Dict) and all(self.can_coerce(k.type, expected.key) for k in keys) and \
                all(self.can_coerce(v.type, expected.value) for v in values):
            # `d: dict[int, set[int]] = {0: set(), 1: {3}}`: the values take the declared type
            return T.DictNew(tuple(self.coerce(k, expected.key, f"a key of {expected}") for k in keys),
                             tuple(self.coerce(v, expected.value, "a dict value") for v in values), expected, node.loc)
        key_type = self.same_type(keys, "a dict literal's keys", node.loc)
        value_types = {v.type for v in values}
        if value_types == {INT, FLOAT}:
            value_type = FLOAT
        elif any(t.name.startswith("list") for t in value_types):  # [] among lists of a known type
            value_type = self.element_type(values, node.loc)
        else:
            value_type = self.same_type(values, "a dict literal's values", node.loc)
        t = self.dict_type(key_type, value_type, node.loc)
        if not isinstance(t, Dict):  # ERROR, reported
            return T.Literal(0, ERROR, node.loc)
        values = [self.coerce(v, t.value, "a dict value") for v in values]
        return T.DictNew(tuple(keys), tuple(values), t, node.loc)

    def dict_type(self, key: Type, value: Type, loc: Loc) -> Type:
        if ERROR in (key, value):
            return ERROR
        if not is_key_type(key):
            self.error(f"dict keys must be {KEY_NAMES}, not {key}", loc)
            return ERROR
        if value_problem(value) is not None:
            self.error(f"dict values may be anything but {NOT_DICT_VALUES}, not {value}", loc)
            return ERROR
        return Dict(key, value)

    def dict_key_of(self, d: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr | None:
        """The key of `d[k]` (`d[a, b]` is `d[(a, b)]`), or None after an error."""
        assert isinstance(d.type, Dict)
        if len(indices) != 1 and not isinstance(d.type.key, Tuple):
            self.error("a dict takes one key", loc)
            return None
        return self.dict_key(d, self.expr(dict_key_syntax(indices, loc)))

    def dict_key(self, d: T.Expr, key: T.Expr) -> T.Expr:
        assert isinstance(d.type, Dict)  # here and below: the caller has found that d is a dict
        return self.coerce(key, d.type.key, f"a key of {d.type}")

    def dict_subscript(self, d: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        assert isinstance(d.type, Dict)
        key = self.dict_key_of(d, indices, loc)
        if key is None:
            return T.Literal(0, ERROR, loc)
        return T.DictGet(d, key, None, d.type.value, loc)

    def dict_method(self, d: T.Expr, name: str, node: S.Call) -> T.Expr:
        assert isinstance(d.type, Dict)
        if name == "get":
            if node.keywords or len(node.args) != 2:
                return self.error("d.get() takes a key and a default in jitcell: d.get(key, default)", node.loc)
            key = self.dict_key(d, self.expr(node.args[0]))
            default = self.coerce(self.expr(node.args[1]), d.type.value, "the default of d.get()")
            return T.DictGet(d, key, default, d.type.value, node.loc)
        if name == "setdefault":
            if node.keywords or len(node.args) != 2:
                return self.error("d.setdefault() takes a key and a default in jitcell: d.setdefault(key, "
                                  "default)", node.loc)
            key = self.dict_key(d, self.expr(node.args[0]))
            default = self.coerce(self.expr(node.args[1]), d.type.value, "the default of d.setdefault()")
            return T.DictGet(d, key, default, d.type.value, node.loc, "setdefault")
        if name == "pop":
            if node.keywords or not 1 <= len(node.args) <= 2:
                return self.error(f"pop expected at least 1 argument, got {len(node.args)}" if not node.args else
                                  f"pop expected at most 2 arguments, got {len(node.args)}" if not node.keywords
                                  else "d.pop() takes no keyword arguments", node.loc)
            key = self.dict_key(d, self.expr(node.args[0]))
            fallback = self.coerce(self.expr(node.args[1]), d.type.value, "the default of d.pop()") \
                if len(node.args) == 2 else None
            return T.DictGet(d, key, fallback, d.type.value, node.loc, "pop")
        if name in ("keys", "values", "items"):
            return self.error(f"d.{name}() is only supported as the iterable of a for loop", node.loc)
        return self.error(f"dict has no method {name!r} in jitcell", node.loc)

    def dict_contains(self, key: T.Expr, d: T.Expr, negate: bool, loc: Loc) -> T.Expr:
        return T.DictContains(self.dict_key(d, key), d, negate, BOOL, loc)

    def dict_compare(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        """d == e and d != e (chained too) between dicts of one type; dicts have no order."""
        t = next((e.type for e in operands if isinstance(e.type, Dict)), None)
        if t is None:
            return self.error("comparing two empty dicts of unknown type is not supported: annotate one", loc)
        if any(op not in ("==", "!=") for op in ops):
            op = next(op for op in ops if op not in ("==", "!="))
            if op in ("<", "<=", ">", ">="):
                return self.error(f"'{op}' not supported between instances of 'dict' and 'dict'", loc)
            return self.error(f"'{op}' with a dict is not supported", loc)
        typed = []
        for e in operands:
            if not self.can_coerce(e.type, t):
                return self.error(f"comparing {t} with {e.type} is not supported: compare dicts of one type", loc)
            typed.append(self.coerce(e, t, "a dict"))
        assert isinstance(t, Dict)
        if not comparable(t.value):
            return self.error(f"comparing values of type {t} is not supported: its values cannot be compared in "
                              "jitcell", loc)
        return T.Compare(tuple(typed), ops, BOOL, loc)

    def empty_dict_as(self, e: T.Expr, target: Type) -> T.Expr | None:
        """An empty `{}` going where a dict type is known."""
        if e.type is EMPTY_DICT and isinstance(target, Dict):
            return T.DictNew((), (), target, e.loc)
        return None
