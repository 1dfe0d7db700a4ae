"""What jitcell writes into a cache, by name, and how to walk a cache without following links.

    <cache>/CACHEDIR.TAG                  the cache is jitcell's (files.py writes it)
    <cache>/settings.json                 the size cap set by `%jit_cache limit` (upkeep.py), signed
    <cache>/usage.json                    the entries' total size as last counted (upkeep.py)
    <cache>/abi-2/3f/3f9c...e1.so         an entry's library
    <cache>/abi-2/3f/3f9c...e1.json       its manifest
    <cache>/abi-2/3f/.build-k2j4x9_a/     a build workspace (Cache.workspace, mkdtemp)
    <cache>/toolchain/<24 hex>.json       fingerprint.py
    <cache>/cells/<32 hex>.json           misses.py (a cell of a notebook, session or file: its last entry)
    <cache>/callees/<64 hex>.json         namespace.py
    <cache>/sources/<64 hex>.json         an earlier jitcell's (the runtime library's source digest)
    <cache>/.../.<name>.k2j4x9_a.tmp      a record being written (files.write_atomically, mkstemp)

`Cache.clear` and the tidying of `upkeep.py` remove these names and nothing else: a file of the
user's beside them stays, whatever it holds. Every walk goes through directory descriptors
opened with O_NOFOLLOW (`files.directory_fd`), so a link planted in the cache leads nowhere.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable

from . import files

TYPE_CHECKING = False  # typing's own costs a cache hit an import
if TYPE_CHECKING:
    import re

__all__ = ["names", "is_key", "library_suffix", "RECORDS", "SETTINGS", "USAGE", "subdirectories", "sweep",
           "remove_file", "is_regular", "regular_stat", "PUBLISH_WAIT_SECONDS"]

PUBLISH_WAIT_SECONDS = 10.0  # a library without its manifest for longer is an orphan (its publisher died)
SETTINGS = "settings.json"
USAGE = "usage.json"
RECORDS = {"toolchain": r"[0-9a-f]{24}\.json",  # fingerprint.py: <identity>.json
           "cells": r"[0-9a-f]{32}\.json",  # misses.py: <cell identity>.json
           "callees": r"[0-9a-f]{64}\.json",  # namespace.py: <source digest>.json
           "sources": r"[0-9a-f]{64}\.json"}  # an earlier jitcell's, which clear and tidying still remove
_NAMES: dict[str, re.Pattern] = {}  # re is imported by names() only: with enum, ~2 ms of a fresh hit


def library_suffix() -> str:
    return {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")


def is_key(text: str) -> bool:
    """A cache key: 64 lowercase hex digits (so an entry's paths stay inside its shard)."""
    return len(text) == 64 and not text.strip("0123456789abcdef")


def names() -> dict[str, re.Pattern]:
    """The patterns of those names, compiled on first use (a cache hit needs none)."""
    if not _NAMES:
        import re

        _NAMES.update(
            abi=re.compile(r"abi-[0-9]+"),
            shard=re.compile(r"[0-9a-f]{2}"),
            entry=re.compile(r"([0-9a-f]{64})(?:\.json|" + re.escape(library_suffix()) + ")"),
            workspace=re.compile(r"\.build-[A-Za-z0-9_]+"),  # Cache.workspace (mkdtemp)
            temporary=re.compile(r"\.(?:[0-9a-f]{24,64}|settings|usage)\.json\.[A-Za-z0-9_]{8}\.tmp"  # write_atomically
                                 r"|[0-9a-f]{24,64}\.json\.[0-9]+\.tmp"),  # older jitcell: <file>.<pid>.tmp
            **{folder: re.compile(pattern) for folder, pattern in RECORDS.items()})
    return _NAMES


def subdirectories(path: str, pattern: re.Pattern) -> list[str]:
    """The directories in `path` whose names match `pattern` (links left out), sorted."""
    try:
        with os.scandir(path) as listing:
            return sorted(e.path for e in listing if pattern.fullmatch(e.name) and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def sweep(parent: int, name: str, visit: Callable[[int, str], None]) -> None:
    """visit(folder, name) for each name in the directory parent/name (not a link: then nothing
    happens), which removes what jitcell made there; then remove the directory if it is empty."""
    folder = files.directory_fd(name, parent)
    if folder is None:
        return
    try:
        for inside in os.listdir(folder):
            visit(folder, inside)
    finally:
        os.close(folder)
    try:
        os.rmdir(name, dir_fd=parent)
    except OSError:
        pass


def regular_stat(folder: int, name: str) -> os.stat_result | None:
    """folder/name's stat if it is a regular file (a link is not followed); None if it is not, or is gone."""
    try:
        found = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return None
    return found if stat.S_ISREG(found.st_mode) else None


def is_regular(folder: int, name: str) -> bool:
    return regular_stat(folder, name) is not None


def remove_file(folder: int, name: str) -> bool:
    """Unlink folder/name if it is a regular file (a link or anything else stays)."""
    if not is_regular(folder, name):
        return False
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        return False
    return True
