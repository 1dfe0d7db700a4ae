"""Why a builtin or an annotation jitcell does not have is refused, in the words a user needs.

    open("data.txt")            ->  "open() is not supported by jitcell: compiled code does not open files ..."
    def f(xs: list[Any])        ->  "unsupported type for parameter 'xs': typing.Any is no type jitcell ..."
"""

from __future__ import annotations

import builtins

from jitcell.compiler import syntax as S

__all__ = ["builtin_refusal", "annotation_hint"]

_BUILTIN_REASONS = {
    "open": "compiled code does not open files; read the file in Python and pass its contents",
    "eval": "compiled code cannot run source text", "exec": "compiled code cannot run source text",
    "iter": "walk the value with a for loop", "next": "walk the value with a for loop",
    "id": "jitcell's values have no identity", "hash": "jitcell's values have no hash() in compiled code",
    "getattr": "jitcell's values have no attributes", "setattr": "jitcell's values have no attributes",
    "hasattr": "jitcell's values have no attributes",
    "NotImplemented": "only 'return NotImplemented' in a binary special method (__add__, __radd__, __iadd__, "
                      "__eq__, __lt__...) is",
}


def builtin_refusal(name: str) -> str | None:
    """The message for a Python builtin jitcell has not (None if `name` is no builtin)."""
    value = getattr(builtins, name, None)
    if value is None or name.startswith("_"):
        return None
    if isinstance(value, type) and issubclass(value, BaseException):
        return None  # exceptions are named by raise and except, which say what they accept
    what = f"{name}()" if callable(value) else f"'{name}'"
    reason = _BUILTIN_REASONS.get(name)
    return f"the builtin {what} is not supported by jitcell" + (f": {reason}" if reason else "")


def annotation_hint(node: S.Expr | None) -> str:
    """What to write instead of an annotation naming a type jitcell has not (or "")."""
    names = {n.id for n in _names(node)}
    if "Any" in names:
        return ("; typing.Any is no type jitcell can compile: each value has one static type, so name it "
                "(list[int], list[float], list[str], ...)")
    if isinstance(node, S.Name) and node.id in ("list", "List", "dict", "Dict", "set", "Set", "tuple", "Tuple"):
        return (f"; a bare '{node.id}' does not say what it holds: name the item types, as in 'list[int]', "
                "'dict[str, float]', 'set[int]' or 'tuple[int, float]' (a result may be a bare name: its items "
                "are inferred)")
    if "range" in names:
        return ("; a range does not cross between Python and compiled code: pass its bounds (ints), or a list or "
                "tuple of ints (a generator function, which compiled code alone calls, may take a range)")
    return ""


def _names(node: S.Expr | None) -> list[S.Name]:
    match node:
        case S.Name():
            return [node]
        case S.Subscript(value=value, indices=indices):
            return _names(value) + [n for i in indices for n in _names(i)]
        case S.Tuple(elts=elts):
            return [n for e in elts for n in _names(e)]
        case S.BinOp(left=left, right=right):
            return _names(left) + _names(right)
        case S.Attribute(attr="Any"):
            return [S.Name("Any", node.loc)]
    return []
