"""Keeping the cache in bounds: least-recently-used eviction to the size cap, tidying, verification.

    >>> after_publish(cache, stored, 18432)  # each publish: evicts only if the total may be over the cap
    >>> gc(cache)                            # evict to the cap now, and tidy
    >>> verify(cache)                        # check every entry as a lookup would; remove what fails
    >>> entries(cache), summary(cache)       # what %jit_cache list and %jit_cache show

The cap (limits.py: JITCELL_CACHE_SIZE, else `%jit_cache limit`, else 2 GiB) counts entries,
library and manifest. An entry's last use is its manifest's mtime: a lookup that hits sets it
(`os.utime`, a few microseconds). When the cap is passed, entries go
least recently used first until the total is under 90% of the cap, so that the next publishes
do not each evict again. An entry that a live process loaded is never evicted (files.hold: the
eviction's LOCK_EX | LOCK_NB fails on it); its manifest goes first, so no new lookup finds it,
then its library, both under that lock.

Cheap when under the cap: `usage.json` holds the total as last counted, and each publish adds
its entry's size to it under a lock (flock), so a publish reads and writes a few bytes; the
cache is walked (one scandir and one stat per file) only when that total passes the cap, when
the file is missing or unreadable, or once a day (entries removed by hand, another jitcell).

Tidying, on each walk: build workspaces that no build holds (Cache.workspace locks its own) and
that are older than an hour; jitcell's temporary files older than a minute (a killed writer, a
full disk); libraries without a manifest older than the publish wait (a publisher that died
between its two renames) and manifests without a library; empty directories where an entry's
file belongs; empty shards; the records of misses.py (which entry a cell of a notebook, session
or file was compiled into last) that no miss has written for 30 days: a session's are of no use
once it ended. Only names jitcell gives (layout.py) are touched, through
directory descriptors that follow no link, and nothing that a process holds.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import time

from jitcell.errors import CacheError, UnsafeCacheError

from . import files, layout
from .limits import Stored, size_limit

__all__ = ["after_publish", "gc", "verify", "entries", "summary", "remove_entry", "remove_workspace",
           "remove_stale_workspaces", "Upkeep", "Verified", "Listed", "Summary", "TARGET"]

TARGET = 0.9  # eviction goes down to this fraction of the cap
RESCAN_SECONDS = 24 * 3600
STALE_WORKSPACE_SECONDS = 3600
STALE_TEMPORARY_SECONDS = 60
STALE_CELL_RECORD_SECONDS = 30 * 24 * 3600


# ---- walking the cache -------------------------------------------------------------------


class _Found:
    """One entry as the walk found it: sizes (None: that file is missing) and times."""

    __slots__ = ("abi", "shard", "key", "library", "manifest", "last_used", "library_time")

    def __init__(self, abi: str, shard: str, key: str):
        self.abi, self.shard, self.key = abi, shard, key
        self.library: int | None = None
        self.manifest: int | None = None
        self.last_used = 0.0
        self.library_time = 0.0

    @property
    def size(self) -> int:
        return (self.library or 0) + (self.manifest or 0)


class _Walk:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], _Found] = {}  # (abi, key) -> entry
        self.workspaces: list[tuple[str, str, str, float]] = []  # abi, shard, name, mtime
        self.temporaries: list[tuple[tuple[str, ...], str, float]] = []  # folder (from the root), name, mtime
        self.strays: list[tuple[str, str, str]] = []  # directories where an entry's file belongs
        self.shards: list[tuple[str, str]] = []
        self.cell_records: list[tuple[str, float]] = []  # cells/<identity>.json (misses.py), mtime

    @property
    def total(self) -> int:
        return sum(e.size for e in self.entries.values())


def _walk(root: int) -> _Walk:
    """Everything jitcell made in the cache open at `root`, found without following a link."""
    names = layout.names()
    walk = _Walk()
    for name in sorted(os.listdir(root)):
        if names["abi"].fullmatch(name):
            with _opened(name, root) as abi:
                for shard in sorted(os.listdir(abi)) if abi is not None else ():
                    if names["shard"].fullmatch(shard):
                        with _opened(shard, abi) as shard_fd:
                            if shard_fd is not None:
                                walk.shards.append((name, shard))
                                _walk_shard(walk, name, shard, shard_fd, names)
        elif name in layout.RECORDS:
            with _opened(name, root) as folder:
                for inside in os.listdir(folder) if folder is not None else ():
                    _temporary(walk, (name,), folder, inside, names)
                    record = name == "cells" and names["cells"].fullmatch(inside)
                    mtime = _regular_mtime(folder, inside) if record else None
                    if mtime is not None:
                        walk.cell_records.append((inside, mtime))
        else:
            _temporary(walk, (), root, name, names)
    return walk


def _walk_shard(walk: _Walk, abi: str, shard: str, shard_fd: int, names: dict) -> None:
    with os.scandir(shard_fd) as listing:
        for item in listing:
            try:
                st = item.stat(follow_symlinks=False)
            except OSError:
                continue
            found = names["entry"].fullmatch(item.name)
            if found:
                if stat.S_ISDIR(st.st_mode):
                    walk.strays.append((abi, shard, item.name))
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue  # a link or a FIFO: a lookup refuses it (verify removes it)
                entry = walk.entries.setdefault((abi, found[1]), _Found(abi, shard, found[1]))
                if item.name.endswith(".json"):
                    entry.manifest, entry.last_used = st.st_size, st.st_mtime
                else:
                    entry.library, entry.library_time = st.st_size, st.st_mtime
            elif names["workspace"].fullmatch(item.name) and stat.S_ISDIR(st.st_mode):
                walk.workspaces.append((abi, shard, item.name, st.st_mtime))
            elif names["temporary"].fullmatch(item.name) and stat.S_ISREG(st.st_mode):
                walk.temporaries.append(((abi, shard), item.name, st.st_mtime))


def _temporary(walk: _Walk, folder: tuple[str, ...], fd: int, name: str, names: dict) -> None:
    mtime = _regular_mtime(fd, name) if names["temporary"].fullmatch(name) else None
    if mtime is not None:
        walk.temporaries.append((folder, name, mtime))


def _regular_mtime(folder: int, name: str) -> float | None:
    """folder/name's mtime if it is a regular file; None if it is not, or is gone (another process's upkeep):
    one look, as a second could find nothing."""
    found = layout.regular_stat(folder, name)
    return found.st_mtime if found is not None else None


@contextlib.contextmanager
def _opened(name: str, parent: int | None):
    """The directory parent/name (not a link), or None; closed afterwards."""
    fd = files.directory_fd(name, parent) if parent is not None else None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


@contextlib.contextmanager
def _folder(root: int, parts: tuple[str, ...]):
    """root/parts... opened one link-free step at a time, or None."""
    fds: list[int] = []
    try:
        current: int | None = root
        for part in parts:
            current = files.directory_fd(part, current)
            if current is None:
                break
            fds.append(current)
        yield current
    finally:
        for fd in fds:
            os.close(fd)


@contextlib.contextmanager
def _root(cache, *, wait: bool = True, reading: bool = False):
    """The cache root, locked for upkeep (one process at a time); None if it does not exist, or if
    another process is at it and `wait` is False. Unless only `reading` (then nothing is locked):
    UnsafeCacheError, as for `clear`, if the directory carries no CACHEDIR.TAG (it may not be
    jitcell's: a home directory)."""
    if files.checked(cache.location) is None:
        yield None
        return
    fd = files.directory_fd(cache.location, follow=True)
    if fd is None:
        yield None
        return
    try:
        if reading:
            yield fd
            return
        if not files.is_tagged(cache.location, dir_fd=fd):
            raise files.not_a_cache(cache.location)
        yield fd if files.exclusive(fd, wait=wait) else None
    finally:
        os.close(fd)


# ---- removing ----------------------------------------------------------------------------


def remove_entry(shard: int, key: str) -> str | None:
    """Remove the entry `key` from the shard open at `shard`: its manifest first, so that no new lookup
    finds it, then its library, both under an exclusive lock on the library. None if removed (or
    already gone); else why not: "in use" (a process holds it) or what sits there."""
    library, manifest = key + layout.library_suffix(), key + ".json"
    fd = None
    try:
        fd = os.open(library, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0), dir_fd=shard)
    except FileNotFoundError:
        pass  # a manifest alone
    except OSError as error:
        if error.errno not in (errno.ELOOP, errno.EMLINK):
            return f"its library cannot be opened ({error.strerror})"  # then it cannot be locked either
        fd = None  # a link: removing it touches nothing it names
    try:
        if fd is not None:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                os.close(fd)
                fd = None
                if not _remove_empty(shard, library):
                    return "a directory that is not empty sits where its library belongs"
            elif not files.exclusive(fd):
                return "in use"
            elif not files.same_file(library, fd, dir_fd=shard):
                return "in use"  # replaced since it was opened: by a publisher, which holds the new one
        for name in (manifest, library):
            try:
                if stat.S_ISDIR(os.stat(name, dir_fd=shard, follow_symlinks=False).st_mode):
                    if not _remove_empty(shard, name):
                        return "a directory that is not empty sits where a file of the entry belongs"
                else:
                    os.unlink(name, dir_fd=shard)
            except FileNotFoundError:
                pass
    finally:
        if fd is not None:
            os.close(fd)
    return None


