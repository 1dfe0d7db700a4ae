"""The `%%jit` cell magic and the `%jit_cache`, `%jit_inspect` and `%jit_annotate` line magics.

    In [1]: %load_ext jitcell
    In [2]: %%jit
       ...: def total(n: int) -> int:
       ...:     s = 0
       ...:     for i in range(n):
       ...:         s += i * i
       ...:     return s
    jitcell: bound total · cache miss: no entry · compile 41.3 ms · load 0.2 ms · 0 slots patched
    In [3]: total(10)
    Out[3]: 285

The magic only parses its options, calls `jitcell.compile_cell` and displays the
result; a `CompileError` makes the cell fail, so "Run All" stops there. A cell may
call the functions of earlier %%jit cells: the shell's `Namespace` (loader/namespace.py)
over `user_ns` finds them, and re-patches or recompiles callers when a cell redefines
one (a line per caller says so).
"""

from __future__ import annotations

import os

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from jitcell.errors import LinkageError
from jitcell.loader import upkeep
from jitcell.loader.bind import JitFunction
from jitcell.loader.cache import Cache
from jitcell.loader.load import Library
from jitcell.loader.namespace import Namespace
from jitcell.pipeline import compile_cell
from jitcell.report.annotate import annotate_bundle
from jitcell.report.cache import COMMANDS, info_bundle
from jitcell.report.cache import run as run_cache_command
from jitcell.report.diagnostics import summary_bundle
from jitcell.report.inspection import CODE_VIEWS, code_bundle, inspect_bundle, parse_show
from jitcell.runtime import interrupts

from . import tracebacks

__all__ = ["JitMagics", "load_ipython_extension", "namespace_of", "cell_label", "context_of"]


