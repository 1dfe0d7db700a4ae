"""jitcell: compile statically typed Python cells into cached, ASLR-safe native libraries.

    >>> import jitcell
    >>> lib = jitcell.compile_cell('''
    ... def total(n: int) -> int:
    ...     s = 0
    ...     for i in range(n):
    ...         s += i * i
    ...     return s
    ... ''')
    >>> lib.functions["total"](10), lib.cache_hit
    (285, False)

In a .py file: `@jitcell.jit` on a typed function (jitcell/decorator.py) compiles it at
its first call. In IPython: `%load_ext jitcell`, then `%%jit` cells. Importing this package is
cheap: the compiler and llvmlite are imported only when a cell must be compiled.
"""

import os

from . import runtime
from .errors import CacheError, CompileError, JitError, LinkageError, LinkError, ToolchainError, UnsafeCacheError
from .loader import parcels
from .version import __version__

__all__ = [
    "compile_cell", "jit", "Options", "Library", "Slot", "JitFunction", "Namespace", "JitError", "CompileError",
    "LinkageError", "LinkError", "ToolchainError", "CacheError", "UnsafeCacheError", "load_ipython_extension",
    "__version__", "prange", "set_num_threads", "get_num_threads",
]

# `from jitcell import prange` in a cell: range, whose iterations run on threads under parallel=True
# (compiler/lower/parallel.py); in Python itself it is range, as Numba's prange is
prange = range


_LAZY = {  # what `jitcell.NAME` gives, imported on first use: `import jitcell` stays cheap
    "compile_cell": "jitcell.pipeline",
    "jit": "jitcell.decorator",  # the decorator for .py files, a front end beside the magics
    "Options": "jitcell.options",
    "Library": "jitcell.loader.load",
    "Slot": "jitcell.loader.load",
    "JitFunction": "jitcell.loader.bind",
    "Namespace": "jitcell.loader.namespace",
    "set_num_threads": "jitcell.runtime.parallel",  # the threads of parallel loops
    "get_num_threads": "jitcell.runtime.parallel",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jitcell' has no attribute {name!r}")
    # __import__ with a fromlist returns the submodule itself; importlib would cost a fresh process's
    # first compile_cell an import (of warnings too)
    return getattr(__import__(module, fromlist=[name]), name)


def _build_runtime(paths: tuple[str, ...], shipped: tuple | None = None):
    """The runtime library is a cell the pipeline compiles (or finds in the cache), without
    Python wrappers: cells call it through slots, Python through runtime.function(). Its source is
    the files `paths`, which are jitcell's own: the toolchain's compiler digest, part of every cache
    key, already covers their text (loader/fingerprint.py), so the key names the files rather than
    hashing them, and a process finds the entry without reading its 170 kB of source."""
    from .options import Options
    from .pipeline import compile_cell, load_cached  # imported when first needed: `import jitcell` stays cheap

    options, named = Options(internal=True, wraparound=True), runtime_source_part(paths)
    if named is not None:
        library = load_cached(named, options)
        if library is not None:
            return library
    source = "".join(_read_text(path) + "\n\n" for path in paths)
    if shipped is not None:  # a runtime library that came with a pickled function (loader/parcels.py)
        shipped = (parcels.with_source(shipped[0], source), shipped[1])
    return compile_cell(source, options, wrap=False, shipped=shipped, source_part=named)


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def runtime_source_part(paths: tuple[str, ...]) -> str | None:
    """What the runtime library's cache key holds for its source: its files by their names in the
    package, whose text the compiler digest covers (a cell's is the digest of its text, 64 hex
    digits, which this can never be). None if a file is not the package's (a test's altered
    runtime): then the key holds the digest of the text, as a cell's does."""
    if not all(path.startswith(_PACKAGE) for path in paths):
        return None
    return "jitcell runtime: " + " ".join(path[len(_PACKAGE):].replace(os.sep, "/") for path in paths)


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


# The package wires its layers together: the runtime (below the compiler) is handed its builder,
# so any use of jitcell, through the pipeline or the compiler's driver alone, can build it.
runtime.install(_build_runtime)


def _compile_cell(*args, **kwargs):
    """What a pickled function's parcel is compiled or loaded with in the process it arrives in."""
    from .pipeline import compile_cell

    return compile_cell(*args, **kwargs)


parcels.install(_compile_cell)


def load_ipython_extension(ipython) -> None:
    """`%load_ext jitcell`: the %%jit and %jit_cache magics (jitcell.magics)."""
    from .magics import load_ipython_extension as load

    load(ipython)