def _remove_empty(folder: int, name: str) -> bool:
    try:
        os.rmdir(name, dir_fd=folder)
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def remove_workspace(shard: int, name: str, older_than: float) -> bool:
    """Remove the build workspace shard/name unless a build holds it (Cache.workspace locks its own)
    or it is younger than `older_than` seconds."""
    fd = files.directory_fd(name, shard)
    if fd is None:
        return False
    try:
        if time.time() - os.fstat(fd).st_mtime < older_than or not files.exclusive(fd):
            return False
        shutil.rmtree(name, dir_fd=shard)  # refuses a link, and follows none inside
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_stale_workspaces(shard: str) -> None:
    """The workspaces in `shard` that no build holds and that are older than an hour (killed builds)."""
    folder = files.directory_fd(shard)
    if folder is None:
        return
    try:
        pattern = layout.names()["workspace"]
        for name in os.listdir(folder):
            if pattern.fullmatch(name):
                remove_workspace(folder, name, STALE_WORKSPACE_SECONDS)
    finally:
        os.close(folder)


# ---- the total, remembered ---------------------------------------------------------------


def _usage(root: str, added: int = 0, counted: int | None = None) -> tuple[int, float] | None:
    """Add `added` bytes to the total in usage.json (or set it to `counted`, just walked), under an
    exclusive flock; the total and when it was last counted, or None if it is not known."""
    path = os.path.join(root, layout.USAGE)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o600)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            return None
        files.exclusive(fd, wait=True)
        if counted is not None:
            state = (counted, time.time())
        else:
            try:
                document = json.loads(os.read(fd, 4096) or b"null")
                state = (int(document["bytes"]) + added, float(document["counted"]))
            except (ValueError, TypeError, KeyError):
                return None  # new, or damaged: the caller walks the cache and sets it
        data = json.dumps({"bytes": state[0], "counted": state[1]}).encode()
        # written over, then cut to its length: ext4 flushes a file truncated to zero that was written
        # lately (auto_da_alloc), which cost 0.3-3.6 ms a compile; a torn write reads as damaged
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        os.ftruncate(fd, len(data))
        return state
    except OSError:
        return None
    finally:
        os.close(fd)


