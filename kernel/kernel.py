"""The jitcell kernel: an IPython kernel whose cells are compiled by jitcell.

    In [1]: import math                       each cell is one library in the cache; the
            total: int = 0                    summary line says hit or miss and the times
            def step(x: float) -> float:
                return math.sqrt(x) + 1.0
            step(8.0)
    Out[1]: 3.8284271247461903

A cell goes through IPython as usual (history, execution count, `Out[n]`, errors);
an input transformer turns it into `%%jitcell_cell`, which compiles it with
`compile_cell(script=True)` in the kernel's `Namespace` (loader/namespace.py), binds its functions
and runs its top-level code. A cell whose first line is `%%python` runs as Python;
a cell made only of IPython commands (`%time f(3)`, `%who`, `f?`, `!ls`) runs as
IPython would. Compiled module variables are copied into the Python namespace before
a Python cell runs and written back, type checked, after it.
"""

from __future__ import annotations

import sys

from ipykernel.ipkernel import IPythonKernel

from jitcell.loader.cache import Cache
from jitcell.version import __version__

from . import display
from .cells import PYTHON_MAGIC, CompiledCells, cell_kind

__all__ = ["JitcellKernel", "LANGUAGE_INFO"]

LANGUAGE_INFO: dict[str, object] = {
    "name": "jitcell",
    "version": __version__,
    "mimetype": "text/x-python",
    "file_extension": ".py",
    "pygments_lexer": "python",
    "codemirror_mode": "python",
    "nbconvert_exporter": "python",
}

class _CellTransformer:
    """IPython input transformer: a compiled cell becomes `%%jitcell_cell`; `%%python` is dropped
    (a blank line keeps the line numbers). Only the cell being executed is transformed: magics
    such as %time and %timeit transform their own code, which stays Python."""

    def __init__(self):
        self.cell: str | None = None  # the code of the execute request being run

    def __call__(self, lines: list[str]) -> list[str]:
        if self.cell is None or "".join(lines).strip() != self.cell.strip():
            return lines
        return _to_cell_magic(lines)


def _to_cell_magic(lines: list[str]) -> list[str]:
    kind = cell_kind("".join(lines))
    if kind == "compiled":
        return ["%%jitcell_cell\n", *lines]
    if kind == "python":
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(PYTHON_MAGIC))
        return lines[:index] + ["\n"] + lines[index + 1:]
    return lines


class JitcellKernel(IPythonKernel):
    implementation = "jitcell"
    implementation_version = __version__
    language_info = LANGUAGE_INFO
    help_links = [{"text": "jitcell", "url": "https://github.com/jitcell/jitcell"}]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        shell = self.shell
        if shell is None:
            raise RuntimeError("the IPython kernel started without a shell")
        self.cells = CompiledCells(shell)
        display.register(shell)  # dicts and arrays as tables
        self.transformer = _CellTransformer()
        shell.input_transformers_cleanup.append(self.transformer)

    async def do_execute(self, code, silent, *args, **kwargs):
        self.transformer.cell = code
        try:
            return await super().do_execute(code, silent, *args, **kwargs)
        finally:
            self.transformer.cell = None

    @property
    def banner(self) -> str:
        return (f"jitcell {__version__}: a Jupyter kernel whose cells are compiled to native code with LLVM.\n"
                f"Python {sys.version.split()[0]}; compiled libraries are cached in {Cache().root}\n"
                "A cell holds defs, typed module variables (total: int = 0), 'import math' and statements;\n"
                "'%%python' runs a cell as Python, where compiled functions and variables are visible.\n")

    def do_complete(self, code, cursor_pos):
        if cell_kind(code) != "compiled":
            return super().do_complete(code, cursor_pos)
        return self.cells.complete(code, len(code) if cursor_pos is None else cursor_pos)

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        found = self.cells.inspect(code, len(code) if cursor_pos is None else cursor_pos)
        if found is None:
            return super().do_inspect(code, cursor_pos, detail_level, omit_sections)
        return {"status": "ok", "found": True, "data": found, "metadata": {}}

    def do_history(self, hist_access_type, output, raw, session=0, start=0, stop=None, n=None, pattern=None,
                   unique=False):
        reply = super().do_history(hist_access_type, output, raw, session, start, stop, n, pattern, unique)
        if hist_access_type == "range" and self.shell is not None:  # IPython numbers the current session 0
            current = self.shell.history_manager.session_number  # there, the tail does not
            reply["history"] = [(current if s == 0 else s, *rest) for s, *rest in reply["history"]]
        return reply

    def do_is_complete(self, code):
        from IPython.core.inputtransformer2 import TransformerManager

        if cell_kind(code) == "python":
            code = "\n".join(code.splitlines()[1:])
            if not code.strip():  # `%%python` alone: its body is still to come, as for `%%time`
                return {"status": "incomplete", "indent": ""}
        status, indent = TransformerManager().check_complete(code)
        reply = {"status": status}
        if status == "incomplete":
            reply["indent"] = " " * (indent or 0)
        return reply
