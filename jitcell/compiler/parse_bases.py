"""parse, for a class with a base: which base, the fields a @dataclass subclass inherits, and the
base `__init__` a subclass's `__init__` calls.

    class Shape: ...                      ClassDef("Shape", base=None)
    class Circle(Shape):              ->  ClassDef("Circle", base="Shape", base_init="Shape")
        def __init__(self, r: float):
            super().__init__("circle")        (at the top level of __init__: Shape's fields are set)
            self.r = r

One base, a class defined before in the same cell or in an earlier one (`outer_base`:
check/outer_bases.py; `object` is no base); the rest (several bases, `metaclass=`, a builtin as
the base) is a diagnostic naming it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

__all__ = ["base_class", "dataclass_fields", "init_called", "outer_base"]

Fields = list[tuple[str, ast.expr, ast.expr | None]]


def base_class(node: ast.ClassDef, earlier: dict[str, ast.ClassDef],
               error: Callable[[ast.AST, str], None]) -> str | None:
    """The name of the class's base (a class of the cell defined before it), or None."""
    name = node.name
    if node.keywords:
        keyword = node.keywords[0]
        error(keyword, f"class {name}: keyword arguments in the class line ({keyword.arg or '**'}=...: metaclasses) "
                       "are not supported yet by jitcell")
        return None
    bases = [b for b in node.bases if not (isinstance(b, ast.Name) and b.id == "object")]
    if not bases:
        return None
    if len(bases) > 1:
        error(bases[1], f"class {name}: multiple inheritance ({', '.join(ast.unparse(b) for b in bases)}) is not "
                        "supported yet by jitcell; a class has one base")
        return None
    base = bases[0]
    if isinstance(base, ast.Name) and base.id in earlier:
        return base.id
    error(base, f"class {name}: its base {ast.unparse(base)} is not a class defined before it in this cell or in an "
                "earlier cell; jitcell's classes inherit from a class compiled by jitcell only (not from builtins such "
                "as Exception)")
    return None


def dataclass_fields(node: ast.ClassDef, earlier: dict[str, ast.ClassDef],
                     error: Callable[[ast.AST, str], None]) -> Fields:
    """The fields of a @dataclass in CPython's order: those of its nearest @dataclass ancestor, then its
    own annotations (one that redeclares an inherited field keeps that field's place)."""
    fields = _inherited_fields(node, earlier)
    for item in node.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            field = (item.target.id, item.annotation, item.value)
            at = next((k for k, f in enumerate(fields) if f[0] == field[0]), None)
            if at is None:
                fields.append(field)
            else:
                fields[at] = field
    seen_default = None
    for name, _, value in fields:
        if value is not None:
            seen_default = name
        elif seen_default is not None:
            error(node, f"class {node.name}: non-default argument '{name}' follows default argument "
                        f"'{seen_default}' (@dataclass raises TypeError)")
            return [f for f in fields if f[2] is None]
    return fields


def _inherited_fields(node: ast.ClassDef, earlier: dict[str, ast.ClassDef]) -> Fields:
    base = node
    while True:
        name = _base_name(base, earlier)
        if name is None:
            return []
        base = earlier[name]
        if any(isinstance(d, ast.Name) and d.id == "dataclass" for d in base.decorator_list):
            return dataclass_fields(base, earlier, lambda at, message: None)  # reported at the base


def _base_name(node: ast.ClassDef, earlier: dict[str, ast.ClassDef]) -> str | None:
    bases = [b for b in node.bases if not (isinstance(b, ast.Name) and b.id == "object")]
    if len(bases) == 1 and isinstance(bases[0], ast.Name) and bases[0].id in earlier and not node.keywords:
        return bases[0].id
    return None


def init_called(stmt: ast.stmt, self_name: str, base: str | None) -> str | None:
    """`super().__init__(...)` (the base) or `A.__init__(self, ...)` (A): the class whose __init__ a
    statement of __init__ calls, else None."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    func = stmt.value.func
    if not (isinstance(func, ast.Attribute) and func.attr == "__init__"):
        return None
    target = func.value
    if isinstance(target, ast.Call) and isinstance(target.func, ast.Name) and target.func.id == "super" \
            and not target.args:
        return base
    args = stmt.value.args
    if isinstance(target, ast.Name) and args and isinstance(args[0], ast.Name) and args[0].id == self_name:
        return target.id
    return None


def outer_base(node: ast.ClassDef, earlier: dict[str, ast.ClassDef],
               outer: dict[str, dict | None]) -> tuple[ast.ClassDef, dict[str, ast.ClassDef]]:
    """A class whose base is a class of another cell (`outer`: name -> the signature of its
    __init__, or None; check/outer_bases.py): a stand-in for the base among the classes it may
    derive from, and the class itself, given an `__init__` that calls the base's if it has none
    (so that its constructor takes the base's parameters, as Python's does)."""
    bases = [b for b in node.bases if not (isinstance(b, ast.Name) and b.id == "object")]
    if len(bases) != 1 or not isinstance(bases[0], ast.Name) or bases[0].id in earlier \
            or bases[0].id not in outer or node.keywords:
        return node, {}
    name = bases[0].id
    stand_in = ast.ClassDef(name=name, bases=[], keywords=[], body=[ast.Pass()], decorator_list=[])
    init = outer[name]
    own = any(isinstance(item, ast.FunctionDef) and item.name == "__init__" for item in node.body)
    if init is None or own or node.decorator_list:
        return node, {name: stand_in}
    made = _init_calling(init)
    if made is None:
        return node, {name: stand_in}
    for part in ast.walk(made):
        if isinstance(part, (ast.stmt, ast.expr, ast.arg)):  # the class's line: where its errors point
            part.lineno, part.col_offset = node.lineno, node.col_offset
            part.end_lineno, part.end_col_offset = node.end_lineno, node.end_col_offset
    copied = ast.ClassDef(name=node.name, bases=node.bases, keywords=node.keywords, body=[*node.body, made],
                          decorator_list=node.decorator_list)
    ast.copy_location(copied, node)
    return copied, {name: stand_in}


def _init_calling(init: dict) -> ast.FunctionDef | None:
    """`def __init__(self, x: float, y: float = 0.0): super().__init__(x, y)`, or None if a default
    cannot be written as a literal."""
    params, defaults, keyword_only = init["params"], init["defaults"], init.get("keyword_only", 0)
    first_default = len(params) - len(defaults)
    parts, args = [], []
    for i, (name, type_text) in enumerate(params):
        if keyword_only and i == len(params) - keyword_only:
            parts.append("*")
        text = f"{name}: {type_text}"
        if i >= first_default:
            value = defaults[i - first_default]
            try:
                if ast.literal_eval(repr(value)) != value:
                    return None
            except (ValueError, SyntaxError):
                return None
            text += f" = {value!r}"
        parts.append(text)
        args.append(name if i < len(params) - keyword_only else f"{name}={name}")
    source = f"def __init__(self{''.join(', ' + p for p in parts)}):\n    super().__init__({', '.join(args)})\n"
    made = ast.parse(source).body[0]
    assert isinstance(made, ast.FunctionDef)
    return made
