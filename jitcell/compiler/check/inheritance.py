"""Typing rules for single inheritance between the classes of a cell.

    class Shape:                           Shape: fields (name,), tag 0 of the family "Shape"
        def __init__(self, name: str): ...
        def area(self) -> float: ...
    class Circle(Shape):                   Circle: fields (name, r): Shape's first, then its own; tag 1
        def __init__(self, r: float):
            super().__init__("circle")    ->  CallCell("Shape.__init__", (AsClass(self, Shape), "circle"))
            self.r = r
        def area(self) -> float: ...

    s: Shape = Circle(1.0)              ->  AsClass(CallCell("Circle", ...), Shape): the same object
    s.area()                            ->  CallCell("Shape.area", (s,), dispatch=("Shape.area", "Circle.area"))
    isinstance(s, Circle)               ->  ClassTest(s, ((1, 1),))     (type(s) is Circle: the same, exactly)
    if isinstance(s, Circle): s.r       ->  GetField(AsClass(s, Circle), 1, "r")   (s not assigned there;
                                             likewise after `if not isinstance(s, Circle): return`)

A family is a root class and the classes that derive from it; each has a number (its tag, in the
instance's header: lower/inheritance.py), given in depth-first order, so that a class's subclasses
are the numbers tag+1..last. A method call is dispatched at run time only where a subclass of the
value's static class overrides the method; an override keeps the signature (its parameters, their
names, types and defaults; the same return type or a subclass), so every entry of the dispatch
table is called the same way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import BOOL, ERROR, Instance, List, Optional, Type
from jitcell.errors import Diagnostic, Loc

from .class_info import ClassInfo
from .host import CheckerHost

__all__ = ["InheritanceChecks", "inherit", "inherited_type", "same_field_type", "inherited_initialized",
           "number_families", "init_function", "check_overrides", "is_subclass", "exit_unless"]

_NOT_VIRTUAL = ("__init__", "__eq__")  # called on the exact class (constructors, @dataclass's __eq__)


# ---- the classes of a cell -------------------------------------------------------------------


def inherit(info: ClassInfo, cdef: S.ClassDef, classes: dict[str, ClassInfo], errors: list[Diagnostic]) -> None:
    """Start `info` from its base's: fields (first, in the base's order), defaults, methods."""
    initialized = set(cdef.initialized)
    base = classes.get(cdef.base) if cdef.base is not None else None
    if base is not None:
        info.base = base.name
        info.fields = list(base.fields)
        info.defaults = dict(base.defaults)
        info.methods = dict(base.methods)
        info.static = base.static | info.static
        info.properties = base.properties | info.properties
        info.classmethods = base.classmethods | info.classmethods
        own_init = f"{cdef.name}.__init__" in cdef.methods
        called = classes.get(cdef.base_init or "") if own_init else base
        if called is not None and is_subclass(classes, base.name, called.name):
            initialized |= called.initialized
        for method in cdef.methods:
            name = method.partition(".")[2]
            if base.index(name) is not None:
                errors.append(Diagnostic(f"'{name}' is both a field and a method of {cdef.name} (a field of "
                                         f"{base.name})", cdef.loc))
    info.initialized = frozenset(initialized)


def inherited_type(info: ClassInfo, f: S.Field) -> Type | None:
    """The type of a field the class has from its base, or None for a field of its own."""
    index = info.index(f.name) if info.base is not None else None
    return info.fields[index][1] if index is not None else None


def same_field_type(info: ClassInfo, f: S.Field, t: Type, annotation, errors: list[Diagnostic]) -> bool:
    """Does a field the class redeclares keep the type its base gave it?"""
    index = info.index(f.name) if info.base is not None else None
    if index is None or f.annotation is None:
        return True
    declared = annotation(f.annotation, f"field '{f.name}' of {info.name}", f.loc)
    if declared != t and declared is not ERROR:
        errors.append(Diagnostic(f"field '{f.name}' of {info.name} is a {t} in its base {info.base}: a subclass "
                                 f"keeps the types of its base's fields (not {declared})", f.loc))
        return False
    return declared is not ERROR


def inherited_initialized(info: ClassInfo, classes: dict[str, ClassInfo], errors: list[Diagnostic]) -> None:
    """Every field of the base has a value once the subclass's __init__ returns."""
    base = classes.get(info.base or "")
    if base is None:
        return
    for name, _ in base.fields:
        if name not in info.defaults and name not in info.initialized:
            errors.append(Diagnostic(
                f"field '{name}' of {info.name} (from {base.name}) has no value once {info.name}.__init__ returns: "
                f"call 'super().__init__(...)' at the top level of {info.name}.__init__, or assign 'self.{name} = "
                "...' there", info.loc))


