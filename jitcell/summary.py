"""The one-line summary shown under each compiled cell, as a MIME bundle (HTML + text).

    jitcell: bound fib, g · cache miss (no entry) · compile 48.1 ms · load 0.3 ms · 2 slots patched

In HTML the line is the <summary> of a <details> element holding the diagnosis
(diagnostics.py: cache, exports, globals, slots, libraries, imports, problems).
"""

from __future__ import annotations

import html

__all__ = ["summary_text", "summary_bundle", "milliseconds"]


def milliseconds(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f} ms"


def _parts(library) -> list[tuple[str, str]]:
    """(kind, text) pieces; kind selects the HTML colour."""
    names = ", ".join([*library.functions, *library.variables])
    if names or library.cell_main is None:
        parts = [("name", f"bound {names or 'no functions'}")]
    else:
        parts = [("name", "compiled the cell")]  # a kernel cell of statements only
    if library.cache_hit:
        parts.append(("hit", "cache hit"))
    else:
        parts.append(("miss", f"cache miss ({library.miss_reason})"))
        parts.append(("time", f"compile {milliseconds(library.compile_seconds)}"))
    parts.append(("time", f"load {milliseconds(library.load_seconds)}"))
    count = len(library.slots)
    parts.append(("slots", f"{count} slot{'s' if count != 1 else ''} patched"))
    return parts


def summary_text(library) -> str:
    return "jitcell: " + " · ".join(text for _, text in _parts(library))


_COLOURS = {"hit": "#1a7f37", "miss": "#9a6700", "name": "inherit", "time": "#57606a", "slots": "#57606a"}


def summary_bundle(library, show=()) -> dict:
    """HTML: the line, which expands (<details>) into the library's diagnosis (diagnostics.py);
    text: the line, then the sections named in `show` and any problem."""
    from .diagnostics import SECTIONS, diagnose, render_html, render_text

    spans = " · ".join(f'<span style="color:{_COLOURS[kind]}">{html.escape(text)}</span>'
                       for kind, text in _parts(library))
    title = html.escape(str(library.path))
    line = f'<span class="jitcell-summary" title="{title}"><b>jitcell</b>: {spans}</span>'
    diagnosis = diagnose(library)
    sections = SECTIONS if "all" in show else [s for s in SECTIONS if s in show or s == "problems"]
    return {"text/plain": render_text(diagnosis, sections) or summary_text(library),
            "text/html": render_html(diagnosis, line, open_=bool(show))}
