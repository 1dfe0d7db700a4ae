"""List locals that only ever hold lists their function made, whose `modified` word no one reads.

    flags = [True] * (n + 1)      # every assignment of `flags` makes a new list: fresh
    for j in range(4, n, 2):
        flags[j] = False          # no store to flags.modified in the loop
    ys = xs                       # xs a parameter: ys is not fresh, its stores set `modified`

The boundary (runtime/lists.py) reads `modified` only on the lists it made from the caller's
Python lists, after the call. A list made in the function is never one of them, so stores to
a fresh local need not set it: a loop storing items then does one store per item, as Numba's
does. A name bound any other way (a parameter, a loop or unpacking target, an assignment from
anything but a list-making expression, any construct this module does not know) is not fresh.
"""

from __future__ import annotations

import dataclasses

from jitcell.compiler import typed as T
from jitcell.compiler.types import List

__all__ = ["fresh_lists"]

_MAKING_OPS = frozenset({"repeat", "concat", "range", "copy", "slice", "sorted", "dict_keys", "dict_values",
                         "dict_items"})


def _makes_list(value: object) -> bool:
    return isinstance(value, (T.ListNew, T.Comprehension, T.ListFrom)) or (
        isinstance(value, T.ListOp) and value.op in _MAKING_OPS)


def fresh_lists(fn: T.Function) -> frozenset[str]:
    """The list locals of fn that only list-making expressions assign."""
    params = {name for name, _ in fn.signature.params}
    candidates = {name for name, t in fn.locals.items() if isinstance(t, List) and name not in params}
    for node in T.walk(fn.body):
        if not candidates:
            break
        if not dataclasses.is_dataclass(node) or isinstance(node, (type, T.Local)):
            continue
        if isinstance(node, T.Assign):
            for name, value in zip(node.names, node.values, strict=True):
                if name in candidates and not _makes_list(value):
                    candidates.discard(name)
            continue
        for field in dataclasses.fields(node):  # any other mention of a name may bind it
            value = getattr(node, field.name)
            mentioned = {value} if isinstance(value, str) else (
                {v for v in value if isinstance(v, str)} if isinstance(value, tuple) else set())
            candidates -= mentioned
    return frozenset(candidates)
