"""The native code generator: the only module that imports `llvmlite.binding`.

    module = optimize(lowered.module, level=2)   # verify, run LLVM's O2 pipeline
    survivors = export(module)                   # slots the optimizer kept, made visible
    obj = emit(module)                           # an object file for this CPU

Slots are lowered as internal `externally_initialized` globals: the optimizer may
delete the unused ones but cannot fold their values into code. `export` then gives
each surviving slot and each `jitcell.def.*` entry point external linkage, default
visibility and the `dllexport` storage class, so it lands in the export table of an
ELF, Mach-O or PE library alike.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import tempfile
import threading
import warnings
from dataclasses import dataclass

import llvmlite
import llvmlite.binding as llvm
from llvmlite import ir

from jitcell.abi import CALL_PREFIX, FUNCTION_PREFIX, SLOT_PREFIX, VAR_PREFIX

__all__ = ["toolchain", "optimize", "optimize_with_remarks", "export", "emit", "assembly", "globals_table",
           "GlobalInfo", "break_slot", "emit_text", "BREAKS"]

BREAKS = ("no-dllexport", "hidden")  # teaching mode: how break_slot strips a slot's export
_IMPL_PREFIX = "jitcell.impl."  # a cell function's body (lower/program.py)


@dataclass(frozen=True, slots=True)
class GlobalInfo:
    """How one global of the optimized module will be linked."""

    name: str
    kind: str  # "function" or "data"
    linkage: str
    visibility: str
    storage_class: str


@functools.cache
def _initialize() -> None:
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()


@functools.cache
def toolchain() -> dict:
    """What the generated code depends on: part of every cache key."""
    _initialize()
    return {
        "llvm": ".".join(map(str, llvm.llvm_version_info)),
        "llvmlite": llvmlite.__version__,
        "triple": llvm.get_process_triple(),
        "cpu": llvm.get_host_cpu_name(),
        "features": llvm.get_host_cpu_features().flatten(),
    }


@functools.cache
def _target_machine(level: int):
    _initialize()
    info = toolchain()
    target = llvm.Target.from_triple(info["triple"])
    return target.create_target_machine(cpu=info["cpu"], features=info["features"], opt=level,
                                        reloc="pic", codemodel="default")


@functools.cache
def cross_target_machine(triple: str, level: int, cpu: str = ""):
    """A target machine for another platform (`cpu`, or a generic CPU of its architecture): for
    checking a cell's library for that platform without running it (targets.py)."""
    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()
    target = llvm.Target.from_triple(triple)
    return target.create_target_machine(cpu=cpu, opt=level, reloc="pic", codemodel="default")


# A function of more basic blocks than this is only cleaned up (SROA: its locals in registers) and
# then marked `optnone`: LLVM's O2 pipeline and code generator take time that grows with the square
# of one function's size (InstCombine's walk over the dominating conditions of a value, the loop
# passes' dominator tree and MemorySSA updates over the rest of the function after each loop, the
# register coalescer), 40 s for a function of 4,000 statements. A function of a usual cell has a
# few hundred blocks; one of 1,000 statements about 2,000 to 5,000.
LARGE_FUNCTION_BLOCKS = 2000


def optimize(module: ir.Module, level: int, tm=None) -> llvm.ModuleRef:
    """Verify and optimize for this machine, or for the target machine `tm`."""
    tm = tm or _target_machine(level)
    module.triple = tm.triple
    module.data_layout = str(tm.target_data)
    large = [(f.name, len(f.blocks)) for f in module.functions if len(f.blocks) > LARGE_FUNCTION_BLOCKS]
    parsed = llvm.parse_assembly(str(module))
    parsed.verify()
    options = llvm.create_pipeline_tuning_options(speed_level=level)
    builder = llvm.create_pass_builder(tm, options)
    if level > 0:
        for name, blocks in large:
            _optimize_large(parsed.get_function(name), blocks, builder)
    builder.getModulePassManager().run(parsed, builder)
    return parsed


# LLVM reports why it did not vectorize a loop as "remarks", which the C API does not hand over: it
# prints them on the process's stderr when its command-line options ask for them (clang's -Rpass-missed).
_REMARKS = ("-pass-remarks-missed", "-pass-remarks-analysis")
_REMARK_LINE = re.compile(r"^remark: ([^:\s]+:\d+:\d+: .*)$")
_remarks_lock = threading.Lock()


