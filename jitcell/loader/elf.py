"""The symbol tables and needed libraries of an ELF file, read with `struct` (what symbols.py shows).

    >>> table = read(Path("cell.so"))
    >>> [s.name for s in table.symbols(".dynsym") if s.defined][:2], table.needed
    (['jitcell.def.f', 'jitcell.slot.print'], ['libm.so.6'])

A cell's library is read three times per build (imports, exports, sections), and its object files
once (the symbols they need): pyelftools took 1 to 2 ms per read, this reads the section headers, the
symbol tables and the dynamic section directly, in a tenth of that. 32- and 64-bit files of either
byte order; a file that is not ELF, or whose tables lie outside it, is an ElfError.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ElfError", "Symbol", "Table", "read", "SHN_UNDEF", "STB_GLOBAL", "STB_WEAK", "STT_FUNC"]

SHN_UNDEF, SHN_XINDEX = 0, 0xFFFF
STB_GLOBAL, STB_WEAK = 1, 2
STT_FUNC = 2
STV_DEFAULT, STV_PROTECTED = 0, 3
_SHT_SYMTAB, _SHT_DYNAMIC, _SHT_DYNSYM = 2, 6, 11
_DT_NEEDED = 1

# per ELF class: (file header after e_ident, section header, symbol, dynamic entry) formats
_FORMATS = {1: ("HHIIIIIHHHHHH", "IIIIIIIIII", "IIIBBH", "iI"),
            2: ("HHIQQQIHHHHHH", "IIQQQQIIQQ", "IBBHQQ", "qQ")}


class ElfError(ValueError):
    """The file is not an ELF file this reader understands."""


@dataclass(frozen=True, slots=True)
class Symbol:
    name: str
    value: int
    size: int
    bind: int  # STB_*
    type: int  # STT_*
    visibility: int  # STV_*
    section: int  # the index of the section that holds it, SHN_UNDEF for an undefined symbol

    @property
    def defined(self) -> bool:
        return self.section != SHN_UNDEF

    @property
    def exported(self) -> bool:
        """Global or weak, default or protected visibility: in the library's export table."""
        return self.defined and self.bind in (STB_GLOBAL, STB_WEAK) and self.visibility in (STV_DEFAULT,
                                                                                            STV_PROTECTED)


@dataclass(frozen=True, slots=True)
class _Section:
    name: str
    type: int
    offset: int
    size: int
    link: int
    entsize: int


class Table:
    """One file's sections, symbol tables and DT_NEEDED entries."""

    def __init__(self, data: bytes):
        if data[:4] != b"\x7fELF" or len(data) < 16 or data[4] not in _FORMATS or data[5] not in (1, 2):
            raise ElfError("not an ELF file")
        self._data = data
        self._order = "<" if data[5] == 1 else ">"
        self._formats = _FORMATS[data[4]]
        header = self._unpack(self._formats[0], 16)
        shoff, shentsize, shnum, shstrndx = header[5], header[10], header[11], header[12]
        raw = []
        if shoff:
            first = self._unpack(self._formats[1], shoff)
            shnum = shnum or first[5]  # more than 0xff00 sections: the count is in section 0
            shstrndx = first[6] if shstrndx == SHN_XINDEX else shstrndx
            raw = [self._unpack(self._formats[1], shoff + i * shentsize) for i in range(shnum)]
        names = raw[shstrndx] if 0 < shstrndx < len(raw) else None
        self.sections = [_Section(self._string(names[4], h[0]) if names else "", h[1], h[4], h[5], h[6], h[9])
                         for h in raw]
        self._symbols: dict[str, tuple[Symbol, ...]] = {}  # a table read once however often it is asked for

    def _unpack(self, layout: str, offset: int) -> tuple:
        try:
            return struct.unpack_from(self._order + layout, self._data, offset)
        except struct.error:
            raise ElfError(f"a table at offset {offset} lies outside the file ({len(self._data)} bytes)") from None

    def _string(self, table_offset: int, index: int) -> str:
        start = table_offset + index
        end = self._data.find(b"\0", start)
        if start >= len(self._data) or end < 0:
            raise ElfError(f"a name at offset {start} lies outside the file")
        return self._data[start:end].decode("utf-8", errors="replace")

    def section(self, name: str) -> _Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def symbols(self, name: str) -> list[Symbol]:
        """The symbols of the symbol table `name` (".dynsym", ".symtab"); [] if the file has none."""
        if name not in self._symbols:
            self._symbols[name] = tuple(self._read_symbols(name))
        return list(self._symbols[name])

    def _read_symbols(self, name: str) -> list[Symbol]:
        table = self.section(name)
        if table is None or table.type not in (_SHT_SYMTAB, _SHT_DYNSYM) or not table.entsize:
            return []
        strings = self.sections[table.link].offset if table.link < len(self.sections) else 0
        is64 = self._formats is _FORMATS[2]
        found = []
        for offset in range(table.offset, table.offset + table.size - table.entsize + 1, table.entsize):
            row = self._unpack(self._formats[2], offset)
            if is64:
                name_index, info, other, section, value, size = row
            else:
                name_index, value, size, info, other, section = row
            found.append(Symbol(self._string(strings, name_index), value, size, info >> 4, info & 0xF, other & 3,
                                section))
        return found

    @property
    def needed(self) -> list[str]:
        """The libraries of the dynamic section's DT_NEEDED entries, in order."""
        dynamic = self.section(".dynamic")
        if dynamic is None or dynamic.type != _SHT_DYNAMIC or not dynamic.entsize:
            return []
        strings = self.sections[dynamic.link].offset if dynamic.link < len(self.sections) else 0
        found = []
        for offset in range(dynamic.offset, dynamic.offset + dynamic.size - dynamic.entsize + 1, dynamic.entsize):
            tag, value = self._unpack(self._formats[3], offset)
            if tag == 0:  # DT_NULL ends the table
                break
            if tag == _DT_NEEDED:
                found.append(self._string(strings, value))
        return found


def read(path: Path) -> Table:
    with open(path, "rb") as f:
        return Table(f.read())
