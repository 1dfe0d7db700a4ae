"""Typing rules for iterables and the builtins that walk them.

    for i, (a, b) in enumerate(zip(x, y)):  ->  ForEach(pattern (i, (a, b)),
                                                    EnumerateIter(ZipIter((ArrayIter x, ArrayIter y)), 0))
    max(d.values(), default=0)               ->  Reduce("max", DictIter(d, "values"), default=0)

An iterable is not a value in jitcell: `range`, `reversed`, `enumerate`, `zip` and a dict's
views are written where they are walked (a `for` loop, `sum min max any all`, `len(range(...))`).
Arrays, dicts, sets and tuples whose items have one type are iterables wherever they are values.
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
    RANGE,
    STR,
    Array,
    Dict,
    Generator,
    List,
    Set,
    Tuple,
    Type,
    is_numeric,
)
from jitcell.errors import Loc

from .host import CheckerHost
from .lists import orderable

__all__ = ["IterationChecks", "ITERATORS", "ITERATOR_PLACES"]

ITERATORS = frozenset({"range", "reversed", "enumerate", "zip"})
ITERATOR_PLACES = "the iterable of a for loop or of sum(), min(), max(), any(), all()"


class IterationChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def builtin_visible(self, name: str) -> bool:
        """Is `name` the builtin (not shadowed by a local, a function of the cell or another cell's)?"""
        return name not in self.locals and name not in self.module.definitions and name not in self.module.callees

    def is_iterator_call(self, node: S.Expr) -> bool:
        return isinstance(node, S.Call) and isinstance(node.func, S.Name) and node.func.id in ITERATORS \
            and self.builtin_visible(node.func.id)

    def iterable(self, node: S.Expr) -> T.Iterable | None:
        """The iterable `node` writes, or None after reporting why it is not one."""
        loc = node.loc
        if self.is_iterator_call(node):
            assert isinstance(node, S.Call) and isinstance(node.func, S.Name)
            return self.iterator_call(node.func.id, node)
        if isinstance(node, S.Call) and isinstance(node.func, S.Attribute) and node.func.attr in (
                "keys", "values", "items") and not node.args and not node.keywords:
            base = self.expr(node.func.value)
            if base.type is ERROR:
                return None
            if not isinstance(base.type, Dict):
                self.error(f"'{base.type}' has no method {node.func.attr!r} in jitcell", loc)
                return None
            return self.dict_iter(base, node.func.attr, loc)
        if isinstance(node, S.Call) and isinstance(node.func, S.Name) and node.func.id in self.module.definitions \
                and node.func.id not in self.locals:
            value = self.call_cell(node.func.id, node)  # a generator is walked here: the one place it may be
            if isinstance(value.type, Generator):
                return T.GeneratorIter(value, value.type.item, loc)
        else:
            value = self.expr(node)
        return self.value_iterable(value, loc)

    def value_iterable(self, value: T.Expr, loc: Loc) -> T.Iterable | None:
        """The items of a value (a dict's keys), or None after reporting why it has none."""
        t = value.type
        if t is ERROR:
            return None
        if isinstance(t, Dict):
            return self.dict_iter(value, "keys", loc)
        if t is RANGE:
            return self.range_value_iter(value, loc)  # check/ranges.py
        if isinstance(t, Set):
            return T.SetIter(value, t.element, loc)
        if isinstance(t, Array):
            if t.ndim != 1:
                self.error("jitcell iterates over the rows of a 2-D array named by a local the loop does not "
                           "rebind (for row in m); here loop over range(len(a)) and index a[i]", loc)
                return None
            return T.ArrayIter(value, False, t.element, loc)
        if t is STR:
            return T.StrIter(value, STR, loc)
        if isinstance(t, List):
            return T.ListIter(value, t.element, loc)
        if isinstance(t, Tuple):
            if not t.items or len(set(t.items)) != 1:
                self.error(f"iterating over a {t} needs items of one type (a loop variable has one type); "
                           "unpack it instead: a, b = t", loc)
                return None
            return T.TupleIter(value, t.items[0], loc)
        self.error(f"'{t}' object is not iterable in jitcell, which iterates over range(...), str, lists, 1-D "
                   "arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                   "enumerate(), zip(), reversed() and calls of generator functions", loc)
        return None

    def dict_iter(self, d: T.Expr, mode: str, loc: Loc) -> T.DictIter:
        assert isinstance(d.type, Dict)
        item = {"keys": d.type.key, "values": d.type.value, "items": Tuple((d.type.key, d.type.value))}[mode]
        return T.DictIter(d, mode, item, loc)

    def iterator_call(self, name: str, node: S.Call) -> T.Iterable | None:
        loc = node.loc
        if name == "range":
            return self.range_iter(node)
        keywords = {k.name: k for k in node.keywords}
        allowed = {"enumerate": {"start"}, "zip": {"strict"}, "reversed": set()}[name]
        for k in node.keywords:
            if k.name not in allowed:
                self.error(f"{name}() got an unexpected keyword argument '{k.name}'", k.loc)
                return None
        if name == "reversed":
            if len(node.args) != 1:
                self.error(f"reversed expected 1 argument, got {len(node.args)}", loc)
                return None
            inner = self.iterable(node.args[0])
            if isinstance(inner, T.RangeIter):
                return T.RangeIter(inner.start, inner.stop, inner.step, not inner.reverse, INT, loc)
            if isinstance(inner, T.ArrayIter):
                return T.ArrayIter(inner.array, not inner.reverse, inner.type, loc)
            if isinstance(inner, T.ListIter):
                return T.ListIter(inner.list, inner.type, loc, not inner.reverse)
            if isinstance(inner, T.StrIter):
                return T.StrIter(inner.text, inner.type, loc, not inner.reverse)
            if isinstance(inner, T.TupleIter):
                return T.TupleIter(inner.value, inner.type, loc, not inner.reverse)
            if isinstance(inner, T.DictIter):  # a dict or a view: its items listed, walked backwards
                listed = self.iterable(S.Call(S.Name("list", loc), (node.args[0],), (), loc))
                if isinstance(listed, T.ListIter):
                    return T.ListIter(listed.list, listed.type, loc, not listed.reverse)
                return None
            if isinstance(inner, T.SetIter):
                self.error("'set' object is not reversible", node.args[0].loc)
                return None
            if inner is not None:
                self.error("reversed() takes a range, a list, a str, a tuple, an array, a dict or a dict view in "
                           "jitcell",
                           node.args[0].loc)
            return None
        if name == "enumerate":
            if not 1 <= len(node.args) + len(keywords) <= 2 or not node.args or (
                    len(node.args) == 2 and keywords):
                self.error("enumerate() takes an iterable and an optional start", loc)
                return None
            inner = self.iterable(node.args[0])
            start_node = node.args[1] if len(node.args) == 2 else keywords["start"].value if keywords else None
            start: T.Expr = T.Literal(0, INT, loc)
            if start_node is not None:
                start = self.expr(start_node)
                if start.type not in (INT, BOOL, ERROR):
                    self.error(f"'{start.type}' object cannot be interpreted as an integer", start.loc)
                    return None
                start = self.to_int(start)
            if inner is None or start.type is ERROR:
                return None
            return T.EnumerateIter(inner, start, Tuple((INT, inner.type)), loc)
        strict = False
        if "strict" in keywords:
            value = keywords["strict"].value
            if not (isinstance(value, S.Const) and isinstance(value.value, bool)):
                self.error("zip(strict=...) must be True or False in jitcell", value.loc)
                return None
            strict = value.value
        if not node.args:
            self.error("zip() of no iterables is empty; jitcell needs at least one", loc)
            return None
        inners = [self.iterable(a) for a in node.args]
        if any(i is None for i in inners):
            return None
        found = tuple(i for i in inners if i is not None)
        return T.ZipIter(found, strict, Tuple(i.type for i in found), loc)

    def range_iter(self, it: S.Call) -> T.RangeIter | None:
        if it.keywords:
            self.error("range() takes no keyword arguments", it.keywords[0].loc)
            return None
        if not 1 <= len(it.args) <= 3:
            self.error("range expected at least 1 argument, got 0" if not it.args else
                       f"range expected at most 3 arguments, got {len(it.args)}", it.loc)
            return None
        bounds = []
        for arg in it.args:
            e = self.expr(arg)
            if e.type is FLOAT:
                self.error("'float' object cannot be interpreted as an integer", e.loc)
                return None
            if e.type not in (ERROR, INT, BOOL):
                self.error(f"range() needs int arguments, not {e.type}", e.loc)
                return None
            bounds.append(self.to_int(e))
        if any(b.type is ERROR for b in bounds):
            return None
        if len(bounds) == 1:
            bounds.insert(0, T.Literal(0, INT, it.loc))
        if len(bounds) == 2:
            bounds.append(T.Literal(1, INT, it.loc))
        start, stop, step = bounds
        return T.RangeIter(start, stop, step, False, INT, it.loc)

    # ---- sum, min, max, any, all over an iterable; len of one ------------------------------

    def reduce(self, name: str, node: S.Call) -> T.Expr:
        loc = node.loc
        keywords = {k.name: k.value for k in node.keywords}
        allowed = {"sum": {"start"}, "min": {"key", "default"}, "max": {"key", "default"}}.get(name, set())
        for k in node.keywords:
            if k.name not in allowed:
                return self.error(f"{name}() got an unexpected keyword argument '{k.name}'", k.loc)
        if name in ("min", "max") and len(node.args) > 1:
            if "default" in keywords:
                return self.error(f"Cannot specify a default for {name}() with multiple positional arguments", loc)
            args = [self.expr(a) for a in node.args]
            if any(a.type is ERROR for a in args):
                return T.Literal(0, ERROR, loc)
            t = self.same_type(args, f"{name}()", loc)
            if t is ERROR:
                return T.Literal(0, ERROR, loc)
            iterable: T.Iterable | None = T.TupleIter(T.MakeTuple(tuple(args), Tuple([t] * len(args)), loc), t, loc)
        else:
            most = 2 if name == "sum" else 1
            if not 1 <= len(node.args) <= most:
                expected = "at least 1 argument" if name in ("min", "max") else "1 argument" if most == 1 \
                    else "at most 2 arguments"
                return self.error(f"{name}() expected {expected}, got {len(node.args)}", loc)
            iterable = self.iterable(node.args[0])
        if iterable is None:
            return T.Literal(0, ERROR, loc)
        item = iterable.type
        if name in ("any", "all"):
            test = self.truth(T.Hole(item, loc))
            if test.type is ERROR:
                return test
            return T.Reduce(name, iterable, None, test, None, BOOL, loc)
        if name == "sum":
            if len(node.args) == 2 and "start" in keywords:
                return self.error("sum() got multiple values for argument 'start'", loc)
            start_node = node.args[1] if len(node.args) == 2 else keywords.get("start")
            start = self.expr(start_node) if start_node is not None else T.Literal(0, INT, loc)
            if start.type is ERROR:
                return start
            if not _addable(item) or not _addable(start.type):
                bad = item if not _addable(item) else start.type
                return self.error(f"sum() adds numbers in jitcell, not {bad}", loc)
            result = COMPLEX if COMPLEX in (item, start.type) else FLOAT if FLOAT in (item, start.type) else INT
            start = self.to_complex(self.to_int(start)) if result is COMPLEX else \
                self.to_float(start) if result is FLOAT else self.to_int(start)
            return T.Reduce("sum", iterable, start, None, None, result, loc)
        key = None
        compared = item
        if "key" in keywords:
            key = self.key_call(keywords["key"], item, name)
            if key is None:
                return T.Literal(0, ERROR, loc)
            compared = key.type
        if not (is_numeric(compared) or compared is STR or isinstance(compared, (Tuple, List)) and orderable(compared)):
            return self.error(f"{name}() compares numbers, strs, and tuples and lists of them in jitcell, not "
                              f"{compared}", loc)
        default = None
        if "default" in keywords:
            default = self.expr(keywords["default"])
            if default.type is not ERROR and default.type != item:
                return self.error(f"the default of {name}() must have the items' type {item}, not "
                                  f"{default.type}: a jitcell value has one type", default.loc)
        return T.Reduce(name, iterable, None, key, default, item, loc)

    def key_call(self, node: S.Expr, item: Type, name: str) -> T.Expr | None:
        """`key=f`: f(item), a call of a function (of this cell or another) on a Hole for the item."""
        if not (isinstance(node, S.Name) and (node.id in self.module.definitions or node.id in self.module.callees)
                and node.id not in self.locals):
            self.error(f"{name}(key=...) takes the name of a function of this cell (or of an earlier one)",
                       node.loc)
            return None
        call = self.call_cell(node.id, S.Call(node, (S.Received(item, node.loc),), (), node.loc))
        return None if call.type is ERROR else call

    def iter_length(self, node: S.Call) -> T.Expr | None:
        """`len(range(...))` or `len(d.keys())`, else None (an ordinary len)."""
        arg = node.args[0]
        if self.is_iterator_call(arg):
            assert isinstance(arg, S.Call) and isinstance(arg.func, S.Name)
            if arg.func.id != "range":
                return self.error(f"object of type '{arg.func.id}' has no len()", node.loc)
        elif not (isinstance(arg, S.Call) and isinstance(arg.func, S.Attribute)
                  and arg.func.attr in ("keys", "values", "items")):
            return None
        iterable = self.iterable(arg)
        if iterable is None:
            return T.Literal(0, ERROR, node.loc)
        return T.IterLength(iterable, INT, node.loc)


def _addable(t: Type) -> bool:
    """What sum() adds: numbers, complex included."""
    return is_numeric(t) or t is COMPLEX
