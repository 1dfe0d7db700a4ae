"""What the checker knows of a class of the cell (made by check/classes.py, read by every function's checker)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jitcell.compiler import typed as T
from jitcell.compiler.types import Instance, Type
from jitcell.errors import Loc

__all__ = ["ClassInfo"]


@dataclass
class ClassInfo:
    name: str
    fields: list[tuple[str, Type]] = field(default_factory=list)  # in layout order
    defaults: dict[str, T.Expr] = field(default_factory=dict)  # the typed default of a field that has one
    methods: dict[str, str] = field(default_factory=dict)  # method name -> function ("norm" -> "Point.norm")
    static: frozenset[str] = frozenset()  # functions that are @staticmethods
    properties: frozenset[str] = frozenset()  # functions that are @property getters (read as `p.area`)
    loc: Loc = Loc(1, 1)
    frozen: bool = False  # @dataclass(frozen=True): fields are assigned by its generated __init__ only
    generated: frozenset[str] = frozenset()  # the methods @dataclass wrote (parse_dunders.py)

    @property
    def type(self) -> Instance:
        return Instance(self.name)

    def index(self, name: str) -> int | None:
        return next((i for i, (f, _) in enumerate(self.fields) if f == name), None)

    def row(self) -> dict:
        """The class in the manifest (driver.py): its layout, static methods and properties."""
        return {"fields": self.layout(), "static": sorted(self.static),
                **({"properties": sorted(self.properties)} if self.properties else {}),
                **({"frozen": True} if self.frozen else {})}

    def layout(self) -> list[list[str]]:
        """[[field, type], ...]: what the manifest records and the boundary reads (loader/classes.py)."""
        return [[name, str(t)] for name, t in self.fields]
