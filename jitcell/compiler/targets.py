"""Build a cell for another platform and check its export table, without running it.

    >>> report = check_target(source, "x86_64-pc-windows-msvc")
    >>> report.ok, report.format, [e.name for e in report.exports][:2]
    (True, 'PE', ['jitcell.call.f', 'jitcell.def.f'])
    >>> check_target(source, "x86_64-pc-windows-msvc", break_linkage="no-dllexport").problems
    ['slot jitcell.slot.capi.PyErr_CheckSignals is missing from the export table of cell.dll: ...']
    >>> report.raise_for_problems()        # LinkageError naming each missing slot or function

The cell goes through the same stages as on this machine (driver.front_end), optimized
and emitted for the target by LLVM (machine.cross_target_machine), then linked by the
`ziglang` package's linkers, none of which builds a C runtime or compiler-rt:

- PE: `zig lld-link /DLL /NOENTRY /NODEFAULTLIB /MACHINE:X64`, as MSVC's link.exe would:
  only `dllexport` symbols are exported. The C and math functions the object imports come
  from the Universal C runtime, `ucrtbase.dll`, through an import library that `zig dlltool`
  makes from a .def file listing them (checked against MinGW-w64's list of its exports). A
  tiny support object defines what MSVC's static runtime would: `_fltused` (LLVM's COFF
  objects refer to it when they use floats) and `__chkstk` (the stack probe of dynamic
  stack allocations), neither exported.
- Mach-O: `zig cc -target x86_64-macos|aarch64-macos -shared -nostdlib`, zig's own Mach-O
  linker against its libSystem stub (libm and libc are libSystem on macOS); an undefined
  symbol libSystem lacks is a link error.
- ELF: this machine's linker for its own triple (link.py), else `zig cc -target
  aarch64-linux-gnu -shared -nostdlib -Wl,-z,defs -Wl,--as-needed -lm -lc`.

The export table is read back from the file: pefile for PE, LIEF for Mach-O, pyelftools
for ELF (sizes are 0 where the format records none). Every function entry
(`jitcell.def.*`, `jitcell.call.*`) and every slot that survived optimization must be in
it; each one that is not is a problem naming it. The imports, with the library each comes
from, are read back too.

`break_linkage` reproduces the bug this project guards against: "no-dllexport" leaves
the `dllexport` storage class off one slot (what the original JIT's Windows DLLs did),
"hidden" gives one slot hidden visibility (its ELF and Mach-O twin).
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from jitcell.abi import CALL_PREFIX, FUNCTION_PREFIX, NATIVE_PREFIX, SLOT_PREFIX, VAR_PREFIX
from jitcell.errors import LinkageError, LinkError, ToolchainError
from jitcell.loader.symbols import Export, Import
from jitcell.options import Options

from .backend import machine
from .backend.link import link
from .driver import front_end

__all__ = ["TARGETS", "TargetReport", "check_target", "host_triple"]

# triple -> (format, library suffix, zig target, CPU). x86-64-v2 (SSE4.2) is the floor of Windows 11
# and of every Mac macOS still supports: with it `round` compiles to an instruction, where the baseline
# x86-64 would call `roundeven`, which neither ucrtbase.dll nor libSystem provides.
TARGETS = {
    "x86_64-pc-windows-msvc": ("PE", ".dll", None, "x86-64-v2"),
    "x86_64-apple-darwin": ("Mach-O", ".dylib", "x86_64-macos", "x86-64-v2"),
    "arm64-apple-darwin": ("Mach-O", ".dylib", "aarch64-macos", "apple-m1"),
    "x86_64-unknown-linux-gnu": ("ELF", ".so", "x86_64-linux-gnu", ""),
    "aarch64-unknown-linux-gnu": ("ELF", ".so", "aarch64-linux-gnu", ""),
}


@dataclass
class TargetReport:
    triple: str
    format: str
    library: Path
    command: list[str]
    exports: list = field(default_factory=list)  # symbols.Export rows (size 0 where the format records none)
    imports: list = field(default_factory=list)  # symbols.Import rows: symbol and the system library providing it
    required: list[str] = field(default_factory=list)  # symbols that must be exported
    slots: list[tuple[str, bool]] = field(default_factory=list)  # (slot, exported?)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> TargetReport:
        """Raise LinkageError naming every function or slot missing from the exports; else return self."""
        if self.problems:
            raise LinkageError(f"{self.triple} ({self.format}): " + "\n".join(self.problems))
        return self

    def __str__(self) -> str:
        lines = [f"{self.triple}: {self.format} library {self.library.name} "
                 f"({'ok' if self.ok else 'BROKEN'}, {self.seconds * 1000:.0f} ms)",
                 f"  linked by: {' '.join(self.command)}",
                 f"  exports ({len(self.exports)}):"]
        lines += [f"    {e.name:40} {e.kind:8} {e.offset:#8x} {e.size or '':>5}" for e in self.exports]
        lines += [f"  imports: {', '.join(f'{i.name} ({i.library})' for i in self.imports) or 'none'}"]
        lines += [f"  slot {name}: {'exported' if exported else 'NOT EXPORTED'}" for name, exported in self.slots]
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        colour = "#1a7f37" if self.ok else "#cf222e"
        slots = dict(self.slots)
        rows = "".join(f"<tr><td>{html.escape(e.name)}</td><td>{e.kind}</td><td>{e.offset:#x}</td>"
                       f"<td>{e.size or ''}</td><td>{'slot' if e.name in slots else ''}</td></tr>"
                       for e in self.exports)
        rows += "".join(f"<tr style='color:#cf222e'><td>{html.escape(name)}</td><td colspan='4'>slot NOT EXPORTED"
                        f"</td></tr>" for name, exported in self.slots if not exported)
        problems = "".join(f"<div style='color:#cf222e'>{html.escape(p)}</div>" for p in self.problems)
        imports = ", ".join(f"{html.escape(i.name)} ({html.escape(str(i.library))})" for i in self.imports) or "none"
        return (f"<div style='font-family:monospace'><b style='color:{colour}'>{html.escape(self.triple)}: "
                f"{self.format} {html.escape(self.library.name)} {'ok' if self.ok else 'BROKEN'}</b> "
                f"({self.seconds * 1000:.0f} ms){problems}<div>linked by: <code>{html.escape(' '.join(self.command))}"
                f"</code></div><div>imports: {imports}</div><table><tr><th>export</th><th>kind</th><th>offset</th>"
                f"<th>size</th><th></th></tr>{rows}</table></div>")


def check_target(source: str, triple: str, *, break_linkage: str | None = None, opt: int = 2,
                 out_dir=None, **options) -> TargetReport:
    """Build `source` for `triple` (see TARGETS) into `out_dir` (a temporary directory by default)
    and check the library's export table."""
    if triple not in TARGETS:
        raise ValueError(f"unknown target {triple!r}; jitcell checks {', '.join(TARGETS)}")
    if break_linkage is not None and break_linkage not in machine.BREAKS:
        raise ValueError(f"break_linkage must be one of {', '.join(machine.BREAKS)}, not {break_linkage!r}")
    if triple != host_triple():
        _require_extra(triple)
    started = time.perf_counter()
    form, suffix, zig_target, cpu = TARGETS[triple]
    work = Path(out_dir) if out_dir is not None else Path(tempfile.mkdtemp(prefix="jitcell-target-"))
    work.mkdir(parents=True, exist_ok=True)
    tm = machine.cross_target_machine(triple, opt, cpu)
    _, _, module = front_end(source, Options(opt=opt, **options), 1, target_machine=tm)
    survivors = machine.export(module)
    if break_linkage:
        machine.break_slot(module, break_linkage)
    required = sorted(survivors + [f.name for f in module.functions if not f.is_declaration
                                   and f.name.startswith((FUNCTION_PREFIX, CALL_PREFIX, NATIVE_PREFIX))]
                      + [g.name for g in module.global_variables if g.name.startswith(VAR_PREFIX)])
    obj = work / f"cell{'.obj' if form == 'PE' else '.o'}"
    (code,) = machine.emit(module, opt, tm)  # for a target machine, large functions stay in the main module
    obj.write_bytes(code)
    objects = [obj]
    library = work / f"cell{suffix}"
    if triple == host_triple():  # this machine's own linker, as for every cell (link.py)
        command = link(obj, library, ["m", "c"])
    elif form == "PE":
        needed = _coff_undefined(obj)
        objects += [_support_object(work, tm, "__chkstk" in needed), *_import_libraries(work, needed)]
        # MSVC's way: only dllexport symbols are exported (no MinGW export-all fallback), no entry point
        command = ["zig", "lld-link", "/DLL", "/NOENTRY", "/NODEFAULTLIB", "/MACHINE:X64",
                   f"/OUT:{library.name}", *(o.name for o in objects)]
        _zig(command[1:], work, triple)
    else:  # zig's Mach-O linker (against its libSystem stub) or lld; -nostdlib: no C runtime, no compiler-rt
        assert zig_target is not None  # TARGETS names one for every format but PE
        command = ["zig", "cc", "-target", zig_target, "-shared", "-nostdlib", "-o", library.name,
                   *(o.name for o in objects)]
        if form == "ELF":  # as on this machine: only libm and libc, and nothing left undefined
            command += ["-Wl,-z,defs", "-Wl,--as-needed", "-lm", "-lc"]
        _zig(command[1:], work, triple)
    report = TargetReport(triple, form, library, command, required=required)
    report.exports = read_exports(library, form)
    report.imports = read_imports(library, form)
    exported = {e.name for e in report.exports}
    report.slots = [(name, name in exported) for name in sorted(survivors)]
    for name in required:
        if name not in exported:
            fix = "the dllexport storage class" if form == "PE" else "default visibility"
            if name.startswith(SLOT_PREFIX):
                report.problems.append(f"slot {name} is missing from the export table of {library.name}: the loader "
                                       f"could not patch it after a load; it needs {fix}")
            elif name.startswith(VAR_PREFIX):
                report.problems.append(f"module variable {name} is missing from the export table of {library.name}: "
                                       f"the slots that reach it could not be patched; it needs {fix}")
            else:
                report.problems.append(f"function {name} is missing from the export table of {library.name}: "
                                       f"it could not be called; it needs {fix}")
    report.seconds = time.perf_counter() - started
    return report


