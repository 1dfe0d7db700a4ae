"""What `%jit_cache` and `python -m jitcell cache` print: the cache's state and what upkeep did.

    jitcell cache: /home/ada/.cache/jitcell
      12 entries, 3.4 MiB of a 2.0 GiB cap (the default); 2 in use by running processes

    key           last used         size       functions
    3f9c1a0b77de  2026-12-03 14:56   18.2 KiB  poly, steps  (in use)
    9e01aa4c3b7f  2026-12-02 09:12   14.0 KiB  ✗ the manifest carries a signature that does not match

The numbers come from loader/upkeep.py; this module runs the commands and words the result,
the same for the magic and the command line.
"""

from __future__ import annotations

import html
import time

from jitcell.loader import limits, upkeep
from jitcell.loader.cache import Cache
from jitcell.loader.limits import Stored, format_size
from jitcell.loader.upkeep import Listed, Summary, Upkeep, Verified

__all__ = ["run", "COMMANDS", "info_text", "info_bundle", "list_text", "gc_text", "verify_text", "limit_text",
           "cleared_text", "FAILS"]

FAILS = "✗"
COMMANDS = ("info", "list", "clear", "gc", "verify", "limit")


def run(command: str, size: str | None = None, location=None) -> str:
    """One cache command, as text: what `python -m jitcell cache` and `%jit_cache` print. ValueError
    for a SIZE that is not one; JitError (CacheError, UnsafeCacheError) when the cache cannot be used."""
    store = Cache(location)
    if command == "clear":
        return cleared_text(store.clear(), store.location)
    if command == "gc":
        return gc_text(store.gc(), store.location)
    if command == "verify":
        return verify_text(store.verify(), store.location)
    if command == "list":
        return list_text(store.entries(), store.location)
    if command == "limit":
        asked = None if size in (None, "default") else limits.parse_size(size or "")
        stored, done = store.set_size_limit(None if asked is None else size)
        return limit_text(stored, done, store.location, asked)
    if command != "info":
        raise ValueError(f"unknown command {command!r}: use one of {', '.join(COMMANDS)}")
    return info_text(upkeep.summary(store))


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def _cap(stored: Stored, location: str) -> str:
    return f"{format_size(stored.limit)} cap ({stored.describe(location)})"


def info_text(summary: Summary) -> str:
    text = (f"jitcell cache: {summary.location}\n  {_count(summary.entries, 'entry', 'entries')}, "
            f"{format_size(summary.size)} of a {_cap(summary.stored, summary.location)}")
    if summary.in_use:
        text += f"; {summary.in_use} in use by running processes"
    return text


def info_bundle(summary: Summary) -> dict:
    head, _, rest = info_text(summary).partition("\n")
    markup = (f"<div style='font-family:monospace'><b>jitcell cache</b>: {html.escape(summary.location)}<br>"
              f"{html.escape(rest.strip())}</div>")
    return {"text/plain": f"{head}\n{rest}", "text/html": markup}


def _when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds)) if seconds else "-"


def list_text(listed: list[Listed], location: str) -> str:
    if not listed:
        return f"jitcell cache: {location}: no entries"
    lines = [f"{'key':12}  {'last used':16}  {'size':>9}  functions"]
    for e in listed:
        what = f"{FAILS} {e.problem}" if e.problem else ", ".join(e.functions) or "(no functions)"
        lines.append(f"{e.key[:12]}  {_when(e.last_used):16}  {format_size(e.size):>9}  {what}"
                     + ("  (in use)" if e.in_use else ""))
    failing = sum(1 for e in listed if e.problem)
    lines.append(f"{_count(len(listed), 'entry', 'entries')}, {format_size(sum(e.size for e in listed))}, most "
                 "recently used first (eviction starts at the bottom)"
                 + (f"; {FAILS}: a lookup would not use it (%jit_cache verify removes it)" if failing else ""))
    return "\n".join(lines)


def gc_text(done: Upkeep | None, location: str) -> str:
    if done is None:
        return f"jitcell cache: {location} does not exist: nothing to do"
    freed = sum(size for _, size in done.evicted)
    lines = [f"jitcell cache gc: {location}"]
    if done.evicted:
        evicted = _count(len(done.evicted), "least-recently-used entry", "least-recently-used entries")
        lines.append(f"  evicted {evicted} ({format_size(freed)})")
    elif done.before <= done.stored.limit:
        lines.append("  under the cap: nothing evicted")
    if done.in_use:
        lines.append(f"  kept {_count(done.in_use, 'entry', 'entries')} that running processes have loaded")
    tidied = [_count(n, *words) for n, words in (
        (done.workspaces, ("stale build workspace",)), (done.temporaries, ("temporary file",)),
        (done.orphans, ("half-published entry", "half-published entries")),
        (done.strays, ("empty directory in an entry's place", "empty directories in an entry's place")),
        (done.shards, ("empty shard",)),
        (done.cell_records, ("record of a cell unused for 30 days", "records of cells unused for 30 days"))) if n]
    lines.append(f"  tidied {', '.join(tidied)}" if tidied else "  nothing to tidy")
    lines.append(f"  size {format_size(done.before)} ({_count(done.entries_before, 'entry', 'entries')}) -> "
                 f"{format_size(done.after)} ({_count(done.entries_after, 'entry', 'entries')}); "
                 f"{_cap(done.stored, location)}")
    return "\n".join(lines)


def verify_text(verified: Verified, location: str) -> str:
    lines = [f"jitcell cache verify: {location}",
             f"  {_count(verified.checked, 'entry', 'entries')} checked: {verified.sound} sound, "
             f"{len(verified.removed)} removed" + (f", {len(verified.left)} failing but left" if verified.left else "")]
    lines += [f"    removed {key[:12]}: {why}" for key, why in verified.removed]
    lines += [f"    left {key[:12]}: {why}" for key, why in verified.left]
    if verified.other_abi:
        lines.append(f"  {_count(verified.other_abi, 'entry', 'entries')} of another jitcell (another abi-N folder) "
                     "not checked: the size cap evicts them when unused")
    return "\n".join(lines)


def limit_text(stored: Stored, done: Upkeep | None, location: str, asked: int | None) -> str:
    if asked is None:
        lines = [f"jitcell cache: no stored cap; a {_cap(stored, location)}"]
    else:
        lines = [f"jitcell cache: cap set to {format_size(asked)}"]
        if stored.limit != asked:
            lines.append(f"  note: {stored.describe(location)}: the cap in force here is {format_size(stored.limit)}")
    if done is not None and (done.evicted or done.in_use):
        lines += gc_text(done, location).splitlines()[1:]
    return "\n".join(lines)


def cleared_text(count: int, location: str) -> str:
    return f"jitcell cache cleared: {_count(count, 'entry', 'entries')} removed from {location}"
