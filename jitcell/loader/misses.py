"""Why the cache missed, in words a user knows: the new entry against the previous entry of the
same cell, compiled in the same place.

    >>> library = compile_cell(source_v2, context="notebook:analysis.ipynb")
    >>> library.miss_reason
    'the source changed'
    >>> print(library.miss_details["diff"])
    line 3:
    -    return x * 2
    +    return x * 3

A cell has no identity across sessions, so "the same cell" is the most recent entry built in
the same *context* (compile_cell's `context`: "notebook:PATH", "session:ID" or "file:PATH",
which the magic, the kernel and @jit pass) that defines the same names (functions and module
variables), or, for a cell that defines none, starts with the same line. A cell of another
notebook that defines the same name is a stranger: a cell never compiled in this context
says so ("first compile of this cell in this notebook"). Without a context, the last entry
with those names from anywhere. The cache remembers it in `<cache>/cells/<identity>.json`;
only a miss reads or writes it. The entry it names is read as a lookup reads one (signature
and shape checked, Cache.read_manifest), and only if it is an entry of this cache.

Reasons never show jitcell's internal names: a new `first_line` is "the cell moved down 2
lines", `script` is %%jit against the jitcell kernel, an option is its %%jit flag
(`--opt 2 -> 3`, `--boundscheck off`) or, for a .py file, its keyword. The lines a front end
added below `abi.ADDED_LINES` (the kernel's imports of earlier cells, @jit's imports) are
left out of the diff and described apart.
"""

from __future__ import annotations

import json
import os

from jitcell.abi import ADDED_LINES, MODULE_LINE, SCRIPT_FUNCTION
from jitcell.errors import CacheError, UnsafeCacheError, source_lines

from . import files
from .frozen import shown
from .signing import digest

__all__ = ["CONTEXTS", "check_context", "identity", "previous", "remember", "explain", "headline"]

CONTEXTS = {"notebook": "this notebook", "session": "this session", "file": "this file"}
_MAX_DIFF_LINES = 16
_MORE = 2  # reasons shown in the summary line; the others are in the details


def check_context(context: str | None) -> None:
    kind, colon, place = (context or "").partition(":")
    if context is not None and (kind not in CONTEXTS or not colon or not place):
        raise ValueError(f"context must be 'notebook:PATH', 'session:ID' or 'file:PATH', not {context!r}")


def identity(manifest: dict, context: str | None = None) -> str:
    names = sorted([f["name"] for f in manifest.get("functions", ()) if f["name"] != SCRIPT_FUNCTION] +
                   [v["name"] for v in manifest.get("variables", ())])
    if names:
        what = "names:" + ",".join(names)
    else:
        first = next((line.strip() for line in manifest.get("source", "").splitlines() if line.strip()), "")
        what = "line:" + first
    if context is not None:
        what = context + "\0" + what
    return digest(what.encode(), 16)  # 32 hex digits


def previous(cache, manifest: dict, context: str | None = None) -> tuple[dict | None, str]:
    """(the manifest of the last entry built for the same cell in this context, or None; and
    what was found: "found", "new" (nothing built for it here), "evicted" (this same entry was
    built before and is gone) or "gone" (another entry, which is gone or unsound))."""
    folder = files.checked(cache.location, "cells")
    if folder is None:
        return None, "new"
    try:
        index = json.loads(files.read(os.path.join(folder, identity(manifest, context) + ".json")))
        key, path = index["key"], index["manifest"]
    except FileNotFoundError:
        return None, "new"
    except (OSError, ValueError, KeyError, TypeError):
        return None, "gone"
    if key == manifest.get("key"):
        return None, "evicted"
    # the index names an entry of this cache, or nothing: never a file elsewhere
    if not isinstance(key, str) or path != cache.paths(key)[1]:
        return None, "gone"
    found, _ = cache.read_manifest(key)
    return found, "found" if found is not None else "gone"


def remember(cache, manifest: dict, manifest_path: str, context: str | None = None) -> None:
    name = identity(manifest, context) + ".json"
    try:
        index = {"manifest": manifest_path, "key": manifest.get("key")}
        _forget(cache, name)
        files.write_record(cache.location, "cells", name, json.dumps(index).encode())
    except UnsafeCacheError:
        raise
    except (OSError, CacheError):  # a full disk, a folder a clear kept removing
        pass  # only a better explanation is lost


