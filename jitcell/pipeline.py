"""compile_cell: cell source -> a loaded `Library` of callable functions, stage by stage.

    source --parse--> syntax tree --check--> typed tree --lower--> LLVM IR
      --optimize--> optimized module --emit--> object --link--> shared library
      --publish--> cache entry --load--> slots patched --bind--> JitFunctions

A cache hit runs only `load` and `bind`: the compiler stages (and llvmlite) are
imported on a miss only, inside `build`.

    >>> lib = compile_cell("def sq(x: float) -> float:\\n    return x * x\\n")
    >>> lib.functions["sq"](3.0), lib.cache_hit
    (9.0, False)
"""

from __future__ import annotations

import contextlib
import sys
import time
from . import fingerprint, linkage, variables
from .bind import bind
from .cache import Cache, Entry, cache_key, library_suffix, normalize_source, sha256_file
from .library import Library
from .load import load
from .options import Options
from .version import CODEGEN_ABI, __version__

__all__ = ["compile_cell", "build"]


def compile_cell(source: str, *, opt: int = 2, wraparound: bool = False, first_line: int = 1,
                 loop_versioning: bool = True, cache: bool = True, force: bool = False,
                 cache_dir=None, internal: bool = False, interrupt_checks: bool = True, callees=None,
                 boundscheck: bool = True, script: bool = False, break_linkage: str | None = None,
                 wrap: bool = True) -> Library:
    """Compile every function of a cell (or load it from the cache) and return its Library.

    `cache=False` builds in a temporary directory and touches no cache; `force=True`
    rebuilds and replaces this cell's entry. `opt`, `wraparound`, `first_line`,
    `loop_versioning` and `interrupt_checks` (loops stop with KeyboardInterrupt on SIGINT,
    interrupts.py) change the generated code and are part of the cache key, as does `boundscheck`
    (False: array indices are not checked, and one out of range is undefined behaviour).
    `callees` makes functions of other cells callable: a mapping of names (the cell may call
    those whose values are JitFunctions; bound once), or a `linkage.Namespace` (late binding:
    the cell's functions join it, and redefining a name re-patches or recompiles its callers).
    The signatures of the callees the cell mentions are part of the cache key.
    `wrap=False` binds no Python wrappers (`library.functions` stays empty).
    `break_linkage` ("hidden" or "no-dllexport", teaching mode) leaves one slot unexported, as the
    bug this project guards against did: the loader then refuses the library with LinkageError.
    `script=True` compiles a cell of the jitcell kernel: top-level statements become the
    function `__cell__` (`library.cell_main`), top-level annotated names module variables
    (variables.py), which later cells in the same Namespace use through slots.
    """
    options = Options(opt=opt, wraparound=wraparound, first_line=first_line, loop_versioning=loop_versioning,
                      internal=internal, interrupt_checks=interrupt_checks, boundscheck=boundscheck, script=script,
                      break_linkage=break_linkage)
    store = Cache(cache_dir) if cache else None
    toolchain = fingerprint.toolchain(store.location if store else None, write=store is not None)
    settings = {"cache": cache, "cache_dir": cache_dir}
    env = linkage.resolve(callees, source) if callees is not None else {}
    var_env = variables.resolve(callees, source) if script else {}
    key = cache_key(source, options.key_parts(), toolchain, linkage.key_part(env), variables.key_part(var_env))

    if store is None:
        reason = "the cache is disabled (--no-cache)"
    elif force:
        reason = "rebuild forced (-f)"
    else:
        found = store.lookup(key)
        if found.entry is not None:
            library = load(found.entry, cache_hit=True, compile_seconds=None,
                           address_of=_resolver(env, var_env, found.entry.manifest))
            return linkage.link(_bind(library, wrap), callees, settings)
        reason = found.reason

    started = time.perf_counter()
    with _workspace(store, key) as work:
        with linkage.missing_callees(settings, source, options.key_parts(), callees, env):
            built, manifest = build(source, options, key, toolchain, work, callees=env, var_env=var_env)
        details = None
        if store is not None:
            entry = store.publish(key, built, manifest, replace=force or reason.startswith("corrupt"))
            details = _explain_miss(store, manifest, reason)
            if reason == "no entry" and details["reasons"]:
                reason = details["reasons"][0] + (f" (and {len(details['reasons']) - 1} more)"
                                                  if len(details["reasons"]) > 1 else "")
        else:
            entry = Entry(key, built, manifest)
        compile_seconds = time.perf_counter() - started
        library = load(entry, cache_hit=False, compile_seconds=compile_seconds, miss_reason=reason,
                       address_of=_resolver(env, var_env, entry.manifest))
        library.miss_details = details
    return linkage.link(_bind(library, wrap), callees, settings)


