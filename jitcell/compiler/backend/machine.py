"""The native code generator: the only module that imports `llvmlite.binding`.

    code = optimize(lowered.module, level=2)     # verify, run LLVM's O2 pipeline
    survivors = export(code)                     # slots the optimizer kept, made visible
    objects = emit(code, level=2)                # object files for this CPU (two if a function is large;
                                                 # O0's code generator for code without loops)

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

from jitcell.abi import CALL_PREFIX, FUNCTION_PREFIX, NATIVE_PREFIX, SLOT_PREFIX, VAR_PREFIX

__all__ = ["toolchain", "optimize", "optimize_with_remarks", "Optimized", "export", "emit", "assembly",
           "globals_table", "GlobalInfo", "break_slot", "emit_text", "BREAKS", "LARGE_FUNCTION_BLOCKS"]

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
# marked `optnone`, in a module of its own that LLVM's fast code generator (O0: FastISel, the fast
# register allocator) emits: the O2 pipeline and code generator take time that grows with the square
# of one function's size (LoopRotate, LoopFullUnroll and JumpThreading update the dominator tree of
# the whole function for each loop; the register coalescer), 124 s for a function of 2,000
# statements `x = (x * 3 + i) % p`, and even for an `optnone` function the O2 code generator costs
# five times the O0 one, for code of the same speed (benchmarks/compile_scaling.py). The threshold,
# measured (`--large-function-blocks`): up to 2,000 blocks the full pipeline costs 0.3 ms a block for
# branches, loops and chains of arithmetic (the benchmark's chain and mixed shapes), and for straight
# code checking many conditions on one value (locals) 0.35 ms at 500 blocks, 0.7 at 2,000, 1.4 at
# 4,000, InstCombine's look at the dominating conditions being quadratic; the separate path costs
# 0.07 ms a block. A function of a usual cell has a few hundred blocks; one of 1,000 statements
# 2,000 to 5,000.
LARGE_FUNCTION_BLOCKS = 2000


@dataclass(slots=True)
class Optimized:
    """A cell's optimized code: `main`, and `large`, the module of the functions too large for LLVM's
    full pipeline (None if no function is), which `main` declares. Both emitted, they link together."""

    main: llvm.ModuleRef
    large: llvm.ModuleRef | None = None
    cold: bool = False  # no loop, no recursion: the cold pipeline, and the fast code generator

    @property
    def functions(self) -> list[llvm.ValueRef]:
        """Every function of `main` (the large ones declared there), then the large ones."""
        found = list(self.main.functions)
        if self.large is not None:
            found += [f for f in self.large.functions if not f.is_declaration]
        return found

    @property
    def global_variables(self) -> list[llvm.ValueRef]:
        return list(self.main.global_variables)

    def get_function(self, name: str) -> llvm.ValueRef:
        if self.large is not None:
            found = self.large.get_function(name)
            if not found.is_declaration:
                return found
        return self.main.get_function(name)

    def __str__(self) -> str:
        return str(self.main) + ("" if self.large is None else f"\n; functions too large to optimize fully\n"
                                                             f"{self.large}")


def optimize(module: ir.Module, level: int, tm=None) -> Optimized:
    """Verify and optimize for this machine, or for the target machine `tm` (which keeps a large
    function in the main module)."""
    tm = tm or _target_machine(level)
    module.triple = tm.triple
    module.data_layout = str(tm.target_data)
    large = [f for f in module.functions if len(f.blocks) > LARGE_FUNCTION_BLOCKS] if level > 0 else []
    separate = bool(large) and tm is _target_machine(level)
    main_text, large_text = _texts(module, {f.name for f in large}) if separate else (str(module), "")
    parsed = llvm.parse_assembly(main_text)
    parsed.verify()
    options = llvm.create_pipeline_tuning_options(speed_level=level)
    builder = llvm.create_pass_builder(tm, options)
    apart = llvm.parse_assembly(large_text) if separate else parsed
    if separate:
        apart.verify()
    for fn in large:
        _optimize_large(apart.get_function(fn.name), len(fn.blocks), builder)
    cold = level > 0 and tm is _target_machine(level) and not _repeats(module) and not _coroutines(module)
    if cold:
        _cold_pipeline(parsed, _small_internal(module), tm)
    else:
        builder.getModulePassManager().run(parsed, builder)
    return Optimized(parsed, apart if separate else None, cold)


# A cold module gets a short pipeline of its own: its small internal functions (the bodies its entry
# points wrap) inlined, then SROA, instcombine, simplifycfg. O1's whole pipeline cost a trivial cell
# 2.1 ms of CPU and this one 0.6 ms; what O1 does beyond it (early CSE, the function attributes,
# the scalar passes over code that runs once a call) is not measurable next to a call
# (`benchmarks/trivial_miss.py --calls`).
_INLINED_INSTRUCTIONS = 60  # about O1's inlining threshold for code this size


def _small_internal(module: ir.Module) -> list[str]:
    """The functions of a cold module to inline into their callers: internal, small, not noinline."""
    return [f.name for f in module.functions
            if f.blocks and f.linkage in ("internal", "private") and "noinline" not in f.attributes
            and sum(len(b.instructions) for b in f.blocks) <= _INLINED_INSTRUCTIONS]


def _cold_pipeline(parsed: llvm.ModuleRef, inlined: list[str], tm) -> None:
    for name in inlined:
        parsed.get_function(name).add_function_attribute("alwaysinline")
    passes = llvm.create_new_module_pass_manager()
    passes.add_always_inliner_pass()
    passes.add_sroa_pass()
    passes.add_instruction_combine_pass()
    passes.add_simplify_cfg_pass()
    passes.add_global_dead_code_eliminate_pass()
    passes.run(parsed, llvm.create_pass_builder(tm, llvm.create_pipeline_tuning_options(speed_level=0)))


# A module whose code runs each instruction at most once per call (no loop, no recursion: "cold") gets
# the cold pipeline (above) and is emitted by LLVM's fast code generator (O0: FastISel, the fast register
# allocator): for a trivial cell O2's pipeline and code generator cost 5 and 8 ms of CPU, mostly for
# the entry points of one function (wrappers, the vectorcall entry), the largest stages of its miss,
# and what they buy there (fewer spills, GVN) is not measurable next to a call from Python or through a
# slot (`benchmarks/trivial_miss.py --calls`). Loops, and recursion (which the optimizer may turn into
# a loop), keep the O2 pipeline and code generator.
def _repeats(module: ir.Module) -> bool:
    """Whether some function of `module` has a loop, or calls itself through functions of the module."""
    defined = [f for f in module.functions if f.blocks]
    if any(_has_loop(f) for f in defined):
        return True
    calls = {f: {i.callee for b in f.blocks for i in b.instructions
                 if isinstance(i, ir.CallInstr) and isinstance(i.callee, ir.Function) and i.callee.blocks}
             for f in defined}
    return _has_cycle(defined, calls.__getitem__)


def _coroutines(module: ir.Module) -> bool:
    """Whether `module` defines a generator's coroutine (lower/generators.py): only the O2 pipeline
    splits coroutines, and code generators cannot emit them unsplit."""
    return any("presplitcoroutine" in f.attributes for f in module.functions if f.blocks)


def _successors(block: ir.Block) -> list:
    term = block.terminator
    if term is None:
        return []
    found = [op for op in term.operands if isinstance(op, ir.Block)]
    found += [getattr(term, name) for name in ("default", "normal_to", "unwind_to") if hasattr(term, name)]
    found += [b for _, b in getattr(term, "cases", ())] + list(getattr(term, "destinations", ()))
    return found


def _has_loop(fn: ir.Function) -> bool:
    return _has_cycle(fn.blocks[:1], _successors)


def _has_cycle(roots: list, successors) -> bool:
    """Whether a depth-first walk from `roots` meets a node on its own path (an iterative walk: a
    function may have thousands of blocks)."""
    state: dict = {}  # node -> 1 on the path, 2 done
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors(root)))]
        while stack:
            node, rest = stack[-1]
            following = next(rest, None)
            if following is None:
                state[node] = 2
                stack.pop()
            elif state.get(following) == 1:
                return True
            elif following not in state:
                state[following] = 1
                stack.append((following, iter(successors(following))))
    return False


def _texts(module: ir.Module, large: set[str]) -> tuple[str, str]:
    """The IR of `module` without the bodies of the `large` functions, and of those alone (the rest
    declared). What one refers to in the other may not be internal: such globals become hidden."""
    local = [g for g in module.globals.values() if g.linkage in ("internal", "private")]
    functions = [g for g in module.globals.values() if isinstance(g, ir.Function) and g.blocks]
    variables = [g for g in module.globals.values() if isinstance(g, ir.GlobalVariable)]
    saved = [(g, g.linkage) for g in local]
    blocks = {fn.name: fn.blocks for fn in functions}
    try:
        for g in local:
            g.linkage = "hidden"
            if isinstance(g, ir.GlobalVariable):
                g._clear_string_cache()
        for fn in functions:
            fn.blocks = [] if fn.name in large else blocks[fn.name]
        main = str(module)
        definitions = [(g, g.linkage, g.initializer) for g in variables]
        for fn in functions:
            fn.blocks = blocks[fn.name] if fn.name in large else []
        for g in variables:  # declared: `external global` (the definition's hidden visibility wins)
            g.linkage, g.initializer = "", None
            g._clear_string_cache()  # llvmlite caches a global variable's text
        try:
            return main, str(module)
        finally:
            for g, linkage, initializer in definitions:
                g.linkage, g.initializer = linkage, initializer
                g._clear_string_cache()
    finally:
        for fn in functions:
            fn.blocks = blocks[fn.name]
        for g, linkage in saved:
            g.linkage = linkage
            if isinstance(g, ir.GlobalVariable):
                g._clear_string_cache()


# LLVM reports why it did not vectorize a loop as "remarks", which the C API does not hand over: it
# prints them on the process's stderr when its command-line options ask for them (clang's -Rpass-missed).
_REMARKS = ("-pass-remarks-missed", "-pass-remarks-analysis")
_REMARK_LINE = re.compile(r"^remark: ([^:\s]+:\d+:\d+: .*)$")
_remarks_lock = threading.Lock()


def optimize_with_remarks(module: ir.Module, level: int) -> tuple[Optimized, list[str]]:
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


def export(code: Optimized) -> list[str]:
    """Make slots and entry points (`jitcell.def.*` for ctypes, `jitcell.call.*` for other
    cells) visible; returns the slot symbols that survived."""
    module = code.main
    survivors = []
    for g in module.global_variables:
        if g.name.startswith(SLOT_PREFIX):
            _make_exported(g)
            survivors.append(g.name)
        elif g.name.startswith(VAR_PREFIX):  # a module variable's storage
            _make_exported(g)
    for f in module.functions:
        if f.name.startswith((FUNCTION_PREFIX, CALL_PREFIX, NATIVE_PREFIX)) and not f.is_declaration:
            _make_exported(f)
    return survivors


def _make_exported(value) -> None:
    value.linkage = "external"
    value.visibility = "default"
    value.storage_class = "dllexport"


def break_slot(code: Optimized, how: str) -> str | None:
    """Teaching mode: strip the export from one slot of an optimized module, as real bugs do.
    Returns the slot's name (the first in name order), or None if the module has no slot."""
    module = code.main
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



def globals_table(code: Optimized) -> list[GlobalInfo]:
    rows = []
    for kind, values in (("function", code.functions), ("data", code.global_variables)):
        for v in values:
            if kind == "function" and v.is_declaration:
                continue
            rows.append(GlobalInfo(v.name, kind, v.linkage.name, v.visibility.name, v.storage_class.name))
    return rows


def emit(code: Optimized, level: int, tm=None) -> list[bytes]:
    """One object file, and a second one for the large functions (by LLVM's fast code generator)."""
    objects = [(tm or _target_machine(0 if code.cold else level)).emit_object(code.main)]
    if code.large is not None:
        objects.append(_target_machine(0).emit_object(code.large))
    return objects


def emit_text(text: str, tm) -> bytes:
    """An object file for the target machine `tm` from LLVM IR text, which may hold `module asm`
    in the host's assembly syntax (only the host's assembler parser is initialized)."""
    llvm.initialize_native_asmparser()
    return tm.emit_object(llvm.parse_assembly(text))


def assembly(code: Optimized, level: int) -> str:
    text = _target_machine(0 if code.cold else level).emit_assembly(code.main)
    if code.large is not None:
        text += "\n# functions too large to optimize fully\n" + _target_machine(0).emit_assembly(code.large)
    return text
