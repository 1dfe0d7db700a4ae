"""`dict(...)` and `set(...)` of an iterable, as the comprehensions Python defines them by.

    dict()                     ->  {}
    dict((k, v) for x in xs)   ->  {k: v for x in xs}
    dict(zip(a, b))            ->  {dict.key: dict.value for dict.key, dict.value in zip(a, b)}
    dict(pairs)                ->  the same over a list (or any iterable) of pairs
    dict(d)                    ->  {dict.key: dict.value for dict.key, dict.value in d.items()}   (a copy)
    set(xs)                    ->  {set.item for set.item in xs}

The comprehension's variables are named so that no Python name can be them, and live in its
own scope. An item that is not a pair is the CompileError of unpacking it into two targets.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler.types import Dict, Type

__all__ = ["dict_call_syntax", "set_of_iterable"]


def dict_call_syntax(node: S.Call, locals_: dict[str, Type]) -> S.Expr | str:
    """The syntax `dict(...)` stands for, or what is not supported."""
    if node.keywords:
        return "dict() with keyword arguments is not supported by jitcell: write a dict literal"
    if len(node.args) > 1:
        return f"dict expected at most 1 argument, got {len(node.args)}"
    loc = node.loc
    if not node.args:
        return S.DictLiteral((), (), loc)
    source = node.args[0]
    if isinstance(source, S.Comprehension) and source.kind == "generator" and isinstance(source.element, S.Tuple) \
            and len(source.element.elts) == 2:
        key, value = source.element.elts
        return S.Comprehension("dict", key, value, source.generators, loc)
    if isinstance(source, S.Name) and isinstance(locals_.get(source.id), Dict):
        source = S.Call(S.Attribute(source, "items", loc), (), (), loc)
    key_name, value_name = S.Name("dict.key", loc), S.Name("dict.value", loc)
    target = S.Tuple((key_name, value_name), loc)
    return S.Comprehension("dict", key_name, value_name, (S.Generator(target, source, (), loc),), loc)


def set_of_iterable(source: S.Expr, loc) -> S.Expr:
    """`set(xs)` of an iterable that is not a set: the set comprehension over it."""
    item = S.Name("set.item", loc)
    return S.Comprehension("set", item, None, (S.Generator(item, source, (), loc),), loc)