def number_families(classes: dict[str, ClassInfo]) -> None:
    """Each class's tag: depth first from its family's root, subclasses in the order of the cell."""
    children: dict[str, list[str]] = {}
    for info in classes.values():
        if info.base is not None:
            children.setdefault(info.base, []).append(info.name)

    def number(name: str, family: str, tag: int) -> int:
        info = classes[name]
        info.tag, info.family = tag, family
        last = tag
        for child in children.get(name, []):
            last = number(child, family, last + 1)
        info.last = last
        return last

    for info in classes.values():
        if info.base is None:
            number(info.name, info.name, 0)


def init_function(cdef: S.ClassDef, cdefs: tuple[S.ClassDef, ...], definitions) -> str | None:
    """The __init__ a class's constructor calls: its own, else its nearest base's."""
    by_name = {c.name: c for c in cdefs}
    at: S.ClassDef | None = cdef
    while at is not None:
        if f"{at.name}.__init__" in definitions:
            return f"{at.name}.__init__"
        at = by_name.get(at.base or "")
    return None


def is_subclass(classes, sub: str, sup: str) -> bool:
    at = classes.get(sub)
    while at is not None:
        if at.name == sup:
            return True
        at = classes.get(at.base or "")
    return False


def family_of(classes, info: ClassInfo) -> list[ClassInfo]:
    """The classes of info's family, by tag."""
    return sorted((c for c in classes.values() if c.family == info.family), key=lambda c: c.tag)


def check_overrides(classes: dict[str, ClassInfo], signatures, errors: list[Diagnostic]) -> None:
    """An override is called where its base's method is: same kind, parameters and return type (a
    @staticmethod or @classmethod, called on its class, keeps the kind only)."""
    for info in classes.values():
        base = classes.get(info.base or "")
        if base is None or info.outer is not None:  # a class of another cell: checked there
            continue
        for name, function in info.methods.items():
            inherited = base.methods.get(name)
            if inherited is None or inherited == function or name in _NOT_VIRTUAL:
                continue
            problem = _override_problem(info, function, inherited, classes, signatures)
            if problem is not None:
                errors.append(Diagnostic(f"{function} overrides {inherited} {problem}", info.loc))


def _override_problem(info: ClassInfo, function: str, inherited: str, classes, signatures) -> str | None:
    kinds = [("a @staticmethod" if f in info.static - info.classmethods else "a @classmethod" if f in
              info.classmethods else "a @property" if f in info.properties else "a method") for f in (function,
                                                                                                      inherited)]
    if kinds[0] != kinds[1]:
        return f"but is {kinds[0]}, not {kinds[1]} as the method it overrides"
    if function in info.static:
        return None  # called on its class, never dispatched: its own signature
    mine, theirs = signatures[function], signatures[inherited]
    skip = 1  # self's type is each class's own
    same_params = mine.params[skip:] == theirs.params[skip:] and tuple(mine.defaults) == tuple(theirs.defaults) \
        and mine.keyword_only == theirs.keyword_only
    returns_ok = mine.returns == theirs.returns or ERROR in (mine.returns, theirs.returns) or (
        isinstance(mine.returns, Instance) and isinstance(theirs.returns, Instance)
        and is_subclass(classes, mine.returns.name, theirs.returns.name))
    if same_params and returns_ok:
        return None
    shown = [", ".join(f"{n}: {t}" for n, t in s.params[skip:]) + f") -> {s.returns}" for s in (mine, theirs)]
    return (f"with another signature, ({shown[0]} where the base has ({shown[1]}): an override keeps the "
            "parameters (names, types, defaults) and returns the same type or a subclass of it in jitcell")


