"""parse, for a binary special method that may return NotImplemented (it *declines* the operands):
the method returns `R | None`, None standing for NotImplemented, and a static helper raises the
TypeError CPython raises when every method declines (check/declines.py calls them in CPython's order).

    def __add__(self, other: "Vec") -> "Vec":        def __add__(self, other: "Vec") -> "Vec | None":
        if not isinstance(other, Vec3):       ->         if not isinstance(other, Vec3):
            return NotImplemented                            return None
        return Vec(self.x + other.x, 0.0)                return Vec(self.x + other.x, 0.0)
                                                     @staticmethod
                                                     def _jc_declined__add__(message: str) -> "Vec":
                                                         raise TypeError(message)

The helper's name marks the method as one that declines (check/declines.py, loader/classes.py). An
override of a method that declines returns `R | None` too (a subclass's instance goes where the
base's does, through one table of methods), and inherits the helper.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence

from .parse_dunders import BINARY, COMPARISONS

__all__ = ["DECLINED", "BINARY_METHODS", "declining", "ancestors_of"]

DECLINED = "_jc_declined"  # DECLINED + "__add__": the helper of a method that may return NotImplemented
BINARY_METHODS = frozenset({*COMPARISONS.values(), *(f"__{p}{name}__" for name in BINARY.values()
                                                     for p in ("", "r", "i"))})


def ancestors_of(base: str | None, earlier: dict[str, ast.ClassDef]) -> list[ast.ClassDef]:
    """The class's bases in the cell, nearest first (`base`: its own)."""
    ancestors: list[ast.ClassDef] = []
    above = earlier.get(base) if base is not None else None
    while above is not None and above not in ancestors:
        ancestors.append(above)
        named = above.bases[0] if above.bases else None
        above = earlier.get(named.id) if isinstance(named, ast.Name) else None
    return ancestors


def _declines(node: ast.AST) -> bool:
    return isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id == "NotImplemented"


def _may_be_none(annotation: ast.expr) -> bool:
    if isinstance(annotation, ast.Constant):
        return annotation.value is None or isinstance(annotation.value, str) and (
            annotation.value.strip() == "None" or annotation.value.replace(" ", "").endswith("|None"))
    return isinstance(annotation, ast.BinOp) and any(map(_may_be_none, (annotation.left, annotation.right)))


def _defined(ancestors: Sequence[ast.ClassDef], name: str) -> tuple[str, bool] | None:
    """(class, whether it declines) of the nearest ancestor's method `name`, or None."""
    for ancestor in ancestors:
        for item in ancestor.body:
            if isinstance(item, ast.FunctionDef) and item.name == name:
                return ancestor.name, any(_declines(n) for n in ast.walk(item)) or bool(
                    (above := _defined(ancestors[ancestors.index(ancestor) + 1:], name)) and above[1])
    return None


def declining(cls: str, method: ast.FunctionDef, error,
              ancestors: Sequence[ast.ClassDef] = ()) -> tuple[ast.FunctionDef, list[ast.FunctionDef]]:
    """The method as it is compiled, and its helper (none when it never returns NotImplemented, or
    inherits the helper). `ancestors`: the class's bases in the cell, nearest first."""
    if method.name not in BINARY_METHODS:
        return method, []
    own = any(_declines(n) for n in ast.walk(method))
    base = _defined(ancestors, method.name)
    if own and base is not None and not base[1]:
        error(method, f"{cls}.{method.name} returns NotImplemented, and {base[0]}.{method.name}, which it overrides, "
                      "does not: not supported yet by jitcell (an override returns what its base returns)")
        return method, []
    if not own and not (base is not None and base[1]):
        return method, []
    if any(isinstance(n, ast.Return) and (n.value is None or isinstance(n.value, ast.Constant)
                                          and n.value.value is None) for n in ast.walk(method)):
        error(method, f"{cls}.{method.name} returns None and NotImplemented: not supported by jitcell (None stands "
                      "for NotImplemented in its compiled code)")
        return method, []
    if method.returns is None or _may_be_none(method.returns):
        error(method, f"{cls}.{method.name} returns NotImplemented{'' if own else ' (as the method it overrides)'}: "
                      "annotate its return type, which may not be None in jitcell (None stands for NotImplemented "
                      "in its compiled code)")
        return method, []
    rewritten = copy.deepcopy(method)
    for node in ast.walk(rewritten):
        if _declines(node):
            node.value = ast.copy_location(ast.Constant(None), node.value)  # type: ignore[attr-defined]
    returns = method.returns
    rewritten.returns = ast.copy_location(
        ast.Constant(f"{returns.value} | None") if isinstance(returns, ast.Constant) and isinstance(returns.value, str)
        else ast.BinOp(copy.deepcopy(returns), ast.BitOr(), ast.Constant(None)), returns)
    if not own:  # the helper is its base's
        return rewritten, []
    helper = ast.parse(f"def {DECLINED}{method.name}(message: str) -> None:\n    raise TypeError(message)\n").body[0]
    assert isinstance(helper, ast.FunctionDef)
    helper.returns = copy.deepcopy(returns)
    helper.decorator_list = [ast.Name("staticmethod", ast.Load())]
    for part in ast.walk(helper):  # located at the method
        if isinstance(part, (ast.stmt, ast.expr, ast.arg)):
            part.lineno, part.col_offset = method.lineno, method.col_offset
            part.end_lineno, part.end_col_offset = method.lineno, method.col_offset
    return rewritten, [helper]
