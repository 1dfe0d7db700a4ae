"""Generated code and linkage of compiled functions, shown in the notebook with pygments.

    %%jit --show asm,slots          the cell's assembly and slot table under its summary
    %jit_inspect total              IR, assembly, library and slots of one compiled function

The code is generated again from the library's manifest (compiler/driver.generated_code): the
cache keeps the library, not the IR.
"""

from __future__ import annotations

import html
import re

from .diagnostics import SECTIONS, diagnose, render_html, render_text

__all__ = ["SHOW_CHOICES", "parse_show", "code_bundle", "function_code", "inspect_bundle"]

CODE_VIEWS = {"ir": ("LLVM IR as lowered", "llvm"), "opt": ("LLVM IR after optimization", "llvm"),
              "asm": ("assembly", "gas")}
SHOW_CHOICES = ("ir", "opt", "asm", "cache", "exports", "globals", "slots", "classes", "libraries", "imports",
                "all")


def parse_show(text: str | None) -> list[str]:
    """"asm,slots" -> ["asm", "slots"]; a ValueError names an unknown choice."""
    if not text:
        return []
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [c for c in chosen if c not in SHOW_CHOICES]
    if unknown:
        raise ValueError(f"--show: unknown {', '.join(map(repr, unknown))}; choose from {', '.join(SHOW_CHOICES)} "
                         "(comma-separated)")
    return chosen


# pygments' classes for the tokens of LLVM IR and assembly, coloured as JupyterLab colours code in
# its editor (its light and dark themes set these variables; the fallbacks read on white and black)
_CODE_STYLE = ("<style>.jitcell-code pre{font-size:.85em;overflow-x:auto}"
               ".jitcell-code :is(.k,.kt){color:var(--jp-mirror-editor-keyword-color,#2e8540)}"
               ".jitcell-code :is(.nv,.vg,.no){color:var(--jp-mirror-editor-variable-2-color,#3d6fb6)}"
               ".jitcell-code :is(.m,.mi,.mh){color:var(--jp-mirror-editor-number-color,#2e8540)}"
               ".jitcell-code :is(.nl,.nf){color:var(--jp-mirror-editor-def-color,#3d6fb6)}"
               ".jitcell-code .na{color:var(--jp-mirror-editor-attribute-color,#9050c0)}"
               ".jitcell-code .s{color:var(--jp-mirror-editor-string-color,#d93a2f)}"
               ".jitcell-code .c{color:var(--jp-mirror-editor-comment-color,#767676);font-style:italic}</style>")
_PLAIN_SPAN = re.compile(r'<span class="(?:p|w|err)">([^<]*)</span>')  # punctuation, space, what the lexer missed


def code_bundle(title: str, code: str, language: str) -> dict:
    """text/plain and highlighted text/html: pygments' token classes and one stylesheet, not a
    style on every token (a third of the size, and readable in a dark theme)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import GasLexer, LlvmLexer

    lexer = LlvmLexer() if language == "llvm" else GasLexer()
    body = _PLAIN_SPAN.sub(r"\1", highlight(code, lexer, HtmlFormatter(nowrap=True)))
    body = re.sub(r'<span class="(\w+)">', r"<span class=\1>", body)
    markup = f"{_CODE_STYLE}<div class=jitcell-code><b>{html.escape(title)}</b><pre>{body}</pre></div>"
    return {"text/plain": f"{title}:\n{code}", "text/html": markup}


def _ir_functions(ir: str, names: list[str]) -> str:
    wanted = {f'@"{n}"' for n in names} | {f"@{n}" for n in names}
    blocks: list[str] = []
    current: list[str] | None = None
    for line in ir.splitlines():
        if line.startswith("define "):
            symbol = re.search(r'@("[^"]+"|[\w.$]+)', line)
            current = [] if symbol and symbol.group(0) in wanted else None
        if current is not None:
            current.append(line)
            if line.startswith("}"):
                blocks.append("\n".join(current))
                current = None
    return "\n\n".join(blocks)


def _asm_functions(asm: str, names: list[str]) -> str:
    blocks: list[str] = []
    current: list[str] | None = None
    for line in asm.splitlines():
        label = line[:-1].strip('"') if line.endswith(":") and not line.startswith((" ", "\t", ".L")) else None
        if label is not None:
            current = [] if label in names else None
        if current is not None:
            current.append(line)
            if line.startswith(".Lfunc_end"):
                blocks.append("\n".join(current))
                current = None
    return "\n\n".join(blocks)


def function_code(function, callees=None) -> dict[str, str]:
    """{"ir", "opt", "asm"}: the code of one compiled function (its implementation, C entry
    point and cross-cell entry), cut out of its cell's generated code."""
    from jitcell.compiler.driver import generated_code  # imports llvmlite: only when code is shown

    name = function.__name__
    code = generated_code(function.library, callees)
    symbols = [f"jitcell.impl.{name}", f"jitcell.def.{name}", f"jitcell.call.{name}"]
    return {"ir": _ir_functions(code["ir"], symbols), "opt": _ir_functions(code["opt"], symbols),
            "asm": _asm_functions(code["asm"], symbols)}


def inspect_bundle(function, callees=None) -> list[dict]:
    """What %jit_inspect shows: the function and its library (in HTML every section of its
    diagnosis, which a cache hit's summary leaves out), its optimized IR and assembly."""
    library = function.library
    header = (f"{function.__name__}{function.signature}\nlibrary: {library.location}\n"
              f"cache: {'hit' if library.cache_hit else 'miss'} · key {library.key[:16]}…")
    diagnosis = diagnose(library)
    diagnosis.summary = ""
    state = ("<span class=jc-ok>cache hit</span>" if library.cache_hit else
             f"<span class=jc-miss>cache miss: {html.escape(library.miss_reason or '?')}</span>")
    line = f"<b>{html.escape(function.__name__)}</b>{html.escape(str(function.signature))} · {state}"
    head = {"text/plain": header + "\n\n" + render_text(diagnosis, ("slots", "libraries", "problems")),
            "text/html": render_html(diagnosis, line, SECTIONS, open_=True)}  # the library, every section
    code = function_code(function, callees)
    return [head] + [code_bundle(CODE_VIEWS[view][0], code[view], CODE_VIEWS[view][1]) for view in ("opt", "asm")]
