"""Field types from the values `__init__` assigns, typed as the checker types any expression.

    class Point:
        def __init__(self, i: int):
            self.x = x = sin(i)          x: float (sin of an int)
            self.y = cos(i) * 3          y: float
            self.z = (x * x) / 2         z: float (the local x is a float)

A field that no annotation, annotated parameter or constant types is `INFERRED` in its ClassInfo
(check/classes.py). Before any other function is checked, `infer_field_types` probes each such
class's `__init__` (a FunctionChecker in probe mode, which reports nothing): the first assignment
the checker meets fixes the field's type (ClassChecks.assign_field calls `infer`), so that later
statements of `__init__` read it typed. The final check of every function then holds each
assignment of such a field to that type exactly (`conflict`): a value of another type, even one
that converts (an int to a float field), is a CompileError naming both, since Python's field would
hold it as it is; a declaration (`x: float` in the class body) says which. A field whose value has
no type of its own (None, an empty list) or that reads a type still unknown stays unknown: a
CompileError asks for a declaration.
"""

from __future__ import annotations

from collections.abc import Callable

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import ERROR, NONE, Instance, Type
from jitcell.errors import Diagnostic, Loc

from .class_info import INFERRED, ClassInfo

__all__ = ["INFERRED", "conflict", "infer", "infer_field_types", "untyped_value"]


def untyped_value(t: Type) -> str | None:
    """What a value of type t is, if it gives a field no type (None, an empty container), else None."""
    if t is NONE:
        return "None"
    if t.name.endswith("(empty, type unknown)"):
        return f"an empty {t.name.split(' ')[0]}"
    if t.name.startswith("list of None"):  # check/none_lists.py
        return "a list of None"
    return None


def infer(info: ClassInfo, index: int, value: T.Expr, loc: Loc) -> bool:
    """While __init__ is probed: the first value assigned to a field still INFERRED types it."""
    if value.type is ERROR:
        return False
    if (what := untyped_value(value.type)) is not None:
        info.untyped.setdefault(info.fields[index][0], what)
        return False
    info.fields[index] = (info.fields[index][0], value.type)
    info.inferred[info.fields[index][0]] = loc
    return True


def conflict(info: ClassInfo, name: str, t: Type, value: T.Expr) -> str | None:
    """Why assigning `value` to an inferred field of type t is refused, or None."""
    if name not in info.inferred or value.type in (t, ERROR):
        return None
    if untyped_value(value.type) not in (None, "None"):  # `self.xs = []` into a list field: coerce decides
        return None
    if isinstance(t, Instance) and isinstance(value.type, Instance):
        return None  # an instance of a subclass (check/inheritance.py coerces it)
    return (f"field '{name}' of {info.name} is assigned {_a(value.type)} here and {_a(t)} at line "
            f"{info.inferred[name].line}, which gave its type; declare the type it holds in the class body "
            f"('{name}: {value.type}')")


def _a(t: Type) -> str:
    return f"{'an' if str(t)[0] in 'aeiou' else 'a'} {t}"


def infer_field_types(cdefs: tuple[S.ClassDef, ...], classes: dict[str, ClassInfo], probe: Callable[[str], bool],
                      field_type_problem: Callable[[Type], str | None], errors: list[Diagnostic]) -> bool:
    """Type the INFERRED fields of each class of the cell, in order (a base before its subclasses).
    `probe(function)` checks a function without reporting, and says whether it found errors of its
    own (not ones that follow from a type still unknown). Whether any field was inferred."""
    own_errors: dict[str, bool] = {}
    for _ in range(len(cdefs)):  # again while a class's fields read another's still unknown (defined later)
        progress = False
        for cdef in cdefs:
            info = classes[cdef.name]
            _from_base(info, classes.get(info.base or ""))
            init = f"{cdef.name}.__init__"  # (probing return types may have typed them already)
            if any(t is INFERRED for _, t in info.fields) and init in info.methods.values():
                before = len(info.inferred)
                own_errors[cdef.name] = probe(init)
                progress = progress or len(info.inferred) > before
        if not progress:
            break
    inferred_any = False
    for cdef in cdefs:
        info = classes[cdef.name]
        inferred_any = inferred_any or bool(info.inferred)
        for k, (name, t) in enumerate(info.fields):
            field = next((f for f in cdef.fields if f.name == name), None)
            loc = field.loc if field is not None else cdef.loc
            if name in info.inferred and (problem := field_type_problem(t)) is not None:
                info.fields[k] = (name, ERROR)
                if info.base is not None and classes[info.base].index(name) is not None:
                    continue  # its base's field, reported there
                errors.append(Diagnostic(f"field '{name}' of {cdef.name}: {problem}; its type comes from its value "
                                         "in __init__", info.inferred[name]))
            if t is not INFERRED:
                continue
            info.fields[k] = (name, ERROR)
            if own_errors.get(cdef.name):
                continue  # the final check of __init__ reports them
            what = info.untyped.setdefault(name, "") or None  # (reported: ClassChecks.assign_field says no more)
            why = f"its value in __init__, {what}, has no type of its own" if what is not None else \
                "its value in __init__ depends on a type still unknown"
            example = {"None": f"{name}: Node | None", "an empty list": f"{name}: list[int]",
                       "a list of None": f"{name}: list[Node | None]",
                       "an empty dict": f"{name}: dict[str, int]", "an empty set": f"{name}: set[int]"}.get(
                what or "", f"{name}: float")
            errors.append(Diagnostic(f"the type of field '{name}' of {cdef.name} is not known: {why}; declare it in "
                                     f"the class body ('{example}') or annotate the assignment ('self.{example} = "
                                     "...')", loc))
    return inferred_any


def _from_base(info: ClassInfo, base: ClassInfo | None) -> None:
    """The fields a subclass has from its base take the types inferred for the base."""
    if base is None:
        return
    for k, (name, t) in enumerate(info.fields):
        j = base.index(name) if t is INFERRED else None
        if j is not None and base.fields[j][1] is not INFERRED:
            info.fields[k] = (name, base.fields[j][1])
            if name in base.inferred:
                info.inferred[name] = base.inferred[name]