def optimize_with_remarks(module: ir.Module, level: int) -> tuple[llvm.ModuleRef, list[str]]:
    """`optimize`, and what the loop vectorizer says of the loops it left alone, one line each:
    "cell:5:9: loop not vectorized: call instruction cannot be vectorized" (the module must carry
    source locations: lower/locations.py). The options are set for this call only; meanwhile the
    process's stderr (file descriptor 2) goes to a file, and what else was written there is
    written back to it afterwards."""
    with _remarks_lock:
        sys.stderr.flush()
        saved = os.dup(2)
        with tempfile.TemporaryFile() as captured:
            os.dup2(captured.fileno(), 2)
            try:
                for option in _REMARKS:
                    llvm.set_option("", f"{option}=loop-vectorize")
                optimized = optimize(module, level)
            finally:
                for option in _REMARKS:
                    llvm.set_option("", f"{option}=^$")  # a pass name is never empty: no remarks
                os.dup2(saved, 2)
                os.close(saved)
            captured.seek(0)
            text = captured.read().decode(errors="replace")
    remarks: list[str] = []
    other: list[str] = []
    for line in text.splitlines(keepends=True):
        found = _REMARK_LINE.match(line.rstrip("\n"))
        if found:
            remarks.append(found.group(1))
        elif remarks and not other and line.strip() and not line.startswith(" "):  # a remark's second line
            remarks[-1] += " " + line.strip()
        else:
            other.append(line)
    if other:
        os.write(2, "".join(other).encode())
    return optimized, list(dict.fromkeys(remarks))


def _optimize_large(fn: llvm.ValueRef, blocks: int, builder) -> None:
    passes = llvm.create_new_function_pass_manager()
    passes.add_sroa_pass()
    passes.run(fn, builder)
    fn.add_function_attribute("noinline")  # optnone requires it
    fn.add_function_attribute("optnone")
    if fn.name.startswith(_IMPL_PREFIX):
        warnings.warn(f"{fn.name[len(_IMPL_PREFIX):]}() is too large to optimize fully ({blocks:,} basic blocks, "
                      f"more than {LARGE_FUNCTION_BLOCKS:,}): only its locals were moved to registers; split it "
                      f"into smaller functions to have them optimized", stacklevel=2)


def export(module: llvm.ModuleRef) -> list[str]:
    """Make slots and entry points (`jitcell.def.*` for ctypes, `jitcell.call.*` for other
    cells) visible; returns the slot symbols that survived."""
    survivors = []
    for g in module.global_variables:
        if g.name.startswith(SLOT_PREFIX):
            _make_exported(g)
            survivors.append(g.name)
        elif g.name.startswith(VAR_PREFIX):  # a module variable's storage
            _make_exported(g)
    for f in module.functions:
        if f.name.startswith((FUNCTION_PREFIX, CALL_PREFIX)) and not f.is_declaration:
            _make_exported(f)
    return survivors


def _make_exported(value) -> None:
    value.linkage = "external"
    value.visibility = "default"
    value.storage_class = "dllexport"


def break_slot(module: llvm.ModuleRef, how: str) -> str | None:
    """Teaching mode: strip the export from one slot of an optimized module, as real bugs do.
    Returns the slot's name (the first in name order), or None if the module has no slot."""
    slots = sorted(g.name for g in module.global_variables if g.name.startswith(SLOT_PREFIX))
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



def globals_table(module: llvm.ModuleRef) -> list[GlobalInfo]:
    rows = []
    for kind, values in (("function", module.functions), ("data", module.global_variables)):
        for v in values:
            if kind == "function" and v.is_declaration:
                continue
            rows.append(GlobalInfo(v.name, kind, v.linkage.name, v.visibility.name, v.storage_class.name))
    return rows


def emit(module: llvm.ModuleRef, level: int, tm=None) -> bytes:
    return (tm or _target_machine(level)).emit_object(module)


def emit_text(text: str, tm) -> bytes:
    """An object file for the target machine `tm` from LLVM IR text, which may hold `module asm`
    in the host's assembly syntax (only the host's assembler parser is initialized)."""
    llvm.initialize_native_asmparser()
    return tm.emit_object(llvm.parse_assembly(text))


def assembly(module: llvm.ModuleRef, level: int) -> str:
    return _target_machine(level).emit_assembly(module)