def _bind(library: Library, wrap: bool) -> Library:
    """Python wrappers for the cell's functions, unless the caller needs none (the runtime
    library's functions are called through slots, or by runtime.function() with ctypes)."""
    return bind(library) if wrap else library


def _explain_miss(store: Cache, manifest: dict, reason: str) -> dict:
    """Compare with the previous entry of the same cell (misses.py), and remember this one."""
    from . import misses

    details = misses.explain(misses.previous(store, manifest), manifest)
    misses.remember(store, manifest, store.paths(manifest["key"])[1])
    return details


def _resolver(env: dict, var_env: dict, manifest: dict | None = None):
    """Slot addresses: "var.NAME" of other cells from `var_env`, the rest as linkage says."""
    base = linkage.resolver(env, manifest)
    if not var_env:
        return base

    def address_of(target: str) -> int:
        if target.startswith(variables.PREFIX):
            return variables.address(var_env, target[len(variables.PREFIX):], manifest)
        return base(target)

    return address_of


@contextlib.contextmanager
def _workspace(store: Cache | None, key: str):
    if store is not None:
        with store.workspace(key) as path:
            yield path
        return
    import shutil
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp(prefix="jitcell-"))
    try:
        yield path
    finally:
        if sys.platform != "win32":  # a loaded DLL cannot be deleted on Windows
            shutil.rmtree(path, ignore_errors=True)


def front_end(source: str, options: Options, tag: int, callees: dict | None = None, var_env: dict | None = None,
              stage=None, target_machine=None) -> tuple:
    """parse -> check -> lower -> optimize: (typed program, lowered module, optimized module).
    `stage(name)`: a context manager that times each stage (build's timings); `target_machine`:
    optimize for another platform (targets.py), not this one."""
    from . import machine
    from .check import check
    from .lower import lower
    from .parse import parse

    stage = stage or (lambda name: contextlib.nullcontext())
    with stage("parse"):
        tree = parse(source, options.first_line, script=options.script)
    with stage("check"):
        program = check(tree, source, options.first_line, internal=options.internal,
                        callees=linkage.checker_signatures(callees if callees is not None else {}),
                        variables=variables.checker_types(var_env or {}))
    with stage("lower"):
        lowered = lower(program, tag=tag, wraparound=options.wraparound,
                        loop_versioning=options.loop_versioning, address_of=_resolver(callees or {}, var_env or {}),
                        cell_entries=not options.internal,
                        interrupt_checks=options.interrupt_checks, boundscheck=options.boundscheck)
    with stage("optimize"):
        module = machine.optimize(lowered.module, options.opt, target_machine)
    return program, lowered, module


def generated_code(library, callees=None) -> dict:
    """The code of a loaded library's cell, generated again from its manifest (source and
    options): {"ir": LLVM IR as lowered, "opt": optimized IR, "asm": assembly}. `callees`: the
    namespace the cell was compiled in, if it calls other cells or uses their variables."""
    from . import machine

    manifest = library.manifest
    accepted = {"opt", "wraparound", "first_line", "loop_versioning", "internal", "interrupt_checks",
                "boundscheck", "script", "break_linkage"}
    options = Options(**{k: v for k, v in manifest["options"].items() if k in accepted})
    source = manifest["source"]
    env = linkage.resolve(callees, source) if callees is not None else {}
    var_env = variables.resolve(callees, source) if options.script and callees is not None else {}
    _, lowered, module = front_end(source, options, manifest["tag"], env, var_env)
    machine.export(module)
    return {"ir": str(lowered.module), "opt": str(module), "asm": machine.assembly(module, options.opt)}