def _forget(cache, name: str) -> None:
    """Remove the cell's previous record before its new one is renamed into place: ext4 flushes a file
    renamed over another (auto_da_alloc), 1.3 ms a compile of an edited cell, against 0.1 ms for a
    new name. Meanwhile a reader finds no record, as for a cell never compiled here (it only loses
    the explanation of one miss)."""
    folder = files.checked(cache.location, "cells")
    if folder is not None:
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass  # none yet (or a directory there: write_record removes it)


def headline(reasons: list[str]) -> str:
    """The reasons as the summary line shows them: the first two, and how many more."""
    more = len(reasons) - _MORE
    return "; ".join(reasons[:_MORE]) + (f"; and {more} more" if more > 0 else "")


def explain(old: dict | None, new: dict, context: str | None = None, found: str = "found") -> dict:
    """{"reasons": [...], "diff": str, "previous": key}: what differs between the two entries
    (`found` is what `previous` said when there is no old entry)."""
    kind = context.partition(":")[0] if context else ""
    noun = _noun(new, kind)
    if old is None:
        return {"reasons": _without_previous(found, context, noun), "diff": "", "previous": None}
    reasons = []
    old_options, new_options = old.get("options", {}), new.get("options", {})
    old_first, new_first = _first_line(old_options), _first_line(new_options)
    old_own, old_added = _split(old.get("source", ""))
    new_own, new_added = _split(new.get("source", ""))
    diff = ""
    if old_own != new_own:
        reasons.append("the source changed")
        diff = _diff(old_own, new_own, old_first, new_first)
    if bool(old_options.get("script")) != bool(new_options.get("script")):
        reasons.append("compiled with %%jit before, now in the jitcell kernel" if new_options.get("script") else
                       "compiled in the jitcell kernel before, now with %%jit")
    elif old_first != new_first:
        moved = new_first - old_first
        reasons.append(f"the {noun} moved {'down' if moved > 0 else 'up'} {_count(abs(moved), 'line')}"
                       + (" in its file" if kind == "file" else ""))
    if old_added != new_added:
        reasons.append(_added_lines_changed(old_added, new_added, kind))
    changed = _option_changes(old_options, new_options, flags=kind in ("notebook", "session"))
    if changed:
        reasons.append(", ".join(changed))
    reasons += _versions(old, new)
    reasons += _toolchain(old.get("toolchain", {}), new.get("toolchain", {}), new.get("jitcell") == old.get("jitcell"))
    old_callees = {c["name"]: c.get("signature") for c in old.get("callees", ())}
    for c in new.get("callees", ()):
        name, was = c["name"], old_callees.get(c["name"])
        if was is not None and was != c.get("signature"):
            reasons.append(f"a function it calls changed its signature: {name}{was} became {name}{c.get('signature')}")
    old_uses = {u["name"]: u["type"] for u in old.get("uses", ())}
    for u in new.get("uses", ()):
        name, was = u["name"], old_uses.get(u["name"])
        if was is not None and was != u["type"]:
            reasons.append(f"a module variable it uses changed type: {name}: {was} became {name}: {u['type']}")
    old_frozen = {f["name"]: f["value"] for f in old.get("frozen", ())}
    for f in new.get("frozen", ()):
        name, was = f["name"], old_frozen.get(f["name"])
        if was is not None and was != f["value"]:
            reasons.append(f"the global {name} changed: {shown(was)} -> {shown(f['value'])}")
        elif was is None and old_own == new_own:
            reasons.append(f"the global {name} is defined now: {shown(f['value'])}")
    if not reasons:
        reasons.append("the Python version, or a function of another cell that it names, changed")
    return {"reasons": reasons, "diff": diff, "previous": old.get("key")}


def _noun(manifest: dict, kind: str) -> str:
    if kind != "file":
        return "cell"
    return "function" if len(manifest.get("functions", ())) <= 1 else "functions"


def _without_previous(found: str, context: str | None, noun: str) -> list[str]:
    """Why there is nothing to compare with, when that says more than "no entry"."""
    # "evicted": the record names this very key, built before here and removed since, or just now by
    # another process building the same cell: "no entry" is true either way
    if context is None or found == "evicted":
        return []  # without a context, a cell with the same names elsewhere says nothing about this one
    where = f" in {CONTEXTS[context.partition(':')[0]]}"
    these = "these" if noun == "functions" else "this"
    if found == "gone":
        return [f"{these} {noun} changed since the last compile{where}, whose cache entry is gone"]
    return [f"first compile of {these} {noun}{where}"]


def _first_line(options: dict) -> int:
    value = options.get("first_line", 1)
    return value if isinstance(value, int) else 1


def _split(source: str) -> tuple[list[str], list[str]]:
    """The user's lines, and those a front end added below ADDED_LINES."""
    lines = source_lines(source)
    if ADDED_LINES in lines:
        at = lines.index(ADDED_LINES)
        return lines[:at], lines[at + 1:]
    return lines, []


