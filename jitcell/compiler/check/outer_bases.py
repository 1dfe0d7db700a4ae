"""A class deriving from a class of an earlier cell.

    In [1]: %%jit                          In [2]: %%jit
            class Point:                           class Point3(Point):          # Point of In [1]
                def __init__(self, x, y): ...          def __init__(self, x: float, y: float, z: float):
                def norm(self) -> float: ...               super().__init__(x, y)     # through a slot
                                                           self.z = z

In [2] knows Point from In [1]'s manifest (loader/namespace.py hands its rows over): its fields, which
come first in Point3's layout, their defaults, its methods, called through `cell.Point.m` slots
like any function of another cell. Point stands in In [2]'s classes as an *outer* ClassInfo; the
family there is numbered as in a cell (Point 0, Point3 1, ...), and an instance's header holds
both numbers: Point's own, in the high half's low 16 bits, which In [1]'s code reads, and
`ext + tag` above them, which only In [2]'s code (and Python, loader/classes.py) reads. `ext`
is a hash of the family, so that two cells deriving from Point independently rarely clash (the
loader refuses a clash).

In [1] was compiled without knowing Point3, so it calls Point's methods directly: a subclass of
another cell may not override a method the base's cell calls (its row's "calls"), and may not
derive from a class that cell tests exactly (`type(x) is Point`), a @dataclass comparing or
frozen (the row's "closed"). Fields and signatures naming classes stay in their cell.
"""

from __future__ import annotations

import json

from jitcell.compiler import typed as T
from jitcell.compiler.types import Instance, type_from_name, type_from_text
from jitcell.errors import Diagnostic

from .class_info import ClassInfo
from .constants import typed_default

__all__ = ["outer_infos", "number_extensions", "header_tag", "extension_facts",
           "check_extensions", "EXT_SHIFT"]

EXT_SHIFT = 16  # the extension number, above the class's number in its own cell (16 bits each)
_EXT_LIMIT = 1 << 15


def outer_infos(bases: dict[str, dict], callees: dict) -> dict[str, ClassInfo]:
    """name -> ClassInfo of each class of another cell that a class of the cell derives from, with
    its ancestors (root first). `bases`: name -> {"chain": [row, ...]} (loader/namespace.py). A
    special method whose signature names a class is left out (compiled code here does not call it)."""
    infos: dict[str, ClassInfo] = {}
    for base in bases.values():
        for row in base["chain"]:
            if row["name"] in infos:
                continue
            parent = infos.get(row.get("base") or "")
            info = ClassInfo(row["name"], outer=row, outer_tag=row.get("tag", 0), base=row.get("base"))
            if parent is not None:
                info.constants = dict(parent.constants)
                info.methods = dict(parent.methods)
                info.static, info.properties = parent.static, parent.properties
                info.classmethods = parent.classmethods
            info.constants.update((n, _constant(v)) for n, v in row.get("constants", []))
            info.methods.update((m, f) for m, f in row["methods"].items()
                                if not (m.startswith("__") and isinstance(callees.get(f), str)))
            info.static = info.static | frozenset(row.get("static", []))
            info.properties = info.properties | frozenset(row.get("properties", []))
            info.classmethods = info.classmethods | frozenset(row.get("classmethods", []))
            info.frozen = bool(row.get("frozen"))
            defaults = row.get("defaults", {})
            for name, text in row["fields"]:
                t = type_from_text(text)  # None: a class's instances, refused (check_extensions)
                info.fields.append((name, t if t is not None else Instance(text)))
                if name in defaults and t is not None:
                    info.defaults[name] = typed_default(defaults[name], t, info.loc)
            info.initialized = frozenset(n for n, _ in info.fields if n not in defaults)
            infos[row["name"]] = info
    return infos


def number_extensions(classes: dict[str, ClassInfo]) -> None:
    """Each family holding outer classes gets its extension number, a hash of its classes."""
    from hashlib import sha256  # here: importing the checker (a cache hit may) must not load OpenSSL

    families: dict[str, list[ClassInfo]] = {}
    for info in classes.values():
        families.setdefault(info.family, []).append(info)
    for members in families.values():
        if not any(c.outer is not None for c in members):
            continue
        text = json.dumps([[c.name, c.base, c.tag, c.layout(), [c.outer["key"], c.outer["identity"]] if c.outer
                            else None] for c in sorted(members, key=lambda c: c.tag)], sort_keys=True)
        ext = 1 + int(sha256(text.encode()).hexdigest(), 16) % (_EXT_LIMIT - 1 - len(members))
        for info in members:
            info.ext = ext
            at: ClassInfo | None = info
            while at is not None and at.outer is None:
                at = classes.get(at.base or "")
            info.outer_tag = at.outer_tag if at is not None else 0


def header_tag(info: ClassInfo) -> int:
    """What an instance's header holds above its field count (lower/inheritance.py's store_tag)."""
    return info.outer_tag | (info.ext + info.tag) << EXT_SHIFT if info.ext else info.tag