def host_triple() -> str:
    """The LLVM triple of this machine."""
    return machine.toolchain()["triple"]


def _support_object(work: Path, tm, chkstk: bool) -> Path:
    """What MSVC's static C runtime would add to a DLL, and a cell's COFF object may refer to:
    `_fltused` (a marker LLVM references when a function uses floats) and, if `chkstk`, `__chkstk`
    (the stack probe LLVM calls for frames beyond a page; compiler-rt's ___chkstk_ms, which moves
    no stack pointer). Neither is exported."""
    text = f'target triple = "{tm.triple}"\n@_fltused = global i32 39029\n'
    if chkstk:
        if not host_triple().startswith("x86_64"):  # llvmlite initializes only the host's assembler
            raise LinkError("this cell's Windows library needs the stack probe __chkstk, which jitcell assembles "
                            "only on an x86-64 machine")
        text += "".join(f'module asm "{line}"\n' for line in _CHKSTK)
    path = work / "support.obj"
    path.write_bytes(machine.emit_text(text, tm))
    return path


# the stack probe of compiler-rt (___chkstk_ms): touches each page from the stack pointer down to
# rsp - rax, so the guard page grows the stack in order; changes no register but flags
_CHKSTK = [".text", ".globl __chkstk", ".p2align 4", "__chkstk:",
           "push %rcx", "push %rax", "cmp $0x1000, %rax", "lea 24(%rsp), %rcx", "jb 1f",
           "2:", "sub $0x1000, %rcx", "test %rcx, (%rcx)", "sub $0x1000, %rax", "cmp $0x1000, %rax", "ja 2b",
           "1:", "sub %rax, %rcx", "test %rcx, (%rcx)", "pop %rax", "pop %rcx", "ret"]