# ---- in a function -------------------------------------------------------------------------


def exit_unless(stmt: S.Stmt) -> S.Expr | None:
    """`if not isinstance(...): return` (raise, break, continue; the test may be an `and` of such
    calls and others): the test that is true after the statement, else None."""
    if isinstance(stmt, S.If) and not stmt.orelse and stmt.body \
            and isinstance(stmt.body[-1], (S.Return, S.Raise, S.Break, S.Continue)) \
            and isinstance(stmt.test, S.UnaryOp) and stmt.test.op == "not":
        proved = stmt.test.operand
        parts = proved.values if isinstance(proved, S.BoolOp) and proved.op == "and" else (proved,)
        if any(isinstance(p, S.Call) and isinstance(p.func, S.Name) and p.func.id == "isinstance" for p in parts):
            return proved
    return None


def _instance_name(t: Type) -> str | None:
    inner = t.inner if isinstance(t, Optional) else t
    return inner.name if isinstance(inner, Instance) else None


class InheritanceChecks(CheckerHost):
    """Mixed into the expression checker."""

    narrowed_classes: dict[str, Instance] | None = None  # locals isinstance() proved of a subclass

    @contextlib.contextmanager
    def narrowed_class(self, test: S.Expr, assigned: set[str]) -> Iterator[None]:
        """Where `test` is true, `isinstance(s, Circle)` (alone, or an operand of `and`) proves that
        the local s (typed with a base of Circle, and not in `assigned`) reads as a Circle."""
        proved = {}
        for part in test.values if isinstance(test, S.BoolOp) and test.op == "and" else (test,):
            match part:
                case S.Call(func=S.Name(id="isinstance"), args=(S.Name(id=name), S.Name(id=cls)), keywords=()) \
                        if cls in self.module.classes and name in self.locals and name not in assigned \
                        and "isinstance" not in self.locals and cls not in self.locals:
                    static = _instance_name(self.locals[name])
                    if static is not None and static != cls and is_subclass(self.module.classes, cls, static):
                        proved[name] = self.module.classes[cls].type
        before = self.narrowed_classes
        if proved:
            self.narrowed_classes = {**(before or {}), **proved}
        try:
            yield
        finally:
            self.narrowed_classes = before

    def read_narrowed(self, e: T.Expr) -> T.Expr:
        """A read of a local narrowed by isinstance() (narrowed_class): as the subclass."""
        narrowed = self.narrowed_classes
        if narrowed and isinstance(e, (T.Local, T.Unwrap)):
            local = e.value if isinstance(e, T.Unwrap) else e
            if isinstance(local, T.Local) and local.name in narrowed:
                return T.AsClass(local, narrowed[local.name], e.loc)
        return e

    def upcast(self, e: T.Expr, target: Type) -> T.Expr | None:
        """A subclass's instance (or `| None`) where its base's type (or `| None`) goes, else None."""
        if self.is_upcast(e.type, target):
            return T.AsClass(e, target, e.loc)
        if isinstance(e, T.ListNew) and isinstance(e.type, List) and isinstance(target, List) \
                and self.is_upcast(e.type.element, target.element):  # a list display: a new list[Shape]
            return T.ListNew(tuple(self.coerce(i, target.element, "a list item") for i in e.items), target, e.loc)
        return None

    def is_upcast(self, source: Type, target: Type) -> bool:
        if isinstance(source, Optional) != isinstance(target, Optional) or source == target:
            return False
        sub, sup = _instance_name(source), _instance_name(target)
        return sub is not None and sup is not None and is_subclass(self.module.classes, sub, sup)

    def class_join(self, types: set[Type]) -> Type | None:
        """The nearest class that every one of `types` (instances of one family) derives from."""
        names = [t.name for t in types if isinstance(t, Instance)]
        if len(names) < 2 or len(names) != len(types) or any(n not in self.module.classes for n in names):
            return None
        at: ClassInfo | None = self.module.classes[names[0]]
        while at is not None:
            if all(is_subclass(self.module.classes, n, at.name) for n in names):
                return at.type
            at = self.module.classes.get(at.base or "")
        return None

    def dispatched(self, call: T.Expr, static: ClassInfo, attr: str) -> T.Expr:
        """A method call, dispatched at run time if a subclass of the static class overrides it."""
        if not isinstance(call, T.CallCell):
            return call
        classes = self.module.classes
        family = family_of(classes, static)
        below = {c.methods.get(attr) for c in family if static.tag <= c.tag <= static.last}
        if attr == "__init__":  # `x.__init__(...)` called on an instance: virtual in Python
            self.module.exact_tested.add(f"{static.name}.__init__")
        if len(below) <= 1 or attr == "__init__":
            return call
        if attr == "__eq__":  # overrides unchecked (a @dataclass's takes its class): special_dispatch.py checks
            return self.virtual(call, static.type, (attr,), call.loc)
        return replace(call, dispatch=tuple(c.methods.get(attr, "") for c in family), ext=static.ext)

    def static_through_instance(self, info: ClassInfo, attr: str, function: str, loc: Loc,
                                through_class: bool = False) -> T.Expr | None:
        """An error for a @staticmethod (@classmethod) called on an instance whose class may override it,
        or a @classmethod of a base called on a subclass (its `cls` would be the subclass)."""
        if function in info.classmethods and not function.startswith(f"{info.name}."):
            return self.error(f"{info.name}.{attr}() is a @classmethod of {function.partition('.')[0]}: calling it "
                              "on a subclass is not supported yet by jitcell (its 'cls' would be the subclass)", loc)
        if through_class:
            return None
        family = family_of(self.module.classes, info)
        if len({c.methods.get(attr) for c in family if info.tag <= c.tag <= info.last}) > 1:
            return self.error(f"{attr}() is overridden in a subclass of {info.name}: calling a @staticmethod or "
                              f"@classmethod on an instance is not supported yet there; call {info.name}.{attr}()",
                              loc)
        return None

    def related_operands(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr | None:
        """`a is b`, `a == b` (and negations) between instances of a class and of its subclass (either
        may be `| None`): identity, as the object's `__eq__` is; None if they are not related."""
        names = {_instance_name(e.type) for e in operands}
        if None in names or len(ops) != 1 or ops[0] not in ("is", "is not", "==", "!="):
            return None
        common = self.class_join({Instance(n) for n in names if n is not None})
        if common is None:
            return None
        info = self.module.classes[common.name]
        if ops[0] in ("==", "!=") and any("__eq__" in c.methods for c in family_of(self.module.classes, info)):
            return self.error(f"== between instances of {' and '.join(sorted(n for n in names if n))}, classes with "
                              "@dataclass equality: comparing them is not supported yet by jitcell", loc)
        maybe = any(isinstance(e.type, Optional) for e in operands)
        target: Type = Optional(common) if maybe else common
        same = tuple(self.coerce(e, target, "an operand of 'is'") for e in operands)
        return T.Compare(same, ("==" if ops[0] in ("is", "==") else "!=",), BOOL, loc)

    def super_call(self, node: S.Call) -> T.Expr | None:
        """`super().m(...)` (or `super(B, self).m(...)`) in a method of B: the base's m, not dispatched."""
        func = node.func
        if not (isinstance(func, S.Attribute) and _is_super(func.value) and "super" not in self.locals):
            return None
        found = self._super_method(func)
        if isinstance(found, tuple):
            function, receiver, base = found
            if function in base.properties:
                return self.error(f"'{func.attr}' of {base.name} is a property: read it without calling it", func.loc)
            return self.call_cell(function, node) if function in base.static else \
                self.call_cell(function, node, receiver=receiver)
        return found

    def super_attribute(self, node: S.Attribute) -> T.Expr | None:
        """`super().area` in a method of B: the base's @property getter, else None."""
        if not _is_super(node.value) or "super" in self.locals:
            return None
        found = self._super_method(node)
        if isinstance(found, tuple):
            function, receiver, base = found
            if function not in base.properties:
                return self.error(f"methods are not values in jitcell; call super().{node.attr}(...)", node.loc)
            return self.call_cell(function, S.Call(S.Name(node.attr, node.loc), (), (), node.loc), receiver=receiver)
        return found

    def _super_method(self, func: S.Attribute) -> tuple[str, T.Expr, ClassInfo] | T.Expr:
        """The base's function `super().NAME` names, the instance, the base; or an error."""
        call = func.value
        assert isinstance(call, S.Call)
        fdef = getattr(self, "fdef", None)
        cls = fdef.name.partition(".")[0] if fdef is not None and "." in fdef.name else ""
        info = self.module.classes.get(cls)
        if info is None or fdef is None or not fdef.params or fdef.name in info.static:
            return self.error("super() is supported in the methods of a class (not in its static methods or "
                              "functions) in jitcell", call.loc)
        if call.args and not (len(call.args) == 2 and isinstance(call.args[0], S.Name) and call.args[0].id == cls
                              and isinstance(call.args[1], S.Name) and call.args[1].id == fdef.params[0].name):
            return self.error(f"super() takes no arguments here, or ({cls}, {fdef.params[0].name})", call.loc)
        base = self.module.classes.get(info.base or "")
        function = base.methods.get(func.attr) if base is not None else None
        if base is None or function is None:
            return self.error(f"'super' object has no attribute '{func.attr}'", func.loc)
        return function, self.expr(S.Name(fdef.params[0].name, call.loc)), base

    def exact_class_test(self, e: T.Expr, cls: S.Expr, same: bool, loc: Loc) -> T.Expr | None:
        """`type(x) is C` (`same`) or `is not`, C a class of the cell, else None."""
        if not (isinstance(cls, S.Name) and cls.id in self.module.classes and cls.id not in self.locals):
            return None
        self.module.exact_tested.add(cls.id)  # no class of another cell may derive from it (outer_bases.py)
        if e.type is ERROR:
            return T.Literal(False, ERROR, loc)
        name = _instance_name(e.type)
        info, target = self.module.classes.get(name or ""), self.module.classes[cls.id]
        if info is None or info.family != target.family or not info.tag <= target.tag <= info.last:
            return self.evaluated(e, not same, loc)
        if info.tag == info.last and not isinstance(e.type, Optional):
            return self.evaluated(e, same, loc)
        test = T.ClassTest(e, ((target.tag, target.tag),), False, BOOL, loc, info.ext)
        return test if same else T.Unary("not", test, BOOL, loc)

    def instance_test(self, e: T.Expr, classes_node: S.Expr, loc: Loc) -> T.Expr | None:
        """isinstance(x, C) where C (or one of a tuple of classes) is a class of the cell, else None."""
        parts = _class_parts(classes_node)
        cell = [p for p in parts if isinstance(p, S.Name) and p.id in self.module.classes
                and p.id not in self.locals]
        if not cell:
            return None
        if len(cell) != len(parts):
            return self.error("isinstance() with a tuple of both classes of the cell and builtin classes is not "
                              "supported yet by jitcell", classes_node.loc)
        if e.type is ERROR:
            return T.Literal(False, ERROR, loc)
        name = _instance_name(e.type)
        if name is None or name not in self.module.classes:
            return self.evaluated(e, False, loc)
        info = self.module.classes[name]
        ranges: list[tuple[int, int]] = []
        for part in cell:
            c = self.module.classes[part.id]
            if is_subclass(self.module.classes, name, c.name):
                ranges.append((info.tag, info.last))  # every value of the static class
            elif c.family == info.family and info.tag < c.tag <= info.last:
                ranges.append((c.tag, c.last))
        if any(r == (info.tag, info.last) for r in ranges):
            if isinstance(e.type, Optional):
                return T.IsNone(e, True, BOOL, loc)
            return self.evaluated(e, True, loc)
        if not ranges:
            return self.evaluated(e, False, loc)
        return T.ClassTest(e, tuple(ranges), False, BOOL, loc, info.ext)


def _is_super(node: S.Expr) -> bool:
    return isinstance(node, S.Call) and isinstance(node.func, S.Name) and node.func.id == "super" \
        and not node.keywords


def _class_parts(node: S.Expr) -> list[S.Expr]:
    if isinstance(node, S.Tuple):
        return [p for item in node.elts for p in _class_parts(item)]
    if isinstance(node, S.BinOp) and node.op == "|":
        return _class_parts(node.left) + _class_parts(node.right)
    return [node]
