"""Read a built library's dynamic symbol table: what it exports, what it imports.

    >>> imports(Path("cell.so"))
    [Import(name='hypot', library='libm.so.6')]
    >>> [e.name for e in exports(Path("cell.so"))]
    ['jitcell.def.f', 'jitcell.slot.print']

The file is read by elf.py, as `nm -D` / `readelf --dyn-syms` would show it.
Each undefined symbol is attributed to the first needed library that defines it,
which is the order the dynamic loader searches.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import elf

__all__ = ["Export", "Import", "exports", "imports", "needed", "undefined_symbols", "is_system_library", "sections",
           "described", "library_of"]

SYSTEM_LIBRARIES = ("libm", "libc", "libmvec")
_SHN_LORESERVE = 0xFF00  # section indices from here on are special (SHN_ABS, SHN_COMMON)


@dataclass(frozen=True, slots=True)
class Export:
    name: str
    kind: str  # "function" or "data"
    offset: int
    size: int


@dataclass(frozen=True, slots=True)
class Import:
    name: str
    library: str | None


def _dynamic_symbols(path: Path) -> tuple[list[elf.Symbol], list[str]]:
    table = elf.read(path)
    return table.symbols(".dynsym"), table.needed


def undefined_symbols(*paths: Path) -> list[str]:
    """The symbols object files or libraries, linked together, need from elsewhere."""
    undefined: set[str] = set()
    defined: set[str] = set()
    for path in paths:
        table = elf.read(path)
        for s in table.symbols(".symtab") or table.symbols(".dynsym"):
            if not s.name:
                continue
            if not s.defined:
                undefined.add(s.name)
            elif s.bind in (elf.STB_GLOBAL, elf.STB_WEAK):
                defined.add(s.name)
    return sorted(undefined - defined)


def exports(path: Path) -> list[Export]:
    return _exports(elf.read(path)) if sys.platform == "linux" else []


def _exports(table: elf.Table) -> list[Export]:
    rows = [Export(s.name, "function" if s.type == elf.STT_FUNC else "data", s.value, s.size)
            for s in table.symbols(".dynsym") if s.name and s.exported]
    return sorted(rows, key=lambda e: e.name)


def described(path: Path) -> tuple[list[Import], list[Export], dict[str, str]]:
    """`imports`, `exports` and `sections` of a library, its file read once (a build's manifest)."""
    if sys.platform != "linux":
        return [], [], {}
    table = elf.read(path)
    return _imports(table), _exports(table), _sections(table)


def needed(path: Path) -> list[str]:
    return _dynamic_symbols(path)[1] if sys.platform == "linux" else []


def imports(path: Path) -> list[Import]:
    return _imports(elf.read(path)) if sys.platform == "linux" else []


def _imports(table: elf.Table) -> list[Import]:
    handles = []
    for name in table.needed:
        try:
            handles.append(ctypes.CDLL(name))
        except OSError:
            continue
    rows = []
    for s in table.symbols(".dynsym"):
        if s.name and not s.defined:
            rows.append(Import(s.name, next(filter(None, (defining_library(h, s.name) for h in handles)), None)))
    return sorted(rows, key=lambda i: i.name)


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def defining_library(handle, symbol: str) -> str | None:
    """The file name of the library that defines `symbol` as `handle` resolves it.

    dlsym on a library also searches its dependencies (libm finds libc's malloc),
    so the address is traced back to its object with dladdr.
    """
    try:
        address = ctypes.cast(getattr(handle, symbol), ctypes.c_void_p).value
    except AttributeError:
        return None
    dladdr = ctypes.CDLL(None).dladdr
    dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
    info = _DlInfo()
    if not dladdr(address, ctypes.byref(info)) or not info.dli_fname:
        return None
    return os.path.basename(info.dli_fname.decode())


def sections(path: Path) -> dict[str, str]:
    """symbol -> the name of the section that holds it (.text, .data, .bss, ...), from the full
    symbol table (local symbols included), as `readelf -s` shows it."""
    return _sections(elf.read(path)) if sys.platform == "linux" else {}


def _sections(table: elf.Table) -> dict[str, str]:
    found = {}
    for name in (".dynsym", ".symtab"):
        for s in table.symbols(name):
            if s.name and s.defined and s.section < _SHN_LORESERVE:  # not SHN_ABS, SHN_COMMON
                found[s.name] = table.sections[s.section].name if s.section < len(table.sections) \
                    else str(s.section)
    return found


def library_of(address: int) -> tuple[str, int] | None:
    """(file, load address) of the loaded object that contains `address` (dladdr), or None."""
    if not address or sys.platform == "win32":
        return None
    dladdr = ctypes.CDLL(None).dladdr
    dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
    info = _DlInfo()
    if not dladdr(address, ctypes.byref(info)) or not info.dli_fname:
        return None
    return info.dli_fname.decode(), info.dli_fbase or 0


def is_system_library(name: str | None) -> bool:
    return name is not None and name.split(".")[0] in SYSTEM_LIBRARIES