# ---- eviction and tidying ----------------------------------------------------------------


class Upkeep:
    """What a walk of the cache did: sizes before and after, entries evicted, what was tidied."""

    def __init__(self, stored: Stored, before: int):
        self.stored = stored
        self.before = self.after = before
        self.entries_before = self.entries_after = 0
        self.evicted: list[tuple[str, int]] = []  # (key, size)
        self.in_use = 0  # entries eviction skipped: a live process holds them
        self.workspaces = self.temporaries = self.orphans = self.strays = self.shards = self.cell_records = 0


def after_publish(cache, stored: Stored, added: int) -> Upkeep | None:
    """Count a new entry; walk the cache (evict, tidy) only if the total may have passed the cap.
    Never fails a compile: an error here only leaves the cache as it was."""
    try:
        state = _usage(cache.location, added)
        if state is not None and state[0] <= stored.limit and time.time() - state[1] < RESCAN_SECONDS:
            return None
        return _upkeep(cache, stored, wait=False)
    except (OSError, CacheError):
        return None


def gc(cache, stored: Stored | None = None) -> Upkeep | None:
    """Evict least-recently-used entries if the cache is over its cap (down to 90% of it), and tidy.
    None if there is no cache. CacheError if JITCELL_CACHE_SIZE is not a size."""
    stored = stored or size_limit(cache.location)
    return _upkeep(cache, stored, wait=True)


