"""What a compiled cell is once loaded: its library file, its slots and its functions.

    >>> lib = jitcell.compile_cell(source)
    >>> lib.cache_hit, lib.key[:12], lib.path.name
    (True, '3f9c1a0b77de', '3f9c1a0b77de...e1.so')
    >>> [(s.name, hex(s.baked), hex(s.patched)) for s in lib.slots]
    [('jitcell.slot.print', '0x7f3a...', '0x7f91...')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Library", "Slot"]


@dataclass(frozen=True, slots=True)
class Slot:
    """An exported pointer global that the loader patched with this process's address."""

    name: str  # the exported symbol, e.g. "jitcell.slot.print"
    target: str  # what it points at, e.g. "print"
    baked: int  # the address written into the library when it was built
    patched: int  # the address it holds now, in this process

    @property
    def shift(self) -> int:
        return self.patched - self.baked


@dataclass(eq=False)
class Library:
    path: Path
    key: str
    cache_hit: bool
    compile_seconds: float | None  # None on a cache hit
    load_seconds: float
    slots: list[Slot]
    manifest: dict
    miss_reason: str | None = None  # why the cache missed ("no entry", "forced", ...)
    functions: dict = field(default_factory=dict)  # name -> JitFunction
    handle: object = None  # the ctypes handle: keeps the library loaded

    @property
    def removed_slots(self) -> list[dict]:
        """Slots codegen created that the optimizer deleted as unused (not an error)."""
        return self.manifest.get("removed_slots", [])

    @property
    def imports(self) -> list[dict]:
        return self.manifest.get("imports", [])

    @property
    def timings(self) -> dict:
        return self.manifest.get("timings", {})

    def __repr__(self) -> str:
        state = "hit" if self.cache_hit else "miss"
        names = ", ".join(self.functions)
        return f"<jitcell.Library {self.key[:12]} ({state}) functions: {names}>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .summary import summary_bundle

        return summary_bundle(self)