EXTRA_MODULES = ("ziglang", "lief", "pefile")  # the `targets` extra: zig's linkers, and readers of PE and Mach-O


def _require_extra(triple: str) -> None:
    """One message, naming the extra, where a module of it is missing."""
    import importlib.util

    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise ToolchainError(f"building for {triple} needs jitcell's cross-target linkers, which are not installed "
                             f"(no {', '.join(missing)}): pip install \"jitcell[targets]\"")


def _zig(arguments: list[str], work: Path, triple: str) -> None:
    """Run a tool of the `ziglang` package (`zig cc`, `zig lld-link`, `zig dlltool`) in `work`."""
    _require_extra(triple)
    done = subprocess.run([sys.executable, "-m", "ziglang", *arguments], cwd=work, capture_output=True, text=True)
    if done.returncode != 0:
        raise LinkError(f"linking for {triple} failed (zig {' '.join(arguments)}):\n"
                        f"{(done.stderr or done.stdout).strip()}")


def _coff_undefined(obj: Path) -> set[str]:
    import lief

    lief.logging.disable()
    coff = lief.parse(str(obj))  # kept alive while its symbols are read
    if not isinstance(coff, lief.COFF.Binary):
        raise LinkError(f"{obj.name} is not the COFF object LLVM was asked to emit")
    return {_text(s.name) for s in coff.symbols if s.is_external and s.is_undefined}


def _text(name: str | bytes) -> str:
    """A symbol name as LIEF gives it (str, or bytes where it is not valid UTF-8)."""
    return name if isinstance(name, str) else name.decode("utf-8", "replace")


