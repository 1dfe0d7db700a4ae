"""Classes whose instances can form a cycle, which reference counting never frees (jitcell has no
cycle collector yet): a warning when the cell compiles.

    class Node:                    Node's fields can hold a Node (next: Node | None): warned
        next: "Node | None"
    class Tree:                    children: list[Tree]: warned
    class Shape: ...               a Circle's field typed Shape may hold a Circle: warned
    class Circle(Shape):
        inner: Shape
"""

from __future__ import annotations

import warnings

from jitcell.compiler.types import Dict, Instance, List, Optional, Set, Tuple, Type

from .class_info import ClassInfo
from .inheritance import is_subclass

__all__ = ["warn_cycles"]


def warn_cycles(classes: dict[str, ClassInfo]) -> None:
    """Warn, once per class, where a class's fields can reach an instance of that class again (shown
as `cell:LINE: UserWarning: ...` at the class)."""
    for info in classes.values():
        path = _path_back(info, classes)
        if path is not None:
            warnings.warn_explicit(
                f"class {info.name}: its fields can reach an instance of {info.name} ({' -> '.join(path)}); "
                f"{info.name} instances that form a cycle are never freed (jitcell has no cycle collector yet): "
                "set a link to None to break a cycle before dropping it", UserWarning, "cell", info.loc.line)


def _path_back(start: ClassInfo, classes: dict[str, ClassInfo]) -> list[str] | None:
    """The fields leading from `start` back to a value that may be a `start` instance, or None."""
    seen = {start.name}
    todo: list[tuple[ClassInfo, list[str]]] = [(start, [])]
    while todo:
        info, path = todo.pop(0)
        for field, t in info.fields:
            for name in _classes_in(t):
                step = path + [f"{info.name}.{field}: {t}"]
                # a value of class `name` may be an instance of any of its subclasses
                holders = [c for c in classes.values() if is_subclass(classes, c.name, name)]
                if any(c.name == start.name for c in holders):
                    return step
                for c in holders:
                    if c.name not in seen:
                        seen.add(c.name)
                        todo.append((c, step))
    return None


def _classes_in(t: Type) -> list[str]:
    if isinstance(t, Instance):
        return [t.name]
    if isinstance(t, Optional):
        return _classes_in(t.inner)
    if isinstance(t, (List, Set)):
        return _classes_in(t.element)
    if isinstance(t, Dict):
        return _classes_in(t.key) + _classes_in(t.value)
    if isinstance(t, Tuple):
        return [n for item in t.items for n in _classes_in(item)]
    return []
