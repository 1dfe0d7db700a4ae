"""The classes of a cell as Python sees them: a Python class per compiled class, whose instances
wrap runtime objects (runtime/source_instances.py) and read and write their fields in place.

    >>> p = lib.classes["Point"](1.0, 2.0)     # the compiled constructor (a function "Point")
    >>> p, p.x, isinstance(p, lib.classes["Point"])
    (Point(x=1.0, y=2.0), 1.0, True)
    >>> p.x = "a"
    TypeError: field 'x' of Point must be float, not str

A wrapper holds one reference to its object and releases it when Python frees the wrapper.
The same object gives back the same wrapper while one lives (`n.left is n.left`), and a wrapper
passes into compiled functions as the object's address (`_as_parameter_`), with no conversion.

A class's layout (its fields and their types, in order) is part of its identity: the Python
class is shared by every library whose manifest declares the same name and layout (a cell run
again, a cache hit in a new process), and another layout makes another class. A function's
wrapper accepts exactly its own class and its subclasses (`_jc_accepts`), so an instance of an earlier definition
of Point, whose fields differ, is refused with a TypeError rather than read with the wrong
layout. The manifest's `classes` rows are checked like the rest of it (`check`).

A class with a base (`class Circle(Shape):`, a row with "base") is a Python subclass of its base's
Python class. The classes of one root are a family; each has a number in it ("tag", in the
instance's header: compiler/lower/inheritance.py), and the whole family (names, bases, layouts, in
order) is part of each member's identity, since compiled code dispatches methods by that number.
A function taking a Shape accepts an instance of any class of its family below Shape.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import keyword
import reprlib

from jitcell import runtime
from jitcell.dtypes import DTYPES
from jitcell.errors import LinkageError

from .signing import digest

__all__ = ["check", "is_class_type", "bind_classes", "registry_key", "family_identity", "attach", "wrapper_lines",
           "refused_lines", "wrapper_namespace", "Instances",
           "result_expression", "JitInstance", "LAYOUT_IDENTITY"]

_FIELDS = 32  # the offset of an instance's first field (runtime/source_instances.py)
_MAX_FIELDS = 64
_SCALARS: dict[str, type[ctypes.c_int64] | type[ctypes.c_double]] = {"int": ctypes.c_int64, "float": ctypes.c_double}
_BUILTIN = frozenset({"int", "float", "bool", "str", "complex", "None", "tuple", "list", "dict", "set", *DTYPES,
                      "Callable"})  # Callable[[A], R]: a function value (loader/callables.py)


def is_class_type(type_name: str) -> bool:
    """"Point" or "Point | None": an instance of a class of a cell (what else jitcell spells is not a bare name)."""
    name = type_name.removesuffix(" | None")
    return name.isidentifier() and not keyword.iskeyword(name) and name not in _BUILTIN


def _classes_inside(type_name: str) -> bool:
    """A list, dict, set or tuple holding instances: compiled code only, yet."""
    for word in type_name.replace("[", " ").replace("]", " ").replace(",", " ").replace("|", " ").split():
        if is_class_type(word) and word != type_name.removesuffix(" | None"):
            return True
    return False


# ---- the manifest's classes ------------------------------------------------------------------


def check(manifest: dict, parse_type, fail) -> None:
    """The `classes` rows (name, fields [[name, type]], static methods), and that every class a
    type names is one of them. `fail(where, message)` makes the exception to raise."""
    rows = manifest.get("classes", [])
    if not isinstance(rows, list):
        raise fail("classes", "not a list")
    declared: set[str] = set()
    for i, row in enumerate(rows):
        where = f"classes[{i}]"
        if not isinstance(row, dict) or set(row) - {"properties", "base", "tag", "classmethods", "frozen",
                                                    "constants", *_OUTER} != {"name", "fields", "static"} \
                or row.get("frozen", True) is not True:
            raise fail(where, "not an object of name, fields, static (and properties, base, tag, classmethods, "
                              "frozen, constants, calls, closed, defaults, outer, ext)")
        _check_outer(row, where, fail)
        name = row["name"]
        if not isinstance(name, str) or not is_class_type(name) or name in declared:
            raise fail(f"{where}.name", "not a class name, or declared twice")
        fields = row["fields"]
        _check_base(row, where, rows[:i], declared, fail)
        declared.add(name)
        if not isinstance(fields, list) or len(fields) > _MAX_FIELDS:
            raise fail(f"{where}.fields", "not a list of at most 64 fields")
        seen = set()
        for k, field in enumerate(fields):
            if not (isinstance(field, list) and len(field) == 2 and all(isinstance(x, str) for x in field)
                    and field[0].isidentifier() and parse_type(field[1]) is not None and field[0] not in seen):
                raise fail(f"{where}.fields[{k}]", "not a [name, type] pair of a new field")
            seen.add(field[0])
        constants = row.get("constants", [])
        if not isinstance(constants, list) or not all(
                isinstance(c, list) and len(c) == 2 and isinstance(c[0], str) and c[0].isidentifier()
                and c[0] not in seen and _is_constant(c[1]) for c in constants):
            raise fail(f"{where}.constants", "not a list of [name, value] pairs of class constants (an int of 64 "
                                             "bits, a float, bool or str, or a list of them)")
        for kind in ("static", "properties", "classmethods"):
            methods = row.get(kind, [])
            if not isinstance(methods, list) or not all(isinstance(m, str) and m.startswith(name + ".")
                                                        for m in methods):
                raise fail(f"{where}.{kind}", "not a list of this class's methods")
    families: dict[str, list[int]] = {}
    for row in rows:
        families.setdefault(_root(row, rows), []).append(row.get("tag", 0))
    for root, tags in families.items():
        if sorted(tags) != list(range(len(tags))):
            raise fail("classes", f"the classes deriving from {root} are not numbered 0..{len(tags) - 1}")
    for where, type_name in _type_names(manifest):
        for word in type_name.replace("[", " ").replace("]", " ").replace(",", " ").replace("|", " ").split():
            if is_class_type(word) and word not in declared:
                raise fail(where, f"the class {word} is not declared in this manifest")
    for i, row in enumerate(manifest.get("functions", [])):
        name = row.get("name", "") if isinstance(row, dict) else ""
        cls, dot, method = name.partition(".")
        if dot and (cls not in declared or not method.isidentifier()):
            raise fail(f"functions[{i}].name", f"{name!r} is not a method of a class of this manifest")


_OUTER = ("calls", "closed", "defaults", "outer", "ext")  # a class of another cell, and what such a class needs


def _check_outer(row: dict, where: str, fail) -> None:
    """The keys about classes of other cells (compiler/check/outer_bases.py)."""
    if not isinstance(row.get("calls", []), list) or not all(isinstance(m, str) for m in row.get("calls", [])):
        raise fail(f"{where}.calls", "not a list of method names")
    if not isinstance(row.get("closed", ""), str) or not isinstance(row.get("defaults", {}), dict):
        raise fail(where, "closed is not a string, or defaults not an object")
    ext = row.get("ext", 1)
    if not isinstance(ext, int) or isinstance(ext, bool) or not 0 < ext < 1 << 15 or ("ext" in row and
                                                                                    "outer" in row):
        raise fail(f"{where}.ext", "not an extension number (1..32767) of a class that is not of another cell")
    outer = row.get("outer")
    if outer is not None and not (isinstance(outer, dict) and set(outer) == {"tag", "key", "identity"}
                                  and isinstance(outer["tag"], int) and 0 <= outer["tag"] < 1 << 16
                                  and isinstance(outer["identity"], str)):
        raise fail(f"{where}.outer", "not the number, key and identity of a class of another cell")


def _is_constant(value, depth: int = 0) -> bool:
    """A class constant's value as the manifest's JSON holds it (a tuple as a list)."""
    if type(value) is int:
        return -(2**63) <= value < 2**63
    if type(value) in (float, bool, str):
        return True
    return type(value) is list and 0 < len(value) <= 4096 and depth < 8 and all(
        _is_constant(v, depth + 1) for v in value)


def _constant(value):
    return tuple(_constant(v) for v in value) if type(value) is list else value


def _check_base(row: dict, where: str, before: list, declared: set[str], fail) -> None:
    """A base is a class declared before, whose fields come first; a tag numbers a class of a family."""
    base = row.get("base")
    tag = row.get("tag", 0)
    if not isinstance(tag, int) or isinstance(tag, bool) or not 0 <= tag < 1 << 15 or (tag == 0) != (base is None):
        raise fail(f"{where}.tag", "not the number of a subclass (0 for a class without a base)")
    if base is None:
        return
    if base not in declared:
        raise fail(f"{where}.base", "not a class declared before it")
    parent = next(r for r in before if r["name"] == base)
    if not isinstance(row["fields"], list) or row["fields"][:len(parent["fields"])] != parent["fields"]:
        raise fail(f"{where}.fields", f"does not begin with the fields of its base {base}")
    if tag in {r.get("tag", 0) for r in before if _root(r, before) == _root(parent, before)}:
        raise fail(f"{where}.tag", "the number of another class of its family")


def _root(row: dict, rows: list) -> str:
    while row.get("base") is not None:
        row = next(r for r in rows if r["name"] == row["base"])
    return row["name"]


def _type_names(manifest: dict):
    for i, row in enumerate(manifest.get("functions", [])):
        if isinstance(row, dict):
            for k, param in enumerate(row.get("params", [])):
                if isinstance(param, list) and len(param) == 2 and isinstance(param[1], str):
                    yield f"functions[{i}].params[{k}]", param[1]
            if isinstance(row.get("returns"), str):
                yield f"functions[{i}].returns", row["returns"]
    for i, row in enumerate(manifest.get("classes", [])):
        for k, field in enumerate(row["fields"]):
            yield f"classes[{i}].fields[{k}]", field[1]


# ---- Python's classes ------------------------------------------------------------------------

_REGISTRY: dict[tuple, type] = {}  # (name, layout, family) -> its Python class
# The protection: a class's layout is part of its identity. Switched off (tests only), classes of one
# name are one class, and an instance of an earlier layout would reach code compiled for the new one.
LAYOUT_IDENTITY = True


class JitInstance:
    """An instance of a compiled class: the runtime object at `_jc_address`, one reference held."""

    __slots__ = ("_jc_address", "__weakref__")
    _jc_fields: dict[str, tuple[int, str]] = {}  # name -> (index, type)
    _jc_layout: tuple[tuple[str, str], ...] = ()
    _jc_wrappers: dict  # address -> its wrapper (__del__ takes the entry out)
    _jc_constructor = None
    _jc_library = None  # the library whose functions its methods are, last bound (bind.py)
    _jc_family: tuple[type, ...] = ()  # the classes of its family, by tag
    _jc_accepts: frozenset[type] = frozenset()  # itself and its subclasses in its family (_Accepts: and later cells')
    _jc_extensions: dict[int, type] = {}  # the family's classes of later cells, by extension number

    def __new__(cls, *args, **kwargs):
        if cls._jc_constructor is None:
            raise TypeError(f"cannot create '{cls.__name__}' instances: the cell that defines it is not loaded")
        return cls._jc_constructor(*args, **kwargs)

    @classmethod
    def _jc_wrap(cls, address: int | None, owned: bool = True):
        """The wrapper of the object at `address` (owned: the reference becomes the wrapper's), of
        the object's own class: a subclass of cls where its header's tag says so."""
        if not address:
            return None
        if cls._jc_extensions or len(cls._jc_family) > 1:  # the object's own class: its header's number
            word = ctypes.c_int64.from_address(address + 24).value
            if word >> 48:  # a class of a later cell deriving from this family (compiler/check/outer_bases.py)
                cls = cls._jc_extensions.get(word >> 48, cls)
            elif len(cls._jc_family) > 1:
                cls = cls._jc_family[word >> 32 & 0xFFFF]
        ref = cls._jc_wrappers.get(address)
        existing = ref() if ref is not None else None
        if existing is not None:
            if owned:
                runtime.function("obj_release")(address)
            return existing
        if not owned:
            runtime.function("obj_retain")(address)
        made = object.__new__(cls)
        _ADDRESS.__set__(made, address)  # the slot itself, not __setattr__'s checks
        import weakref  # a cache hit of a cell without instances does not pay for it

        cls._jc_wrappers[address] = weakref.ref(made)
        return made

    @property
    def _as_parameter_(self) -> int:  # ctypes passes the address
        return self._jc_address

    def __del__(self):
        try:
            address = _ADDRESS.__get__(self)
        except AttributeError:  # never set: object.__new__ failed
            return
        if address:
            _ADDRESS.__set__(self, 0)
            wrappers = type(self)._jc_wrappers
            ref = wrappers.get(address)
            if ref is not None and ((held := ref()) is None or held is self):
                del wrappers[address]  # (a collected cycle clears the weak reference first)
            with contextlib.suppress(Exception):  # at interpreter exit, the runtime may be gone already
                runtime.function("obj_release")(address)

    def __getattr__(self, name: str):
        field = type(self)._jc_fields.get(name)
        if field is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return _read(self._jc_address + _FIELDS + 8 * field[0], field[1], type(self), name)

    def __setattr__(self, name: str, value) -> None:
        if name == "_jc_address":
            object.__setattr__(self, name, value)
            return
        field = type(self)._jc_fields.get(name)
        if field is None and isinstance(getattr(type(self), name, None), property):
            getattr(type(self), name).__set__(self, value)  # its setter, or Python's AttributeError
            return
        if field is None:
            raise AttributeError(f"'{type(self).__name__}' object has no field '{name}' (a compiled class's "
                                 "instances hold the fields their class declares)")
        _write(self._jc_address + _FIELDS + 8 * field[0], field[1], value, type(self), name)

    def __dir__(self):
        return [*object.__dir__(self), *type(self)._jc_fields]

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self)._jc_fields)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self):
        """pickle: the class's constructor (a JitFunction, which travels with its cell's library,
        parcels.py), then the fields' values as state, set after the blank instance exists (so
        instances that refer to each other, even in a cycle, arrive as one graph)."""
        import pickle

        cls = type(self)
        constructor = cls._jc_constructor
        if getattr(getattr(constructor, "library", None), "recipe", None) is None:
            raise pickle.PicklingError(f"cannot pickle '{cls.__name__}' instances: the cell that defines the class "
                                       "was not compiled by compile_cell, so it cannot travel")
        for name, type_name in cls._jc_layout:
            if not _travels(type_name):
                raise pickle.PicklingError(f"cannot pickle '{cls.__name__}' instances: field '{name}' is a "
                                           f"{type_name}, which Python cannot read or write yet")
        return _blank_instance, (constructor, cls.__name__), tuple(getattr(self, name) for name, _ in cls._jc_layout)

    def __setstate__(self, state: tuple) -> None:
        cls = type(self)
        if not isinstance(state, tuple) or len(state) != len(cls._jc_layout):
            raise TypeError(f"the pickled state of a '{cls.__name__}' instance does not match its fields")
        for k, ((name, type_name), value) in enumerate(zip(cls._jc_layout, state, strict=True)):
            _write(self._jc_address + _FIELDS + 8 * k, type_name, value, cls, name)  # checked as an assignment


_ADDRESS = JitInstance.__dict__["_jc_address"]  # the slot's descriptor


def _travels(type_name: str) -> bool:
    """Whether a field of this type pickles: what Python reads and writes (numbers, str, instances)."""
    inner = type_name.removesuffix(" | None")
    return inner in ("int", "float", "bool", "str") or is_class_type(inner) or _boxed(inner)


def object_mask(layout) -> int:
    """Bit k set: field k holds an object the instance owns (what compiled code's `New` stores)."""
    return sum(1 << k for k, (_, t) in enumerate(layout) if t not in _SCALARS and t != "bool")


def _blank_instance(constructor, name: str) -> JitInstance:
    """pickle.loads' way back: an instance of `name`, the class of `constructor`'s cell, its fields
    zero (None) until __setstate__ writes the pickled values."""
    cls = constructor.library.classes[name]
    words = len(cls._jc_layout)
    address = runtime.call("inst_new", words, object_mask(cls._jc_layout))
    if not address:
        raise MemoryError(f"no memory for a '{name}' instance")
    tag = cls._jc_family.index(cls) if cls._jc_family else cls.__dict__.get("_jc_tag_word", 0)
    ctypes.c_int64.from_address(address + 24).value = words | tag << 32
    return cls._jc_wrap(address)


def _class_of(type_name: str, owner: type) -> type[JitInstance]:
    """The Python class a field's type names: the owner's module of classes (its `_jc_peers`)."""
    return owner._jc_peers[type_name]  # type: ignore[attr-defined]


def _read(at: int, type_name: str, owner: type, name: str):
    if type_name in _SCALARS:
        return _SCALARS[type_name].from_address(at).value
    if type_name == "bool":
        return ctypes.c_int64.from_address(at).value != 0
    address = ctypes.c_void_p.from_address(at).value
    inner = type_name.removesuffix(" | None")
    if not address:
        if inner != type_name:
            return None
        raise AttributeError(f"'{owner.__name__}' object has no attribute '{name}'")
    if inner == "str":
        return runtime.read_str(address)
    if is_class_type(inner):
        return _class_of(inner, owner)._jc_wrap(address, owned=False)
    from jitcell.runtime.lists import Boundary

    runtime.call("obj_retain", address)  # a copy: Boundary.result releases what it converts
    instances = Instances(owner._jc_peers, {}) if _classes_inside(inner) else None  # type: ignore[attr-defined]
    if _boxed(inner):  # a list of one item (lower/classes.py)
        return Boundary(f"{owner.__name__}.{name}", instances).result(address, f"list[{inner}]")[0]
    return Boundary(f"{owner.__name__}.{name}", instances).result(address, inner)


def _write(at: int, type_name: str, value, owner: type, name: str) -> None:
    inner = type_name.removesuffix(" | None")
    what = f"field '{name}' of {owner.__name__}"
    if value is None and inner != type_name:
        old = ctypes.c_void_p.from_address(at).value
        ctypes.c_void_p.from_address(at).value = None
        if old:
            runtime.call("obj_release", old)
        return
    if type_name == "int" and type(value) in (int, bool) and -2**63 <= value < 2**63:
        ctypes.c_int64.from_address(at).value = int(value)
    elif type_name == "float" and type(value) in (int, float, bool):
        ctypes.c_double.from_address(at).value = float(value)
    elif type_name == "bool" and type(value) is bool:
        ctypes.c_int64.from_address(at).value = int(value)
    elif inner == "str" and isinstance(value, str):
        _replace(at, runtime.new_str(value))
    elif is_class_type(inner) and value.__class__ in _class_of(inner, owner)._jc_accepts:
        address = value._jc_address  # type: ignore[attr-defined]
        runtime.call("obj_retain", address)
        _replace(at, address)
    elif _boxed(inner):
        _replace(at, _new_box(value, inner, what, owner))
    elif inner.startswith(("list[", "dict[", "set[")):
        raise AttributeError(f"{what} is a {type_name}: assigning it from Python is not supported yet (change "
                             f"its items in compiled code)")
    else:
        raise TypeError(f"{what} must be {type_name}, not {type(value).__name__}")


def _boxed(type_name: str) -> bool:
    """A tuple or complex field: its word holds a box, a list of one item (lower/classes.py)."""
    return type_name == "complex" or type_name.startswith("tuple[") and not type_name.endswith(", ...]")


def _new_box(value, type_name: str, what: str, owner: type) -> int:
    """A new box (owned by the caller) holding `value`, converted as a list argument's item is."""
    from jitcell.runtime.lists import Boundary

    boundary = Boundary(what, Instances(owner._jc_peers, {}) if _classes_inside(type_name)  # type: ignore[attr-defined]
                        else None)
    try:
        box = boundary.argument([value], f"list[{type_name}]", what)
    except TypeError:
        raise TypeError(f"{what} must be {type_name}, not {_shown_type(value)}") from None
    runtime.call("obj_retain", box)  # ours, beyond the boundary's
    boundary.close(reflect=False)
    boundary.finish()
    return box


def _shown_type(value) -> str:
    if isinstance(value, tuple):
        return f"tuple[{', '.join(type(v).__name__ for v in value)}]"
    return type(value).__name__


def _replace(at: int, address: int) -> None:
    old = ctypes.c_void_p.from_address(at).value
    ctypes.c_void_p.from_address(at).value = address
    if old:
        runtime.call("obj_release", old)


def registry_key(rows: list[dict], row: dict) -> tuple:
    """The identity of a class's Python class: its name, layout and (in a family) the family's."""
    layout = tuple((f, t) for f, t in row["fields"])
    family = [r for r in rows if _root(r, rows) == _root(row, rows)]
    kin = tuple(sorted(((r["name"], r.get("base"), r.get("tag", 0), tuple(map(tuple, r["fields"])),
                         json.dumps(r.get("outer"), sort_keys=True)) for r in family), key=lambda r: r[2]))
    return row["name"], layout if LAYOUT_IDENTITY else (), kin if len(kin) > 1 and LAYOUT_IDENTITY else ()


def family_identity(manifest: dict, name: str) -> str:
    """A digest of the rows of the family of class `name` in `manifest` (layouts, numbers, the methods
    the cell calls...): what a class of a later cell deriving from it was compiled against."""
    rows = manifest.get("classes", [])
    row = next(r for r in rows if r["name"] == name)
    family = [r for r in rows if _root(r, rows) == _root(row, rows)]
    return digest(json.dumps(family, sort_keys=True).encode(), 16)  # 32 hex digits


def _tuples(value):
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def bind_classes(library) -> dict[str, type]:
    """The Python class of each class the library's manifest declares (shared by equal layouts, and
    for a family, equal families). A row with "outer" is a class of another cell that one of them
    derives from: its Python class must exist already (that cell is loaded)."""
    rows = library.manifest.get("classes", [])
    bases = {row["name"]: row.get("base") for row in rows}
    families: dict[str, list[dict]] = {}
    for row in rows:
        families.setdefault(_root(row, rows), []).append(row)
    made: dict[str, type] = {}
    outer: dict[str, type] = {}
    for row in rows:
        if "outer" in row:
            found = _REGISTRY.get(_tuples(row["outer"]["key"]))
            if found is None:
                raise LinkageError(f"this cell uses the class {row['name']} of another cell, which is not loaded here "
                                   f"(is this a new kernel?); run the cell that defines {row['name']} first")
            made[row["name"]] = outer[row["name"]] = found
            continue
        key = registry_key(rows, row)
        cls = _REGISTRY.get(key)
        if cls is None:
            base = made[bases[row["name"]]] if bases[row["name"]] is not None else JitInstance
            layout = tuple((f, t) for f, t in row["fields"])
            cls = type(row["name"], (base,), {
                "__slots__": (), "__module__": "__jitcell__", "__qualname__": row["name"],
                "_jc_fields": {f: (k, t) for k, (f, t) in enumerate(layout)}, "_jc_layout": layout,
                "_jc_wrappers": {}, "_jc_peers": {}})
            _REGISTRY[key] = cls
        made[row["name"]] = cls
        for name, value in row.get("constants", []):  # class constants, as Python's class has them
            setattr(cls, name, _constant(value))
    own = {n: c for n, c in made.items() if n not in outer}
    library.outer_classes = outer  # the wrappers of functions taking or returning them name them too
    for cls in own.values():
        cls._jc_peers.update(made)  # type: ignore[attr-defined]
    for row in rows:  # an inherited @classmethod would make the base's class: refused, as compiled code does
        if "outer" in row:
            continue
        base = bases[row["name"]]
        while base is not None:
            for function in next(r for r in rows if r["name"] == base).get("classmethods", []):
                setattr(made[row["name"]], function.partition(".")[2], _refused_classmethod(row["name"], function))
            base = bases[base]
    for members in families.values():
        family = tuple(made[r["name"]] for r in sorted(members, key=lambda r: r.get("tag", 0)))
        if all("outer" in r for r in members):  # a family of another cell, used here (outer_classes.py)
            continue
        if any("outer" in r for r in members):
            _extend(family, members, outer)
            continue
        extensions = family[0].__dict__.get("_jc_extensions")
        for member in family:
            member._jc_family = family  # type: ignore[attr-defined]
            member._jc_extensions = extensions if extensions is not None else {}  # type: ignore[attr-defined]
            member._jc_accepts = frozenset(c for c in family if issubclass(c, member))  # type: ignore[attr-defined]
    return own


def _extend(family: tuple[type, ...], members: list[dict], outer: dict[str, type]) -> None:
    """A family reaching into another cell: its classes join the extensions of the outer classes'
    family, by their numbers, and the outer classes accept their instances."""
    root = next(c for c in family if c.__name__ in outer)
    extensions = root._jc_extensions  # type: ignore[attr-defined]
    for cls, row in zip(family, sorted(members, key=lambda r: r.get("tag", 0)), strict=True):
        if "outer" in row:
            continue
        held = extensions.get(row["ext"])
        if held is not None and held is not cls:
            raise LinkageError(f"class {cls.__name__} of this cell and class {held.__name__} of another cell both "
                               f"derive from {root.__name__} and were given the same number ({row['ext']}); rename "
                               f"{cls.__name__} (jitcell numbers such classes by a hash)")
        extensions[row["ext"]] = cls
        at = row
        while "outer" not in at:
            at = next(r for r in members if r["name"] == at["base"])
        cls._jc_tag_word = at["outer"]["tag"] | row["ext"] << 16  # type: ignore[attr-defined]  # as compiled code's
        cls._jc_extensions = extensions  # type: ignore[attr-defined]
        cls._jc_family = ()  # type: ignore[attr-defined]
        cls._jc_accepts = frozenset(c for c in family if issubclass(c, cls))  # type: ignore[attr-defined]
    identity = next(r["outer"]["identity"] for r in members if "outer" in r)
    for base in set(outer.values()):
        for ancestor in base.__mro__:
            if issubclass(ancestor, JitInstance) and ancestor is not JitInstance:
                later = ancestor.__dict__.get("_jc_later")
                if later is None:
                    later = ancestor._jc_later = {}  # type: ignore[attr-defined]
                later.setdefault(identity, set()).update(c for c in family if issubclass(c, ancestor)
                                                         and c.__name__ not in outer)


class _Accepts:
    """What a function's parameter of a class takes: the class and its subclasses in its family, and
    the classes of later cells deriving from it that were compiled against the family of this
    function's library (another definition's numbers or calls would be wrong for them)."""

    __slots__ = ("own", "cls", "manifest", "name", "later")

    def __init__(self, cls: type, manifest: dict, name: str):
        self.own = cls._jc_accepts or frozenset({cls})  # type: ignore[attr-defined]
        self.cls, self.manifest, self.name = cls, manifest, name
        self.later: set | None = None

    def __contains__(self, cls) -> bool:
        if cls in self.own:
            return True
        if self.later is None:  # the first instance of another class: the family's digest, once
            later = self.cls.__dict__.get("_jc_later")
            if later is None:
                later = self.cls._jc_later = {}  # type: ignore[attr-defined]
            self.later = later.setdefault(family_identity(self.manifest, self.name), set())
        return cls in self.later


def _refused_classmethod(cls: str, function: str) -> staticmethod:
    def refused(*args, **kwargs):
        raise TypeError(f"{cls}.{function.partition('.')[2]}() is a @classmethod of {function.partition('.')[0]}: "
                        "calling it on a subclass is not supported yet by jitcell (its 'cls' would be the subclass)")

    return staticmethod(refused)


def attach(classes: dict[str, type], functions: dict, static: set[str], properties: set[str],
           frozen: frozenset[str] = frozenset()) -> None:
    """The constructor ("Point") and methods ("Point.norm") of the library, as the classes' own:
    taken out of `functions`, so they are not names of the cell. An operator's method returns
    NotImplemented for an operand its parameter does not take (so Python tries the reflected one, or
    raises its TypeError), as compiled code decides statically (check/dunders.py). A class shared
    with an earlier library of the same layout loses what that library attached to it (methods,
    properties, special methods): a method the new cell no longer defines is gone from Python too."""
    for cls in classes.values():
        for attached in cls.__dict__.get("_jc_attached", ()):
            delattr(cls, attached)
        cls._jc_attached = set()  # type: ignore[attr-defined]
    declining = {name.replace(_DECLINED, ".", 1) for name in functions if _DECLINED in name}
    for name in list(functions):
        cls_name, dot, method = name.partition(".")
        if cls_name not in classes:
            continue
        fn = functions.pop(name)
        cls = classes[cls_name]
        if not dot:
            cls._jc_constructor = fn  # type: ignore[attr-defined]
        elif method.startswith("_jc_"):  # sorted() of instances in compiled code (parse_dunders.py)
            continue
        elif name in static:
            _attach(cls, method, staticmethod(fn))
        elif name in properties:  # with its setter, if the class has one (parse_classes.setter_name)
            _attach(cls, method, property(fn, _method(functions[f"{cls_name}.__setter_{method}"])
                                          if f"{cls_name}.__setter_{method}" in functions else None, doc=fn.__doc__))
        elif method in _OPERANDS:
            _attach(cls, method, _operator(fn, cls, method in _COMPARISONS, name in declining))
            if method == "__eq__":  # unhashable, as Python makes a class defining __eq__ (and @dataclass, eq=True)
                _attach(cls, "__hash__", _field_hash if cls_name in frozen else None)
        elif method != "__init__":
            _attach(cls, method, _method(fn))
    for cls_name in frozen:
        _attach(classes[cls_name], "__setattr__", _frozen_setattr)
        _attach(classes[cls_name], "__delattr__", _frozen_delattr)


def _attach(cls: type, name: str, value) -> None:
    setattr(cls, name, value)
    cls._jc_attached.add(name)  # type: ignore[attr-defined]


_DECLINED = "._jc_declined"  # the helper of a method that may return NotImplemented (compiler/parse_declines.py)
_COMPARISONS = frozenset({"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"})
_OPERANDS = frozenset({f"__{p}{name}__" for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow",
                                                    "matmul", "and", "or", "xor", "lshift", "rshift")
                       for p in ("", "r", "i")} | {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"})


def _operator(fn, cls: type, exact: bool = False, declines: bool = False):
    """A binary method that returns NotImplemented where its second parameter does not take `other`
    (`exact`: a comparison with its own class, which takes only its own class's instances, as
    @dataclass's do), and where its compiled code does (`declines`: it returns None for it,
    compiler/parse_declines.py)."""
    (_, type_name) = fn.params[1] if len(fn.params) > 1 else ("", "")
    exact = exact and type_name.removesuffix(" | None") == cls.__name__

    def method(self, other):
        if exact and is_class_type(type_name) and other is not None and other.__class__ is not self.__class__:
            return NotImplemented
        if not _takes(type_name, other, cls):
            return NotImplemented
        result = fn(self, other)
        return NotImplemented if declines and result is None else result

    method.__name__ = method.__qualname__ = fn.__name__
    method.__doc__ = fn.__doc__
    return method


def _takes(type_name: str, value, owner: type) -> bool:
    """Does a parameter of type `type_name` take `value` (as the wrapper converts arguments)?"""
    if type_name == "int":
        return type(value) in (int, bool)
    if type_name == "float":
        return type(value) in (int, float, bool)
    if type_name == "bool":
        return type(value) is bool
    if type_name == "str":
        return isinstance(value, str)
    if is_class_type(type_name):
        inner = type_name.removesuffix(" | None")
        return isinstance(value, _class_of(inner, owner)) if value is not None else inner != type_name
    return True  # the wrapper checks the rest, and raises its TypeError


def _field_hash(self) -> int:  # a frozen @dataclass's: its fields' tuple
    return hash(tuple(getattr(self, name) for name in type(self)._jc_fields))


def _frozen_setattr(self, name: str, value) -> None:
    if name == "_jc_address":
        object.__setattr__(self, name, value)
        return
    import dataclasses

    raise dataclasses.FrozenInstanceError(f"cannot assign to field '{name}'")


def _frozen_delattr(self, name: str) -> None:
    import dataclasses

    raise dataclasses.FrozenInstanceError(f"cannot delete field '{name}'")


def _method(fn):
    def method(self, *args, **kwargs):
        return fn(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = fn.__name__
    method.__doc__ = fn.__doc__
    return method


# ---- the wrappers of functions ---------------------------------------------------------------


def wrapper_lines(p: str, t: str, shown: str) -> tuple[list[str], list[str]]:
    """The wrapper's lines that check an instance argument (its own class exactly), and what it passes."""
    inner = t.removesuffix(" | None")
    maybe = f"{p} is not None and " if inner != t else ""
    return [f"    if {maybe}{p}.__class__ not in jc__accepts_{inner}: jc__not_instance({p}, {shown!r}, {t!r}, "
            f"jc__class_{inner})"], [p]


def refused_lines(info: dict) -> list[str]:
    """A function taking or returning a function value that takes or returns instances cannot be called
    from Python yet (compiled callers pass and take them): its wrapper raises before the call."""
    for name, t in [*info["params"], ("the result", info["returns"])]:
        if t.startswith("Callable[") and _classes_inside(t):
            what = "returns" if name == "the result" else f"takes {name!r} as"
            message = (f"{info['name']}() {what} {t}: functions taking or returning instances cannot cross between "
                       "Python and compiled code yet (call it from compiled code)")
            return [f"    raise TypeError({message!r})"]
    return []


class Instances:
    """The instances inside lists, dicts and tuples at the boundary (runtime/lists.py's protocol): an
    item is taken if its class is one the parameter's class accepts (as a bare argument is), and an
    address read back is the object's wrapper, of its own class."""

    __slots__ = ("classes", "accepts")

    def __init__(self, classes: dict[str, type[JitInstance]], accepts: dict):
        self.classes, self.accepts = classes, accepts

    def address(self, item, name: str) -> int | str:
        accepts = self.accepts.get(name)
        if accepts is None:
            accepts = self.accepts[name] = self.classes[name]._jc_accepts or frozenset({self.classes[name]})
        if item.__class__ in accepts:
            return item._jc_address
        if type(item).__name__ == name and isinstance(item, JitInstance):
            return (f"an instance of an earlier definition of {name} whose fields differ "
                    f"({', '.join(f'{f}: {t}' for f, t in type(item)._jc_layout)}; now "
                    f"{', '.join(f'{f}: {t}' for f, t in self.classes[name]._jc_layout)})")
        return type(item).__name__

    def wrap(self, address: int, name: str):
        return self.classes[name]._jc_wrap(address, owned=False)

    def taken(self, name: str) -> frozenset[type]:
        return self.classes[name]._jc_accepts or frozenset({self.classes[name]})


def wrapper_namespace(library, function: str) -> dict:
    outer = set(getattr(library, "outer_classes", {}).values())
    classes = {**getattr(library, "outer_classes", {}), **getattr(library, "classes", {})}
    names: dict = {f"jc__class_{n}": cls for n, cls in classes.items()}
    names.update({f"jc__wrap_{n}": cls._jc_wrap for n, cls in classes.items()})
    names.update({f"jc__accepts_{n}": _Accepts(cls, library.manifest, n) for n, cls in classes.items()})

    def not_instance(value, param: str, type_name: str, cls: type) -> None:
        if type(value).__name__ == cls.__name__ and isinstance(value, JitInstance):
            raise TypeError(f"{function}() argument '{param}' must be {type_name}, not an instance of an earlier "
                            f"definition of {cls.__name__} whose fields differ "
                            f"({', '.join(f'{f}: {t}' for f, t in type(value)._jc_layout)}; now "
                            f"{', '.join(f'{f}: {t}' for f, t in cls._jc_layout)})")  # type: ignore[attr-defined]
        if isinstance(value, cls) and cls in outer:
            raise TypeError(f"{function}() argument '{param}' must be {type_name}, not {type(value).__name__}: "
                            f"{type(value).__name__} derives from {cls.__name__} in another cell, and this cell's "
                            f"code, compiled against {cls.__name__}'s own cell, would not call its overrides (not "
                            "supported yet)")
        if isinstance(value, cls):
            raise TypeError(f"{function}() argument '{param}' must be {type_name}, not {type(value).__name__}: "
                            f"{type(value).__name__}, of a later cell, was compiled against another definition of "
                            f"{cls.__name__} (its fields, or the methods its cell calls); run its cell again")
        raise TypeError(f"{function}() argument '{param}' must be {type_name}, not {type(value).__name__}")

    names["jc__not_instance"] = not_instance
    names["jc__instances"] = Instances(dict(classes), {n: names[f"jc__accepts_{n}"] for n in classes})
    return names


def result_expression(returns: str) -> str | None:
    if is_class_type(returns):
        return f"jc__wrap_{returns}(jc__result)"
    return None
