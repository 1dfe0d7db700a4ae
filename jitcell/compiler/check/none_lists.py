"""Lists of None whose items are assigned instances later: `list[C | None]`.

    points = [None] * n                 points: list[Point | None]  (its items read None until assigned)
    for i in range(n):
        points[i] = Point(i)            the store that gives the type (the probe pass finds it)
    for p in points:
        p.normalize()                   p: Point | None: None raises AttributeError (check/optional.py)

A display of None items (`[None]`, `[None] * n`, `n * [None]`, `[None for _ in ...]`) assigned to
a name is `NONE_LIST` in the probe pass, a type no other rule takes; the first item stored in
that name (`xs[i] = v`, `xs.append(v)`) that is an instance of a class C makes the name a
`list[C | None]`, which the final pass knows from the start and gives the display as the type
where it goes (`expected_type`), so its Nones are that type's. An annotation does the same
(`points: list[Point | None] = [None] * n`). Items of other types are refused as before: a list
of `int | None` is not a jitcell value.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import Instance, List, Optional, Type
from jitcell.errors import Loc

__all__ = ["NONE_LIST", "is_none_display", "none_items", "stored_type", "untyped_message"]

NONE_LIST = Type("list of None (the type of its items not known)")


def is_none_display(node: S.Expr) -> bool:
    """`[None, ...]`, `[None] * n`, `n * [None]`, `[None for ...]`: a list display of None items."""
    match node:
        case S.ListLiteral(elts=items) if items:
            return all(isinstance(e, S.Const) and e.value is None for e in items)
        case S.BinOp(op="*", left=left, right=right):
            return is_none_display(left) and isinstance(left, S.ListLiteral) or \
                is_none_display(right) and isinstance(right, S.ListLiteral)
        case S.Comprehension(kind="list", element=S.Const(value=None)):
            return True
    return False


def none_items(expected: Type | None, count: int, loc: Loc) -> T.Expr:
    """The list display of `count` Nones: of the expected `list[C | None]`, else NONE_LIST."""
    if isinstance(expected, List) and isinstance(expected.element, Optional) \
            and isinstance(expected.element.inner, Instance):
        return T.ListNew(tuple(T.NoneValue(expected.element, loc) for _ in range(count)), expected, loc)
    return T.ListNew((), NONE_LIST, loc)


def stored_type(value: T.Expr) -> Type | None:
    """The type a list of None becomes when `value` is stored in it: list[C | None], or None."""
    t = value.type
    if isinstance(t, Optional) and isinstance(t.inner, Instance):
        return List(t)
    return List(Optional(t)) if isinstance(t, Instance) else None


def untyped_message(name: str) -> str:
    return (f"'{name}' is a list of None whose items are never assigned an instance of a class in this function; "
            f"a jitcell list holds values of one type: annotate it ('{name}: list[Node | None] = ...') or build it "
            f"from its values ([f(i) for i in range(n)])")