def build(source: str, options: Options, key: str, toolchain: dict, work, callees: dict | None = None,
          var_env: dict | None = None) -> tuple:
    """Run the compiler stages; returns the linked library (in `work`, a Path) and its manifest.
    `callees`: name -> JitFunction of other cells the cell may call (linkage.resolve)."""
    from dataclasses import asdict

    from . import binary, machine, slots
    from .check_array import array_writers
    from .errors import LinkageError
    from .link import link, providers

    timings: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(name):
        t0 = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - t0

    tag = _signed64(int(key[:16], 16))
    program, lowered, module = front_end(source, options, tag, callees, var_env, stage)
    survivors = set(machine.export(module))
    if options.break_linkage:
        from .targets import break_slot

        break_slot(module, options.break_linkage, slots.SLOT_PREFIX)
    with stage("emit"):
        obj = work / "cell.o"
        obj.write_bytes(machine.emit(module, options.opt))
    with stage("link"):
        needs = providers(binary.undefined_symbols(obj))
        unknown = sorted(name for name, lib in needs.items() if lib is None)
        if unknown:
            raise LinkageError(f"the code for this cell needs symbols that neither the C nor the math "
                               f"library provides: {', '.join(unknown)}")
        library = work / f"{key}{library_suffix()}"
        command = link(obj, library, sorted(set(needs.values()), key="mc".index))
    imports = binary.imports(library)
    foreign = [i for i in imports if not binary.is_system_library(i.library)]
    if foreign:
        names = ", ".join(f"{i.name} (from {i.library or 'nowhere'})" for i in foreign)
        raise LinkageError(f"the library for this cell imports symbols that only the C and math "
                           f"libraries may provide: {names}")
    slot_rows = [{"name": s.symbol, "target": s.target, "baked": s.baked} for s in lowered.slots]
    writers = array_writers(program)
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
        "library": {"file": library.name, "sha256": sha256_file(library), "size": library.stat().st_size,
                    "linker": [arg.replace(str(work) + "/", "") for arg in command]},
        "functions": [_function_row(f, writers) for f in program.functions],
        "slots": [row for row in slot_rows if row["name"] in survivors],
        "removed_slots": [row for row in slot_rows if row["name"] not in survivors],
        "imports": [{"name": i.name, "library": i.library} for i in imports],
        "globals": [asdict(g) for g in machine.globals_table(module)],
        # read from the linked file now, while pyelftools is loaded: a cache hit shows them without it
        "exports": [asdict(e) for e in binary.exports(library)],
        "sections": {name: section for name, section in binary.sections(library).items()
                     if name.startswith("jitcell.")},
        "sites": lowered.sites,
        "timings": timings,
        "callees": linkage.manifest_rows(callees or {}, [s.target for s in lowered.slots]),
    }
    if options.script:
        manifest["variables"] = [{"name": n, "type": str(t), "symbol": slots.var_symbol(n)}
                                 for n, t in program.variables.items()]
        manifest["uses"] = variables.manifest_rows(var_env or {}, [s.target for s in lowered.slots])
    if not options.internal:  # the internal-ABI entry other cells call (linkage.py)
        for row in manifest["functions"]:
            row["call_symbol"] = slots.call_symbol(row["name"])
    return library, manifest


def _function_row(fn, writers: set[str] = frozenset()) -> dict:
    from .slots import function_symbol

    sig = fn.signature
    return {
        "name": fn.name,
        "symbol": function_symbol(fn.name),
        "params": [[n, t.name] for n, t in sig.params],
        "returns": sig.returns.name,
        "defaults": list(sig.defaults),
        "signature": str(sig),
        **({"result_items": [t.name for t in sig.returns.items]} if hasattr(sig.returns, "items") else {}),
        "doc": fn.docstring,
        **({"writes_arrays": True} if fn.name in writers else {}),  # its array arguments must be writeable
    }


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value
