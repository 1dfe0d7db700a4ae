"""Bound methods kept in a local, as speed-minded Python does:

    ins = perm.insert               ->  (removed)
    ins(r, x)                       ->  perm.insert(r, x)

A bound method is not a value jitcell has; where the rewrite means the same as Python, the alias
is replaced by the method call it stands for, before the function is checked. It does when the
alias is assigned once, by a statement of the function's own body (not inside an if, a loop or a
try), from `obj.method` with `obj` a parameter or a local that nothing assigns from that statement
on, and the alias is called, and only called, in the statements after that one (so it is bound wherever it is
called, and its object is the one `obj` names). Anything else is left alone and reported as it
would be without this module.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from jitcell.compiler import syntax as S
from jitcell.compiler.types import STR, Dict, List, Set, Type

__all__ = ["inline_bound_methods", "bound_method_message"]


def bound_method_message(node: S.Attribute, t: Type) -> str | None:
    """Why `obj.method` of a str, list, dict or set is not a value here, or None for other types."""
    if not (t is STR or isinstance(t, (List, Dict, Set))) or not isinstance(node.value, S.Name):
        return None
    shown = f"{node.value.id}.{node.attr}"
    return (f"a bound method ({shown}) is not a value in jitcell; call it ({shown}(...)), or keep it in a local "
            f"assigned once at the function's top level from a name nothing assigns afterwards, and only call "
            f"that local")


def inline_bound_methods(fdef: S.FunctionDef) -> S.FunctionDef:
    aliases: dict[str, tuple[str, str]] = {}  # alias -> (object, method)
    at: dict[str, int] = {}
    for index, stmt in enumerate(fdef.body):
        if isinstance(stmt, S.Assign) and len(stmt.targets) == 1 and stmt.annotation is None \
                and isinstance(stmt.value, S.Attribute) and isinstance(stmt.value.value, S.Name):
            aliases.setdefault(stmt.targets[0].id, (stmt.value.value.id, stmt.value.attr))
            at.setdefault(stmt.targets[0].id, index)
    if not aliases:
        return fdef
    params = {p.name for p in fdef.params}
    kept = {}
    for alias, (obj, method) in aliases.items():
        index = at[alias]
        before, after = fdef.body[:index], fdef.body[index + 1:]
        local = obj in params or _stores(before, obj)  # not a module (math.sqrt) or anything else
        if not local or alias in params or alias == obj or _stores(before, alias) or _stores(after, alias) \
                or _stores(after, obj) or _mentions(before, alias) or not _only_called(after, alias):
            continue
        kept[alias] = (obj, method)
    if not kept:
        return fdef
    body = tuple(S.Pass(stmt.loc) if isinstance(stmt, S.Assign) and index == at.get(stmt.targets[0].id)
                 and stmt.targets[0].id in kept else _substitute(stmt, kept)
                 for index, stmt in enumerate(fdef.body))
    return replace(fdef, body=body)


def _children(node):
    if isinstance(node, (tuple, list)):
        return list(node)
    if type(node).__module__ == S.__name__ and is_dataclass(node):
        return [getattr(node, f.name) for f in fields(node)]
    return []


def _walk(node):
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(_children(item))


def _target_names(target) -> set[str]:
    return {n.id for n in _walk(target) if isinstance(n, S.Name)} if target is not None else set()


def _stores(stmts, name: str) -> bool:
    """Does anything in `stmts` (nested statements, comprehension targets, `except ... as`) bind `name`?"""
    for node in _walk(stmts):
        targets: set[str] = set()
        if isinstance(node, S.Assign):
            targets = {t.id for t in node.targets}
        elif isinstance(node, S.AssignTargets):
            targets = set().union(*(_target_names(t) for t in node.targets))
        elif isinstance(node, S.AugAssign):
            targets = {node.target.id}
        elif isinstance(node, (S.For, S.Generator)):
            targets = _target_names(node.target)
        elif isinstance(node, S.Handler):
            targets = {node.name} if node.name else set()
        if name in targets:
            return True
    return False


def _mentions(stmts, name: str) -> bool:
    return any(isinstance(n, S.Name) and n.id == name for n in _walk(stmts))


def _only_called(stmts, name: str) -> bool:
    """Is `name` read in `stmts`, and every read of it the function of a call?"""
    called = {id(n.func) for n in _walk(stmts) if isinstance(n, S.Call) and isinstance(n.func, S.Name)}
    reads = [n for n in _walk(stmts) if isinstance(n, S.Name) and n.id == name]
    return bool(reads) and all(id(n) in called for n in reads)


def _substitute(node, kept: dict[str, tuple[str, str]]):
    """`node` with each call of an alias in `kept` made a call of its method."""
    if isinstance(node, tuple):
        return tuple(_substitute(item, kept) for item in node)
    if type(node).__module__ != S.__name__:  # a Loc, a str...: nothing to substitute inside
        return node
    if isinstance(node, S.Call) and isinstance(node.func, S.Name) and node.func.id in kept:
        obj, method = kept[node.func.id]
        func = S.Attribute(S.Name(obj, node.func.loc), method, node.func.loc)
        return replace(node, func=func, args=_substitute(node.args, kept), keywords=_substitute(node.keywords, kept))
    changes = {f.name: _substitute(getattr(node, f.name), kept) for f in fields(node)}
    return replace(node, **changes)
