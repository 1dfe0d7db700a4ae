"""Typing rules for variable-length tuples, `tuple[T, ...]`: a list underneath, kept immutable.

    pool = tuple(xs)               ->  ListOp("copy", (xs,), tuple[int, ...])
    v = tuple(p[i] for i in idx)   ->  Comprehension(..., list[int]) retyped tuple[int, ...]
    v == (0, 1)                    ->  Compare((v, ListNew((0, 1), tuple[int, ...])), ("==",))
    v[0] = 1                       ->  CompileError: 'tuple' object does not support item assignment

`VarTuple` (types.py) is a subclass of `List` with the same layout, so everything that reads a
list (indexing, slicing, len, `in`, iteration, comparison, `+`, `*`, count, index, print) applies
unchanged, and a new value of a list operation is retyped rather than copied. What would change
a list is refused here, with the text of the TypeError or AttributeError Python would raise. A
tuple whose length the checker knows (a literal, `divmod`...) keeps the fixed representation
(`Tuple`); a literal goes where a `tuple[T, ...]` is expected as a new one.
"""

from __future__ import annotations

from dataclasses import replace

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import ERROR, List, Tuple, Type, VarTuple
from jitcell.errors import Loc

from .host import CheckerHost
from .lists import EMPTY_LIST, element_problem

__all__ = ["VarTupleChecks", "vartuple_annotation", "is_vartuple_annotation", "immutable_message", "fixed_fits"]

# list operations that make a new list: their result can be retyped as a tuple without a copy
_FRESH = frozenset({"range", "copy", "slice", "concat", "repeat", "sorted", "dict_keys", "dict_values", "dict_items"})
# what a tuple has of the list methods
TUPLE_METHODS = ("count", "index")
MUTATING = "'tuple' object does not support item assignment"


def is_vartuple_annotation(node: S.Expr) -> bool:
    """`tuple[T, ...]` (parse keeps the `...` of an annotation as a constant)."""
    return isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.value.id == "tuple" \
        and len(node.indices) == 2 and isinstance(node.indices[1], S.Const) and node.indices[1].value is ...


def vartuple_annotation(element: Type) -> Type | str:
    """The type `tuple[element, ...]`, or why it cannot be one."""
    problem = element_problem(element)
    if problem is not None:
        return problem.replace("a list cannot", "a tuple[T, ...] cannot")
    return VarTuple(element)


def immutable_message(deleting: bool) -> str:
    return "'tuple' object doesn't support item deletion" if deleting else MUTATING


class VarTupleChecks(CheckerHost):
    """Mixed into ExpressionChecker."""

    def tuple_builtin(self, node: S.Call) -> T.Expr:
        """tuple(), tuple(x) for x a tuple, a list, range(...), or anything a `for` loop walks."""
        loc = node.loc
        if node.keywords:
            return self.error("tuple() takes no keyword arguments", node.keywords[0].loc)
        if len(node.args) > 1:
            return self.error(f"tuple expected at most 1 argument, got {len(node.args)}", loc)
        if not node.args:
            return T.MakeTuple((), Tuple(()), loc)
        arg = node.args[0]
        view = isinstance(arg, S.Call) and isinstance(arg.func, S.Attribute) and not arg.args \
            and not arg.keywords and arg.func.attr in ("keys", "values", "items")
        if isinstance(arg, S.Call) and isinstance(arg.func, S.Name) and arg.func.id == "range" \
                and "range" not in self.locals:
            value = self.list_range(arg)  # as list(range(...)), then retyped
        elif view or self.walked_only(arg):  # a dict's view, a generator, enumerate(...): as list() has them
            value = self.list_of(arg, loc)
        else:
            value = self.expr(arg)
            if value.type not in (ERROR, EMPTY_LIST) and not isinstance(value.type, (List, Tuple)):
                value = self.list_from(self.value_iterable(value, arg.loc), loc)  # a str, a set, a dict...
        if value.type is ERROR:
            return value
        if value.type is EMPTY_LIST:
            return T.MakeTuple((), Tuple(()), loc)
        if isinstance(value.type, (VarTuple, Tuple)):
            return value  # tuple(t) is t, as in Python
        if not isinstance(value.type, List):
            return self.error(f"tuple() of a {value.type} is not supported", loc)
        return self.as_vartuple(value)

    def as_vartuple(self, value: T.Expr) -> T.Expr:
        """A list value as a tuple of its items: a new list is retyped, any other copied."""
        assert isinstance(value.type, List)
        t = VarTuple(value.type.element)
        if isinstance(value, (T.ListNew, T.Comprehension, T.ListFrom)) \
                or isinstance(value, T.ListOp) and value.op in _FRESH:
            return replace(value, type=t)
        return T.ListOp("copy", (value,), t, value.loc)

    def fixed_as_vartuple(self, e: T.Expr, target: Type) -> T.Expr | None:
        """A tuple `(a, b)` where a tuple[T, ...] goes: a new one of its items (converted, for a literal;
        of type T exactly, for another fixed tuple)."""
        if not isinstance(target, VarTuple) or not isinstance(e.type, Tuple):
            return None
        if not isinstance(e, T.MakeTuple):
            if any(i != target.element for i in e.type.items):
                return None
            return T.ListOp("from_tuple", (e,), target, e.loc)
        if not all(self.can_coerce(i.type, target.element) for i in e.items):
            return None
        return T.ListNew(tuple(self.coerce(i, target.element, "an item of a tuple") for i in e.items), target, e.loc)

    def vartuple_branches(self, values: list[T.Expr]) -> list[T.Expr]:
        """`t if c else (0, 1)`: a fixed tuple beside a tuple[T, ...] becomes one."""
        varying = [v.type for v in values if isinstance(v.type, VarTuple)]
        if not varying:
            return values
        return [self.fixed_as_vartuple(v, varying[0]) or v for v in values]

    def tuple_method_error(self, name: str, loc: Loc) -> T.Expr | None:
        """A method of list a tuple lacks: Python's AttributeError, as a CompileError."""
        if name in TUPLE_METHODS:
            return None
        return self.error(f"'tuple' object has no attribute '{name}'", loc)


def fixed_fits(source: Type, target: Type, can_coerce) -> bool:
    """Can a tuple literal of type `source` go where `target`, a tuple[T, ...], is expected?"""
    return isinstance(target, VarTuple) and isinstance(source, Tuple) \
        and all(can_coerce(i, target.element) for i in source.items)
