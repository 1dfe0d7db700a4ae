"""Names a cell reads from the notebook, frozen into its code when it compiles, as Numba does.

    In [1]: N = 100                          # a Python cell
    In [2]: %%jit
            def f() -> int:                  # N is not defined in the cell: its value, 100,
                return N * 2                 # is compiled into f, and is part of the cache key
    In [3]: N = 200                          # re-running In [2] compiles again:
                                             # "the global N changed: 100 -> 200"

A name is frozen when a function (or the top level) of the cell reads it, the cell does not
define it (def, import, constant, module variable), and the namespace maps it to an int (64
bits), float, bool or str, or a tuple of those. Other names are left to the compiler, which
reports them as undefined. The cache key holds each frozen value's text (`describe`), the
manifest the same text, so a miss can say which value changed (misses.py).

Scanning first for words the namespace maps to such a value keeps a cache hit cheap: only a
cell that mentions one is read with `symtable`, which says exactly which names are free.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["resolve", "describe", "key_part", "manifest_rows", "shown"]

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_SHOWN = 60  # characters of a value a miss reason shows


def _holdable(value: object) -> bool:
    if type(value) is int:
        return _INT_MIN <= value <= _INT_MAX
    if type(value) in (float, bool, str):
        return True
    return isinstance(value, tuple) and type(value) is tuple and bool(value) and all(_holdable(v) for v in value)


def resolve(names: Mapping | None, source: str, exclude=()) -> dict[str, object]:
    """name -> value: the names `source` reads but does not define, whose values in `names` (the
    notebook's namespace) can be frozen. `exclude`: names that are something else for the cell
    (module variables of the jitcell kernel, which stay live)."""
    if not names:
        return {}
    words = set(re.findall(r"(?<![\w.])(?!\d)\w+", source)) - set(exclude)
    candidates = {w: names[w] for w in words if w in names and _holdable(names[w])}
    if not candidates:
        return {}
    free = _free_names(source)
    return {name: candidates[name] for name in sorted(candidates) if name in free}


def _free_names(source: str) -> set[str]:
    """The names the cell reads, at its top level or in a function, without defining them at
    its top level."""
    import symtable  # only for a cell that mentions a name the namespace could freeze

    try:
        top = symtable.symtable(source, "cell", "exec")
    except (SyntaxError, ValueError):
        return set()  # the compiler reports it
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    read: set[str] = set()
    tables = [top]
    while tables:
        table = tables.pop()
        for symbol in table.get_symbols():
            if symbol.is_referenced() and (table is top or symbol.is_global()):
                read.add(symbol.get_name())
        tables.extend(table.get_children())
    return read - defined


def describe(value: object) -> str:
    """A frozen value as the cache key and the manifest hold it: exact, and type-distinct."""
    return repr(value)


def key_part(frozen: Mapping[str, object]) -> dict[str, str]:
    return {name: describe(value) for name, value in sorted(frozen.items())}


def manifest_rows(frozen: Mapping[str, object]) -> list[dict]:
    """`manifest["frozen"]`: each frozen name and its value's text."""
    return [{"name": name, "value": describe(value)} for name, value in sorted(frozen.items())]


def shown(text: str) -> str:
    """A value's text in a message: shortened."""
    return text if len(text) <= _SHOWN else text[:_SHOWN - 3] + "..."