@magics_class
class JitMagics(Magics):
    @property
    def user_ns(self) -> dict:
        """The namespace of the shell these magics are registered with."""
        if self.shell is None:
            raise UsageError("jitcell's magics are not registered with an IPython shell")
        return self.shell.user_ns

    # IPython's help puts one % before the parser's name (it is made for line magics): naming it
    # "%jit" makes the usage line of `%%jit?` read `%%jit [--opt N] ...`, as the cell magic is typed
    @magic_arguments("%jit")
    @argument("--opt", type=int, default=2, choices=(0, 1, 2, 3), metavar="N",
              help="LLVM optimization level, 0 to 3 (default 2).")
    @argument("--wraparound", action="store_true",
              help="let int arithmetic wrap around modulo 2**64 instead of raising OverflowError.")
    @argument("-f", "--force", action="store_true",
              help="compile even if the cache has this cell, and replace its cache entry.")
    @argument("--no-cache", action="store_true",
              help="compile in a temporary directory; read and write nothing in the cache.")
    @argument("-q", "--quiet", action="store_true", help="do not display the summary line.")
    @argument("--show", metavar="WHAT", default="",
              help="also show, comma-separated: ir (LLVM IR as lowered), opt (optimized IR), asm (assembly), "
                   "cache, exports, globals, slots, classes, libraries, imports, or all. The summary line always "
                   "expands (click it) into cache, exports, globals, slots, classes, libraries and imports.")
    @argument("--annotate", action="store_true",
              help="also show the cell's source, each line marked with what its compiled code still does there: "
                   "checks that may raise (!), reference counting (+), calls into the runtime or Python (→), "
                   "loops not vectorised (~), with the reason; click a line for its optimized IR and assembly.")
    @argument("--boundscheck", choices=("on", "off"), default="on",
              help="'off' compiles array indexing without bounds checks: an index out of range is then "
                   "undefined behaviour instead of an IndexError (default: on).")
    @argument("--parallel", action="store_true",
              help="run prange loops on a pool of threads (JITCELL_NUM_THREADS, default os.cpu_count()); "
                   "without it prange is range. See docs/guide/scaling.md.")
    @argument("--no-interrupt", action="store_true",
              help="compile loops without interrupt checks: Kernel > Interrupt then waits for the "
                   "compiled call to return (the checks cost little; see jitcell.runtime.interrupts).")
    @argument("--target", metavar="TRIPLE", default=None,
              help="with --check: build for another platform (x86_64-pc-windows-msvc, x86_64-apple-darwin, "
                   "arm64-apple-darwin, x86_64-unknown-linux-gnu, aarch64-unknown-linux-gnu).")
    @argument("--check", action="store_true",
              help="build the cell's library (for --target, or this machine) and check from the file that every "
                   "function and slot is exported; nothing is run or bound.")
    @argument("--teach-break", choices=("hidden", "no-dllexport"), default=None,
              help="teaching mode: leave one slot unexported, as the bug jitcell guards against did (hidden "
                   "visibility, or no dllexport storage class, which only matters on Windows).")
    @cell_magic
    def jit(self, line, cell):
        """Compile every function of this cell into a native library and bind it here.

        Cells are Python with type annotations: `def f(n: int, x: float) -> float`.
        The library is cached on disk (see %jit_cache): after a kernel restart the
        same cell loads from the cache instead of compiling again. A summary line
        says whether it was a cache hit and how long compiling and loading took.
        """
        args = parse_argstring(self.jit, line)
        try:
            show = parse_show(args.show)
        except ValueError as error:
            raise UsageError(str(error)) from None
        if args.check or args.target:
            if not args.check:
                raise UsageError("--target builds for another platform only with --check (it cannot run there)")
            from jitcell.compiler.targets import TARGETS, check_target, host_triple  # llvmlite: on demand

            triple = args.target or host_triple()
            if triple not in TARGETS:
                raise UsageError(f"--target: unknown {triple!r}; choose from {', '.join(TARGETS)}")
            report = check_target(cell, triple, break_linkage=args.teach_break, opt=args.opt,
                                  wraparound=args.wraparound, first_line=2)
            display({"text/plain": str(report), "text/html": report._repr_html_()}, raw=True)
            if not report.ok:
                raise LinkageError("\n".join(report.problems))
            return
        namespace = namespace_of(self.shell)  # the functions of earlier cells are callable here
        namespace.label = cell_label(self.shell, cell)
        library = compile_cell(cell, callees=namespace, opt=args.opt, wraparound=args.wraparound, first_line=2,
                               interrupt_checks=not args.no_interrupt, cache=not args.no_cache, force=args.force,
                               boundscheck=args.boundscheck == "on", break_linkage=args.teach_break,
                               context=context_of(self.shell), parallel=args.parallel)
        self.user_ns.update(library.functions)
        self.user_ns.update(library.classes)
        self.user_ns.update(library.generators)
        if not args.quiet or show:
            display(summary_bundle(library, show=[v for v in show if v not in ("ir", "opt", "asm")]), raw=True)
        if {"ir", "opt", "asm", "all"} & set(show):
            from jitcell.compiler.driver import generated_code  # llvmlite: on demand

            code = generated_code(library, namespace)
            for view, (title, language) in CODE_VIEWS.items():
                if view in show or "all" in show:
                    display(code_bundle(title, code[view], language), raw=True)
        if args.annotate:
            display(annotate_bundle(library, namespace), raw=True)
        for event in library.relinked:  # callers in earlier cells: re-patched, recompiled or stale
            if event.kind == "stale" or not args.quiet:
                print(f"jitcell: {event}")

    @line_magic
    def jit_inspect(self, line):
        """`%jit_inspect NAME`: a compiled function's signature, library, slots (baked and
        patched addresses), optimized LLVM IR and assembly, syntax-highlighted."""
        function = self.compiled_function(line.strip(), "%jit_inspect")
        for bundle in inspect_bundle(function, namespace_of(self.shell)):
            display(bundle, raw=True)

    @line_magic
    def jit_annotate(self, line):
        """`%jit_annotate NAME`: the source of a compiled function, each line marked with what its
        code still does there (as `%%jit --annotate`): checks that may raise (!), reference
        counting (+), calls into the runtime or Python (→), loops not vectorised (~), and why;
        click a line for its optimized IR and assembly."""
        function = self.compiled_function(line.strip(), "%jit_annotate")
        display(annotate_bundle(function.library, namespace_of(self.shell), function.__name__), raw=True)

    def compiled_function(self, name: str, magic: str) -> JitFunction:
        function = self.user_ns.get(name)
        if not name or not isinstance(function, JitFunction):
            known = sorted(n for n, v in self.user_ns.items() if isinstance(v, JitFunction))
            raise UsageError(f"{magic} NAME: {name or 'a name'} is not a function compiled by jitcell here"
                             + (f"; compiled functions: {', '.join(known)}" if known else ""))
        return function

    @line_magic
    def jit_cache(self, line):
        """Show and manage the jitcell cache (JITCELL_CACHE_DIR sets where it is):

          %jit_cache              location, entries, their size, the size cap and who set it
          %jit_cache list         every entry, most recently used first: key, last use, size,
                                  functions; ✗ marks an entry a lookup would not use
          %jit_cache clear        remove every entry (only what jitcell made, in a directory that
                                  carries jitcell's CACHEDIR.TAG; anywhere else it refuses)
          %jit_cache gc           evict least-recently-used entries if over the cap (down to 90% of
                                  it), and tidy stale build workspaces and temporary files
          %jit_cache verify       check every entry as a lookup would; remove those that fail
          %jit_cache limit 1G     store the cap in the cache (500M, 2G, bytes; "default" removes it)

        The cap is JITCELL_CACHE_SIZE if set, else the one `limit` stored, else 2G. After each
        compile, a cache over its cap evicts least-recently-used entries; an entry that a running
        process (this kernel included) has loaded is never evicted. Also: python -m jitcell cache.
        """
        words = line.split()
        command, arguments = (words[0], words[1:]) if words else ("info", [])
        if command not in COMMANDS or len(arguments) != (command == "limit"):
            raise UsageError(f"%jit_cache: unknown command {line.strip()!r}; use %jit_cache, %jit_cache list, clear, "
                             "gc, verify or limit SIZE (500M, 2G, bytes, or default)")
        if command == "info":
            display(info_bundle(upkeep.summary(Cache())), raw=True)
            return
        try:
            print(run_cache_command(command, *arguments))
        except ValueError as error:  # a SIZE that is not one
            raise UsageError(f"%jit_cache limit: {error}") from None


