"""What a compiled cell is once loaded: its library file, its slots and its functions.

    >>> lib = jitcell.compile_cell(source)
    >>> lib.cache_hit, lib.key[:12], lib.path.name
    (True, '3f9c1a0b77de', '3f9c1a0b77de...e1.so')
    >>> [(s.name, hex(s.baked), hex(s.patched)) for s in lib.slots]
    [('jitcell.slot.print', '0x7f3a...', '0x7f91...')]
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # typing's own costs a cache hit an import
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Library", "Slot"]

# Plain classes rather than dataclasses: this module is on the cache-hit path.


class Slot:
    """An exported pointer global that the loader patched with this process's address."""

    __slots__ = ("name", "target", "baked", "patched")

    def __init__(self, name: str, target: str, baked: int, patched: int):
        self.name = name  # the exported symbol, e.g. "jitcell.slot.print"
        self.target = target  # what it points at, e.g. "print"
        self.baked = baked  # the address written into the library when it was built
        self.patched = patched  # the address it holds now, in this process

    @property
    def shift(self) -> int:
        return self.patched - self.baked

    def __eq__(self, other) -> bool:
        return isinstance(other, Slot) and all(getattr(self, a) == getattr(other, a) for a in self.__slots__)

    def __repr__(self) -> str:
        return f"Slot(name={self.name!r}, target={self.target!r}, baked={self.baked:#x}, patched={self.patched:#x})"


class Library:
    def __init__(self, *, path, key: str, cache_hit: bool, compile_seconds: float | None,
                 load_seconds: float, slots: list[Slot], manifest: dict, miss_reason: str | None = None,
                 handle=None):
        self.location = str(path)
        self.key = key
        self.cache_hit = cache_hit
        self.compile_seconds = compile_seconds  # None on a cache hit
        self.load_seconds = load_seconds
        self.slots = slots
        self.manifest = manifest
        self.miss_reason = miss_reason  # why the cache missed ("no entry", "rebuild forced (-f)", ...)
        self.miss_details: dict | None = None  # on a miss: misses.explain()'s comparison with the cell's previous entry
        self.functions: dict = {}  # name -> JitFunction
        self.classes: dict = {}  # name -> the Python class of a class of the cell (classes.py)
        self.outer_classes: dict = {}  # name -> the Python class of a class of another cell it uses
        self.methods: dict = {}  # "Point.norm" (and "Point") -> the JitFunction of a class's method (bind.py)
        self.generators: dict = {}  # name -> GeneratorFunction: walked in compiled code only (bind.py)
        self.source_file: tuple[str | None, tuple[int, ...]] = (None, ())  # compile_cell's filename, indentation
        self.variables: dict = {}  # name -> JitVariable (kernel cells, variables.py)
        self.cell_main: Callable[[], object] | None = None  # a kernel cell's top-level code, a JitFunction
        self.relinked: list = []  # what loading it did to callers in its Namespace (namespace.Relink)
        self.handle = handle  # the ctypes handle: keeps the library loaded
        self.shared_cache: str | None = None  # the read-only cache it was loaded from (shared.py), if not ours
        self.recipe: Any = None  # how compile_cell made it (parcels.Recipe): what a pickle of its functions carries

    @property
    def path(self):
        from pathlib import Path

        return Path(self.location)

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
