"""The compiler's one entry: cell source -> a linked library and its manifest (a cache miss).

    program, lowered, module = front_end(source, options, tag)   # parse, check, lower, optimize
    library, manifest = build(source, options, key, toolchain, work)  # ... emit, link, describe

`build` runs every stage of a miss in order and records what the loader needs in the
manifest: the functions and their signatures, the slots that survived optimization and
the address each was built with, the error sites, the export table read back from the
file, and what the cell uses from other cells. `generated_code` runs the front end again
for a loaded library (the cache keeps the library, not its IR). Nothing here is imported
on a cache hit; this module is the only way the pipeline reaches the compiler.
"""

from __future__ import annotations

import contextlib
import gc
import time
from dataclasses import fields
from typing import TYPE_CHECKING

from jitcell import abi
from jitcell.errors import LinkageError
from jitcell.loader import frozen as frozen_names
from jitcell.loader import namespace, symbols, variables
from jitcell.loader.cache import library_file_digest, library_suffix, normalize_source
from jitcell.loader.namespace import Callees
from jitcell.options import Options
from jitcell.version import CODEGEN_ABI, __version__

from .backend import machine

if TYPE_CHECKING:
    from . import typed as T

# The stages are imported by the functions that run them: a process that only asks what this
# machine's code generator is (`toolchain`, for a cache key) does not pay for the whole compiler.

__all__ = ["front_end", "build", "generated_code", "checker_signatures", "checker_types", "toolchain"]


def toolchain() -> dict:
    """What this machine's code generator is (LLVM, CPU): part of every cache key."""
    return machine.toolchain()


