"""Classes of another cell used in a cell: annotations, constructors, fields, methods, isinstance.

    In [1]: %%jit                                   In [2]: %%jit
            class Point:                                    def make(x: float) -> Point:    # Point of In [1]
                def __init__(self, x: float, y: float): ...     q = Point(x, 2.0)           # cell.Point slot
                def norm(self) -> float: ...                    q.x += 1                    # its layout
                                                                return q

`add_used` finds the words of a cell naming a compiled class of another cell, and the classes that
the signatures of its callees name, and hands the compiler each one's whole family as its cell's
manifest has it (compiler/check/outer_classes.py): rows as `namespace._outer_bases` makes them
(`family_rows`), their constructors and methods as callees (`cell.Point`, `cell.Point.norm` slots).
The family keeps its numbers, so the cell's dispatch tables and isinstance() read the header as
the class's own cell does. The family's identity is in the cache key, and the Namespace compiles
the cell again when the class's cell is run again with another family (`stale_users`).
"""

from __future__ import annotations

import re

from . import classes
from .classes import JitInstance

__all__ = ["family_rows", "add_used", "signature_classes", "identities", "stale_users"]

_WORD = re.compile(r"(?<![\w.])(?!\d)\w+")


def family_rows(library, name: str, members=None) -> tuple[list[dict], str]:
    """The manifest rows of `name`'s family in `library` (root first; `members`: only those), each with
    its methods ("norm" -> "Point.norm"), its Python class's registry key and the family's identity."""
    rows = library.manifest.get("classes", [])
    identity = classes.family_identity(library.manifest, name)
    made = []
    for row in rows if members is None else members:
        own = {f.partition(".")[2]: f for f in library.methods if f.startswith(row["name"] + ".")}
        made.append({**row, "methods": own, "key": list(classes.registry_key(rows, row)), "identity": identity})
    return made, identity


def _family(rows: list[dict], name: str) -> list[dict]:
    by_name = {r["name"]: r for r in rows}

    def root(row: dict) -> str:
        while row.get("base") is not None:
            row = by_name[row["base"]]
        return row["name"]

    top = root(by_name[name])
    return [r for r in rows if root(r) == top]


def _class_of(value) -> type[JitInstance] | None:
    if isinstance(value, type) and issubclass(value, JitInstance) and value._jc_library is not None:
        return value
    return None


def add_used(found, names, source: str) -> None:
    """Fill `found.used` (root -> {"chain", "identity"}) with the families of the classes of other cells the
    cell names or its callees' signatures name, their constructors and methods into `found`; a use
    jitcell refuses goes to `found.refused` (name -> message)."""
    defined = set(re.findall(r"^class[ \t]+(\w+)", source, re.M))
    based = {row["name"] for base in found.bases.values() for row in base["chain"]}
    for word in set(_WORD.findall(source)) - defined - set(found):
        cls = _class_of(names.get(word))
        if cls is not None and cls.__name__ == word and (why := _add(found, cls, word, based, names, defined)):
            found.refused[word] = f"{word} is a class of another cell: {why}"
    for name, fn in list(found.items()):
        if "." in name or name in found.used_names:
            continue
        for word in signature_classes(fn):
            cls = _class_of(_bound_class(fn.library, word))
            if cls is None:
                continue
            if word in defined or _class_of(names.get(word)) is not cls:
                found.refused[name] = (f"{name}() of another cell takes or returns {word} as it was defined when "
                                       f"{name}'s cell was compiled, which is not the {word} this cell sees; run "
                                       f"the cell that defines {name} again")
            elif (why := _add(found, cls, word, based, names, defined)) is not None:
                found.refused[name] = f"{name}() of another cell takes or returns {word}: {why}"


def _add(found, cls, name: str, based: set[str], names, defined: set[str]) -> str | None:
    """The family of `cls` into `found`, with the families its fields and methods name, or why jitcell
    does not take it here."""
    library = cls._jc_library
    members = _family(library.manifest.get("classes", []), name)
    root = members[0]["name"]
    if root in found.used:
        return None
    if any(r["name"] in based for r in members):
        return (f"a class of this cell derives from {name}'s family, whose other uses in the same cell are not "
                "supported yet by jitcell (its code here would not dispatch to the subclasses of this cell)")
    if any("outer" in r or "ext" in r for r in members):
        return (f"its family reaches into a third cell (a class of it derives from a class of another cell), which "
                f"is not supported yet by jitcell: define {name} in the cell that uses it")
    chain, identity = family_rows(library, name, members)
    found.used[root] = {"chain": chain, "identity": identity, "init": None}
    own = {r["name"] for r in members}
    found.used_names.update(own)
    named: list[str] = []  # the classes of other families its fields and methods name
    for row in members:
        for _, text in row["fields"]:
            named += [w for w in _WORD.findall(text) if classes.is_class_type(w)]
        for function, fn in library.methods.items():
            if function == row["name"] or function.startswith(row["name"] + "."):
                found[function] = fn
                named += signature_classes(fn)
    for word in dict.fromkeys(w for w in named if w not in own):
        other = _class_of(_bound_class(library, word))
        if other is None:
            continue
        why = (f"{name} of another cell holds or takes {word} as it was defined then, not the {word} this cell sees"
               if word in defined or _class_of(names.get(word)) is not other else
               _add(found, other, word, based, names, defined))
        if why is not None:
            del found.used[root]
            found.used_names.difference_update(own)
            return why if word in why else f"{name} of another cell holds or takes {word}: {why}"
    return None


def signature_classes(fn) -> list[str]:
    """The class names a function's parameters and result name."""
    words: list[str] = []
    for text in [t for _, t in fn.params] + [fn.returns]:
        for word in _WORD.findall(text):
            if classes.is_class_type(word) and word not in words and word not in ("Callable",):
                words.append(word)
    return words


def _bound_class(library, name: str):
    """The Python class `library` binds `name` to (its own, or another cell's it uses)."""
    return library.classes.get(name) or getattr(library, "outer_classes", {}).get(name)


def identities(fn) -> dict[str, str]:
    """name -> family identity of each class `fn`'s signature names (namespace.signature_of)."""
    manifest = fn.library.manifest
    rows = {r["name"]: r for r in manifest.get("classes", [])}
    found = {}
    for word in signature_classes(fn):
        row = rows.get(word)
        if row is not None:
            found[word] = row["outer"]["identity"] if "outer" in row else classes.family_identity(manifest, word)
    return found


def stale_users(users: dict, library) -> list[tuple]:
    """(user, class name) for each user (location -> (caller, {class: identity})) of a class that
    `library` defines again with another family."""
    found = []
    for location, (user, wanted) in users.items():
        if location == library.location:
            continue
        for name, identity in wanted.items():
            if name in library.classes and classes.family_identity(library.manifest, name) != identity:
                found.append((user, name))
                break
    return found