def _count(n: int, what: str) -> str:
    return f"one {what}" if n == 1 else f"{n} {what}s"


def _span(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _diff(old: list[str], new: list[str], old_first: int, new_first: int) -> str:
    """Each change under the lines it concerns, as the cell numbers them (the new lines; the old
    ones for lines removed): `line 3:` then the old lines (-) and the new (+)."""
    import difflib  # a changed cell only: a cache hit imports this module to check a context

    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        where = _span(new_first + j1, new_first + j2 - 1) if j2 > j1 else _span(old_first + i1, old_first + i2 - 1)
        out += [where + ":", *("-" + line for line in old[i1:i2]), *("+" + line for line in new[j1:j2])]
    if len(out) > _MAX_DIFF_LINES:
        out = out[:_MAX_DIFF_LINES] + [f"... ({len(out) - _MAX_DIFF_LINES} more lines)"]
    return "\n".join(out)


def _added_lines_changed(old: list[str], new: list[str], kind: str) -> str:
    old_module = next((line[len(MODULE_LINE):] for line in old if line.startswith(MODULE_LINE)), None)
    new_module = next((line[len(MODULE_LINE):] for line in new if line.startswith(MODULE_LINE)), None)
    if old_module != new_module and old_module and new_module:
        return f"its module is named {new_module} now, not {old_module}"
    imports = ("import ", "from ")
    changes = [f"{line} added" for line in new if line.startswith(imports) and line not in old]
    changes += [f"{line} removed" for line in old if line.startswith(imports) and line not in new]
    if not changes:
        return "the lines jitcell adds to the cell changed"
    what = "the imports it uses from its module" if kind == "file" else "the imports carried over from earlier cells"
    return f"{what} changed: {', '.join(changes)}"


_KNOWN_OPTIONS = {"opt", "wraparound", "first_line", "loop_versioning", "interrupt_checks", "boundscheck", "internal",
                  "script", "break_linkage", "parallel"}


def _option_changes(old: dict, new: dict, flags: bool) -> list[str]:
    """Each option that changed as the user sets it: a %%jit flag where `flags`, else the keyword
    of @jit and compile_cell; never how the manifest names it."""
    dash = "--" if flags else ""
    changes = []
    if old.get("opt") != new.get("opt"):
        changes.append(f"{dash}opt {old.get('opt')} -> {new.get('opt')}")
    for name in ("wraparound", "boundscheck", "parallel"):
        if bool(old.get(name)) != bool(new.get(name)):
            changes.append(f"{dash}{name} {'on' if new.get(name) else 'off'}")
    for name, words in (("interrupt_checks", "interrupt checks"), ("loop_versioning", "loop versioning"),
                        ("internal", "the runtime library's dialect")):
        if bool(old.get(name)) != bool(new.get(name)):
            changes.append(f"{words} {'on' if new.get(name) else 'off'}")
    if old.get("break_linkage") != new.get("break_linkage"):
        changes.append(f"{dash}teach-break {new['break_linkage']}" if new.get("break_linkage") else "teaching mode off")
    if any(old.get(k) != new.get(k) for k in (set(old) | set(new)) - _KNOWN_OPTIONS):
        changes.append("a compile option changed")
    return changes


def _version(text: object) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in str(text).split("."))
    except ValueError:
        return None


def _versions(old: dict, new: dict) -> list[str]:
    was, now = old.get("jitcell"), new.get("jitcell")
    if was != now:
        a, b = _version(was), _version(now)
        verb = "changed" if a is None or b is None else "upgraded" if a < b else "downgraded"
        return [f"jitcell was {verb} from {was} to {now}"]
    if old.get("abi") != new.get("abi"):
        return [f"jitcell's generated code changed, from ABI {old.get('abi')} to {new.get('abi')}"]
    return []


def _toolchain(old: dict, new: dict, same_jitcell: bool) -> list[str]:
    reasons = []
    for field, what in (("llvm", "LLVM"), ("llvmlite", "llvmlite"), ("triple", "the target platform"),
                        ("cpu", "the CPU")):
        if old.get(field) != new.get(field):
            reasons.append(f"{what} changed from {old.get(field)} to {new.get(field)}")
    if old.get("features") != new.get("features"):
        reasons.append("the CPU's features changed")
    if old.get("compiler") != new.get("compiler") and same_jitcell:  # a new version says it already
        reasons.append("jitcell's own code changed, with the same version: an edited install")
    return reasons
