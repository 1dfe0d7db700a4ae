"""A cell's source, each line marked with what its compiled code still does there.

    %%jit --annotate              the cell, annotated, under its summary
    %jit_annotate total           the lines of one compiled function

     3   def total(n: int) -> int:
     5 ~     for i in range(n):
               ~ loop not vectorised: a check in it may raise and leave the loop (line 6)
     6 !         s += i ** 2
               ! overflow check: s += i ** 2 may leave 64 bits (the loop uses int **, whose ...)

Marks: `!` a check that may raise (overflow, array bounds, a zero divisor, ...), `+` reference
counting, `→` a call into the runtime library, into Python (print, format) or out of the cell,
`~` a loop LLVM did not vectorise, with the reason; a plain line is a note (a check versioned
away, a loop vectorised or computed without iterating, an interrupt check).

The code is generated again with source locations (driver.generated_code(locations=True): the
same instructions as the library's, `!dbg` and `.loc` added), never on a cache hit's path;
codemap.py reads it back, marks.py finds each line's marks and reasons. In HTML each line with
code is a <details> whose body is its reasons, optimized IR and assembly.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from jitcell.abi import SCRIPT_FUNCTION

from .marks import CATEGORIES, MARKERS, Line, Mark, mark_lines

__all__ = ["Mark", "Line", "Annotation", "annotate", "annotation", "render_text", "render_html", "annotate_bundle",
           "MARKERS"]

_SHOWN_CODE = 24  # lines of IR or assembly per source line; the rest is counted


@dataclass
class Annotation:
    title: str
    lines: list[Line]

    def line(self, number: int) -> Line:
        return next(line for line in self.lines if line.number == number)

    def counts(self) -> dict[str, int]:
        """kind -> how many lines carry it."""
        return {kind: sum(any(m.kind == kind for m in line.marks) for line in self.lines) for kind in CATEGORIES}


def annotate(library, callees=None, function: str | None = None) -> Annotation:
    """The annotation of a loaded library's cell (or of one of its functions), from its code
    generated again with source locations. `callees`: the namespace it was compiled in."""
    from jitcell.compiler.driver import generated_code  # imports llvmlite: only when asked for

    return annotation(generated_code(library, callees, locations=True), library.manifest, function)


def annotation(code: dict, manifest: dict, function: str | None = None) -> Annotation:
    """`code`: generated_code(..., locations=True) of the cell `manifest` describes."""
    cell, lines = mark_lines(code, manifest)
    shown = cell.function_lines(function) if function else None
    if function and shown is None:
        raise ValueError(f"{function}() is not defined in this cell")
    names = [function] if function else [f["name"] for f in manifest.get("functions", [])]
    title = ", ".join("the cell's statements" if name == SCRIPT_FUNCTION else f"{name}()" for name in names)
    return Annotation(title, [line for n, line in lines.items() if shown is None or n in shown])


# ---- text ---------------------------------------------------------------------------------


def _legend() -> str:
    return "  ".join(f"{MARKERS[kind]} {text}" for kind, text in CATEGORIES.items())


def render_text(a: Annotation) -> str:
    """Per line: its number, its marks, the source; under it each mark's reason."""
    out = [f"jitcell annotation of {a.title}  ({_legend()})"]
    for line in a.lines:
        out.append(f"{line.number:4} {line.markers:<3} {line.source}".rstrip())
        for mark in line.marks:
            out.append(f"{'':9}{MARKERS[mark.kind]} {mark.text}")
    return "\n".join(out)


# ---- HTML ---------------------------------------------------------------------------------
#
# One <div class=jitcell> (diagnostics.py's font, width and stylesheet approach: one <style> of
# the rules used, JupyterLab's theme variables mixed with transparent so that a shade reads on a
# light page and a dark one). A line with code is a <details>: its summary is the line (shaded by
# its strongest mark, the reasons in its title), its body the reasons, optimized IR and assembly.

_SHADES = {"call": "var(--jp-error-color1,#d93a2f)", "check": "var(--jp-warn-color0,#b86200)",
           "refcount": "var(--jp-info-color0,#0288d1)", "loop": "var(--jp-accent-color1,#388e3c)"}
_RULES = (
    ("jc-l", ".jitcell .jc-l{white-space:pre;margin:0}.jc-l>summary{list-style:none}"
             ".jc-l>summary::-webkit-details-marker{display:none}.jc-n{display:inline-block;width:4ch;"
             "text-align:right;margin-right:1ch}.jc-m{display:inline-block;width:3ch}"),
    ("jc-why", ".jitcell .jc-why{margin-left:8ch;white-space:pre-wrap}"),
    # the text's colour, fainter (as diagnostics.py's jc-dim)
    ("jc-n", ".jc-n,.jc-why{color:color-mix(in srgb,currentColor 70%,transparent)}"),
    ("<pre", ".jitcell .jc-l pre{margin:0 0 .4em 8ch;white-space:pre;overflow-x:auto;font-size:inherit;"
             "border-left:1px solid color-mix(in srgb,currentColor 25%,transparent);padding-left:1ch}"),
    *((f"jc-{kind}", f".jc-{kind}>summary,.jc-{kind}.jc-k{{background:color-mix(in srgb,{colour} 20%,transparent);"
                     f"box-shadow:inset 3px 0 {colour}}}") for kind, colour in _SHADES.items()),
    ("jc-k", ".jc-k{padding:0 .4em;margin-right:.6em}"),
)


def _limited(lines: list[str], what: str, comment: str) -> str:
    shown = lines[:_SHOWN_CODE]
    more = len(lines) - len(shown)
    text = "\n".join([f"{comment} {what}", *shown]) + (f"\n{comment} … {more} more lines" if more else "")
    return f"<pre>{html.escape(text, quote=False)}</pre>"


def render_html(a: Annotation) -> str:
    from .diagnostics import stylesheet

    counts = a.counts()
    legend = "".join(f"<span class='jc-{kind} jc-k'>{html.escape(MARKERS[kind])} {text} ({counts[kind]})</span>"
                     for kind, text in CATEGORIES.items())
    parts = [f"<div><b>jitcell annotate</b> {html.escape(a.title)} · click a line for its optimized IR and "
             f"assembly</div><div>{legend}</div>"]
    for line in a.lines:
        head = (f"<span class=jc-n>{line.number}</span><span class=jc-m>{html.escape(line.markers)}</span>"
                f"{html.escape(line.source, quote=False)}")
        if not (line.ir or line.asm or line.marks):
            parts.append(f"<div class=jc-l>{head}</div>")
            continue
        strongest = next((kind for kind in _SHADES if any(m.kind == kind for m in line.marks)), None)
        cls = "jc-l" + (f" jc-{strongest}" if strongest else "")
        reasons = "\n".join(f"{MARKERS[m.kind]} {m.text}" for m in line.marks)
        title = f' title="{html.escape(reasons)}"' if reasons else ""
        body = (f"<div class=jc-why>{html.escape(reasons, quote=False)}</div>" if reasons else "") + \
            (_limited(line.ir, "optimized IR", ";") if line.ir else "") + \
            (_limited(line.asm, "assembly", "#") if line.asm else "")
        parts.append(f"<details class='{cls}'><summary{title}>{head}</summary>{body}</details>")
    markup = f"<div class=jitcell>{''.join(parts)}</div>"
    return stylesheet(markup, _RULES) + markup


def annotate_bundle(library, callees=None, function: str | None = None) -> dict:
    """text/plain and text/html of the annotation (of one function, if named)."""
    a = annotate(library, callees, function)
    return {"text/plain": render_text(a), "text/html": render_html(a)}
