"""The one-line summary shown under each compiled cell, as a MIME bundle (HTML + text).

    jitcell: bound fib, g · cache miss (no entry) · compile 48.1 ms · load 0.3 ms · 2 slots patched

In HTML (diagnostics.summary_bundle) the line is the <summary> of a <details> element
holding the diagnosis: cache, exports, globals, slots, libraries, imports, problems.
"""

from __future__ import annotations

__all__ = ["summary_text", "summary_parts", "milliseconds"]


def milliseconds(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f} ms"


def summary_parts(library) -> list[tuple[str, str]]:
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
    return "jitcell: " + " · ".join(text for _, text in summary_parts(library))
