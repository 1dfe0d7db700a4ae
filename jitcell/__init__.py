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
    "Library": "jitcell.loader.library",
    "Slot": "jitcell.loader.library",
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
    the files `paths`; a process finds its entry without reading them while the digest of their
    text is remembered in the cache (loader/digests.py)."""
    from .loader import digests
    from .loader.cache import default_root
    from .options import Options
    from .pipeline import compile_cell, load_cached  # imported when first needed: `import jitcell` stays cheap

    options, root = Options(internal=True, wraparound=True), default_root()
    digest = digests.remembered(root, paths)
    if digest is not None:
        library = load_cached(digest, options)
        if library is not None:
            return library
    source, stamps = digests.read(paths)
    if shipped is not None:  # a runtime library that came with a pickled function (loader/parcels.py)
        shipped = (parcels.with_source(shipped[0], source), shipped[1])
    library = compile_cell(source, options, wrap=False, shipped=shipped)
    digests.remember(root, paths, stamps, source)
    return library


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
