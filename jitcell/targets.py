"""Build a cell for another platform and check its export table, without running it.

    >>> report = check_target(source, "x86_64-pc-windows-msvc")
    >>> report.ok, report.format, [e.name for e in report.exports][:2]
    (True, 'PE', ['jitcell.call.f', 'jitcell.def.f'])
    >>> check_target(source, "x86_64-pc-windows-msvc", break_linkage="no-dllexport").problems
    ['slot jitcell.slot.print is missing from the export table of ...dll']

The cell goes through the same stages as on this machine (pipeline.front_end), optimized
and emitted for the target by LLVM, then linked by the `ziglang` package's toolchain:
`zig cc -target x86_64-windows-gnu -shared` (lld-link, with the MinGW runtime; LLVM's
COFF objects refer to `_fltused` when they use floats, which jitcell defines in a tiny
object of its own), `zig cc -target x86_64-macos|aarch64-macos -shared` (a Mach-O dylib
against zig's libSystem stubs) and `zig cc -target x86_64|aarch64-linux-gnu -shared`.
The export table is read back from the file: pefile for PE, LIEF for Mach-O, pyelftools
for ELF. Every function entry (`jitcell.def.*`, `jitcell.call.*`) and every slot that
survived optimization must be in it; each one that is not is a problem naming it.

`break_linkage` reproduces the bug this project guards against: "no-dllexport" leaves
the `dllexport` storage class off one slot (what the original JIT's Windows DLLs did),
"hidden" gives one slot hidden visibility (its ELF and Mach-O twin).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["TARGETS", "TargetReport", "check_target", "break_slot"]

# triple -> (format, library suffix, zig target)
TARGETS = {
    "x86_64-pc-windows-msvc": ("PE", ".dll", "x86_64-windows-gnu"),
    "x86_64-apple-darwin": ("Mach-O", ".dylib", "x86_64-macos"),
    "arm64-apple-darwin": ("Mach-O", ".dylib", "aarch64-macos"),
    "x86_64-unknown-linux-gnu": ("ELF", ".so", "x86_64-linux-gnu"),
    "aarch64-unknown-linux-gnu": ("ELF", ".so", "aarch64-linux-gnu"),
}
BREAKS = ("no-dllexport", "hidden")


@dataclass
class TargetReport:
    triple: str
    format: str
    library: Path
    command: list[str]
    exports: list = field(default_factory=list)  # binary.Export rows
    required: list[str] = field(default_factory=list)  # symbols that must be exported
    slots: list[tuple[str, bool]] = field(default_factory=list)  # (slot, exported?)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        lines = [f"{self.triple}: {self.format} library {self.library.name} "
                 f"({'ok' if self.ok else 'BROKEN'}, {self.seconds * 1000:.0f} ms)",
                 f"  linked by: {' '.join(self.command)}",
                 f"  exports ({len(self.exports)}):"]
        lines += [f"    {e.name:40} {e.kind:8} {e.offset:#x}" for e in self.exports]
        lines += [f"  slot {name}: {'exported' if exported else 'NOT EXPORTED'}" for name, exported in self.slots]
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        colour = "#1a7f37" if self.ok else "#cf222e"
        rows = "".join(f"<tr><td>{html.escape(e.name)}</td><td>{e.kind}</td><td>{e.offset:#x}</td></tr>"
                       for e in self.exports)
        problems = "".join(f"<div style='color:#cf222e'>{html.escape(p)}</div>" for p in self.problems)
        return (f"<div style='font-family:monospace'><b style='color:{colour}'>{html.escape(self.triple)}: "
                f"{self.format} {'ok' if self.ok else 'BROKEN'}</b>{problems}<table>"
                f"<tr><th>export</th><th>kind</th><th>offset</th></tr>{rows}</table></div>")


def break_slot(module, how: str, slot_prefix: str) -> str | None:
    """Teaching mode: strip the export from one slot of an optimized module, as real bugs do.
    Returns the slot's name (the first in name order), or None if the module has no slot."""
    slots = sorted(g.name for g in module.global_variables if g.name.startswith(slot_prefix))
    if not slots:
        return None
    target = next(g for g in module.global_variables if g.name == slots[0])
    if how == "no-dllexport":
        target.storage_class = "default"
    elif how == "hidden":
        target.visibility = "hidden"
    else:
        raise ValueError(f"break_linkage must be one of {', '.join(BREAKS)}, not {how!r}")
    return slots[0]


