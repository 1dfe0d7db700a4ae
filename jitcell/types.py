"""The value types of jitcell's language, as interned values compared with `==`.

    >>> INT, FLOAT, BOOL, NONE
    (int, float, bool, None)
    >>> type_from_name("float") is FLOAT
    True

`ERROR` is the type of an expression that already produced a diagnostic; checks
accept it silently so that one mistake is reported once.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Type", "INT", "FLOAT", "BOOL", "NONE", "ERROR", "type_from_name", "is_numeric"]


@dataclass(frozen=True, slots=True)
class Type:
    name: str

    def __repr__(self) -> str:
        return self.name

    __str__ = __repr__


INT = Type("int")
FLOAT = Type("float")
BOOL = Type("bool")
NONE = Type("None")
ERROR = Type("<error>")

_BY_NAME = {"int": INT, "float": FLOAT, "bool": BOOL, "None": NONE}


def type_from_name(name: str) -> Type | None:
    return _BY_NAME.get(name)


def is_numeric(t: Type) -> bool:
    """int, float and bool take part in arithmetic (bool as 0 or 1, as in Python)."""
    return t in (INT, FLOAT, BOOL)
