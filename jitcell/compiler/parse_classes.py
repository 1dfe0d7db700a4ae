"""parse, for a class of a cell: its fields and its methods, which become functions of the cell.

    class Point:                          ClassDef("Point", fields (x, y), methods ("Point.__init__",
        z: float = 0.0                ->           "Point.norm"), ...)
        def __init__(self, x: float, y: float):
            self.x = x                    FunctionDef("Point.__init__", (self: Point, x: float, y: float), ...)
            self.y = y
        def norm(self) -> float: ...      FunctionDef("Point.norm", (self: Point,), ...)

A field is declared by an annotation in the class body (`z: float = 0.0`, with a default or
without) or by an assignment to `self.NAME` in `__init__`, typed there by its annotation
(`self.n: int = 0`) or by its value (an annotated parameter, a constant: check/classes.py).
What is not supported yet (multiple bases, class decorators, the special methods parse_dunders.py
refuses, class attributes that are not fields) is a diagnostic naming the construct. A class's base
(`class B(A):`) is a class defined before it in the cell (check/inheritance.py).
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Protocol

from jitcell.errors import Loc

from . import syntax as S
from .parse_bases import base_class, dataclass_fields, init_called
from .parse_declines import ancestors_of, declining
from .parse_dunders import (
    dataclass_options,
    equality_helpers,
    generated_methods,
    length_helper,
    order_helpers,
    special_refusal,
)

__all__ = ["class_def"]


class _Parser(Protocol):
    def loc(self, node: ast.AST) -> Loc: ...
    def error(self, node: ast.AST, message: str) -> None: ...
    def expr(self, node: ast.expr) -> S.Expr: ...
    def annotation(self, node: ast.expr) -> S.Expr: ...
    def function(self, node: ast.FunctionDef) -> S.FunctionDef: ...


def class_def(parser: _Parser, node: ast.ClassDef, earlier: dict[str, ast.ClassDef] | None = None,
              uses: frozenset[str] = frozenset({"text", "order", "in", "eq"})) \
        -> tuple[S.ClassDef, list[S.FunctionDef], bool]:
    """The class, its methods as functions of the cell, and whether parsing reported an error.
    `earlier`: the classes defined before it in the cell, which it may inherit from; `uses`: the
    helpers the cell may need (parse_dunders.cell_uses)."""
    errors = 0
    earlier = {} if earlier is None else earlier

    def error(at: ast.AST, message: str) -> None:
        nonlocal errors
        errors += 1
        parser.error(at, message)

    name = node.name
    base = base_class(node, earlier, error)
    dataclass = [d for d in node.decorator_list if isinstance(d, ast.Name) and d.id == "dataclass"
                 or isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "dataclass"]
    if len(node.decorator_list) > len(dataclass) or len(dataclass) > 1:
        error(node.decorator_list[0], f"class {name}: class decorators other than @dataclass are not "
                                      "supported yet by jitcell")
    options = dataclass_options(dataclass[0], error) if dataclass else None
    fields: dict[str, S.Field] = {}
    constants: dict[str, S.Constant] = {}
    slots: tuple[str, ...] | None = None
    methods: list[S.FunctionDef] = []
    static: set[str] = set()
    properties: set[str] = set()
    classmethods: set[str] = set()
    docstring = None
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        docstring = body.pop(0).value.value  # type: ignore[attr-defined]
    init: ast.FunctionDef | None = None
    declined: list[ast.FunctionDef] = []  # the helpers of methods that may return NotImplemented
    ancestors = ancestors_of(base, earlier)
    for item in body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            field = item.target.id
            if field in fields:
                error(item, f"field '{field}' of {name} is declared twice")
                continue
            fields[field] = S.Field(field, parser.annotation(item.annotation),
                                    parser.expr(item.value) if item.value is not None else None, parser.loc(item))
        elif isinstance(item, ast.FunctionDef) and (prop := _setter_of(item)) is not None:  # @x.setter
            if f"{name}.{prop}" not in properties or item.name != prop:
                error(item, f"{name}.{item.name}: @{prop}.setter must follow the @property {prop} it sets, and "
                            f"be named {prop}")
                continue
            setter = ast.FunctionDef(setter_name(prop), item.args, item.body, [], item.returns, item.type_comment,
                                     lineno=item.lineno, col_offset=item.col_offset, end_lineno=item.end_lineno,
                                     end_col_offset=item.end_col_offset)
            method = _method(parser, error, name, setter, static)
            if method is not None:
                methods.append(method)
        elif isinstance(item, ast.FunctionDef):
            item, helpers = declining(name, item, error, ancestors)  # parse_declines.py
            declined += helpers
            method = _method(parser, error, name, item, static, properties=properties, classmethods=classmethods)
            if method is not None:
                methods.append(method)
                if item.name == "__init__":
                    init = item
        elif isinstance(item, ast.Pass) or isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            continue
        elif isinstance(item, ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], ast.Name):
            target = item.targets[0].id
            if target == "__slots__":
                slots = _slots(item.value, name, error)
            elif target in constants:
                error(item, f"class constant '{target}' of {name} is assigned twice")
            else:
                constants[target] = S.Constant(target, parser.expr(item.value), None, parser.loc(item))
        elif isinstance(item, (ast.Assign, ast.AugAssign)):
            error(item, f"a class attribute of jitcell is a constant, 'NAME = value' (in class {name}), assigned "
                        "once; for a value of each instance declare a field, 'count: int = 0'")
        else:
            error(item, f"a class body of jitcell holds fields ('x: float'), methods and a docstring, not "
                        f"{type(item).__name__}")
    defined = {item.name for item in body if isinstance(item, ast.FunctionDef)}
    generated: list[ast.FunctionDef] = list(declined)
    if options is not None:  # the methods @dataclass generates, as the dataclasses module writes them
        in_order = dataclass_fields(node, earlier, error)
        made = _dataclass_methods(name, in_order, node)
        generated += [m for m in made if m.name not in defined and options[m.name.strip("_")]]
        fields_in_order = [f[0] for f in in_order]
        shown = {**options, "repr": options["repr"] and "text" in uses and f"base:{name}" not in uses}
        generated += generated_methods(name, fields_in_order, shown, defined, node, error)
    if f"base:{name}" in uses:  # a base in the cell: not yet the helpers of lists of instances
        uses = frozenset()
    if "order" in uses and {"__lt__", "__gt__"} & ({m.name for m in generated} | defined):  # sorted(), min(), max()
        generated += order_helpers(name, node)
    if "__len__" in defined:  # len(x) (its x.__len__() dispatched), the truth of x without __bool__ (check/dunders.py)
        generated += length_helper(name, node)
    if uses & {"in", "eq"} and "__eq__" in {m.name for m in generated} | defined:  # ==, `in` of lists of instances
        generated += equality_helpers(name, node)
    for written in generated:
        method = _method(parser, error, name, written, static, generated=True)
        if method is not None:
            methods.append(method)
            if written.name == "__init__":
                init = written
    initialized: set[str] = set()
    base_init = None
    if init is not None and init.args.args:
        self_name = init.args.args[0].arg
        for stmt in ast.walk(init):
            for target, annotation, value in _self_fields(stmt, self_name):
                if target not in fields:
                    fields[target] = S.Field(target, parser.annotation(annotation) if annotation is not None else None,
                                             None, parser.loc(stmt), parser.expr(value) if value is not None else None)
        for stmt in init.body:  # unconditionally, at the top level of __init__
            if not isinstance(stmt, ast.AugAssign):
                initialized.update(target for target, _, _ in _self_fields(stmt, self_name))
            base_init = base_init or init_called(stmt, self_name, base)
    cls = S.ClassDef(name, tuple(fields.values()), tuple(m.name for m in methods), frozenset(static), docstring,
                     parser.loc(node), frozenset(initialized), frozenset(properties), base, base_init,
                     frozenset(classmethods), options is not None and options["frozen"],
                     frozenset(f"{name}.{m.name}" for m in generated), tuple(constants.values()), slots)
    return cls, methods, errors > 0


def setter_name(prop: str) -> str:
    """The method a property's setter compiles as (`Point.__setter_x`), beside its getter (`Point.x`)."""
    return f"__setter_{prop}"