def _upkeep(cache, stored: Stored, *, wait: bool) -> Upkeep | None:
    with _root(cache, wait=wait) as root:
        if root is None:
            return None
        walk = _walk(root)
        done = Upkeep(stored, walk.total)
        done.entries_before = len(walk.entries)
        _evict(root, walk, done)
        _tidy(root, walk, done)
        done.after = walk.total
        done.entries_after = len(walk.entries)
        _usage(cache.location, counted=done.after)
        return done


def _evict(root: int, walk: _Walk, done: Upkeep) -> None:
    if walk.total <= done.stored.limit:
        return
    total, target = walk.total, int(done.stored.limit * TARGET)
    candidates = sorted((e for e in walk.entries.values() if e.manifest is not None),
                        key=lambda e: (e.last_used, e.key))
    for entry in candidates:
        if total <= target:
            break
        with _folder(root, (entry.abi, entry.shard)) as shard:
            why = remove_entry(shard, entry.key) if shard is not None else "gone"
        if why is None:
            total -= entry.size
            done.evicted.append((entry.key, entry.size))
            del walk.entries[(entry.abi, entry.key)]
        else:
            done.in_use += why == "in use"


def _tidy(root: int, walk: _Walk, done: Upkeep) -> None:
    now = time.time()
    for abi, shard, name, _ in walk.workspaces:
        with _folder(root, (abi, shard)) as fd:
            done.workspaces += fd is not None and remove_workspace(fd, name, STALE_WORKSPACE_SECONDS)
    for folder, name, mtime in walk.temporaries:
        if now - mtime > STALE_TEMPORARY_SECONDS:
            with _folder(root, folder) as fd:
                done.temporaries += fd is not None and layout.remove_file(fd, name)
    for name, mtime in walk.cell_records:
        if now - mtime > STALE_CELL_RECORD_SECONDS:
            with _folder(root, ("cells",)) as fd:
                done.cell_records += fd is not None and layout.remove_file(fd, name)
    for abi, shard, name in walk.strays:
        with _folder(root, (abi, shard)) as fd:
            done.strays += fd is not None and _remove_empty(fd, name)
    for (abi, key), entry in list(walk.entries.items()):
        if (entry.library is None or entry.manifest is None) and \
                now - max(entry.library_time, entry.last_used) > layout.PUBLISH_WAIT_SECONDS:
            with _folder(root, (abi, entry.shard)) as fd:  # a publisher that died between its two renames
                if fd is not None and remove_entry(fd, key) is None:
                    done.orphans += 1
                    del walk.entries[(abi, key)]
    for abi, shard in walk.shards:
        with _folder(root, (abi,)) as fd:
            done.shards += fd is not None and _remove_empty(fd, shard)


# ---- verification and listing ------------------------------------------------------------


class Verified:
    """What `verify` found: entries checked, sound, removed (with why), failing but left (with why)."""

    def __init__(self) -> None:
        self.checked = self.sound = self.other_abi = 0
        self.removed: list[tuple[str, str]] = []
        self.left: list[tuple[str, str]] = []


def verify(cache) -> Verified:
    """Check every entry of this jitcell's ABI as a lookup would (files safe, signature, manifest shape,
    library digest) and remove those that fail; entries of other ABIs are counted, not judged.
    UnsafeCacheError if a folder of the cache is unsafe (then nothing in it can be trusted)."""
    result = Verified()
    with _root(cache, wait=True) as root:
        if root is None:
            return result
        walk = _walk(root)
        for (abi, key), entry in sorted(walk.entries.items()):
            if abi != cache._abi:
                result.other_abi += 1
                continue
            files.checked(cache.location, abi, entry.shard)  # a folder's problem is the whole cache's
            if entry.manifest is None and time.time() - entry.library_time < layout.PUBLISH_WAIT_SECONDS:
                continue  # being published: its manifest comes next
            problem = _problem(cache, key)
            if problem == "no entry":
                continue  # removed meanwhile (a clear)
            result.checked += 1
            if problem is None:
                result.sound += 1
                continue
            with _folder(root, (abi, entry.shard)) as shard:
                why = remove_entry(shard, key) if shard is not None else None
            (result.removed if why is None else result.left).append((key, problem if why is None else why))
        for abi, shard, name in walk.strays:
            if abi == cache._abi:
                with _folder(root, (abi, shard)) as fd:
                    if fd is not None and _remove_empty(fd, name):
                        result.removed.append((name[:64], "an empty directory sat where a file of the entry belongs"))
    return result


