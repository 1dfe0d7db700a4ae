"""Compiled cells in the jitcell kernel: compile, bind, run, and show Python the results.

    cells = CompiledCells(shell)          # registers %%jitcell_cell, loads the jitcell extension
    shell.run_cell("%%jitcell_cell\\nx: int = 41\\nx + 1")    # Out: 42

An import in a compiled cell lasts for the session, as in Python (later cells get it
appended). Every compiled cell joins one `Namespace` over the shell's `user_ns`: its
functions become names there, its module variables `namespace.variables`. A Python
cell sees each variable as a plain value (a dict as a copy) under its name; what the
cell assigns to that name is written back afterwards, with the variable's type checked
(a wrong type is reported and the compiled value kept).
"""

from __future__ import annotations

import keyword
import re
import sys

from IPython.display import display

from jitcell.abi import ADDED_LINES
from jitcell.loader.bind import JitFunction
from jitcell.magics import cell_label, context_of, load_ipython_extension, namespace_of
from jitcell.pipeline import compile_cell
from jitcell.report.diagnostics import summary_bundle
from jitcell.report.summary import summary_text

__all__ = ["CompiledCells", "COMPLETIONS", "cell_kind", "PYTHON_MAGIC"]

_IMPORT = re.compile(r"^((?:import|from)\s[^\n#]*)", re.M)

PYTHON_MAGIC = "%%python"
_COMMAND = re.compile(r"^\s*(%|!|\S.*\?\s*$)")  # a line magic, a shell command, or `name?`
_EXIT = re.compile(r"^(exit|quit)(\s*\(\s*(keep_kernel\s*=\s*\w+)?\s*\))?$")


