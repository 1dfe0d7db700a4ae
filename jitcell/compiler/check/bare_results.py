"""check: a result annotated with a bare container name, whose item types are inferred.

    def totient(n: int) -> list:     # a list: its item type comes from the return statements
    def table(n: int) -> Dict:       # typing's names too

Published code often annotates this way. The result is inferred as if unannotated, then checked
to be of the named kind. A parameter has no return statements to infer from: a bare `list` there
is an unsupported type, whose message names the item types to write (`annotation_hint`).
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler.types import Dict, List, Set, Tuple, Type, VarTuple

__all__ = ["bare_container", "fits_bare"]

_KINDS = {"list": "list", "List": "list", "dict": "dict", "Dict": "dict", "set": "set", "Set": "set",
          "tuple": "tuple", "Tuple": "tuple"}


def bare_container(node: S.Expr | None) -> str | None:
    """'list', 'dict', 'set' or 'tuple' if the annotation is that name alone (or typing's), else None."""
    return _KINDS.get(node.id) if isinstance(node, S.Name) else None


def fits_bare(kind: str, t: Type) -> bool:
    """Whether an inferred result `t` is of the kind a bare annotation names."""
    if kind == "list":
        return isinstance(t, List) and not isinstance(t, VarTuple)
    if kind == "tuple":
        return isinstance(t, (Tuple, VarTuple))
    return isinstance(t, Dict if kind == "dict" else Set)
