"""What the linker and the loader did for one library, as `nm -D`, `readelf` and a debugger would tell.

    >>> d = diagnose(library)
    >>> [(s.name, s.status) for s in d.slots]
    [('jitcell.slot.print', 'patched'), ('jitcell.slot.rt.table_get', 'patched')]
    >>> print(render_text(d, {"slots"}))

Sections: **cache** (key, entry, hit or miss and why), **exports** (the export table read
from the file), **globals** (linkage, visibility, DLL storage class from the optimized
module, section from the file), **slots** (what each points at, baked and patched
address, shift, status), **classes** (each class's runtime type descriptor: the header words
its instances carry, its fields' offsets, its methods' exported symbols, and the slot through
which instances are made; shown only for a cell with classes), **libraries** (per library the
slots point into, how far it moved since the build), **imports** (undefined symbols and the system libraries that
resolve them) and **problems** (each with what it means and how it is fixed).

`diagnose_file(path, manifest)` reads a library that is not loaded, e.g. one the loader
refused, so a LinkageError can show the same tables.

In HTML (`render_html`, under the summary line of `summary_bundle`) a cache hit's details hold
the cache entry and the slots, by the library each points into and how far that library moved
(what the run did: look up, load, patch); a miss's hold every table (the build is new);
`%%jit --show` and `%jit_inspect` add the rest, and a problem is always shown, opened. About 1.6 KB
for a hit of a small cell, 4.5 KB for its miss: one stylesheet of the rules used, no inline style,
addresses and paths shortened (the whole value in a title), at most 900 px wide.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from jitcell import abi, runtime
from jitcell.loader import classes, symbols
from jitcell.options import patching_enabled

from .summary import summary_html, summary_text

__all__ = ["Diagnosis", "SlotRow", "Problem", "diagnose", "diagnose_file", "render_text", "render_html",
           "summary_bundle", "stylesheet", "short_address", "short_path", "SECTIONS", "BRIEF"]

SECTIONS = ("cache", "exports", "globals", "slots", "classes", "libraries", "imports", "problems")


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
    classes: list[list[str]] = field(default_factory=list)  # class, descriptor, fields, methods, made through


def diagnose(library) -> Diagnosis:
    """The diagnosis of a loaded library (jitcell.loader.load.Library)."""
    d = diagnose_file(library.path, library.manifest, {s.name: s.patched for s in library.slots})
    d.summary = summary_text(library)
    state = "hit" if library.cache_hit else f"miss: {library.miss_reason}"
    details = getattr(library, "miss_details", None) or {}
    d.cache = [("key", library.key), ("entry", library.location), ("result", state)] + d.cache[2:]
    for reason in details.get("reasons", []):
        if reason not in (library.miss_reason or ""):  # beyond the ones the summary line gives
            d.cache.append(("also", reason))
    if details.get("previous"):
        d.cache.append(("previous entry", details["previous"]))
    d.diff = details.get("diff", "")
    return d


def diagnose_file(path, manifest: dict, patched: dict | None = None, read: bool = True) -> Diagnosis:
    """Read the library file; `patched`: slot name -> address written by the loader (if loaded).
    The export table and sections come from the file itself (loader/elf.py); with `read=False`, or
    once the file is gone, the copy the build read from the same file into the manifest (the loader
    checked the file's digest against it)."""
    path = Path(path)
    d = Diagnosis(str(path), manifest)
    d.cache = [("key", manifest.get("key", "?")), ("entry", str(path))]
    readable = path.exists()  # a --no-cache build lives in a temporary directory, gone after loading
    recorded = "exports" in manifest and "sections" in manifest
    if readable and read:
        d.exports = symbols.exports(path)
        sections = symbols.sections(path)
        d.cache.append(("tables", "exports and sections read from the file now"))
    elif recorded:
        d.exports = [symbols.Export(**e) for e in manifest["exports"]]
        sections = manifest["sections"]
        d.cache.append(("tables", "exports and sections read from the file when it was built (digest checked "
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
        into = _library_name(where[0]) if where else ("heap" if target == "native" else "ctypes callback" if address
                                                      else "")
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
    d.classes = _class_rows(manifest, d.slots)
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


def _class_rows(manifest: dict, slots: list[SlotRow]) -> list[list[str]]:
    """Each class's runtime type descriptor, as its instances' header words say it (loader/classes.py)."""
    made_through = next((s.name for s in slots if s.name.endswith(".inst_new")), "")
    symbols_of: dict[str, list[str]] = {}
    for function in manifest.get("functions", []):
        cls, dot, _ = str(function.get("name", "")).partition(".")
        if dot and function.get("symbol"):
            symbols_of.setdefault(cls, []).append(function["symbol"])
    rows = []
    for row in manifest.get("classes", []):
        layout = row["fields"]
        number = f"class number {row.get('tag', 0)}"
        if "outer" in row:  # a class of another cell that a class here derives from (check/outer_bases.py)
            number = f"a class of another cell, number {row['outer']['tag']} there"
        elif "ext" in row:
            at = row
            while "outer" not in at:
                at = next(r for r in manifest["classes"] if r["name"] == at["base"])
            number = f"class number {at['outer']['tag']} of {at['name']}'s cell and extension {row['ext']}"
        descriptor = (f"kind 16 (instance), object mask {classes.object_mask(layout):#x}, {len(layout)} fields, "
                      f"{number}" + (f" (base {row['base']})" if row.get("base") else ""))
        fields = ", ".join(f"{name}: {t} @{32 + 8 * k}" for k, (name, t) in enumerate(layout)) or "none"
        rows.append([row["name"], descriptor, fields, ", ".join(symbols_of.get(row["name"], [])) or "none",
                     made_through or "-"])
    return rows


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
        "classes": (["class", "descriptor (header words)", "fields @offset", "methods", "made through"], d.classes),
        "libraries": (["library", "loaded at", "moved since the build"], [list(r) for r in d.libraries]),
        "imports": (["symbol", "resolved by"], [[i.name, i.library or "nothing"] for i in d.imports]),
        "problems": (["problem", "what it means", "fix"], [[p.title, p.meaning, p.fix] for p in d.problems]),
    }


def render_text(d: Diagnosis, sections=SECTIONS) -> str:
    out = [d.summary] if d.summary else []
    tables = _tables(d)
    for section in SECTIONS:
        if section not in sections or (section in ("problems", "classes") and not getattr(d, section)):
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
#
# Small enough to keep under every cell of a notebook: one stylesheet per output holding only the
# rules it uses (the root class `jitcell`, the others `jc-`), no inline style, optional end tags
# left out (HTML5), and addresses, keys and paths shortened, the full value in a title. Colours
# follow JupyterLab's light and dark themes: its theme variables, mixed with the text's colour
# (fallbacks read on white and on black), and the text's colour made fainter. The rules override
# what JupyterLab does to tables (padding, right alignment). At most 900 px wide: a symbol, an
# address or a number never breaks (none has a space, and a shortened one has a title); words
# wrap when the width runs out, and the last column of a table (a description) may break anywhere.

# (what the markup must contain for the rule to be needed, the rule)
_RULES = (
    ("", ".jitcell{font:12px/1.45 var(--jp-code-font-family,monospace);max-width:900px;overflow-x:auto}"
         ".jitcell summary{cursor:pointer}"),
    ("<table", ".jitcell table{margin:0 0 .3em 1.2em;border-collapse:collapse;table-layout:auto;font-size:inherit;"
               "color:inherit}.jitcell caption{text-align:left;font-weight:bold;padding-top:.3em}"
               ".jitcell :is(th,td){padding:0 .8em 0 0;text-align:left!important;vertical-align:top}"
               ".jitcell td:last-child{overflow-wrap:anywhere}.jitcell td[title]{white-space:nowrap}"),
    ("<div", ".jitcell div{margin-left:1.2em}"),
    ("<pre", ".jitcell pre{margin:0 0 .3em 1.2em;font-size:inherit;white-space:pre-wrap;overflow-wrap:anywhere}"),
    # a theme's colour mixed with the text's: darker on a light page, lighter on a dark one
    ("jc-ok", ".jc-ok{color:color-mix(in srgb,var(--jp-success-color1,#2e8540) 80%,currentColor)}"),
    ("jc-miss", ".jc-miss{color:color-mix(in srgb,var(--jp-warn-color0,#b86200) 75%,currentColor)}"),
    ("jc-bad", ".jc-bad{color:color-mix(in srgb,var(--jp-error-color1,#d93a2f) 85%,currentColor)}"),
    # the text's colour, fainter (JupyterLab's --jp-content-font-color2 is 4.49:1 on white)
    *((needle, ".jitcell th,.jc-dim{font-weight:normal;color:color-mix(in srgb,currentColor 70%,transparent)}")
      for needle in ("<th", "jc-dim")),  # once if either is there
)


def stylesheet(markup: str, extra: tuple[tuple[str, str], ...] = ()) -> str:
    """The <style> element with the rules `markup` uses (each once), of these and of `extra`
    (another view's rules: (what the markup must contain, the rule))."""
    rules = dict.fromkeys(rule for needle, rule in _RULES + extra if needle in markup)
    return f"<style>{''.join(rules)}</style>"


BRIEF = ("cache", "slots")  # a cache hit's details: what this run did (look up, load, patch)
_STATUS_CLASSES = {"patched": "jc-ok", "removed by the optimizer": "jc-dim", "not loaded": "jc-dim"}
_BARE = re.compile(r"[\w.:/+~-]+")  # an attribute value that needs no quotes


def _attribute(name: str, value: str) -> str:
    return f" {name}={value}" if _BARE.fullmatch(value) else f' {name}="{html.escape(value)}"'


def _td(text: str, title: str | None = None, cls: str | None = None, tag: str = "td", rowspan: int = 1) -> str:
    attributes = (_attribute("class", cls) if cls else "") + (f" rowspan={rowspan}" if rowspan > 1 else "")
    if title and title != text:
        attributes += _attribute("title", title)
    return f"<{tag}{attributes}>{html.escape(text, quote=False)}"


def _table(caption: str, header: list[str], rows: list[list[str]], cls: str | None = None) -> str:
    """rows: lists of rendered cells; `caption` is markup."""
    head = "<tr>" + "".join(f"<th>{html.escape(h)}" for h in header) if header else ""
    return (f"<table{_attribute('class', cls) if cls else ''}><caption>{caption}{head}"
            + "".join("<tr>" + "".join(row) for row in rows) + "</table>")


def short_address(value: int | None) -> str:
    """0x7f3a…c2d0: the start and the end of an address (its full value goes in a title)."""
    if value is None:
        return "-"
    full = f"{value:#x}"
    return full if len(full) <= 11 else f"{full[:6]}…{full[-4:]}"


def _address_td(value: int | None) -> str:
    return _td(short_address(value), None if value is None else f"{value:#x}")


def short_path(path: str) -> str:
    """~/.cache/jitcell/abi-2/af/af9f02428f99….so: a cache entry's 64-digit key cut to 12, the home
    directory as ~, and only the last three parts of a long path."""
    folder, name = os.path.split(path)
    stem, dot, suffix = name.partition(".")
    if len(stem) == 64:
        name = f"{stem[:12]}…{dot}{suffix}"
    home = os.path.expanduser("~")
    if home not in ("", os.sep) and (folder + os.sep).startswith(home + os.sep):
        folder = "~" + folder[len(home):]
    shown = os.path.join(folder, name)
    parts = shown.split(os.sep)
    return shown if len(shown) <= 48 or len(parts) <= 4 else os.path.join("…", *parts[-3:])


def _cache_rows(d: Diagnosis, tables: bool) -> list[list[str]]:
    entry = dict(d.cache).get("entry", "")
    rows = []
    for name, value in d.cache:
        # the summary line says hit or miss, and why; where the tables came from matters when they are shown
        if name == "result" or (name == "tables" and not tables):
            continue
        if name == "key":
            if value in os.path.basename(entry):  # the entry's name is the key
                continue
            cell = _td(value[:16] + "…" if len(value) > 16 else value, value)
        elif name in ("entry", "previous entry"):
            cell = _td(short_path(value), value)
        else:
            cell = _td(value)
        rows.append([_td(name, tag="th"), cell])
    return rows


def _library_td(name: str, rowspan: int = 1) -> str:
    """The library a slot points into, short: the runtime is one per process, a cell is its key's start
    (the Libraries table has the whole name)."""
    if name.startswith("runtime "):
        name = "runtime"
    return _td(name[:13] if name.startswith("cell ") else name or "-", rowspan=rowspan)


def _slot_table(d: Diagnosis, brief: bool) -> str:
    """Brief: the slots the loader patched, by the library they point into and how far it moved
    since the build (rowspan), each slot's address in its title (render_html counts those the
    optimizer removed); full: a row per slot with the address the build baked in, the patched
    one, the shift, the library, what the slot points at and, unless all were patched, its status."""
    statuses = {s.status for s in d.slots}
    caption = "Slots"
    if not brief and statuses == {"patched"}:
        caption += " <span class=jc-ok>all patched</span>"

    def shift(slot: SlotRow) -> str:
        return _signed_hex(slot.shift) if slot.shift is not None else "-"

    rows = []
    if brief:
        groups: dict[tuple[str, str], list[SlotRow]] = {}
        for slot in d.slots:
            if slot.status != "removed by the optimizer":
                groups.setdefault((slot.into, shift(slot)), []).append(slot)
        for (into, moved), slots in groups.items():
            first = [_library_td(into, len(slots)), _td(moved, rowspan=len(slots))]
            for i, slot in enumerate(slots):
                rows.append([*(first if i == 0 else []), _td(slot.name.removeprefix(abi.SLOT_PREFIX),
                                                             _address(slot.patched))])
        return _table(caption, ["in", "moved", "slot"], rows)
    for slot in d.slots:
        status = [] if statuses == {"patched"} else [_td(slot.status, cls=_STATUS_CLASSES.get(slot.status, "jc-bad"))]
        rows.append([_td(slot.name.removeprefix(abi.SLOT_PREFIX)), *status, _address_td(slot.baked),
                     _address_td(slot.patched), _td(shift(slot)), _library_td(slot.into), _td(slot.points_at)])
    header = ["slot", *(["status"] if statuses != {"patched"} else []), "baked", "patched", "shift", "in", "points at"]
    return _table(caption, header, rows)


def render_html(d: Diagnosis, summary_html: str = "", sections=SECTIONS, open_: bool = False,
                hint: str = "") -> str:
    """The diagnosis as a <details> element whose <summary> is `summary_html`, with its
    stylesheet: the tables of `sections`, and any problem (the details then open). A line
    counts what the sections left out hold; `hint` says how to show them."""
    shown = [s for s in SECTIONS if s in sections and (s not in ("problems", "classes") or getattr(d, s))]
    if d.problems and "problems" not in shown:
        shown.append("problems")
    # brief slots: when the cache and the slots are all there is, and the loader patched every slot it kept
    brief = set(shown) <= {"cache", "slots"} and all(s.status in ("patched", "removed by the optimizer")
                                                      for s in d.slots)
    parts = []
    for section in shown:
        caption = section.capitalize()
        if section == "cache":
            parts.append(_table(caption, [], _cache_rows(d, tables=bool({"exports", "globals"} & set(shown)))))
            if d.diff:
                parts.append(f"<pre>{html.escape(d.diff, quote=False)}</pre>")
            continue
        if section == "slots" and d.slots:
            parts.append(_slot_table(d, brief))
            continue
        if section == "exports":
            header = ["name", "kind", "offset", "size"]
            rows = [[_td(e.name), _td(e.kind), _td(f"{e.offset:#x}"), _td(str(e.size))] for e in d.exports]
        elif section == "globals":
            header = ["name", "kind", "linkage", "visibility", "storage class", "section"]
            rows = [[_td(g[k]) for k in ("name", "kind", "linkage", "visibility", "storage_class")]
                    + [_td(g.get("section", ""))] for g in d.globals]
        elif section == "classes":
            header = ["class", "descriptor (header words)", "fields @offset", "methods", "made through"]
            rows = [[_td(c) for c in row] for row in d.classes]
        elif section == "libraries":
            header = ["library", "loaded at", "moved since the build"]
            rows = [[_td(name), _td(short_address(int(base, 16)), base), _td(moved)]
                    for name, base, moved in d.libraries]
        elif section == "imports":
            header = ["symbol", "resolved by"]
            rows = [[_td(i.name), _td(i.library or "nothing", cls=None if i.library else "jc-bad")] for i in d.imports]
        elif section == "problems":
            header = ["problem", "what it means", "fix"]
            rows = [[_td(p.title), _td(p.meaning), _td(p.fix)] for p in d.problems]
        else:
            header, rows = [], []
        if rows:
            parts.append(_table(caption, header, rows, "jc-bad" if section == "problems" else None))
        else:
            parts.append(f"<table><caption>{caption} <span class=jc-dim>none</span></table>")
    counts = {"exports": len(d.exports), "globals": len(d.globals), "imports": len(d.imports)}
    if not brief:  # the brief slot table has each library and its shift
        counts["libraries"] = len(d.libraries)
    left = [f"{section} ({n})" for section, n in counts.items() if section not in shown and n]
    removed = sum(s.status == "removed by the optimizer" for s in d.slots)
    if brief and removed:
        left.append(f"slots the optimizer removed ({removed})")
    if left:
        parts.append(f"<div class=jc-dim>not shown: {', '.join(left)}{f' ({html.escape(hint)})' if hint else ''}"
                     "</div>")
    body = f"<details class=jitcell{' open' if open_ or d.problems else ''}><summary>{summary_html}</summary>" \
           f"{''.join(parts)}</details>"
    return stylesheet(body) + body


# ---- the summary line, which expands into the diagnosis -----------------------------------


def summary_bundle(library, show=()) -> dict:
    """HTML: the line, which expands (<details>) into the library's diagnosis: on a cache hit the
    cache and the slots, on a miss every section (the build is new); problems always, opened; the
    sections named in `show` too, opened. Text: the line, then the sections named in `show` and
    any problem."""
    diagnosis = diagnose(library)
    sections = SECTIONS if "all" in show else [s for s in SECTIONS if s in show or s == "problems"]
    shown = set(sections) | set(BRIEF if library.cache_hit else SECTIONS)
    names = [*library.functions]
    hint = f"%jit_inspect {names[0]}" if names else "%%jit --show all"
    return {"text/plain": render_text(diagnosis, sections) or summary_text(library),
            "text/html": render_html(diagnosis, summary_html(library), shown, open_=bool(show), hint=hint)}