def namespace_of(shell) -> Namespace:
    """The Namespace of %%jit cells: the user's namespace, and the loaded libraries that call
    functions of other cells (re-patched or recompiled when a cell redefines them)."""
    namespace = getattr(shell, "_jitcell_namespace", None)
    if namespace is None or namespace.names is not shell.user_ns:
        namespace = shell._jitcell_namespace = Namespace(shell.user_ns)
    return namespace


def context_of(shell) -> str:
    """Where this shell's cells are compiled, so that a miss is explained against the same cell's
    previous compile here and never another notebook's (loader/misses.py): the notebook's path
    when the front end told the kernel (Jupyter server's JPY_SESSION_NAME, which ipykernel puts in
    `__session__`; VS Code's `__vsc_ipynb_file__`), else this IPython session: its number in the
    history database, or, without one, an id made for this shell."""
    for path in (shell.user_ns.get("__vsc_ipynb_file__"), shell.user_ns.get("__session__"),
                 os.environ.get("JPY_SESSION_NAME")):
        if isinstance(path, str) and path:
            return ("notebook:" if path.endswith(".ipynb") else "session:") + path
    history = getattr(shell, "history_manager", None)
    database = str(getattr(history, "hist_file", ":memory:"))
    number = getattr(history, "session_number", 0)
    if getattr(history, "enabled", False) and database != ":memory:" and number:
        return f"session:{database}#{number}"
    made = getattr(shell, "_jitcell_session", None)
    if made is None:
        import uuid

        made = shell._jitcell_session = uuid.uuid4().hex
    return f"session:{made}"


def cell_label(shell, cell: str) -> str | None:
    """"In [3]" for the cell being run, from the input history (IPython versions differ on when
    execution_count moves on); None if the cell is not in the history."""
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None) or []
    if cell.strip() and history and cell.strip() in history[-1]:
        return f"In [{len(history) - 1}]"
    return None


def _library_bundle(library: Library, include=None, exclude=None) -> dict:
    return summary_bundle(library)


def load_ipython_extension(ipython) -> None:
    ipython.register_magics(JitMagics)
    interrupts.watch_ipython(ipython)  # re-arms the SIGINT handler before each cell
    tracebacks.install(ipython)  # the user's frames only, not jitcell's
    # a Library shown as a result is its summary line, which expands into its diagnosis
    ipython.display_formatter.mimebundle_formatter.for_type(Library, _library_bundle)
