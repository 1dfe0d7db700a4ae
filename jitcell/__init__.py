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

In IPython: `%load_ext jitcell`, then `%%jit` cells. Importing this package is
cheap: the compiler and llvmlite are imported only when a cell must be compiled.
"""

from .errors import CompileError, JitError, LinkageError, LinkError, ToolchainError
from .version import __version__

__all__ = [
    "compile_cell", "Library", "Slot", "JitFunction", "Namespace", "JitError", "CompileError", "LinkageError",
    "LinkError", "ToolchainError", "load_ipython_extension", "__version__",
]


def __getattr__(name):
    if name == "compile_cell":
        from .pipeline import compile_cell

        return compile_cell
    if name in ("Library", "Slot"):
        from . import library

        return getattr(library, name)
    if name == "JitFunction":
        from .bind import JitFunction

        return JitFunction
    if name == "Namespace":
        from .linkage import Namespace

        return Namespace
    raise AttributeError(f"module 'jitcell' has no attribute {name!r}")


def load_ipython_extension(ipython):
    from .magics import load_ipython_extension as load

    load(ipython)
