"""Why the cache missed: compare a new entry with the previous entry of the same cell.

    >>> library = compile_cell(source_v2)
    >>> library.miss_reason
    'the source changed'
    >>> print(library.miss_details["diff"])
    @@ -2 +2 @@
    -    return x * 2
    +    return x * 3

A cell has no identity across sessions, so "the same cell" is the most recent entry
that defines the same names (functions and module variables), or, for a cell that
defines none, starts with the same line. The cache remembers it in
`<cache>/cells/<identity>.json`; only a miss reads or writes it. The entry it names is
read as a lookup reads one (signature and shape checked, Cache.read_manifest), and only
if it is an entry of this cache.
"""

from __future__ import annotations

import difflib
import json
import os

from jitcell.abi import SCRIPT_FUNCTION
from jitcell.errors import CacheError, UnsafeCacheError

from . import files
from .cache import sha256

__all__ = ["identity", "previous", "remember", "explain"]

_MAX_DIFF_LINES = 16


def identity(manifest: dict) -> str:
    names = sorted([f["name"] for f in manifest.get("functions", ()) if f["name"] != SCRIPT_FUNCTION] +
                   [v["name"] for v in manifest.get("variables", ())])
    if names:
        what = "names:" + ",".join(names)
    else:
        first = next((line.strip() for line in manifest.get("source", "").splitlines() if line.strip()), "")
        what = "line:" + first
    return sha256()(what.encode()).hexdigest()[:32]


def previous(cache, manifest: dict) -> dict | None:
    """The manifest of the last entry built for the same cell, if it is still sound."""
    folder = files.checked(cache.location, "cells")
    if folder is None:
        return None
    try:
        index = json.loads(files.read(os.path.join(folder, identity(manifest) + ".json")))
        key, path = index["key"], index["manifest"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # the index names an entry of this cache, or nothing: never a file elsewhere
    if not isinstance(key, str) or key == manifest.get("key") or path != cache.paths(key)[1]:
        return None
    found, _ = cache.read_manifest(key)
    return found


def remember(cache, manifest: dict, manifest_path: str) -> None:
    try:
        index = {"manifest": manifest_path, "key": manifest.get("key")}
        files.write_record(cache.location, "cells", identity(manifest) + ".json", json.dumps(index).encode())
    except UnsafeCacheError:
        raise
    except (OSError, CacheError):  # a full disk, a folder a clear kept removing
        pass  # only a better explanation is lost


def explain(old: dict | None, new: dict) -> dict:
    """{"reasons": [...], "diff": str, "previous": key}: what differs between the two entries."""
    if old is None:
        return {"reasons": [], "diff": "", "previous": None}
    reasons = []
    diff = ""
    if old.get("source") != new.get("source"):
        reasons.append("the source changed")
        lines = list(difflib.unified_diff(old.get("source", "").splitlines(), new.get("source", "").splitlines(),
                                          lineterm="", n=0))[2:]
        if len(lines) > _MAX_DIFF_LINES:
            lines = lines[:_MAX_DIFF_LINES] + [f"... ({len(lines) - _MAX_DIFF_LINES} more lines)"]
        diff = "\n".join(lines)
    old_options, new_options = old.get("options", {}), new.get("options", {})
    changed = [f"{k} {old_options.get(k)!r} -> {new_options.get(k)!r}"
               for k in sorted(set(old_options) | set(new_options)) if old_options.get(k) != new_options.get(k)]
    if changed:
        reasons.append("an option changed: " + ", ".join(changed))
    if old.get("jitcell") != new.get("jitcell"):
        reasons.append(f"jitcell changed: {old.get('jitcell')} -> {new.get('jitcell')}")
    if old.get("abi") != new.get("abi"):
        reasons.append(f"the codegen ABI changed: {old.get('abi')} -> {new.get('abi')}")
    old_tools, new_tools = old.get("toolchain", {}), new.get("toolchain", {})
    for field, what in (("llvm", "LLVM"), ("llvmlite", "llvmlite"), ("triple", "the target triple"),
                        ("cpu", "the CPU"), ("features", "the CPU features"), ("compiler", "jitcell's compiler")):
        if old_tools.get(field) != new_tools.get(field):
            if field in ("features", "compiler"):
                reasons.append(f"{what} changed")
            else:
                reasons.append(f"{what} changed: {old_tools.get(field)} -> {new_tools.get(field)}")
    old_callees = {c["name"]: c.get("signature") for c in old.get("callees", ())}
    for c in new.get("callees", ()):
        if c["name"] in old_callees and old_callees[c["name"]] != c.get("signature"):
            reasons.append(f"the called {c['name']}() changed: {c['name']}{old_callees[c['name']]} -> "
                           f"{c['name']}{c.get('signature')}")
    old_uses = {u["name"]: u["type"] for u in old.get("uses", ())}
    for u in new.get("uses", ()):
        if u["name"] in old_uses and old_uses[u["name"]] != u["type"]:
            reasons.append(f"the variable {u['name']} changed type: {old_uses[u['name']]} -> {u['type']}")
    if not reasons:
        reasons.append("the Python ABI or a library of another cell changed")
    return {"reasons": reasons, "diff": diff, "previous": old.get("key")}
