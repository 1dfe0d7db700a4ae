"""What the checker knows of a class of the cell (made by check/classes.py, read by every function's checker)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jitcell.compiler import typed as T
from jitcell.compiler.types import Instance, Type
from jitcell.errors import Loc

__all__ = ["ClassInfo", "INFERRED"]

# The type of a field that neither an annotation nor a parameter or constant gives: the checker
# types the value `__init__` assigns it (check/field_types.py) before any other function is checked.
INFERRED = Type("a type inferred from __init__")


@dataclass
class ClassInfo:
    name: str
    fields: list[tuple[str, Type]] = field(default_factory=list)  # in layout order
    defaults: dict[str, T.Expr] = field(default_factory=dict)  # the typed default of a field that has one
    methods: dict[str, str] = field(default_factory=dict)  # method name -> function ("norm" -> "Point.norm")
    static: frozenset[str] = frozenset()  # functions that are @staticmethods
    properties: frozenset[str] = frozenset()  # functions that are @property getters (read as `p.area`)
    loc: Loc = Loc(1, 1)
    base: str | None = None  # check/inheritance.py: its fields come first, its methods are inherited
    tag: int = 0  # its number in its family (the classes of one root), its subclasses' tag+1..last
    last: int = 0
    family: str = ""  # the root's name
    initialized: frozenset[str] = frozenset()  # the fields its __init__ (and those it calls) assign
    classmethods: frozenset[str] = frozenset()
    frozen: bool = False  # @dataclass(frozen=True): fields are assigned by its generated __init__ only
    generated: frozenset[str] = frozenset()  # the methods @dataclass wrote (parse_dunders.py)
    outer: dict | None = None  # a class of another cell, which a class of the cell derives from: its row
    ext: int = 0  # a family holding classes of another cell: the extension number of tag 0 (outer_bases.py)
    outer_tag: int = 0  # in such a family: the number, in its own cell, of the nearest class of another cell
    constants: dict[str, int | float | bool | str | tuple] = field(default_factory=dict)  # class constants
    # (constants.py's Value), inherited ones too, and those its body assigns:
    own_constants: dict[str, int | float | bool | str | tuple] = field(default_factory=dict)
    inferred: dict[str, Loc] = field(default_factory=dict)  # fields typed by the value __init__ assigns: where
    untyped: dict[str, str] = field(default_factory=dict)  # fields whose value has no type: what ("": reported)

    @property
    def type(self) -> Instance:
        return Instance(self.name)

    def index(self, name: str) -> int | None:
        return next((i for i, (f, _) in enumerate(self.fields) if f == name), None)

    def row(self) -> dict:
        """The class in the manifest (driver.py): its layout, static methods and properties."""
        own = f"{self.name}."  # inherited methods are the base's (loader/classes.py)
        properties = sorted(m for m in self.properties if m.startswith(own))
        return {"fields": self.layout(), "static": sorted(m for m in self.static if m.startswith(own)),
                **({"properties": properties} if properties else {}),
                **({"base": self.base} if self.base is not None else {}),
                **({"classmethods": own_classmethods} if (own_classmethods := sorted(
                    m for m in self.classmethods if m.startswith(own))) else {}),
                **({"tag": self.tag} if self.tag else {}),
                **({"frozen": True} if self.frozen else {}),
                **({"ext": self.ext + self.tag} if self.ext and self.outer is None else {}),
                **({"outer": {"tag": self.outer_tag, "key": self.outer["key"], "identity": self.outer["identity"]}}
                   if self.outer is not None else {}),
                **({"constants": [[name, _as_json(value)] for name, value in self.own_constants.items()]}
                   if self.own_constants else {})}

    def layout(self) -> list[list[str]]:
        """[[field, type], ...]: what the manifest records and the boundary reads (loader/classes.py)."""
        return [[name, str(t)] for name, t in self.fields]


def _as_json(value):
    """A constant as the manifest's JSON holds it: a tuple as a list."""
    return [_as_json(v) for v in value] if isinstance(value, tuple) else value
