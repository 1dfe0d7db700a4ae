"""check: class constants (`MDIG = 32` in a class body) and `__slots__`.

    class Random:
        __slots__ = ("seed",)        # must name each field the class adds
        MDIG = 32
        ONE = 1
        m1 = (ONE << (MDIG - 2)) + ((ONE << (MDIG - 2)) - ONE)   # earlier ones by their bare names

A class constant is computed at compile time as the cell's constants are (constants.py), from the
cell's constants and the class's earlier ones, and read as a literal: `Random.m1`, `self.m1`,
`cls.m1` (a @classmethod's `cls` is the class). Subclasses inherit them. A subclass may not assign
a base's constant again: code compiled for the base reads the base's value, where Python would
read the subclass's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from jitcell.compiler import syntax as S
from jitcell.errors import Diagnostic

from .class_info import ClassInfo
from .constants import Value, evaluate

__all__ = ["class_constants", "check_slots"]


def class_constants(cdef: S.ClassDef, info: ClassInfo, classes: Mapping[str, ClassInfo],
                    cell_constants: Mapping[str, Value], imports, definitions, annotation, failed_constants: set[str],
                    errors: list[Diagnostic]) -> None:
    """Fill `info.constants`: the base's, then the class's own, each computed once."""
    base = classes.get(info.base) if info.base is not None else None
    inherited = dict(base.constants) if base is not None else {}
    own_names = {c.name for c in cdef.constants}
    functions = {name: f for name, f in definitions.items() if name not in own_names}
    failed = set(failed_constants) - own_names
    reported = len(errors)
    values = evaluate(cdef.constants, cell_constants, imports, functions, annotation, errors, failed)
    errors[reported:] = [_in_class(d, cdef.name) for d in errors[reported:]]
    own: dict[str, Value] = {}
    for c in cdef.constants:
        if c.name in inherited:
            errors.append(Diagnostic(f"class constant '{c.name}' of {cdef.name} is one of its base {info.base} too: "
                                     "jitcell's subclasses inherit class constants, they do not assign them again",
                                     c.loc))
        elif c.name in info.methods or info.index(c.name) is not None:
            kind = "method" if c.name in info.methods else "field"
            errors.append(Diagnostic(f"'{c.name}' is both a class constant and a {kind} of {cdef.name}", c.loc))
        elif c.name in values and c.name not in failed:
            own[c.name] = values[c.name]
    info.constants = {**inherited, **own}
    info.own_constants = own


def _in_class(diagnostic: Diagnostic, cls: str) -> Diagnostic:
    """constants.py's refusal of a list value, said of a class attribute rather than a top-level name."""
    kind = re.match(r"a top-level (\w+) is not a constant: ", diagnostic.message)
    if kind is None:
        return diagnostic
    return Diagnostic(f"a class attribute of {cls} holding a {kind[1]} is not a constant: jitcell's class attributes "
                      "are constants compiled into its code, and a list, dict or set shared by every instance would "
                      "be state jitcell does not keep; declare a field, or make it in a function", diagnostic.loc)


def check_slots(cdef: S.ClassDef, info: ClassInfo, base: ClassInfo | None, errors: list[Diagnostic]) -> None:
    """`__slots__` names the attributes an instance may have: each field the class adds must be
    one (Python raises AttributeError when `__init__` assigns another), and none is a class constant."""
    if cdef.slots is None:
        return
    added = info.fields[len(base.fields) if base is not None else 0:]
    for name, _ in added:
        if name not in cdef.slots:
            errors.append(Diagnostic(f"field '{name}' of {cdef.name} is not in its __slots__ {cdef.slots}: Python "
                                     f"would raise AttributeError: '{cdef.name}' object has no attribute '{name}'",
                                     cdef.loc))
    for name in cdef.slots:
        if name in info.own_constants:
            errors.append(Diagnostic(f"'{name}' in __slots__ conflicts with class variable", cdef.loc))
