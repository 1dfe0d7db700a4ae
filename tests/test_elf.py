"""loader/elf.py reads what pyelftools reads: every symbol of every table, and the needed libraries,
of a cell's library and of object files of four byte orders and word sizes."""

from __future__ import annotations

import pytest
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import SymbolTableSection

import jitcell
from jitcell.loader import elf, symbols

CELL = "import math\n\ndef f(x: float) -> float:\n    print(x)\n    return math.exp(x) + math.hypot(x, 2.0)\n"
TRIPLES = ("x86_64-unknown-linux-gnu", "i686-unknown-linux-gnu", "aarch64-unknown-linux-gnu",
           "armv7-unknown-linux-gnueabihf", "powerpc-unknown-linux-gnu", "s390x-unknown-linux-gnu")
_SPECIAL = {"SHN_UNDEF": 0, "SHN_ABS": 0xFFF1, "SHN_COMMON": 0xFFF2}


def _pyelftools(path):
    """Every symbol table, as (name, value, size, bind, type, visibility, section), and DT_NEEDED."""
    with open(path, "rb") as f:
        reader = ELFFile(f)
        tables = {}
        for section in reader.iter_sections():
            if isinstance(section, SymbolTableSection):
                tables[section.name] = [
                    (s.name, s["st_value"], s["st_size"], s["st_info"]["bind"], s["st_info"]["type"],
                     s["st_other"]["visibility"], _SPECIAL.get(s["st_shndx"], s["st_shndx"]))
                    for s in section.iter_symbols()]
        dynamic = reader.get_section_by_name(".dynamic")
        needed = [t.needed for t in dynamic.iter_tags("DT_NEEDED")] if isinstance(dynamic, DynamicSection) else []
        return tables, needed


_BINDS = {0: "STB_LOCAL", 1: "STB_GLOBAL", 2: "STB_WEAK"}
_TYPES = {0: "STT_NOTYPE", 1: "STT_OBJECT", 2: "STT_FUNC", 3: "STT_SECTION", 4: "STT_FILE"}
_VISIBILITY = {0: "STV_DEFAULT", 1: "STV_INTERNAL", 2: "STV_HIDDEN", 3: "STV_PROTECTED"}


def _ours(path):
    table = elf.read(path)
    tables = {name: [(s.name, s.value, s.size, _BINDS.get(s.bind, s.bind), _TYPES.get(s.type, s.type),
                      _VISIBILITY[s.visibility], s.section) for s in table.symbols(name)]
              for name in (".symtab", ".dynsym") if table.symbols(name)}
    return tables, table.needed


def test_a_cell_library_reads_as_pyelftools_reads_it(fresh_cache):
    library = jitcell.compile_cell(CELL)
    tables, needed = _pyelftools(library.path)
    assert _ours(library.path) == (tables, needed)
    assert ".dynsym" in tables and "libm.so.6" in needed
    exported = {e.name for e in symbols.exports(library.path)}
    assert "jitcell.def.f" in exported and "jitcell.slot.print" in exported
    assert {i.name: i.library for i in symbols.imports(library.path)}["exp"] == "libm.so.6"


def test_a_library_described_from_one_read_is_described_as_by_each_reader(fresh_cache):
    """build reads the linked file once (`symbols.described`), each table parsed once: the same
    imports, exports and sections as the readers that read the file each for itself."""
    library = jitcell.compile_cell(CELL)
    imports, exports, sections = symbols.described(library.path)
    assert (imports, exports, sections) == (symbols.imports(library.path), symbols.exports(library.path),
                                            symbols.sections(library.path))
    assert "exp" in {i.name for i in imports} and sections["jitcell.def.f"] == ".text"
    table = elf.read(library.path)
    first = table.symbols(".dynsym")
    first.clear()  # a caller's list is its own: the table keeps what it read
    assert table.symbols(".dynsym") == elf.Table(library.path.read_bytes()).symbols(".dynsym") != []


@pytest.mark.parametrize("triple", TRIPLES)
def test_object_files_of_each_word_size_and_byte_order_read_as_pyelftools_reads_them(tmp_path, triple):
    import llvmlite.binding as llvm

    from jitcell.compiler import driver
    from jitcell.compiler.backend import machine
    from jitcell.options import Options

    _, lowered, _ = driver.front_end(CELL, Options(), tag=1)
    lowered.module.triple = triple
    tm = machine.cross_target_machine(triple, 2)
    path = tmp_path / "cell.o"
    path.write_bytes(tm.emit_object(llvm.parse_assembly(str(lowered.module))))
    tables, needed = _pyelftools(path)
    assert _ours(path) == (tables, needed)
    assert "exp" in symbols.undefined_symbols(path)
    assert "jitcell.def.f" in symbols.sections(path)


def test_what_is_not_elf_is_an_error(tmp_path):
    (tmp_path / "text").write_bytes(b"not an ELF file at all")
    with pytest.raises(elf.ElfError, match="not an ELF file"):
        elf.read(tmp_path / "text")
    header = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + b"\x03\0" + b"\0" * 22  # a 64-bit library's, up to e_shoff
    (tmp_path / "text").write_bytes(header + (1 << 20).to_bytes(8, "little") + b"\0" * 16 + b"\x40\0\x01\0\0\0")
    with pytest.raises(elf.ElfError, match="outside the file"):
        elf.read(tmp_path / "text")
