"""The one-line summary shown under each compiled cell, as a MIME bundle (HTML + text).

    jitcell: bound fib, g · cache miss: no entry · compile 48.1 ms · load 0.3 ms · 2 slots patched

The reason after "cache miss:" is free text (misses.py, cache.py), parentheses included, so it is
not put in parentheses itself.

In HTML (diagnostics.summary_bundle) the line is the <summary> of a <details> element
holding the diagnosis: cache, exports, globals, slots, libraries, imports, problems.
"""

from __future__ import annotations

import html

__all__ = ["summary_text", "summary_html", "summary_parts", "milliseconds"]

# kind -> the class of diagnostics.STYLE that colours it (the names in the text colour)
_CLASSES = {"name": "", "hit": "jc-ok", "miss": "jc-miss", "time": "jc-dim", "slots": "jc-dim"}


def milliseconds(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f} ms"


def summary_parts(library) -> list[tuple[str, str]]:
    """(kind, text) pieces; kind selects the HTML colour."""
    names = ", ".join([*library.functions, *library.generators, *library.variables])
    if names or library.cell_main is None:
        parts = [("name", f"bound {names or 'no functions'}")]
    else:
        parts = [("name", "compiled the cell")]  # a kernel cell of statements only
    if library.cache_hit:
        layer = library.shared_cache
        parts.append(("hit", f"cache hit (shared cache {layer})" if layer else "cache hit"))
    else:
        parts.append(("miss", f"cache miss: {library.miss_reason}"))
        parts.append(("time", f"compile {milliseconds(library.compile_seconds)}"))
    parts.append(("time", f"load {milliseconds(library.load_seconds)}"))
    count = len(library.slots)
    parts.append(("slots", f"{count} slot{'s' if count != 1 else ''} patched"))
    return parts


def summary_text(library) -> str:
    return "jitcell: " + " · ".join(text for _, text in summary_parts(library))


def summary_html(library) -> str:
    """The line in HTML, coloured by the classes of diagnostics.STYLE."""
    runs: list[tuple[str, list[str]]] = []  # neighbours of one colour share a span
    for kind, text in summary_parts(library):
        if runs and runs[-1][0] == _CLASSES[kind]:
            runs[-1][1].append(text)
        else:
            runs.append((_CLASSES[kind], [text]))
    spans = [html.escape(" · ".join(texts), quote=False) for _, texts in runs]
    return "<b>jitcell</b>: " + " · ".join(f"<span class={cls}>{span}</span>" if cls else span
                                          for (cls, _), span in zip(runs, spans, strict=True))
