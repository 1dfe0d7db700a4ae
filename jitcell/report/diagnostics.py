"""What the linker and the loader did for one library, as `nm -D`, `readelf` and a debugger would tell.

    >>> d = diagnose(library)
    >>> [(s.name, s.status) for s in d.slots]
    [('jitcell.slot.print', 'patched'), ('jitcell.slot.rt.table_get', 'patched')]
    >>> print(render_text(d, {"slots"}))

Sections: **cache** (key, entry, hit or miss and why), **exports** (the export table read
from the file), **globals** (linkage, visibility, DLL storage class from the optimized
module, section from the file), **slots** (what each points at, baked and patched
address, shift, status), **libraries** (per library the slots point into, how far it
moved since the build), **imports** (undefined symbols and the system libraries that
resolve them) and **problems** (each with what it means and how it is fixed).

`diagnose_file(path, manifest)` reads a library that is not loaded, e.g. one the loader
refused, so a LinkageError can show the same tables.
"""

from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from jitcell import abi, runtime
from jitcell.loader import symbols
from jitcell.options import patching_enabled

from .summary import summary_parts, summary_text

__all__ = ["Diagnosis", "SlotRow", "Problem", "diagnose", "diagnose_file", "render_text", "render_html",
           "summary_bundle", "SECTIONS"]

SECTIONS = ("cache", "exports", "globals", "slots", "libraries", "imports", "problems")


@dataclass
class SlotRow:
    name: str
    target: str
    points_at: str
    baked: int
    patched: int | None  # None: not loaded, or removed
    status: str  # "patched", "not patched", "removed by the optimizer", "missing from the exports"
    into: str = ""  # the library the patched address lies in

    @property
    def shift(self) -> int | None:
        if self.patched is None or not self.baked:
            return None
        return self.patched - self.baked


@dataclass
class Problem:
    title: str
    meaning: str
    fix: str


@dataclass
class Diagnosis:
    path: str
    manifest: dict
    summary: str = ""
    cache: list[tuple[str, str]] = field(default_factory=list)
    diff: str = ""
    exports: list = field(default_factory=list)
    globals: list[dict] = field(default_factory=list)
    slots: list[SlotRow] = field(default_factory=list)
    libraries: list[tuple[str, str, str]] = field(default_factory=list)  # (library, load address, shift)
    imports: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def diagnose(library) -> Diagnosis:
    """The diagnosis of a loaded library (jitcell.loader.library.Library)."""
    d = diagnose_file(library.path, library.manifest, {s.name: s.patched for s in library.slots})
    d.summary = summary_text(library)
    state = "hit" if library.cache_hit else f"miss: {library.miss_reason}"
    details = getattr(library, "miss_details", None) or {}
    d.cache = [("key", library.key), ("entry", library.location), ("result", state)] + d.cache[2:]
    for reason in details.get("reasons", [])[1:]:
        d.cache.append(("also", reason))
    if details.get("previous"):
        d.cache.append(("previous entry", details["previous"]))
    d.diff = details.get("diff", "")
    return d