def front_end(source: str, options: Options, tag: int, callees: dict | None = None, var_env: dict | None = None,
              stage=None, target_machine=None, locations: bool = False, frozen: dict | None = None) -> tuple:
    """parse -> check -> lower -> optimize: (typed program, lowered module, optimized module).
    `stage(name)`: a context manager that times each stage (build's timings); `target_machine`:
    optimize for another platform (targets.py), not this one; `locations`: for annotation, source
    locations in the code and LLVM's remarks in `lowered.notes` (lower/locations.py)."""
    stage = stage or (lambda name: contextlib.nullcontext())
    with _collector_paused():
        return _front_end(source, options, tag, callees, var_env, stage, target_machine, locations, frozen)


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector waits while the compiler builds its trees, which only grow
    until the stages end: its passes over them, one per 700 allocations, cost more the larger the
    cell (half the lowering time of a function of 8,000 statements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _front_end(source: str, options: Options, tag: int, callees: dict | None, var_env: dict | None, stage,
               target_machine, locations: bool, frozen: dict | None = None) -> tuple:
    from .check.program import check
    from .lower.program import lower
    from .parse import parse

    bases = getattr(callees, "bases", None) or {}  # classes of other cells (check/outer_bases.py)
    used = getattr(callees, "used", None) or {}  # and those the cell uses otherwise (check/outer_classes.py)
    with stage("parse"):
        tree = parse(source, options.first_line, script=options.script,
                     outer={name: base["init"] for name, base in bases.items()})
    with stage("check"):
        program = check(tree, source, options.first_line, internal=options.internal,
                        callees=checker_signatures(callees if callees is not None else {}),
                        variables=checker_types(var_env or {}), frozen=frozen, parallel=options.parallel,
                        bases=bases, used=used)
    with stage("lower"):
        lowered = lower(program, tag=tag, wraparound=options.wraparound,
                        loop_versioning=options.loop_versioning, address_of=namespace.resolver(callees or {},
                                                                                               var_env=var_env),
                        cell_entries=not options.internal, internal=options.internal,
                        interrupt_checks=options.interrupt_checks, boundscheck=options.boundscheck,
                        locations=locations)
    with stage("optimize"):
        if lowered.notes is not None:
            module, lowered.notes.remarks = machine.optimize_with_remarks(lowered.module, options.opt)
        else:
            module = machine.optimize(lowered.module, options.opt, target_machine)
    return program, lowered, module


def generated_code(library, callees=None, locations: bool = False) -> dict:
    """The code of a loaded library's cell, generated again from its manifest (source and
    options): {"ir": LLVM IR as lowered, "opt": optimized IR, "asm": assembly}. `callees`: the
    namespace the cell was compiled in, if it calls other cells or uses their variables.
    `locations` (annotation): the same code with source locations (`!dbg`, `.loc`), its error
    "sites", and "notes", the lowering's notes with LLVM's remarks (lower/locations.py)."""
    manifest = library.manifest
    options = Options.from_key_parts(manifest["options"])
    source = manifest["source"]
    env = namespace.resolve(callees, source) if callees is not None else {}
    var_env = variables.resolve(callees, source) if options.script and callees is not None else {}
    # the values the library froze: those the namespace holds now if they are the same, else
    # the compiled ones cannot be shown (a miss would have rebuilt the cell)
    frozen_env = {} if options.script else frozen_names.resolve(namespace.names_of(callees), source)
    _, lowered, module = front_end(source, options, manifest["tag"], env, var_env, locations=locations,
                                   frozen=frozen_env)
    machine.export(module)
    code = {"ir": str(lowered.module), "opt": str(module), "asm": machine.assembly(module, options.opt)}
    if lowered.notes is not None:
        code["notes"], code["sites"] = lowered.notes, lowered.sites
    return code


def build(source: str, options: Options, key: str, toolchain: dict, work, callees: dict | None = None,
          var_env: dict | None = None, frozen: dict | None = None) -> tuple:
    """Run the compiler stages; returns the linked library (in `work`, a Path) and its manifest.
    `callees`: name -> JitFunction of other cells the cell may call (namespace.resolve)."""
    from .backend import link

    timings: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(name):
        t0 = time.perf_counter()
        yield
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0

    tag = _signed64(int(key[:16], 16))
    program, lowered, module = front_end(source, options, tag, callees, var_env, stage, frozen=frozen)
    survivors = set(machine.export(module))
    if options.break_linkage:
        machine.break_slot(module, options.break_linkage)
    library = work / f"{key}{library_suffix()}"
    prestarted = link.prestart(library)  # the linker starts up while LLVM emits (link.py)
    try:
        with stage("emit"):
            objects = []  # a second one holds the functions too large to optimize fully (machine.py)
            for i, data in enumerate(machine.emit(module, options.opt)):
                objects.append(work / ("cell.o" if i == 0 else f"cell.{i}.o"))
                objects[-1].write_bytes(data)
        with stage("link"):
            needs = link.providers(symbols.undefined_symbols(*objects))
            unknown = sorted(name for name, lib in needs.items() if lib is None)
            if unknown:
                raise LinkageError(f"the code for this cell needs symbols that neither the C nor the math "
                                   f"library provides: {', '.join(unknown)}")
            libraries = sorted({lib for lib in needs.values() if lib is not None}, key="mc".index)
            linking = prestarted.finish(objects, libraries) if prestarted else link.start(objects, library, libraries)
    except BaseException:
        if prestarted:
            prestarted.stop()
        raise
    try:  # the linker is another process: what the manifest says of the code is written meanwhile
        described = _describe(program, lowered, module, survivors, options, callees, var_env, frozen)
    except BaseException:
        linking.stop()
        raise
    with stage("link"):
        command = linking.wait()
    imports, exports, sections = symbols.described(library)
    foreign = [i for i in imports if not symbols.is_system_library(i.library)]
    if foreign:
        names = ", ".join(f"{i.name} (from {i.library or 'nowhere'})" for i in foreign)
        raise LinkageError(f"the library for this cell imports symbols that only the C and math "
                           f"libraries may provide: {names}")
    manifest = {
        "format": 1,
        "key": key,
        "tag": tag,
        "jitcell": __version__,
        "abi": CODEGEN_ABI,
        "toolchain": toolchain,
        "source": normalize_source(source),
        "options": options.key_parts(),
        "created": time.time(),
        "library": {"file": library.name, "blake2b": library_file_digest(library), "size": library.stat().st_size,
                    "linker": [arg.replace(str(work) + "/", "") for arg in command]},
        **{name: described.pop(name) for name in ("functions", "slots", "removed_slots")},
        "imports": [{"name": i.name, "library": i.library} for i in imports],
        "globals": described.pop("globals"),
        # read from the linked file now: a cache hit shows them without reading it (report/diagnostics.py)
        "exports": [_row(e) for e in exports],
        "sections": {name: section for name, section in sections.items() if name.startswith("jitcell.")},
        "sites": lowered.sites,
        "timings": timings,
        **described,  # callees, and what only some cells have
    }
    return library, manifest


def _describe(program, lowered, module: machine.Optimized, survivors: set[str], options: Options,
              callees: dict | None, var_env: dict | None, frozen: dict | None) -> dict:
    """What the manifest says of the cell's code, from the compiler's own data (not the linked file)."""
    from .check.arrays import array_writers
    from .lower.generator_entries import callable_from_python, starter
    from .types import Generator

    slot_rows = [{"name": s.symbol, "target": s.target, "baked": s.baked} for s in lowered.slots]
    writers = array_writers(program, {name: bool(namespace.signature_of(fn).get("writes_arrays"))
                                      for name, fn in (callees or {}).items()})
    described = {
        "functions": [_function_row(f, writers) for f in program.functions  # generators: compiled code only
                      if not isinstance(f.signature.returns, Generator)],
        "slots": [row for row in slot_rows if row["name"] in survivors],
        "removed_slots": [row for row in slot_rows if row["name"] not in survivors],
        "globals": [_row(g) for g in machine.globals_table(module)],
        "callees": namespace.manifest_rows(callees or {}, [s.target for s in lowered.slots]),
    }
    if frozen:
        described["frozen"] = frozen_names.manifest_rows(frozen)
    if program.classes:  # each class's layout: the boundary reads it, and it is the class's identity
        described["classes"] = [{"name": name, **row} for name, row in program.classes.items()]
    generators = [f for f in program.functions if isinstance(f.signature.returns, Generator)]
    if generators:  # Python walks those it can call through their entries (bind.py, lower/generator_entries.py)
        described["generators"] = [
            {"name": f.name, "signature": f"{f.name}{f.signature}", "line": f.loc.line, "column": f.loc.col,
             **({"start": _function_row(starter(f), writers), "item": f.signature.returns.item.name}
                if not options.internal and callable_from_python(f) else {})}
            for f in generators]
    if options.script:
        described["variables"] = [{"name": n, "type": str(t), "symbol": abi.var_symbol(n)}
                                  for n, t in program.variables.items()]
        described["uses"] = variables.manifest_rows(var_env or {}, [s.target for s in lowered.slots])
    if not options.internal:  # the internal-ABI entry other cells call (namespace.py)
        natives = {f.name for f in module.functions if f.name.startswith(abi.NATIVE_PREFIX)}
        for row in described["functions"]:
            if row["name"] == abi.SCRIPT_FUNCTION:  # run by the kernel only: no entry for other cells
                continue
            row["call_symbol"] = abi.call_symbol(row["name"])
            if abi.native_symbol(row["name"]) in natives:  # CPython's vectorcall entry (lower/native.py)
                row["native_symbol"] = abi.native_symbol(row["name"])
    return described


def _row(value) -> dict:
    """A dataclass of plain values as a dict (`asdict` copies deeply, five times slower)."""
    return {field.name: getattr(value, field.name) for field in fields(value)}


def _function_row(fn: T.Function, writers: dict[str, frozenset[str]]) -> dict:
    sig = fn.signature
    return {
        "name": fn.name,
        "symbol": abi.function_symbol(fn.name),
        "params": [[n, t.name] for n, t in sig.params],
        "returns": sig.returns.name,
        "defaults": list(sig.defaults),
        **({"keyword_only": sig.keyword_only} if sig.keyword_only else {}),
        "signature": str(sig),
        **({"result_items": [t.name for t in sig.returns.items]} if hasattr(sig.returns, "items") else {}),
        "doc": fn.docstring,
        **({"writes_arrays": True} if writers.get(fn.name) else {}),  # its array arguments must be writeable
    }


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def checker_signatures(env: dict) -> dict:
    """name -> typed.Signature for the checker, or a message if a type cannot cross cells."""
    from . import typed as T
    from .types import Instance, Optional, type_from_text

    out: dict[str, T.Signature | str] = {}
    if isinstance(env, Callees):
        out.update(env.not_called())  # a name there is an error either way
    classes = {row["name"] for base in getattr(env, "bases", {}).values() for row in base["chain"]}
    used = frozenset(getattr(env, "used_names", ()))  # classes of other cells used here (check/outer_classes.py)
    for name, fn in env.items():
        params = [(p, type_from_text(t, used)) for p, t in fn.params]
        if name.partition(".")[0] in classes:  # a method of another cell's class: its family's instances go in
            params = [(p, Instance(t) if t in classes else Optional(Instance(t[:-7])) if t.endswith(" | None")
                       and t[:-7] in classes else parsed)
                      for (p, t), (_, parsed) in zip(fn.params, params, strict=True)]
        returns = type_from_text(fn.returns, used)
        known = [(p, t) for p, t in params if t is not None]
        unknown = [t for (_, t), (_, parsed) in zip(fn.params, params, strict=True) if parsed is None]
        if unknown or returns is None:
            out[name] = (f"{name}() of another cell uses the type {(unknown or [fn.returns])[0]}, which calls "
                         f"between cells do not support yet")
        else:
            out[name] = T.Signature(tuple(known), returns, tuple(fn.defaults), getattr(fn, "keyword_only", 0))
    out.update(getattr(env, "refused", {}))
    return out


def checker_types(env: dict) -> dict:
    """name -> Type of the module variables of other cells (loader/variables.py) the cell may use."""
    from .types import type_from_text

    return {name: type_from_text(var.type) for name, var in env.items()}