def check_target(source: str, triple: str, *, break_linkage: str | None = None, opt: int = 2,
                 out_dir=None, **options) -> TargetReport:
    """Build `source` for `triple` (see TARGETS) into `out_dir` (a temporary directory by default)
    and check the library's export table."""
    from . import machine
    from .options import Options
    from .pipeline import front_end
    from .slots import CALL_PREFIX, FUNCTION_PREFIX, SLOT_PREFIX

    if triple not in TARGETS:
        raise ValueError(f"unknown target {triple!r}; jitcell checks {', '.join(TARGETS)}")
    if break_linkage is not None and break_linkage not in BREAKS:
        raise ValueError(f"break_linkage must be one of {', '.join(BREAKS)}, not {break_linkage!r}")
    started = time.perf_counter()
    form, suffix, zig_target = TARGETS[triple]
    work = Path(out_dir) if out_dir is not None else Path(tempfile.mkdtemp(prefix="jitcell-target-"))
    work.mkdir(parents=True, exist_ok=True)
    tm = machine.cross_target_machine(triple, opt)
    _, _, module = front_end(source, Options(opt=opt, **options), 1, target_machine=tm)
    survivors = machine.export(module)
    if break_linkage:
        break_slot(module, break_linkage, SLOT_PREFIX)
    required = sorted(survivors + [f.name for f in module.functions if not f.is_declaration
                                   and f.name.startswith((FUNCTION_PREFIX, CALL_PREFIX))])
    obj = work / f"cell{'.obj' if form == 'PE' else '.o'}"
    obj.write_bytes(machine.emit(module, opt, tm))
    objects = [obj]
    if form == "PE":
        objects.append(_fltused(work, tm))
    library = work / f"cell{suffix}"
    if triple == _host_triple():  # this machine's own linker, as for every cell (link.py)
        from .link import link

        command = link(obj, library, ["m", "c"])
    else:
        command = ["zig", "cc", "-target", zig_target, "-shared", "-o", library.name, *(o.name for o in objects)]
        done = subprocess.run([sys.executable, "-m", "ziglang", *command[1:]], cwd=work, capture_output=True,
                              text=True)
        if done.returncode != 0:
            from .errors import LinkError

            raise LinkError(f"linking for {triple} failed ({' '.join(command)}):\n{done.stderr.strip()}")
    report = TargetReport(triple, form, library, command, required=required)
    report.exports = read_exports(library, form)
    exported = {e.name for e in report.exports}
    report.slots = [(name, name in exported) for name in sorted(survivors)]
    for name in required:
        if name not in exported:
            what = "slot" if name.startswith(SLOT_PREFIX) else "function"
            fix = "the dllexport storage class" if form == "PE" else "default visibility"
            report.problems.append(f"{what} {name} is missing from the export table of {library.name}: the loader "
                                   f"could not patch it after a load; it needs {fix}")
    report.seconds = time.perf_counter() - started
    return report


def _host_triple() -> str:
    from .machine import toolchain

    return toolchain()["triple"]


def _fltused(work: Path, tm) -> Path:
    """The marker symbol MSVC's C runtime defines; LLVM's COFF objects that use floats refer to it."""
    import llvmlite.binding as llvm

    module = llvm.parse_assembly(f'target triple = "{tm.triple}"\n@_fltused = global i32 39029\n')
    path = work / "fltused.obj"
    path.write_bytes(tm.emit_object(module))
    return path


def read_exports(path: Path, form: str) -> list:
    """The export table, read from the file with a library for its format."""
    from .binary import Export

    if form == "PE":
        import pefile

        pe = pefile.PE(str(path), fast_load=True)
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]])
        directory = getattr(pe, "DIRECTORY_ENTRY_EXPORT", None)
        rows = []
        for symbol in directory.symbols if directory else ():
            if symbol.name is None:
                continue
            section = pe.get_section_by_rva(symbol.address)
            kind = "function" if section is not None and section.Characteristics & 0x20000000 else "data"
            rows.append(Export(symbol.name.decode(), kind, symbol.address, 0))
        return sorted(rows, key=lambda e: e.name)
    if form == "Mach-O":
        import lief

        lief.logging.disable()

        binary = lief.parse(str(path))
        rows = []
        for symbol in binary.exported_symbols:
            name = symbol.name[1:] if symbol.name.startswith("_") else symbol.name  # C names get a "_"
            section = binary.section_from_virtual_address(symbol.value)
            kind = "function" if section is not None and section.name == "__text" else "data"
            rows.append(Export(name, kind, symbol.value, 0))
        return sorted(rows, key=lambda e: e.name)
    from elftools.elf.elffile import ELFFile

    with open(path, "rb") as f:
        elf = ELFFile(f)
        table = elf.get_section_by_name(".dynsym")
        rows = [Export(s.name, "function" if s["st_info"]["type"] == "STT_FUNC" else "data", s["st_value"],
                       s["st_size"])
                for s in (table.iter_symbols() if table else ())
                if s.name and s["st_shndx"] != "SHN_UNDEF" and s["st_info"]["bind"] in ("STB_GLOBAL", "STB_WEAK")
                and s["st_other"]["visibility"] in ("STV_DEFAULT", "STV_PROTECTED")]
    return sorted(rows, key=lambda e: e.name)