def diagnose_file(path, manifest: dict, patched: dict | None = None, read: bool | None = None) -> Diagnosis:
    """Read the library file; `patched`: slot name -> address written by the loader (if loaded).
    The export table and sections come from the file itself, read with pyelftools; unless `read`
    is True, a process that has not imported pyelftools (a cache hit) uses the copy the build read
    from the same file into the manifest (the loader checked the file's sha256 against it)."""
    path = Path(path)
    d = Diagnosis(str(path), manifest)
    d.cache = [("key", manifest.get("key", "?")), ("entry", str(path))]
    readable = path.exists()  # a --no-cache build lives in a temporary directory, gone after loading
    recorded = "exports" in manifest and "sections" in manifest
    if read is None:
        read = "elftools" in sys.modules or not recorded
    if readable and read:
        d.exports = symbols.exports(path)
        sections = symbols.sections(path)
        d.cache.append(("tables", "exports and sections read from the file now (pyelftools)"))
    elif recorded:
        d.exports = [symbols.Export(**e) for e in manifest["exports"]]
        sections = manifest["sections"]
        d.cache.append(("tables", "exports and sections read from the file when it was built (sha256 checked "
                                  "at load)"))
    else:
        d.exports, sections = [], {}
        d.cache.append(("file", "deleted after loading (a --no-cache build): exports and sections unknown"))
    exported = {e.name for e in d.exports}
    d.globals = [{**g, "section": sections.get(g["name"], "")} for g in manifest.get("globals", [])]
    visibility = {g["name"]: g for g in d.globals}
    moved: dict[str, set] = {}  # library file -> shifts of the slots pointing into it
    bases: dict[str, int] = {}  # library file -> its load address
    for row in manifest.get("slots", []):
        name, target = row["name"], row["target"]
        address = (patched or {}).get(name)
        if name not in exported:
            status = "missing from the exports"
        elif patched is None:
            status = "not loaded"
        elif not patching_enabled(target):
            status = "left as built (patching switched off)"
        else:
            status = "patched"
        where = symbols.library_of(address) if address else None
        into = _library_name(where[0]) if where else ("ctypes callback" if address else "")
        d.slots.append(SlotRow(name, target, abi.describe(target), row["baked"], address, status, into))
        if where and row["baked"]:
            moved.setdefault(where[0], set()).add(address - row["baked"])
            bases[where[0]] = where[1]
        if name not in exported:
            d.problems.append(Problem(
                f"slot {name} is missing from the export table",
                f"the loader cannot write this process's address of {abi.describe(target)} into it; "
                "the code would use the address baked in by the session that built the library, which ASLR has "
                "moved, and crash after a restart",
                "give the slot default visibility (ELF, Mach-O) or the dllexport storage class (COFF): "
                "jitcell's machine.export() does this for every slot"))
        info = visibility.get(name, {})
        if info.get("visibility") == "hidden" and name in exported:
            d.problems.append(Problem(f"slot {name} has hidden visibility", "it may be left out of the export table",
                                      "give it default visibility"))
    for row in manifest.get("removed_slots", []):
        d.slots.append(SlotRow(row["name"], row["target"], abi.describe(row["target"]), row["baked"], None,
                               "removed by the optimizer"))
    for function in manifest.get("functions", []):
        for symbol in (function.get("symbol"), function.get("call_symbol")):
            if symbol and symbol not in exported:
                d.problems.append(Problem(f"function {symbol} is missing from the export table",
                                          "Python (or another cell) cannot find the compiled function",
                                          "export it like the slots (default visibility / dllexport)"))
    for file, shifts in sorted(moved.items()):
        shift = next(iter(shifts)) if len(shifts) == 1 else None
        d.libraries.append((_library_name(file), f"{bases[file]:#x}",
                            _signed_hex(shift) if shift is not None else "several"))
    d.imports = symbols.imports(path) if readable and read else \
        [symbols.Import(i["name"], i["library"]) for i in manifest.get("imports", [])]
    for imp in d.imports:
        if not symbols.is_system_library(imp.library):
            d.problems.append(Problem(
                f"undefined symbol {imp.name} ({imp.library or 'no library provides it'})",
                "only the C and math libraries may resolve a cell's undefined symbols; anything else must come "
                "through a slot, or the library breaks in another process",
                "reach it through a slot patched after load"))
    return d


def _library_name(path: str) -> str:
    """A short name: cache entries are named by their 64-digit key."""
    name = os.path.basename(path)
    stem, dot, suffix = name.partition(".")
    if len(stem) == 64 and all(c in "0123456789abcdef" for c in stem):
        loaded = getattr(runtime, "_library", None)
        kind = "runtime" if loaded is not None and loaded.path.name == name else "cell"
        return f"{kind} {stem[:12]}…{dot}{suffix}"
    return name


def _signed_hex(value: int) -> str:
    return ("-" if value < 0 else "+") + f"{abs(value):#x}"


def _address(value: int | None) -> str:
    return "-" if value is None else f"{value:#x}"


# ---- text ------------------------------------------------------------------------------


def _tables(d: Diagnosis) -> dict[str, tuple[list[str], list[list[str]]]]:
    """section -> (header, rows), the same for text and HTML."""
    return {
        "cache": (["", ""], [[k, v] for k, v in d.cache]),
        "exports": (["name", "kind", "offset", "size"],
                    [[e.name, e.kind, f"{e.offset:#x}", str(e.size)] for e in d.exports]),
        "globals": (["name", "kind", "linkage", "visibility", "storage class", "section"],
                    [[g["name"], g["kind"], g["linkage"], g["visibility"], g["storage_class"], g.get("section", "")]
                     for g in d.globals]),
        "slots": (["slot", "status", "baked", "patched", "shift", "in", "points at"],
                  [[s.name, s.status, _address(s.baked), _address(s.patched),
                    _signed_hex(s.shift) if s.shift is not None else "-", s.into or "-",
                    s.points_at] for s in d.slots]),
        "libraries": (["library", "loaded at", "moved since the build"], [list(r) for r in d.libraries]),
        "imports": (["symbol", "resolved by"], [[i.name, i.library or "nothing"] for i in d.imports]),
        "problems": (["problem", "what it means", "fix"], [[p.title, p.meaning, p.fix] for p in d.problems]),
    }