def cell_kind(code: str) -> str:
    """"python" (`%%python` first), "ipython" (another cell magic, or only IPython commands,
    `exit` or `quit`, or nothing to run) or "compiled"."""
    lines = [line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return "ipython"
    first = lines[0].strip()
    if first.split()[0] == PYTHON_MAGIC:
        return "python"
    if first.startswith("%%") or all(_COMMAND.match(line) for line in lines):
        return "ipython"
    if len(lines) == 1 and _EXIT.match(first):  # IPython's own exit and quit (the console asks for them)
        return "ipython"
    return "compiled"


# what compiled code may name besides the cell's own names (check/expressions.py's builtins)
COMPLETIONS = ("abs", "bool", "dict", "float", "int", "len", "max", "min", "print", "range", "round", "str",
               "math", "np", "True", "False", "None", "global", "import math", "import numpy as np")


class CompiledCells:
    def __init__(self, shell):
        self.shell = shell
        load_ipython_extension(shell)  # %%jit, %jit_cache, interrupts, how a Library displays
        self.namespace = namespace_of(shell)
        self._snapshot: dict = {}
        self.imports: dict[str, None] = {}  # top-level import lines of compiled cells, in order
        shell.register_magic_function(self.run, magic_kind="cell", magic_name="jitcell_cell")
        shell.events.register("pre_run_cell", self._before_python)
        shell.events.register("post_run_cell", self._after_python)

    # ---- running a cell -------------------------------------------------------------

    def run(self, line: str, cell: str):
        """The body of `%%jitcell_cell`: the value of the cell's last expression, or None.

        The summary line is displayed after the cell's code ran; if that code raises, the
        summary goes into the error as a note instead, so a failing cell sends one error
        message and nothing else (what Jupyter front ends and jupyter_kernel_test expect)."""
        # IPython has counted this cell already: execution_count is the next one's number
        self.namespace.label = cell_label(self.shell, cell) or f"In [{self.shell.execution_count - 1}]"
        library = compile_cell(self.with_imports(cell), callees=self.namespace, script=True,
                               context=context_of(self.shell))
        self.remember_imports(cell)  # only now: a refused cell leaves the session as it was
        self.shell.user_ns.update(library.functions)
        self.shell.user_ns.update(library.generators)
        self.shell.user_ns.update(library.classes)  # loader/classes.py
        for event in library.relinked:
            print(f"jitcell: {event}")
        try:
            result = library.cell_main() if library.cell_main is not None else None
        except Exception as error:
            error.add_note(summary_text(library))
            raise
        display(summary_bundle(library), raw=True)
        return result

    def with_imports(self, cell: str) -> str:
        """The cell, with the imports of earlier compiled cells appended (as in Python, an import
        lasts for the session). At the end, so that line numbers stay the cell's own; the
        compiler reads imports wherever they are at the top level. Below `abi.ADDED_LINES`, so
        that the explanation of a miss tells them from the user's lines."""
        own = {line.strip() for line in _IMPORT.findall(cell)}
        missing = [line for line in self.imports if line not in own]
        return cell if not missing else cell.rstrip("\n") + "\n" + "\n".join([ADDED_LINES, *missing]) + "\n"

    def remember_imports(self, cell: str) -> None:
        """The top-level imports of a cell that compiled last for the session."""
        for line in _IMPORT.findall(cell):
            self.imports.setdefault(line.strip(), None)

    # ---- Python cells see the compiled variables -------------------------------------

    def _before_python(self, info) -> None:
        self._snapshot = {}
        if cell_kind(info.raw_cell or "") == "compiled":
            return
        for name, var in self.namespace.variables.items():
            try:
                value = var.value
            except NameError:
                continue
            self.shell.user_ns[name] = value
            self._snapshot[name] = (value, _copy(value))

    def _after_python(self, result) -> None:
        snapshot, self._snapshot = self._snapshot, {}
        for name, (given, copy) in snapshot.items():
            var = self.namespace.variables.get(name)
            if var is None or name not in self.shell.user_ns:
                continue
            now = self.shell.user_ns[name]
            if now is given and (not isinstance(now, dict) or now == copy):
                continue
            try:
                var.value = now
            except (TypeError, OverflowError) as error:
                print(f"jitcell: {name} was not written back: {error}; it keeps {var.value!r}", file=sys.stderr)
                self.shell.user_ns[name] = var.value

    # ---- completion and inspection -----------------------------------------------------

    def names(self, code: str) -> dict[str, str]:
        """Every name a compiled cell may use here, with what it is."""
        found = {w: "keyword" for w in keyword.kwlist}
        found.update({w: "builtin" for w in COMPLETIONS})
        found.update({n: "function" for n, v in self.shell.user_ns.items() if isinstance(v, JitFunction)})
        found.update({n: f"variable: {v.type}" for n, v in self.namespace.variables.items()})
        found.update({n: "function" for n in re.findall(r"^def\s+(\w+)", code, re.M)})
        found.update({n: f"variable: {t.strip()}" for n, t in re.findall(r"^(\w+)\s*:\s*([^=\n]+)=", code, re.M)})
        found.update({n: "local" for n in re.findall(r"\b(\w+)\s*=[^=]", code) if n not in found})
        return found

    def complete(self, code: str, cursor: int) -> dict:
        """The names that complete the word before the cursor, each with its kind for the front end
        (`_jupyter_types_experimental`, as ipykernel sends: JupyterLab shows an icon per kind)."""
        before = code[:cursor]
        attribute = re.search(r"\b(\w+)\.(\w*)$", before)
        member = bool(attribute and attribute.group(1) in ("math", *_math_aliases(code)))
        if attribute and member:
            from jitcell.compiler.mathlib import MATH_CONSTANTS, MATH_FUNCTIONS  # the compiler: on demand

            prefix = attribute.group(2)
            kinds = {**{n: "function" for n in MATH_FUNCTIONS}, **{n: "instance" for n in MATH_CONSTANTS}}
        else:
            word = re.search(r"\w*$", before)  # always matches, if only the empty string
            prefix = word.group() if word else ""
            kinds = {n: _COMPLETION_TYPES.get(kind.split(":")[0], "") for n, kind in self.names(code).items()}
            if not prefix:
                kinds = {}
        matches = sorted(n for n in kinds if n.startswith(prefix) and (member or n != prefix))
        start = cursor - len(prefix)
        types = [{"start": start, "end": cursor, "text": m, "type": kinds[m]} for m in matches]
        return {"status": "ok", "matches": matches, "cursor_start": start, "cursor_end": cursor,
                "metadata": {"_jupyter_types_experimental": types}}

    def inspect(self, code: str, cursor: int) -> dict | None:
        """text/plain (and HTML) about the compiled function or variable at the cursor."""
        name = _word_at(code, cursor)
        value = self.shell.user_ns.get(name)
        if isinstance(value, JitFunction):
            doc = value.__doc__ or ""
            text = (f"{name}{value.signature}\nType:    jitcell function (compiled)\n"
                    f"Library: {value.library.location}\n" + (f"Doc:     {doc.strip()}\n" if doc else ""))
        elif name in self.namespace.variables:
            var = self.namespace.variables[name]
            try:
                shown = repr(var.value)
            except NameError:
                shown = "(no value yet)"
            text = (f"{name}: {var.type} = {shown}\nType:    jitcell module variable\n"
                    f"Library: {var.library.location} (symbol jitcell.var.{name})\n")
        elif name == "math" or name in COMPLETIONS:
            text = f"{name}\nType:    {'module' if name == 'math' else 'builtin'} known to the jitcell compiler\n"
        else:
            return None
        return {"text/plain": text}


# what names() calls a name -> the completion type JupyterLab shows an icon for
_COMPLETION_TYPES = {"keyword": "keyword", "builtin": "function", "function": "function", "variable": "instance",
                     "local": "instance"}


def _copy(value):
    return dict(value) if isinstance(value, dict) else value


def _math_aliases(code: str) -> list[str]:
    return re.findall(r"^import\s+math\s+as\s+(\w+)", code, re.M)


def _word_at(code: str, cursor: int) -> str:
    start = cursor
    while start > 0 and (code[start - 1].isalnum() or code[start - 1] == "_"):
        start -= 1
    end = cursor
    while end < len(code) and (code[end].isalnum() or code[end] == "_"):
        end += 1
    return code[start:end]

