"""Typing rules for dicts: literals, d[k], d.get, `in`, len, and the item statements.

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
    Generator,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
)
from jitcell.errors import Loc

from .host import CheckerHost
from .keys import KEY_NAMES, is_key_type

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
    if isinstance(t, Optional):
        return f"a dict value cannot be {t} in jitcell"
    if isinstance(t, Generator):
        return f"a dict value cannot be a generator ({t})"
    return f"a dict value cannot be {t} in jitcell"


def dict_key_syntax(indices: tuple[S.Expr, ...], loc: Loc) -> S.Expr:
    """`d[a, b]` indexes with the tuple (a, b), as in Python."""
    return indices[0] if len(indices) == 1 else S.Tuple(indices, loc)


class DictChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def dict_literal(self, node: S.DictLiteral) -> T.Expr:
        keys = [self.expr(k) for k in node.keys]
        values = [self.expr(v) for v in node.values]
        if not keys:
            return T.DictNew((), (), EMPTY_DICT, node.loc)
        if any(e.type is ERROR for e in keys + values):
            return T.Literal(0, ERROR, node.loc)
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
        if name in ("keys", "values", "items"):
            return self.error(f"d.{name}() is only supported as the iterable of a for loop", node.loc)
        return self.error(f"dict has no method {name!r} in jitcell", node.loc)

    def dict_contains(self, key: T.Expr, d: T.Expr, negate: bool, loc: Loc) -> T.Expr:
        return T.DictContains(self.dict_key(d, key), d, negate, BOOL, loc)

    def empty_dict_as(self, e: T.Expr, target: Type) -> T.Expr | None:
        """An empty `{}` going where a dict type is known."""
        if e.type is EMPTY_DICT and isinstance(target, Dict):
            return T.DictNew((), (), target, e.loc)
        return None