def extension_facts(classes: dict[str, ClassInfo], functions, exact: set[str]) -> dict[str, dict]:
    """What a later cell deriving from a class of this cell must know: the methods this cell calls
    (on any value: "calls"), why none may derive from it ("closed"), and its fields' defaults."""
    called: set[str] = set()
    for fn in functions:
        for node in T.walk(fn.body):
            if isinstance(node, T.CallCell) and "." in node.function:
                cls, _, method = node.function.partition(".")
                if cls in classes and method != "__init__":
                    called.add(method)
    called |= {"__init__" for name in exact if name.endswith(".__init__")}
    facts: dict[str, dict] = {}
    for name, info in classes.items():
        if info.outer is not None:
            continue
        row: dict = {}
        calls = sorted(called & set(info.methods))
        if calls:
            row["calls"] = calls
        closed = ("it is a frozen @dataclass" if info.frozen else
                  "its @dataclass __eq__ compares the class" if f"{name}.__eq__" in info.generated else
                  f"its cell tests type(...) is {name}" if name in exact else None)
        if closed:
            row["closed"] = closed
        defaults = {f: _value(e) for f, e in info.defaults.items()}
        if defaults:
            row["defaults"] = defaults
        facts[name] = row
    return facts


def _value(e: T.Expr):
    """A default as JSON (a tuple as a list: constants.typed_default reads both)."""
    if isinstance(e, T.NoneValue):
        return None
    if isinstance(e, T.Wrap):
        return _value(e.value)
    if isinstance(e, T.MakeTuple):
        return [_value(item) for item in e.items]
    assert isinstance(e, T.Literal)
    return e.value


def check_extensions(classes: dict[str, ClassInfo], callees: dict, errors: list[Diagnostic]) -> None:
    """What a class deriving from another cell's class may not do (the module docstring says why);
    an `__eq__` the cell cannot call would make `==` compare identity."""
    for info in classes.values():
        if info.outer is not None or not info.ext:
            continue
        at: ClassInfo = classes[info.base or ""]
        while at.outer is None:
            at = classes[at.base or ""]
        chain = _ancestors(classes, at)
        if at.name == info.base and not _derivable(info, at, chain, errors):
            continue
        equality = [f for c in chain for m, f in (c.outer or {}).get("methods", {}).items() if m in ("__eq__", "__ne__")
                    and isinstance(callees.get(f), str)] if at.name == info.base else []
        if equality:
            errors.append(Diagnostic(f"class {info.name}: {equality[0]} returns or takes a class's instance other than "
                                     f"{at.name}'s family, which a class of another cell cannot call yet: deriving "
                                     f"from {at.name} here would compare instances by identity", info.loc))
            continue
        calls = {m for c in chain for m in (c.outer or {}).get("calls", [])}
        for method, function in info.methods.items():
            inherited = at.methods.get(method)
            if inherited is None or not function.startswith(f"{info.name}.") or method not in calls:
                continue
            errors.append(Diagnostic(
                f"{function} overrides {inherited}, which the cell that defines {at.name} calls: that cell was "
                f"compiled before {info.name} and would call {inherited} on a {info.name} too; overriding a method "
                "that the base's cell calls is not supported yet for a class of another cell", info.loc))


def _derivable(info: ClassInfo, base: ClassInfo, chain: list[ClassInfo], errors: list[Diagnostic]) -> bool:
    assert base.outer is not None
    if base.outer.get("ext"):
        errors.append(Diagnostic(f"class {info.name}: its base {base.name} derives from a class of another cell "
                                 "itself; a class deriving from it in a third cell is not supported yet by jitcell",
                                 info.loc))
        return False
    for c in chain:
        assert c.outer is not None
        if c.outer.get("closed"):
            errors.append(Diagnostic(f"class {info.name}: a class of another cell cannot derive from {c.name} yet: "
                                     f"{c.outer['closed']}", info.loc))
            return False
        typed = [f"{f}: {t}" for f, t in c.outer["fields"] if _names_class(t)]
        if typed:
            errors.append(Diagnostic(f"class {info.name}: its base {c.name}, a class of another cell, has a field "
                                     f"holding instances ({typed[0]}); deriving from it in another cell is not "
                                     "supported yet by jitcell", info.loc))
            return False
    return True


def _constant(value):
    return tuple(_constant(v) for v in value) if isinstance(value, list) else value


def _ancestors(classes: dict[str, ClassInfo], info: ClassInfo) -> list[ClassInfo]:
    found = []
    at: ClassInfo | None = info
    while at is not None and at.outer is not None:
        found.append(at)
        at = classes.get(at.base or "")
    return found


def _names_class(type_text: str) -> bool:
    inner = type_text.removesuffix(" | None")
    if type_from_text(type_text) is not None or type_from_name(inner) is not None:
        return False
    return True

