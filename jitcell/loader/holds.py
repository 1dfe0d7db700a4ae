"""Which cache entries are in use: a process holds a shared lock on every library it loaded.

    fd = hold(path)          # opened without following a link, flock(LOCK_SH) taken
    same_file(path, fd)      # the path still names the locked file (os.stat against os.fstat)
    keep(fd)                 # after dlopen: kept open, and locked, until the process exits
    exclusive(fd)            # eviction: flock(LOCK_EX | LOCK_NB); False while anyone holds the entry

Libraries are never unloaded, so a process that loaded an entry uses it for its whole life.
Eviction (upkeep.py) takes LOCK_EX | LOCK_NB on a library before removing its manifest and
then the library, and skips the entry when it cannot: an entry a live process loaded is never
evicted, and once the last such process exits its lock goes with it. A loader takes its shared
lock *before* it verifies the library and checks, before dlopen, that the path still names the
file it locked: an eviction that got there first has unlinked it, so the loader sees a miss and
rebuilds, and one that comes later cannot take its exclusive lock. The lock belongs to the open
file (flock, not fcntl's per-process record locks), so an eviction in the loading process
itself also sees the entry as in use. flock is libc's, called through ctypes (which the runtime has
already imported): the fcntl module, an extension module of its own, would cost a fresh process's
first cache hit ~0.2 ms to import.

The lock costs one descriptor per loaded library. A notebook loads a few hundred at most; past
256 the soft RLIMIT_NOFILE is raised towards the hard limit, and a library that finds no
descriptor left is loaded unheld (it stays mapped if it is evicted; a later load rebuilds it).
Without flock (Windows), nothing is held: there a loaded DLL cannot be deleted anyway.
"""

from __future__ import annotations

import ctypes
import errno
import os

from . import files

__all__ = ["hold", "same_file", "keep", "release", "exclusive", "held"]

_held: dict[tuple[int, int], int] = {}  # (st_dev, st_ino) -> the descriptor kept open, locked
_budget = [256]  # descriptors this process may keep before asking for a higher limit
LOCK_SH, LOCK_EX, LOCK_NB = 1, 2, 4  # <sys/file.h>, the same on Linux and the BSDs (macOS)
_flock: list = []  # libc's flock, found on first use; [None] where there is none (Windows)


def flock(fd: int, operation: int) -> bool:
    """flock(2) on `fd`: True once the lock is taken, False where there is no flock (Windows; then
    nothing is held). OSError as fcntl.flock raises it (EWOULDBLOCK under LOCK_NB, ENOLCK, ...);
    a call a signal interrupted is made again, after Python's handlers ran (PEP 475)."""
    if not _flock:
        function = getattr(ctypes.CDLL(None, use_errno=True), "flock", None) if os.name == "posix" else None
        if function is not None:
            function.argtypes, function.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
        _flock.append(function)
    function = _flock[0]
    if function is None:
        return False
    while function(fd, operation) != 0:
        error = ctypes.get_errno()
        if error != errno.EINTR:
            raise OSError(error, os.strerror(error))
    return True


def hold(path: str) -> int:
    """A descriptor of the regular file at `path` with a shared lock on it: waits while an eviction
    holds its exclusive lock (the time of two unlinks). FileNotFoundError if it is missing,
    IsADirectoryError if a directory sits there, UnsafeCacheError if it is not a file of ours."""
    fd = files.open_regular(path)
    try:
        flock(fd, LOCK_SH)
    except OSError:  # no flock on this file system: the entry is loaded unheld
        pass
    return fd


def same_file(path: str, fd: int, dir_fd: int | None = None) -> bool:
    """Whether `path` (no link followed) still names the file open at `fd`."""
    try:
        named = os.stat(path, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def keep(fd: int) -> None:
    """Keep `fd`, and its lock, until the process exits (one per file: another descriptor of a file
    already kept is closed, its own lock with it)."""
    st = os.fstat(fd)
    identity = (st.st_dev, st.st_ino)
    if identity in _held or len(_held) >= _room():
        os.close(fd)
        return
    _held[identity] = fd


def release(fd: int | None) -> None:
    """Close a descriptor `hold` gave that will not be kept (its lock goes with it)."""
    if fd is not None and fd not in _held.values():
        os.close(fd)


def held() -> int:
    return len(_held)


def exclusive(fd: int, *, wait: bool = False) -> bool:
    """Take the exclusive lock if nobody holds the file (this process's other descriptors included);
    `wait`: until nobody does (for the short critical sections of upkeep.py only)."""
    try:
        flock(fd, LOCK_EX | (0 if wait else LOCK_NB))  # False: no flock, and nothing held (Windows)
    except OSError:
        return False
    return True


def _room() -> int:
    """How many descriptors may be kept: past the first 256, half the soft limit, raised towards
    the hard limit (capped at 65536) when it can be."""
    if len(_held) < _budget[0]:
        return _budget[0]
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = min(hard if hard != resource.RLIM_INFINITY else 65536, 65536, max(soft, 2 * (len(_held) + 64)))
        if wanted > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    except (ImportError, ValueError, OSError):
        return _budget[0]
    _budget[0] = max(_budget[0], soft // 2)
    return _budget[0]