def _setter_of(node: ast.FunctionDef) -> str | None:
    """`x` for a method decorated `@x.setter`, else None."""
    match node.decorator_list:
        case [ast.Attribute(value=ast.Name(id=prop), attr="setter")]:
            return prop
    return None


def _slots(value: ast.expr, cls: str, error) -> tuple[str, ...] | None:
    """The names of `__slots__ = ("x", "y")` (a tuple or list of str literals, or one str)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return (value.value,)
    if isinstance(value, (ast.Tuple, ast.List)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
        return tuple(e.value for e in value.elts)  # type: ignore[attr-defined]  # checked: str constants
    error(value, f"__slots__ of {cls} must be a tuple or list of field names (str literals) in jitcell")
    return None


def _dataclass_methods(cls: str, fields: list[tuple[str, ast.expr, ast.expr | None]],
                       node: ast.ClassDef) -> list[ast.FunctionDef]:
    """`__init__(self, x: float, y: float = 0.0)` assigning each field, and `__eq__`, which compares the
    fields one by one, as @dataclass generates them (`fields`: check/inheritance.py's dataclass_fields)."""

    def attribute(who: str, field: str, ctx: ast.expr_context) -> ast.Attribute:
        return ast.Attribute(ast.Name(who, ast.Load()), field, ctx)

    args = [ast.arg("self")] + [ast.arg(name, annotation) for name, annotation, _ in fields]
    defaults = [value for _, _, value in fields if value is not None]
    assign: list[ast.stmt] = [ast.Assign([attribute("self", name, ast.Store())], ast.Name(name, ast.Load()))
                              for name, _, _ in fields]
    init = ast.FunctionDef("__init__", ast.arguments([], args, None, [], [], None, defaults),
                           assign or [ast.Pass()], [], None)
    equal: list[ast.expr] = [ast.Compare(attribute("self", name, ast.Load()), [ast.Eq()],
                                         [attribute("other", name, ast.Load())]) for name, _, _ in fields]
    test = ast.BoolOp(ast.And(), equal) if len(equal) > 1 else equal[0] if equal else ast.Constant(True)
    eq = ast.FunctionDef("__eq__", ast.arguments([], [ast.arg("self"), ast.arg("other", ast.Constant(cls))], None, [],
                                                  [], None, []), [ast.Return(test)], [], ast.Name("bool"))
    made = [init, eq]
    for fn in made:
        for part in ast.walk(fn):  # every part of a generated method is located at the class
            if isinstance(part, (ast.stmt, ast.expr, ast.arg)):
                part.lineno, part.col_offset = node.lineno, node.col_offset
                part.end_lineno, part.end_col_offset = node.lineno, node.col_offset
    return made


def _method(parser: _Parser, error, cls: str, node: ast.FunctionDef, static: set[str],
            generated: bool = False, properties: set[str] | None = None,
            classmethods: set[str] | None = None) -> S.FunctionDef | None:
    decorators = node.decorator_list
    names = [d.id for d in decorators if isinstance(d, ast.Name)]
    if len(decorators) > 1 or decorators and names not in (["staticmethod"], ["classmethod"], ["property"]):
        error(decorators[0], f"{cls}.{node.name}: only @staticmethod, @classmethod and @property (a getter) are "
                             f"supported yet on a method in jitcell (not @{ast.unparse(decorators[0])})")
        return None
    is_static = names in (["staticmethod"], ["classmethod"])
    if names == ["classmethod"]:  # a @staticmethod in which `cls` is the class (not called on subclasses)
        if not node.args.args:
            error(node, f"class method {cls}.{node.name}() must take the class as its first parameter (cls)")
            return None
        node = _class_named(node, node.args.args[0].arg, cls)
        if classmethods is not None:
            classmethods.add(f"{cls}.{node.name}")
    if names == ["property"] and properties is not None:
        properties.add(f"{cls}.{node.name}")
    if (refusal := special_refusal(cls, node.name)) is not None:  # parse_dunders.py
        error(node, refusal)
        return None
    if node.name.startswith("__") and node.name.endswith("__") and is_static:
        error(decorators[0], f"{cls}.{node.name}: a special method takes the instance (not @{names[0]})")
        return None
    plain = ast.FunctionDef(node.name, node.args, node.body, [], node.returns, node.type_comment,
                            lineno=node.lineno, col_offset=node.col_offset,
                            end_lineno=node.end_lineno, end_col_offset=node.end_col_offset)
    fn = parser.function(plain)
    qualified = f"{cls}.{node.name}"
    if is_static:
        static.add(qualified)
        return replace(fn, name=qualified)
    if not fn.params or fn.params[0].keyword_only:
        error(node, f"method {qualified}() must take the instance as its first parameter (self)")
        return None
    first = fn.params[0]
    if first.annotation is not None and not (isinstance(first.annotation, (S.Name, S.Const))
                                             and getattr(first.annotation, "id", getattr(first.annotation, "value",
                                                                                         None)) == cls):
        error(node.args.args[0], f"the first parameter of {qualified}() is the instance: leave it unannotated "
                                 f"or annotate it '{first.name}: {cls}'")
        return None
    if first.default is not None:
        error(node.args.args[0], f"the first parameter of {qualified}() is the instance; it takes no default")
        return None
    self_param = replace(first, annotation=S.Name(cls, first.loc))
    return replace(fn, name=qualified, params=(self_param, *fn.params[1:]))


def _class_named(node: ast.FunctionDef, name: str, cls: str) -> ast.FunctionDef:
    """A class method without its first parameter, `name`, which its body reads as the class `cls`."""
    renamed = ast.FunctionDef(node.name, ast.arguments(node.args.posonlyargs, node.args.args[1:], node.args.vararg,
                                                       node.args.kwonlyargs, node.args.kw_defaults, node.args.kwarg,
                                                       node.args.defaults), node.body, [], node.returns,
                              node.type_comment, lineno=node.lineno, col_offset=node.col_offset,
                              end_lineno=node.end_lineno, end_col_offset=node.end_col_offset)
    for part in ast.walk(renamed):
        if isinstance(part, ast.Name) and part.id == name:
            part.id = cls
    return renamed


def _self_fields(stmt: ast.AST, self_name: str) -> list[tuple[str, ast.expr | None, ast.expr | None]]:
    """The fields `self.NAME = ...` (or `: T = ...`, `op= ...`, `self.a = self.b = ...`,
    `self.a, self.b = x, y`) assigns: each one's name, annotation and value (None where not one's own)."""
    annotation: ast.expr | None = None
    value: ast.expr | None
    if isinstance(stmt, ast.Assign):
        targets, value = stmt.targets, stmt.value
    elif isinstance(stmt, ast.AnnAssign):
        targets, annotation, value = [stmt.target], stmt.annotation, stmt.value
    elif isinstance(stmt, ast.AugAssign):
        targets, value = [stmt.target], None
    else:
        return []
    found: list[tuple[str, ast.expr | None, ast.expr | None]] = []

    def visit(target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == self_name:
            found.append((target.attr, annotation, value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) \
                and not any(isinstance(e, ast.Starred) for e in target.elts) else [None] * len(target.elts)
            for t, v in zip(target.elts, items, strict=True):
                visit(t, v)

    for target in targets:
        visit(target, value)
    return found
