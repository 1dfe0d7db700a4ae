"""The `%%jit` cell magic and the `%jit_cache` line magic.

    In [1]: %load_ext jitcell
    In [2]: %%jit
       ...: def total(n: int) -> int:
       ...:     s = 0
       ...:     for i in range(n):
       ...:         s += i * i
       ...:     return s
    jitcell: bound total · cache miss (no entry) · compile 41.3 ms · load 0.2 ms · 0 slots patched
    In [3]: total(10)
    Out[3]: 285

The magic only parses its options, calls `jitcell.compile_cell` and displays the
result; a `CompileError` makes the cell fail, so "Run All" stops there. A cell may
call the functions of earlier %%jit cells: the shell's `Namespace` (loader/namespace.py)
over `user_ns` finds them, and re-patches or recompiles callers when a cell redefines
one (a line per caller says so).
"""

from __future__ import annotations

import html
import json
import time

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from jitcell.errors import LinkageError
from jitcell.loader.bind import JitFunction
from jitcell.loader.cache import Cache
from jitcell.loader.library import Library
from jitcell.loader.namespace import Namespace
from jitcell.pipeline import compile_cell
from jitcell.report.diagnostics import summary_bundle
from jitcell.report.inspection import CODE_VIEWS, code_bundle, inspect_bundle, parse_show
from jitcell.runtime import interrupts

__all__ = ["JitMagics", "load_ipython_extension", "namespace_of", "cell_label"]


@magics_class
class JitMagics(Magics):
    @property
    def user_ns(self) -> dict:
        """The namespace of the shell these magics are registered with."""
        if self.shell is None:
            raise UsageError("jitcell's magics are not registered with an IPython shell")
        return self.shell.user_ns

    @magic_arguments()
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
                   "cache, exports, globals, slots, libraries, imports, or all. The summary line always "
                   "expands (click it) into cache, exports, globals, slots, libraries and imports.")
    @argument("--boundscheck", choices=("on", "off"), default="on",
              help="'off' compiles array indexing without bounds checks: an index out of range is then "
                   "undefined behaviour instead of an IndexError (default: on).")
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
                               boundscheck=args.boundscheck == "on", break_linkage=args.teach_break)
        self.user_ns.update(library.functions)
        if not args.quiet or show:
            display(summary_bundle(library, show=[v for v in show if v not in ("ir", "opt", "asm")]), raw=True)
        if {"ir", "opt", "asm", "all"} & set(show):
            from jitcell.compiler.driver import generated_code  # llvmlite: on demand

            code = generated_code(library, namespace)
            for view, (title, language) in CODE_VIEWS.items():
                if view in show or "all" in show:
                    display(code_bundle(title, code[view], language), raw=True)
        for event in library.relinked:  # callers in earlier cells: re-patched, recompiled or stale
            if event.kind == "stale" or not args.quiet:
                print(f"jitcell: {event}")

    @line_magic
    def jit_inspect(self, line):
        """`%jit_inspect NAME`: a compiled function's signature, library, slots (baked and
        patched addresses), optimized LLVM IR and assembly, syntax-highlighted."""
        name = line.strip()
        function = self.user_ns.get(name)
        if not name or not isinstance(function, JitFunction):
            known = sorted(n for n, v in self.user_ns.items() if isinstance(v, JitFunction))
            raise UsageError(f"%jit_inspect NAME: {name or 'a name'} is not a function compiled by jitcell here"
                             + (f"; compiled functions: {', '.join(known)}" if known else ""))
        for bundle in inspect_bundle(function, namespace_of(self.shell)):
            display(bundle, raw=True)

    @line_magic
    def jit_cache(self, line):
        """Show the jitcell cache: `%jit_cache` (location, entries, size), `%jit_cache list`,
        `%jit_cache clear` (remove every entry). JITCELL_CACHE_DIR sets the location."""
        cache = Cache()
        command = line.strip()
        if command == "clear":
            count = cache.clear()
            print(f"jitcell cache cleared: {count} entr{'y' if count == 1 else 'ies'} removed from {cache.root}")
        elif command in ("", "info"):
            display(_cache_bundle(cache), raw=True)
        elif command == "list":
            _print_entries(cache)
        else:
            raise UsageError(f"%jit_cache: unknown command {command!r}; use %jit_cache, "
                             "%jit_cache list or %jit_cache clear")


def namespace_of(shell) -> Namespace:
    """The Namespace of %%jit cells: the user's namespace, and the loaded libraries that call
    functions of other cells (re-patched or recompiled when a cell redefines them)."""
    namespace = getattr(shell, "_jitcell_namespace", None)
    if namespace is None or namespace.names is not shell.user_ns:
        namespace = shell._jitcell_namespace = Namespace(shell.user_ns)
    return namespace


def cell_label(shell, cell: str) -> str | None:
    """"In [3]" for the cell being run, from the input history (IPython versions differ on when
    execution_count moves on); None if the cell is not in the history."""
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None) or []
    if cell.strip() and history and cell.strip() in history[-1]:
        return f"In [{len(history) - 1}]"
    return None


def _cache_bundle(cache) -> dict:
    count, size = len(cache.manifests()), cache.size_bytes()
    text = f"jitcell cache: {cache.root}\n  {count} entr{'y' if count == 1 else 'ies'}, {size / 1024:.1f} KiB"
    markup = (f"<div style='font-family:monospace'><b>jitcell cache</b>: {html.escape(str(cache.root))}<br>"
              f"{count} entr{'y' if count == 1 else 'ies'}, {size / 1024:.1f} KiB</div>")
    return {"text/plain": text, "text/html": markup}


def _print_entries(cache) -> None:
    for path in cache.manifests():
        try:
            manifest = json.loads(path.read_text())
        except (OSError, ValueError):
            print(f"{path.stem[:12]}  (unreadable manifest)")
            continue
        names = ", ".join(f["name"] for f in manifest.get("functions", []))
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(manifest.get("created", 0)))
        print(f"{path.stem[:12]}  {when}  {names}")


def _library_bundle(library: Library, include=None, exclude=None) -> dict:
    return summary_bundle(library)


def load_ipython_extension(ipython) -> None:
    ipython.register_magics(JitMagics)
    interrupts.watch_ipython(ipython)  # re-arms the SIGINT handler before each cell
    # a Library shown as a result is its summary line, which expands into its diagnosis
    ipython.display_formatter.mimebundle_formatter.for_type(Library, _library_bundle)
