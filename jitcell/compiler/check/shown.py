"""The text of a list, tuple or dict holding instances, as CPython's str() and repr() show it (each
item by its repr, so by its class's __repr__), written as syntax that the checker then types:

    print(xs)      xs: list[V]            "[" + ", ".join([repr(i) for i in xs]) + "]"
    f"{t!r}"       t: tuple[V, int]       "".join(["(" + repr(u[0]) + ", " + repr(u[1]) + ")" for u in (t,)])
    str(d)         d: dict[str, V]        "{" + ", ".join([repr(k) + ": " + repr(v) for k, v in d.items()]) + "}"

The value is evaluated once (a comprehension over it, or over a one-item tuple holding it); an item
that is itself such a container is shown by repr(), which comes back here (check/strings.py).
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler.types import Dict, List, Tuple, Type
from jitcell.errors import Loc

__all__ = ["container_text"]

def container_text(node: S.Expr, t: Type) -> S.Expr | None:
    """Syntax for str(node) of a list, tuple or dict of type t, None for other types."""
    loc = node.loc
    if isinstance(t, List):
        item = _name(node, "i")
        return _wrapped("[", _joined(_repr(item), S.Generator(item, node, (), loc), loc), "]", loc)
    if isinstance(t, Dict):
        key, value = _name(node, "k"), _name(node, "v")
        pair = S.BinOp("+", S.BinOp("+", _repr(key), S.Const(": ", loc), loc), _repr(value), loc)
        items = S.Call(S.Attribute(node, "items", loc), (), (), loc)
        return _wrapped("{", _joined(pair, S.Generator(S.Tuple((key, value), loc), items, (), loc), loc), "}", loc)
    if isinstance(t, Tuple):
        held = _name(node, "t")
        parts: list[S.Expr] = [S.Const("(", loc)]
        for i in range(len(t.items)):
            parts += [S.Const(", ", loc)] if i else []
            parts.append(_repr(S.Subscript(held, (S.Const(i, loc),), loc)))
        parts.append(S.Const(",)" if len(t.items) == 1 else ")", loc))
        text = parts[0]
        for part in parts[1:]:
            text = S.BinOp("+", text, part, loc)
        once = S.Generator(held, S.Tuple((node,), loc), (), loc)
        return S.Call(S.Attribute(S.Const("", loc), "join", loc),
                      (S.Comprehension("list", text, None, (once,), loc),), (), loc)
    return None


def _name(node: S.Expr, role: str) -> S.Name:
    """A hidden local, named after the place (and, inside another's text, after that one's)."""
    base = node.id if isinstance(node, S.Name) and node.id.startswith("jc__") else \
        f"jc__shown_{node.loc.line}_{node.loc.col}"
    return S.Name(f"{base}_{role}", node.loc)


def _repr(e: S.Expr) -> S.Expr:
    return S.Call(S.Name("repr", e.loc), (e,), (), e.loc)


def _joined(text: S.Expr, generator: S.Generator, loc: Loc) -> S.Expr:
    return S.Call(S.Attribute(S.Const(", ", loc), "join", loc),
                  (S.Comprehension("list", text, None, (generator,), loc),), (), loc)


def _wrapped(opening: str, inner: S.Expr, closing: str, loc: Loc) -> S.Expr:
    return S.BinOp("+", S.BinOp("+", S.Const(opening, loc), inner, loc), S.Const(closing, loc), loc)
