"""Classes of another cell used in a cell, otherwise than as a base (loader/outer_classes.py finds them).

    In [1]: %%jit                                In [2]: %%jit
            class Point:                                 def norm_of(p: Point) -> float:   # Point of In [1]
                def __init__(self, x, y): ...                return p.norm()               # cell.Point.norm
                def norm(self) -> float: ...

The class's whole family stands in the cell's classes as *outer* ClassInfos (outer_bases.outer_infos,
with the family's own numbers: outer_bases.keep_numbers), so annotations, fields, isinstance() and dispatch
tables read instances as the class's cell does; constructors and methods are callees, typed with the
family's classes (driver.checker_signatures). No class of the cell joins such a family (a base of
another cell goes through outer_bases.py), so no value of it ever needs an extension number.
"""

from __future__ import annotations

from .class_info import ClassInfo
from .outer_bases import outer_infos

__all__ = ["used_infos", "helper_note"]


def used_infos(used: dict[str, dict], callees: dict) -> dict[str, ClassInfo]:
    """name -> ClassInfo of each class of the families `used` holds (root -> {"chain": rows})."""
    names = frozenset(row["name"] for family in used.values() for row in family["chain"])
    return outer_infos(used, callees, names)


def helper_note(info: ClassInfo) -> str:
    """What to add to a message about a helper the class's cell did not compile (parse_dunders.cell_uses)."""
    if info.outer is None:
        return ""
    return (f"; {info.name} is a class of another cell, whose cell compiled only the helpers its own code uses "
            "(sorted(), min() and max() of instances, == and in on lists of them, a @dataclass's repr): use it so "
            "there first")
