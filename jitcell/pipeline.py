"""compile_cell: cell source -> a loaded `Library` of callable functions, stage by stage.

    source --parse--> syntax tree --check--> typed tree --lower--> LLVM IR
      --optimize--> optimized module --emit--> object --link--> shared library
      --publish--> cache entry --load--> slots patched --bind--> JitFunctions

A cache hit runs only `load` and `bind`: the compiler (`compiler/driver.py`, and llvmlite
with it) is imported on a miss only.

    >>> lib = compile_cell("def sq(x: float) -> float:\\n    return x * x\\n")
    >>> lib.functions["sq"](3.0), lib.cache_hit
    (9.0, False)

The loader sits below this module, so it is handed what it needs from above: a
`Namespace` gets compile_cell to recompile stale callers with (`namespace.link`), and
fingerprint.py the probe that asks LLVM what this machine is. The runtime library, itself
a cell this pipeline compiles, gets its builder from the package (`jitcell/__init__.py`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence

from jitcell.errors import CompileError, JitError
from jitcell.loader import fingerprint, parcels, sealed
from jitcell.loader.bind import bind
from jitcell.loader.cache import Cache, Entry, Vanished, cache_key, check_built
from jitcell.loader.load import Library, load
from jitcell.options import Options

__all__ = ["compile_cell", "load_cached"]

_ATTEMPTS = 4  # builds of one cell when a cache clear keeps removing what they use
# a library Python calls no function of (the runtime's): its function rows are checked when first read
_SLOTS_ONLY = sealed.LATER | {"functions"}


def compile_cell(source: str, options: Options | None = None, /, *, callees=None, cache: bool = True,
                 force: bool = False, cache_dir=None, wrap: bool = True, filename: str | None = None,
                 indentation: Sequence[int] = (), context: str | None = None, globals: Mapping | None = None,
                 shipped: tuple[dict, bytes] | None = None, source_part: str | None = None, **fields) -> Library:
    """Compile every function of a cell (or load it from the cache) and return its Library.

    The options that change the generated code, and so are part of the cache key, come as an
    `Options` value or as its fields (options.py): `opt` (0-3), `wraparound`, `first_line`,
    `loop_versioning`, `interrupt_checks` (loops stop with KeyboardInterrupt on SIGINT),
    `boundscheck` (False: array indices are not checked, and one out of range is undefined
    behaviour), `script` (a cell of the jitcell kernel: top-level statements become the
    function `__cell__`, `library.cell_main`, and top-level annotated names module variables,
    which later cells in the same Namespace use through slots), `break_linkage` ("hidden" or
    "no-dllexport", teaching mode: one slot left unexported, as in the bug this project guards
    against; the loader then refuses the library with LinkageError), `parallel` (prange loops run on
    the thread pool, runtime/parallel.py; without it prange is range) and `internal`.

    The rest only say where and how: `cache=False` builds in a temporary directory and touches
    no cache; `force=True` rebuilds and replaces this cell's entry; `cache_dir` moves the cache.
    `callees` makes functions of other cells callable: a mapping of names (the cell may call
    those whose values are JitFunctions; bound once), or a `Namespace` (late binding: the cell's
    functions join it, and redefining a name re-patches or recompiles its callers). The
    signatures of the callees the cell mentions are part of the cache key. `wrap=False` binds
    no Python wrappers (`library.functions` stays empty).

    Names the cell reads but does not define are looked up in `globals` (a mapping), else in
    `callees` (a Namespace's names, or the mapping): an int, float, bool or str, or a tuple of
    them, is frozen into the code and its value is part of the cache key (loader/frozen.py).
    Cells of the jitcell kernel (`script`) freeze nothing: their module variables stay live, through slots.

    Three more say who compiles the cell, for messages only (none is part of the cache key):
    `filename` names the file the source comes from in compile errors (`mod.py:12:5: error:`)
    and in the notes of run-time errors (`File "mod.py", line 12, column 5, in f`), instead
    of "cell"; `indentation` (per line of the source) the columns the file has before the line
    that the source does not (a method's block, dedented to be a cell), added back to columns;
    `context` where the cell is compiled ("notebook:PATH", "session:ID", "file:PATH"): a miss
    is explained against the previous compile of the same cell in the same context only
    (loader/misses.py).

    `shipped`: a (manifest, library bytes) pair another process built for this cell (a pickled
    function's parcel, loader/parcels.py). On a miss it stands in for compiling if it is this cell's
    entry exactly (same key, a sound manifest, bytes matching its digest); else the cell compiles.

    `source_part`: what the cache key holds for the source, instead of the digest of its text, for a
    source the toolchain's compiler digest already covers (the runtime library's, jitcell/__init__.py).
    """
    if options is None:
        unknown = sorted(set(fields) - set(Options.__slots__))
        if unknown:
            raise TypeError(f"compile_cell() got an unexpected keyword argument {unknown[0]!r}")
        options = Options(**fields)
    elif fields:
        raise TypeError("compile_cell() takes an Options value or its fields as keywords, not both")
    if context is not None:  # misses.py is imported when it is needed: a hit without a context does not
        from jitcell.loader import misses

        misses.check_context(context)
    indentation = tuple(indentation)
    store = Cache(cache_dir) if cache else None
    toolchain = fingerprint.toolchain(store.location if store else None, write=store is not None,
                                      probe=_probe_toolchain)
    # how a Namespace compiles this cell again (namespace.py): where, and for whom
    settings = {"cache": cache, "cache_dir": cache_dir, "filename": filename, "indentation": indentation,
                "context": context}
    if callees is not None or options.script:  # functions and module variables of other cells
        from jitcell.loader import namespace, variables

        env = namespace.resolve(callees, source) if callees is not None else {}
        var_env = variables.resolve(callees, source) if options.script else {}
        links: tuple[dict, dict] | None = (env, var_env)
        link_parts = (namespace.key_part(env), variables.key_part(var_env))
        names = namespace.names_of(callees)
    else:  # a cell on its own: a cache hit imports none of the modules of namespaces
        env, var_env, links, link_parts, names = {}, {}, None, ({}, {}), None
    # the names the cell reads from a notebook (`globals`, else the callees' namespace) are frozen into the
    # code; kernel cells (script) freeze nothing: their names are module variables, live through slots
    readable = globals if globals is not None else names
    frozen_env: dict = {}
    frozen_part: dict = {}
    if readable and not options.script:
        from jitcell.loader import frozen

        frozen_env = frozen.resolve(readable, source, exclude=getattr(callees, "variables", None) or ())
        frozen_part = frozen.key_part(frozen_env)
    key = cache_key(source, options.key_parts(), toolchain, *link_parts, frozen_part, source_part=source_part)

    if store is None:
        reason = "the cache is disabled (--no-cache)"
    elif force:
        reason = "rebuild forced (-f)"
    else:
        found, reason = _cached(store, key, links, filename, indentation)
        if found is not None:
            return _finish(found, wrap, callees, settings, source, options, frozen_env)

    if shipped is not None and parcels.shipped_problem(shipped[0], shipped[1], key, source,
                                                       options.key_parts()) is not None:
        shipped = None  # built for another machine or jitcell, or damaged: compile it here
    if shipped is not None:
        reason += "; the library came with a pickled function (checked, not compiled here)"
    else:
        from jitcell.compiler import driver  # a miss: only now the compiler and llvmlite

    started = time.perf_counter()
    for attempt in range(_ATTEMPTS):  # what a cache clear in another process removed is made again
        try:
            with _workspace(store, key) as work:
                with _missing_callees(settings, source, options, callees, env):
                    try:
                        if shipped is not None:
                            manifest = dict(shipped[0])
                            built = parcels.place(work, manifest, shipped[1])
                        else:
                            built, manifest = driver.build(source, options, key, toolchain, work, callees=env,
                                                           var_env=var_env, frozen=frozen_env)
                    except CompileError as error:
                        error.locate(filename, indentation)  # "cell", or the file the source comes from
                        raise
                details: dict | None = None
                if store is not None:
                    entry = store.publish(key, built, manifest, replace=force or reason.startswith("corrupt"))
                    details = _explain_miss(store, manifest, context)
                    if reason == "no entry" and details["reasons"]:
                        from jitcell.loader import misses

                        reason = misses.headline(details["reasons"])
                else:
                    if shipped is None:  # the check publish makes, for a library no cache holds
                        check_built(manifest, key, JitError)
                    entry = Entry(key, built, manifest)
                compile_seconds = time.perf_counter() - started
                library = load(entry, cache_hit=False, compile_seconds=compile_seconds, miss_reason=reason,
                               resolve=_resolver(links, entry.manifest), filename=filename,
                               indentation=indentation)
                library.miss_details = details
            break
        except Vanished as gone:
            if attempt + 1 == _ATTEMPTS:
                raise gone.error() from gone
    return _finish(library, wrap, callees, settings, source, options, frozen_env)


def load_cached(source_part: str, options: Options, *, cache_dir=None) -> Library | None:
    """The Library of a cell found in the cache by what its key holds for its source (`compile_cell`'s
    `source_part`), without its source and without Python wrappers; None if there is no sound entry
    (then compile_cell it). For a cell that calls no other cell and reads no outer names: the runtime
    library, whose source a fresh process then need not read."""
    store = Cache(cache_dir)
    # loaded when a cell first needs it, in the middle of its compile_cell: the identity it checked is current
    toolchain = fingerprint.toolchain(store.location, probe=_probe_toolchain, recheck=False)
    key = cache_key(None, options.key_parts(), toolchain, source_part=source_part)
    library, _ = _cached(store, key, None, None, (), bound=False)
    return library


def _cached(store: Cache, key: str, links: tuple[dict, dict] | None, filename: str | None,
            indentation: tuple[int, ...], bound: bool = True) -> tuple[Library | None, str]:
    """The entry of `key`, from this user's cache or else a shared one, loaded; or (None, why not).
    `links`: `_address_of`'s. `bound`: Python binds its functions (load.py); else their rows are read only
    if Python calls one."""
    found = store.lookup(key, later=sealed.LATER if bound else _SLOTS_ONLY)
    reason = found.reason
    entry, layer = found.entry, None
    if entry is None:
        from jitcell.loader import shared  # a miss in this user's cache only

        layered = shared.lookup(key)  # a team's or a cluster's read-only cache (JITCELL_CACHE_PATH)
        if layered is not None:
            entry, layer = layered
    if entry is None:
        return None, reason
    try:
        library = load(entry, cache_hit=True, compile_seconds=None, resolve=_resolver(links, entry.manifest),
                       filename=filename, indentation=indentation, bound=bound)
    except Vanished:
        return None, "the entry was removed while it was being loaded (a cache clear in another process?)"
    library.shared_cache = layer
    return library, reason


def _finish(library: Library, wrap: bool, callees, settings: dict, source: str, options: Options,
            frozen_env: dict) -> Library:
    """Bind, join the Namespace, and remember how the library was made so that its functions can
    be pickled (loader/parcels.py)."""
    library.recipe = parcels.Recipe(source, options.key_parts(), settings["filename"], settings["indentation"],
                                    callees, frozen_env)
    library = _bind(library, wrap)
    if callees is None:
        return library
    from jitcell.loader import namespace

    return namespace.link(library, callees, settings, compile_cell)


def _bind(library: Library, wrap: bool) -> Library:
    """Python wrappers for the cell's functions, unless the caller needs none (the runtime
    library's functions are called through slots, or by runtime.function() with ctypes)."""
    return bind(library) if wrap else library


def _resolver(links: tuple[dict, dict] | None, manifest: dict):
    """What load patches each slot with: for a cell that may reach other cells (`links`: the functions
    and module variables it may use), or that has module variables of its own (a kernel cell), the
    Namespace's resolver; for a cell on its own, None: load.address_of's targets are all there is."""
    if links is None:
        return None
    from jitcell.loader import namespace

    return namespace.resolver(links[0], manifest, links[1])


def _missing_callees(settings: dict, source: str, options: Options, callees, env: dict):
    """Around the compiler: namespace.missing_callees, which words a cell's undefined name as a callee
    it had once (a miss: the namespace's modules are imported then)."""
    from jitcell.loader import namespace

    return namespace.missing_callees(settings, source, options.key_parts(), callees, env)


def _probe_toolchain() -> dict:
    """Asked once per machine and jitcell version (fingerprint.py remembers the answer)."""
    from jitcell.compiler import driver  # imports llvmlite

    return driver.toolchain()


def _explain_miss(store: Cache, manifest: dict, context: str | None) -> dict:
    """Compare with the previous entry of the same cell in the same context (misses.py), and
    remember this one."""
    from jitcell.loader import misses  # a miss only

    old, found = misses.previous(store, manifest, context)
    details = misses.explain(old, manifest, context, found)
    misses.remember(store, manifest, store.paths(manifest["key"])[1], context)
    return details


def _workspace(store: Cache | None, key: str):
    """Where a miss builds: the cache's workspace, else a temporary directory removed afterwards."""
    from contextlib import contextmanager  # a miss only: a hit in a fresh process need not import it

    return contextmanager(_build_folder)(store, key)


def _build_folder(store: Cache | None, key: str):
    if store is not None:
        with store.workspace(key) as path:
            yield path
        return
    import shutil  # not on the cache-hit path, which a fresh process pays for in imports
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp(prefix="jitcell-"))
    try:
        yield path
    finally:
        if sys.platform != "win32":  # a loaded DLL cannot be deleted on Windows
            shutil.rmtree(path, ignore_errors=True)

