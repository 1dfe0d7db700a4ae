"""Read a built library's dynamic symbol table: what it exports, what it imports.

    >>> imports(Path("cell.so"))
    [Import(name='hypot', library='libm.so.6')]
    >>> [e.name for e in exports(Path("cell.so"))]
    ['jitcell.def.f', 'jitcell.slot.print']

The file is read with pyelftools, as `nm -D` / `readelf --dyn-syms` would show it.
Each undefined symbol is attributed to the first needed library that defines it,
which is the order the dynamic loader searches.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Export", "Import", "exports", "imports", "needed", "undefined_symbols", "is_system_library", "sections",
           "library_of"]

SYSTEM_LIBRARIES = ("libm", "libc", "libmvec")


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


def _symbol_table(elf, name: str):
    """The file's symbol table section of that name (".dynsym", ".symtab"), or None."""
    from elftools.elf.sections import SymbolTableSection

    section = elf.get_section_by_name(name)
    return section if isinstance(section, SymbolTableSection) else None


def _dynamic_symbols(path: Path):
    from elftools.elf.dynamic import DynamicSection
    from elftools.elf.elffile import ELFFile

    with open(path, "rb") as f:
        elf = ELFFile(f)
        section = _symbol_table(elf, ".dynsym")
        dynamic = elf.get_section_by_name(".dynamic")
        needed_libs = [t.needed for t in dynamic.iter_tags("DT_NEEDED")] if isinstance(dynamic, DynamicSection) \
            else []
        symbols = list(section.iter_symbols()) if section is not None else []
        return symbols, needed_libs


def undefined_symbols(*paths: Path) -> list[str]:
    """The symbols object files or libraries, linked together, need from elsewhere."""
    from elftools.elf.elffile import ELFFile

    undefined: set[str] = set()
    defined: set[str] = set()
    for path in paths:
        with open(path, "rb") as f:
            elf = ELFFile(f)
            table = _symbol_table(elf, ".symtab") or _symbol_table(elf, ".dynsym")
            for s in table.iter_symbols() if table is not None else ():
                if not s.name:
                    continue
                if s["st_shndx"] == "SHN_UNDEF":
                    undefined.add(s.name)
                elif s["st_info"]["bind"] in ("STB_GLOBAL", "STB_WEAK"):
                    defined.add(s.name)
    return sorted(undefined - defined)


def exports(path: Path) -> list[Export]:
    if sys.platform not in ("linux",):
        return []
    symbols, _ = _dynamic_symbols(path)
    rows = []
    for s in symbols:
        if not s.name or s["st_shndx"] == "SHN_UNDEF":
            continue
        if s["st_info"]["bind"] not in ("STB_GLOBAL", "STB_WEAK"):
            continue
        if s["st_other"]["visibility"] not in ("STV_DEFAULT", "STV_PROTECTED"):
            continue
        kind = "function" if s["st_info"]["type"] == "STT_FUNC" else "data"
        rows.append(Export(s.name, kind, s["st_value"], s["st_size"]))
    return sorted(rows, key=lambda e: e.name)


def needed(path: Path) -> list[str]:
    return _dynamic_symbols(path)[1] if sys.platform == "linux" else []


def imports(path: Path) -> list[Import]:
    if sys.platform not in ("linux",):
        return []
    symbols, needed_libs = _dynamic_symbols(path)
    handles = []
    for name in needed_libs:
        try:
            handles.append(ctypes.CDLL(name))
        except OSError:
            continue
    rows = []
    for s in symbols:
        if s.name and s["st_shndx"] == "SHN_UNDEF":
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
    if sys.platform != "linux":
        return {}
    from elftools.elf.elffile import ELFFile

    with open(path, "rb") as f:
        elf = ELFFile(f)
        names = {i: section.name for i, section in enumerate(elf.iter_sections())}
        found = {}
        for table in (_symbol_table(elf, ".dynsym"), _symbol_table(elf, ".symtab")):
            for s in table.iter_symbols() if table is not None else ():
                index = s["st_shndx"]
                if s.name and isinstance(index, int):
                    found[s.name] = names.get(index, str(index))
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
