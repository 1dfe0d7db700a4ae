"""Typing rules for the classes of a cell: fields, construction, field access, method calls.

    class Point:                            Instance("Point"), fields (x: float, y: float)
        def __init__(self, x: float, y: float):
            self.x = x
            self.y = y
        def norm(self) -> float:            function "Point.norm" (self: Point) -> float
            return (self.x ** 2 + self.y ** 2) ** 0.5

    p = Point(1.0, 2.0)   ->  CallCell("Point", ...)    the constructor this module writes:
                                                          self = NewInstance; Point.__init__(self, ...)
    p.x                   ->  GetField(p, 0, "x", float)
    p.x = 3.0             ->  SetField(p, 0, "x", 3.0)
    p.norm()              ->  CallCell("Point.norm", (p,))
    Point.make(1.0)       ->  CallCell("Point.make", (1.0,))   (@staticmethod)

A field's type comes from its annotation (in the class body, or `self.n: int = 0` in
`__init__`), else from what `__init__` assigns it: an annotated parameter of `__init__`, a
constant, or the type of the expression (`self.y = cos(i) * 3`, check/field_types.py).
Every field must have a value once `__init__` returns: a default in the class body, or an
assignment at the top level of `__init__` (else a CompileError says which).
Assigning an attribute that is not a field is a CompileError (Python would add it to that
instance alone: jitcell's instances have a fixed layout, lower/classes.py).
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.parse_classes import setter_name
from jitcell.compiler.types import (
    BOOL,
    COMPLEX,
    ERROR,
    FLOAT,
    INT,
    STR,
    Dict,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    arrays_inside,
    is_heap,
)
from jitcell.errors import Diagnostic, Loc

from .class_constants import check_slots, class_constants
from .class_info import INFERRED, ClassInfo
from .constants import NO_FIT, default_value, fit_default, typed_constant, typed_default
from .dicts import value_problem
from .field_types import conflict, infer
from .host import CheckerHost
from .inheritance import inherit, inherited_initialized, inherited_type, number_families, same_field_type
from .none_lists import is_none_display
from .outer_bases import header_tag, number_extensions

__all__ = ["ClassInfo", "ClassChecks", "collect_classes", "constructor_def", "field_type_problem", "MAX_FIELDS"]

MAX_FIELDS = 64  # the object mask of an instance is one word (runtime/source.py)


def field_type_problem(t: Type) -> str | None:
    """Why a field cannot hold a value of type t yet, or None. A tuple or complex field holds a box
    (lower/classes.py), as a dict value does."""
    if t in (INT, FLOAT, BOOL, STR, COMPLEX) or isinstance(t, (List, Dict, Set, Instance)) and not arrays_inside(t):
        return None
    if isinstance(t, Tuple) and value_problem(t) is None and not arrays_inside(List(t)):  # no array at any depth
        return None
    if isinstance(t, Optional) and (t.inner is STR or isinstance(t.inner, (List, Dict, Instance))):
        return None
    return f"a field of type {t} is not supported yet (fields are int, float, bool, complex, str, tuples, lists, " \
           "dicts, sets, instances, and str, list, dict or instance | None)"


def collect_classes(module: S.Module, annotation, constants, imports, definitions, failed_constants,
                    errors: list[Diagnostic], outer: dict[str, ClassInfo] | None = None) -> dict[str, ClassInfo]:
    """The ClassInfo of each class of the cell. `annotation(node, what, loc)` types an annotation
    (ModuleChecker.annotation, which knows the class names already). `outer`: the classes of other
    cells that classes of the cell derive from (outer_bases.py), first in the families."""
    classes: dict[str, ClassInfo] = dict(outer or {})
    for cdef in module.classes:
        info = ClassInfo(cdef.name, static=cdef.static, properties=cdef.properties, loc=cdef.loc,
                         classmethods=cdef.classmethods, frozen=cdef.frozen, generated=cdef.generated)
        inherit(info, cdef, classes, errors)  # its base's fields and methods first (check/inheritance.py)
        for method in cdef.methods:
            info.methods[method.partition(".")[2]] = method
        init = definitions.get(f"{cdef.name}.__init__")
        init_params = {p.name: p for p in init.params[1:]} if init is not None else {}
        for f in cdef.fields:
            what = f"field '{f.name}' of {cdef.name}"
            if f.name in info.methods:
                errors.append(Diagnostic(f"'{f.name}' is both a field and a method of {cdef.name}", f.loc))
                continue
            inherited = inherited_type(info, f)
            if inherited is not None and f.annotation is None and f.default is None:
                continue  # the base's field, assigned in this class's __init__
            t = _field_type(f, init_params, annotation, what, errors) if inherited is None else inherited
            if t is ERROR or not same_field_type(info, f, t, annotation, errors):
                continue
            if t is not INFERRED and (problem := field_type_problem(t)) is not None:
                errors.append(Diagnostic(f"{what}: {problem}", f.loc))
                continue
            if f.default is not None:
                value, problem = default_value(f.default, constants, imports, definitions, failed_constants)
                fitted = NO_FIT if problem is not None else fit_default(value, t)
                if problem or fitted is NO_FIT or isinstance(t, (List, Dict, Set)):
                    errors.append(Diagnostic(f"the default of {what} must be a constant {t}"
                                             + (f": {problem}" if problem else ""), f.default.loc))
                    continue
                info.defaults[f.name] = typed_default(fitted, t, f.default.loc)
            elif f.name not in info.initialized:
                errors.append(Diagnostic(
                    f"{what} has no value once __init__ returns: assign 'self.{f.name} = ...' at the top level of "
                    f"__init__, or give it a default ('{f.name}: {'T' if t is INFERRED else t} = ...')", f.loc))
            if inherited is None:
                info.fields.append((f.name, t))
        inherited_initialized(info, classes, errors)
        class_constants(cdef, info, classes, constants, imports, definitions, annotation, failed_constants, errors)
        check_slots(cdef, info, classes.get(info.base) if info.base is not None else None, errors)
        if len(info.fields) > MAX_FIELDS:
            errors.append(Diagnostic(f"class {cdef.name} has {len(info.fields)} fields; jitcell takes at most "
                                     f"{MAX_FIELDS} yet", cdef.loc))
        classes[cdef.name] = info
    number_families(classes)
    if outer:
        number_extensions(classes)
    return classes


def _field_type(f: S.Field, init_params: dict[str, S.Param], annotation, what: str,
                errors: list[Diagnostic]) -> Type:
    if f.annotation is not None:
        return annotation(f.annotation, what, f.loc)
    value = f.value
    if isinstance(value, S.Name) and value.id in init_params and init_params[value.id].annotation is not None:
        return annotation(init_params[value.id].annotation, what, f.loc)
    if isinstance(value, S.Const) and type(value.value) in (int, float, bool, str):
        return {int: INT, float: FLOAT, bool: BOOL, str: STR}[type(value.value)]
    if value is not None:
        return INFERRED  # the type of the value, which check/field_types.py finds checking __init__
    errors.append(Diagnostic(f"the type of {what} is not known: declare it in the class body ('{f.name}: float') "
                             f"or annotate the assignment ('self.{f.name}: float = ...')", f.loc))
    return ERROR


def constructor_def(cdef: S.ClassDef, definitions, init_name: str | None = None) -> S.FunctionDef:
    """`def Point(x: float, y: float) -> Point`: a new instance, given to `Point.__init__` (or
    `init_name`, a base's). A function of the cell like any other: compiled code calls it, and
    Python's `Point(...)` too."""
    loc = cdef.loc
    init = definitions.get(init_name or f"{cdef.name}.__init__")
    params = init.params[1:] if init is not None else ()
    made = "jc__instance"
    body: list[S.Stmt] = [S.Assign((S.Name(made, loc),), S.NewInstance(cdef.name, loc), None, loc)]
    if init is not None:
        positional = tuple(S.Name(p.name, loc) for p in params if not p.keyword_only)
        keywords = tuple(S.Keyword(p.name, S.Name(p.name, loc), loc) for p in params if p.keyword_only)
        call = S.Call(S.Name(init.name, loc), (S.Name(made, loc), *positional), keywords, loc)
        body.append(S.ExprStmt(call, loc))
    body.append(S.Return(S.Name(made, loc), loc))
    return S.FunctionDef(cdef.name, tuple(params), S.Name(cdef.name, loc), tuple(body), cdef.docstring, loc)


class ClassChecks(CheckerHost):
    """Mixed into the expression checker: construction, fields and methods of instances."""

    fdef: S.FunctionDef  # the function being checked (program.py's FunctionChecker checks statements)
    expected_type: Type | None  # where the list display being checked goes (program.py)

    def new_instance(self, node: S.NewInstance) -> T.Expr:
        info = self.module.classes[node.cls]
        defaults = tuple((info.index(name), value) for name, value in info.defaults.items())
        return T.New(info.type, len(info.fields), _object_mask(info), defaults, node.loc,  # type: ignore[arg-type]
                     header_tag(info))

    def class_info(self, t: Type) -> ClassInfo | None:
        return self.module.classes.get(t.name) if isinstance(t, Instance) else None

    def field_read(self, base: T.Expr, attr: str, loc: Loc) -> T.Expr:
        info = self.class_info(base.type)
        assert info is not None
        index = info.index(attr)
        if index is None:
            if info.methods.get(attr) in info.properties:  # a getter: called on the instance
                return self.dispatched(self.call_cell(info.methods[attr], S.Call(S.Name(attr, loc), (), (), loc),
                                                      receiver=base), info, attr)
            if attr in info.methods:
                return self.error(f"methods are not values in jitcell; call {info.name}.{attr}(...)", loc)
            if attr in info.constants:  # check/class_constants.py; reading `base` has no effect to keep
                if not isinstance(base, (T.Local, T.GetField)):
                    return self.error(f"read the class constant '{attr}' from its class: {info.name}.{attr}", loc)
                return typed_constant(info.constants[attr], loc)
            return self.error(f"'{info.name}' object has no attribute '{attr}'", loc)
        if info.fields[index][1] is INFERRED:  # read before __init__'s probe typed it (check/field_types.py)
            self.used_pending = True
            return self.error(f"the type of field '{attr}' of {info.name} is not known here", loc)
        return T.GetField(base, index, attr, info.fields[index][1], loc)

    def class_attribute(self, cls: str, attr: str, loc: Loc) -> T.Expr:
        """`Random.MDIG`: a class constant (check/class_constants.py)."""
        info = self.module.classes[cls]
        if attr in info.constants:
            return typed_constant(info.constants[attr], loc)
        if attr in info.methods:
            return self.error(f"methods are not values in jitcell; call {cls}.{attr}(...)", loc)
        return self.error(f"type object '{cls}' has no attribute '{attr}'", loc)

    def assign_field(self, node: S.AssignAttr) -> T.Stmt | None:
        owner = node.target.value
        if isinstance(owner, S.Name) and owner.id in self.module.classes and owner.id not in self.locals:
            self.error(f"cannot assign {owner.id}.{node.target.attr}: jitcell's class attributes are constants, "
                       "assigned once in the class body", node.target.loc)
            return None
        base = self.expr(owner)
        if base.type is ERROR:
            return None
        if isinstance(base.type, Optional) and isinstance(base.type.inner, Instance):
            base = self.none_checked(base, node.target.attr)  # AttributeError if None (check/optional.py)
        info = self.class_info(base.type)
        if info is None:
            self.error(f"assigning to an attribute ('.{node.target.attr} = ...') is not supported on {base.type}: "
                       "only the fields of a class's instances can be assigned", node.target.loc)
            return None
        index = info.index(node.target.attr)
        if index is None and info.methods.get(node.target.attr) in info.properties:
            return self.property_set(base, info, node)
        if index is None and node.target.attr in info.constants:
            self.error(f"'{node.target.attr}' is a class constant of {info.name}: jitcell's class attributes are "
                       "constants, which instances do not assign (declare a field for a value of each instance)",
                       node.target.loc)
            return None
        if index is None:
            self.error(f"'{info.name}' has no field '{node.target.attr}': jitcell's instances hold the fields their "
                       f"class declares (in its body, or assigned in __init__), not attributes added later",
                       node.target.loc)
            return None
        if info.frozen and not (self.fdef.name == f"{info.name}.__init__" and self.fdef.name in info.generated):
            self.error(f"cannot assign to field '{node.target.attr}' ({info.name} is a frozen dataclass: "
                       "dataclasses.FrozenInstanceError)", node.target.loc)
            return None
        t = info.fields[index][1]
        what = f"field '{node.target.attr}' of {info.name}"
        if t is INFERRED and node.op is None and self.fdef.name == f"{info.name}.__init__":  # check/field_types.py
            value = self.expr(node.value)
            if not infer(info, index, value, node.loc):
                return None
            t = value.type
        elif t is INFERRED or t is ERROR:  # still unknown (while probing), or unknown
            self.used_pending = self.used_pending or t is INFERRED
            if self.expr(node.value).type is not ERROR and t is ERROR \
                    and node.target.attr not in info.inferred and node.target.attr not in info.untyped:
                self.error(f"the type of {what} is not known: declare it in the class body", node.loc)
            return None
        elif node.op is None:
            if is_none_display(node.value):  # `self.nodes = [None] * n` into a list[C | None] field
                self.expected_type = t
            value = self.expr(node.value)
        else:
            value = self.augmented(node.op, T.Hole(t, node.loc), self.expr(node.value), node.loc)
        if (refused := conflict(info, node.target.attr, t, value)) is not None:
            self.error(refused, node.loc)
            return None
        return T.SetField(base, index, node.target.attr, self.coerce(value, t, what), node.op is not None, node.loc)

    def property_set(self, base: T.Expr, info: ClassInfo, node: S.AssignAttr) -> T.Stmt | None:
        """`p.x = v` of a property with a setter: `p.__setter_x(v)` (`p.x op= v`: the getter's value
        op v, given to the setter; `p` must then be a name, read once for each)."""
        attr, loc = node.target.attr, node.target.loc
        setter = info.methods.get(setter_name(attr))
        if setter is None:
            self.error(f"property '{attr}' of '{info.name}' object has no setter", loc)
            return None
        value: S.Expr = node.value
        if node.op is not None:
            if not isinstance(node.target.value, S.Name):
                self.error(f"'{node.op}=' on a property needs its object in a name here ('p = ...; p.{attr} "
                           f"{node.op}= v')", loc)
                return None
            value = S.BinOp(node.op, S.Attribute(node.target.value, attr, loc), node.value, loc)
        call = self.call_cell(setter, S.Call(S.Name(setter_name(attr), loc), (value,), (), loc), receiver=base)
        call = self.dispatched(call, info, setter_name(attr))
        return None if call.type is ERROR else T.Eval(call, node.loc)

    def method_call(self, base: T.Expr, attr: str, node: S.Call) -> T.Expr:
        info = self.class_info(base.type)
        assert info is not None
        function = info.methods.get(attr)
        if function is None:
            if info.index(attr) is not None:
                return self.error(f"field '{attr}' of {info.name} is a {info.fields[info.index(attr) or 0][1]}, "
                                  "not a method", node.func.loc)
            return self.error(f"'{info.name}' object has no attribute '{attr}'", node.func.loc)
        if function in info.static and isinstance(base, T.Unwrap) and base.attribute:
            return self.error(f"this value may be None ({base.value.type}): test it with 'is not None' before "
                              f"calling its static method {attr}()", node.func.loc)
        if function in info.static:  # `p.make(...)` of a @staticmethod: p is not passed
            return self.static_through_instance(info, attr, function, node.func.loc) or self.call_cell(function, node)
        if function in info.properties:
            return self.error(f"'{attr}' of {info.name} is a property: read it without calling it", node.func.loc)
        return self.dispatched(self.call_cell(function, node, receiver=base), info, attr)  # check/inheritance.py

    def instance_identity(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr | None:
        """`a is b`, `a == b` (and their negations) between instances of one class (either may be
        `| None`): identity, as Python's default `__eq__` is. None if the operands are not instances."""
        names = {_class_name(e.type) for e in operands}
        if len(names) > 1 and (related := self.related_operands(operands, ops, loc)) is not None:
            return related  # instances of a class and of its subclass (check/inheritance.py)
        if len(ops) != 1 or ops[0] not in ("is", "is not", "==", "!=") or len(names) != 1 or None in names:
            return None
        info = self.module.classes.get(next(iter(names)) or "")
        if ops[0] in ("==", "!=") and info is not None and "__eq__" in info.methods:  # a @dataclass's fields
            if info.last > info.tag:
                return self.error(f"== between {info.name} values, which may be instances of its subclasses whose "
                                  "__eq__ take other parameters (a @dataclass's takes its own class): not supported "
                                  "yet by jitcell", loc)
            if any(isinstance(e.type, Optional) for e in operands):
                return self.error(f"== between {info.name} values that may be None: test them with 'is not None' "
                                  "first", loc)
            same = T.CallCell(info.methods["__eq__"], tuple(operands), (0, 1), BOOL, loc,
                              info.methods["__eq__"] not in self.module.definitions)
            return same if ops[0] == "==" else T.Unary("not", same, BOOL, loc)
        return T.Compare(tuple(operands), ("==" if ops[0] in ("is", "==") else "!=",), BOOL, loc)

    def class_call(self, node: S.Call) -> T.Expr | None:
        """`Point.make(...)` (a @staticmethod), `Point.norm(p)` (a method, its instance passed): None
        if the call is not one of a class of the cell."""
        func = node.func
        if not (isinstance(func, S.Attribute) and isinstance(func.value, S.Name)
                and func.value.id in self.module.classes and func.value.id not in self.locals):
            return None
        info = self.module.classes[func.value.id]
        function = info.methods.get(func.attr)
        if function is None:
            return self.error(f"type object '{info.name}' has no attribute '{func.attr}'", func.loc)
        if function in info.classmethods and (refused := self.static_through_instance(
                info, func.attr, function, func.loc, through_class=True)) is not None:
            return refused
        return self.call_cell(function, node)


def _class_name(t: Type) -> str | None:
    inner = t.inner if isinstance(t, Optional) else t
    return inner.name if isinstance(inner, Instance) else None


def _object_mask(info: ClassInfo) -> int:
    mask = 0
    for k, (_, t) in enumerate(info.fields):
        if is_heap(t) or isinstance(t, Optional) and is_heap(t.inner) or t is COMPLEX or isinstance(t, Tuple):  # a box
            mask |= 1 << k
    return mask