def _mach_o(path: Path):
    import lief

    lief.logging.disable()
    binary = lief.parse(str(path))
    if not isinstance(binary, lief.MachO.Binary):
        raise LinkError(f"{path.name} is not the Mach-O library zig was asked to link")
    return binary


def _import_libraries(work: Path, needed: set[str]) -> list[Path]:
    """An import library for the C and math functions the COFF object needs, from the Universal
    C runtime (ucrtbase.dll, part of every Windows 10 and later): a .def file made into a .lib by
    `zig dlltool`. No Windows SDK is needed, and a function ucrtbase.dll does not export is refused
    here, before linking."""
    names = sorted(needed - {"_fltused", "__chkstk"})  # both in the support object
    if not names:
        return []
    unknown = [name for name in names if name not in _ucrt_exports()]
    if unknown:
        raise LinkageError(f"the code for this cell needs symbols that the Windows C runtime (ucrtbase.dll) "
                           f"does not provide: {', '.join(unknown)}")
    definition = work / "ucrtbase.def"
    definition.write_text("LIBRARY ucrtbase.dll\nEXPORTS\n" + "".join(f"    {n}\n" for n in names))
    _zig(["dlltool", "-m", "i386:x86-64", "-d", definition.name, "-l", "ucrtbase.lib"], work, "x86_64-pc-windows-msvc")
    return [work / "ucrtbase.lib"]


@functools.cache
def _ucrt_exports() -> frozenset[str]:
    """The functions ucrtbase.dll exports, from the MinGW-w64 definition zig ships."""
    import re

    import ziglang

    folder = Path(ziglang.__file__).parent / "lib" / "libc" / "mingw" / "lib-common"
    names = set()
    text = "\n".join(path.read_text() for path in (folder / "ucrtbase-common.def.in", folder / "ucrtbase.def.in")
                     if path.exists())  # older zigs have the list in ucrtbase.def.in itself
    for line in text.splitlines():
        line = line.split(";")[0].strip()
        if not line or line.startswith(("#", "LIBRARY", "EXPORTS")):
            continue
        token = line.split()[0]
        macro = re.fullmatch(r"(\w+)\((\w+)\)", token)
        if macro:  # F_X64(name) and the like: keep the names a non-debug x86-64 ucrtbase.dll exports
            if macro.group(1) in ("F_I386", "F_ARM32", "F_ARM64", "F_ARM_ANY", "F_ARM_NATIVE", "F_DEBUG", "F_NON_X64"):
                continue
            token = macro.group(2)
        names.add(token)
    return frozenset(names)


def read_exports(path: Path, form: str) -> list:
    """The export table, read from the file with a library for its format."""
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
        binary = _mach_o(path)
        rows = []
        for symbol in binary.exported_symbols:
            name = _text(symbol.name)
            name = name[1:] if name.startswith("_") else name  # C names get a "_"
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


def read_imports(path: Path, form: str) -> list:
    """The symbols the library imports and the system library each comes from, read from the file."""
    if form == "PE":
        import pefile

        pe = pefile.PE(str(path), fast_load=True)
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
        return sorted((Import(i.name.decode(), entry.dll.decode()) for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT",
                                                                                        [])
                       for i in entry.imports if i.name), key=lambda i: i.name)
    if form == "Mach-O":
        binary = _mach_o(path)  # kept alive while its symbols are read
        imported = []
        for symbol in binary.imported_symbols:
            library = None
            info = symbol.binding_info if symbol.has_binding_info else None
            if info is not None and info.has_library and info.library is not None:
                library = _text(info.library.name)
            name = _text(symbol.name)
            imported.append(Import(name[1:] if name.startswith("_") else name, library))
        return sorted(imported, key=lambda i: i.name)
    from elftools.elf.elffile import ELFFile

    with open(path, "rb") as f:  # a versioned symbol names its library in .gnu.version_r
        elf = ELFFile(f)
        table, versions = elf.get_section_by_name(".dynsym"), elf.get_section_by_name(".gnu.version")
        needs = elf.get_section_by_name(".gnu.version_r")
        files = {aux["vna_other"]: need.name for need, auxes in (needs.iter_versions() if needs else ())
                 for aux in auxes}
        rows = [Import(s.name, files.get(versions.get_symbol(i)["ndx"]) if versions else None)
                for i, s in enumerate(table.iter_symbols() if table else ())
                if s.name and s["st_shndx"] == "SHN_UNDEF"]
    return sorted(rows, key=lambda i: i.name)