def _problem(cache, key: str) -> str | None:
    return _check(cache, key)[1]


def _check(cache, key: str) -> tuple[dict | None, str | None]:
    """The entry's manifest if a lookup would use the entry; else (None, why not)."""
    try:
        found = cache.lookup(key, use=False)
    except UnsafeCacheError as error:  # a file of the entry (a folder's problem was raised before)
        return None, str(error).split("\n")[0].split(": another account")[0]
    if found.entry is not None:
        return found.entry.manifest, None
    return None, found.reason.removeprefix("corrupt entry: ")


class Listed:
    """One entry for `%jit_cache list`."""

    __slots__ = ("key", "abi", "last_used", "size", "in_use", "functions", "problem")

    def __init__(self, key: str, abi: str, last_used: float, size: int, in_use: bool, functions: list[str],
                 problem: str | None):
        self.key, self.abi, self.last_used, self.size = key, abi, last_used, size
        self.in_use, self.functions, self.problem = in_use, functions, problem


def entries(cache) -> list[Listed]:
    """Every entry, most recently used first, checked as a lookup would check it."""
    from jitcell.abi import SCRIPT_FUNCTION

    listed = []
    with _root(cache, reading=True) as root:
        if root is None:
            return []
        for (abi, key), entry in _walk(root).entries.items():
            with _folder(root, (abi, entry.shard)) as shard:
                in_use = shard is not None and _in_use(shard, key)
            functions: list[str] = []
            problem = None
            if abi != cache._abi:
                problem = f"built by another jitcell ({abi})"
            elif entry.manifest is None:
                problem = "the manifest is missing"
            else:
                manifest, problem = _check(cache, key)
                if manifest is not None:
                    functions = [f["name"] for f in manifest["functions"] if f["name"] != SCRIPT_FUNCTION]
                    functions += [v["name"] for v in manifest.get("variables", ())]  # a kernel cell's variables
                    if manifest["options"].get("internal"):
                        functions = ["(jitcell's runtime library)"]
                    elif not functions:  # a kernel cell of statements only: its first line says which
                        first = next((line.strip() for line in manifest["source"].splitlines() if line.strip()), "")
                        functions = [f"(a cell: {first[:40]}{'…' if len(first) > 40 else ''})"]
            listed.append(Listed(key, abi, entry.last_used or entry.library_time, entry.size, in_use, functions,
                                 problem))
    return sorted(listed, key=lambda e: (-e.last_used, e.key))


def _in_use(shard: int, key: str) -> bool:
    """Whether a process holds the entry (its library's exclusive lock cannot be taken right now)."""
    try:
        fd = os.open(key + layout.library_suffix(), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0), dir_fd=shard)
    except OSError:
        return False
    try:
        return not files.exclusive(fd)
    finally:
        os.close(fd)


class Summary:
    """`%jit_cache` alone: where the cache is, how many entries, their size, the cap."""

    __slots__ = ("location", "entries", "size", "stored", "in_use")

    def __init__(self, location: str, entries: int, size: int, stored: Stored, in_use: int):
        self.location, self.entries, self.size, self.stored, self.in_use = location, entries, size, stored, in_use


def summary(cache) -> Summary:
    stored = size_limit(cache.location)
    count = size = in_use = 0
    with _root(cache, reading=True) as root:
        if root is not None:
            for (abi, key), entry in _walk(root).entries.items():
                count += entry.manifest is not None
                size += entry.size
                with _folder(root, (abi, entry.shard)) as shard:
                    in_use += shard is not None and _in_use(shard, key)
    return Summary(cache.location, count, size, stored, in_use)