def render_text(d: Diagnosis, sections=SECTIONS) -> str:
    out = [d.summary] if d.summary else []
    tables = _tables(d)
    for section in SECTIONS:
        if section not in sections or (section == "problems" and not d.problems):
            continue
        header, rows = tables[section]
        out.append(f"\n{section}:" if rows else f"\n{section}: none")
        if section == "cache" and d.diff:
            rows = rows + [["diff", line] for line in d.diff.splitlines()]
        if not rows:
            continue
        widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
        if any(header):
            out.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        for row in rows:
            out.append("  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(out).lstrip("\n")


# ---- HTML ------------------------------------------------------------------------------

_RED = "#cf222e"
_STATUS_COLOURS = {"patched": "#1a7f37", "removed by the optimizer": "#57606a"}


def render_html(d: Diagnosis, summary_html: str = "", open_: bool = False) -> str:
    tables = _tables(d)
    parts = []
    for section in SECTIONS:
        header, rows = tables[section]
        if section == "problems" and not rows:
            continue
        colour = f"color:{_RED};" if section == "problems" else ""
        parts.append(f'<div class="jitcell-section jitcell-{section}"><div style="font-weight:bold;{colour}'
                     f'margin-top:0.6em">{section.capitalize()}</div>')
        if not rows:
            parts.append("<div style='color:#57606a'>none</div></div>")
            continue
        cells = ["<table style='border-collapse:collapse;margin:0.2em 0;width:auto;table-layout:auto'>"]
        if any(header):
            cells.append("<tr>" + "".join(f"<th style='text-align:left;padding:1px 10px 1px 0;"
                                          f"white-space:nowrap'>{html.escape(h)}</th>" for h in header) + "</tr>")
        for row in rows:
            tds = []
            for i, value in enumerate(row):
                style = "text-align:left;padding:1px 10px 1px 0;white-space:nowrap"
                if section == "slots" and i == 1:
                    style += f";color:{_STATUS_COLOURS.get(value, _RED)}"
                if section == "problems":
                    style = f"text-align:left;padding:1px 10px 1px 0;color:{_RED}"
                tds.append(f"<td style='{style}'>{html.escape(str(value))}</td>")
            cells.append("<tr>" + "".join(tds) + "</tr>")
        cells.append("</table>")
        if section == "cache" and d.diff:
            cells.append(f"<pre style='margin:0.2em 0'>{html.escape(d.diff)}</pre>")
        parts.append("".join(cells) + "</div>")
    body = "".join(parts)
    return (f"<details class='jitcell-details'{' open' if open_ or d.problems else ''} "
            f"style='font-family:monospace;font-size:0.9em'><summary style='cursor:pointer'>{summary_html}</summary>"
            f"<div style='margin-left:1.2em;overflow-x:auto;max-width:100%'>{body}</div></details>")


# ---- the summary line, which expands into the diagnosis -----------------------------------

_COLOURS = {"hit": "#1a7f37", "miss": "#9a6700", "name": "inherit", "time": "#57606a", "slots": "#57606a"}


def summary_bundle(library, show=()) -> dict:
    """HTML: the line, which expands (<details>) into the library's diagnosis (diagnostics.py);
    text: the line, then the sections named in `show` and any problem."""
    spans = " · ".join(f'<span style="color:{_COLOURS[kind]}">{html.escape(text)}</span>'
                       for kind, text in summary_parts(library))
    title = html.escape(str(library.path))
    line = f'<span class="jitcell-summary" title="{title}"><b>jitcell</b>: {spans}</span>'
    diagnosis = diagnose(library)
    sections = SECTIONS if "all" in show else [s for s in SECTIONS if s in show or s == "problems"]
    return {"text/plain": render_text(diagnosis, sections) or summary_text(library),
            "text/html": render_html(diagnosis, line, open_=bool(show))}
