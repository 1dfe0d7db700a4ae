"""The cache's files and directories, which nobody but this user may be able to change.

    >>> checked(root, "abi-1", "3f")            # root/abi-1/3f if safe; None if missing; else UnsafeCacheError
    >>> private_directory(root, "toolchain")    # created 0700 where missing; the root tagged as a cache
    >>> read(path)                              # no link followed; a regular file of ours nobody else can write
    >>> write_atomically(path, data)            # mkstemp (O_EXCL, 0600) beside it, then os.replace
    >>> write_record(root, "cells", name, data) # the same, its folder made again if a clear removed it
    >>> hold(path)                              # opened as read() opens it, with a shared flock (below)

A directory is safe when this user owns it (root may own the cache root's ancestors too)
and nobody else can add, remove or rename what is in it: it is not writable by group or
others, unless it has the sticky bit (as /tmp has), with which only an entry's owner may
remove or rename it. A file is safe when it is a regular file (not a link, not a FIFO)
that this user owns and that group and others cannot write. Directories are checked once
per process (a safe directory stays safe: only its owner can change its mode); files at
every read, through the descriptor that reads them.

Everything jitcell creates is private whatever the umask: directories 0700, files 0600
(libraries 0700). The root of a cache jitcell made or wrote to carries a CACHEDIR.TAG
(https://bford.info/cachedir/), which `Cache.clear` requires before it deletes anything.

Where the operating system has no owners (Windows), ownership is not checked.

Which cache entries are in use: a process holds a shared lock on every library it loaded.

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
import os
import stat

from jitcell.errors import CacheError, UnsafeCacheError

__all__ = ["checked", "private_directory", "read", "open_regular", "write_atomically", "write_new", "write_record",
           "make_directories", "remove_stray_directory", "vanished", "is_tagged", "TAG_NAME", "TAG_SIGNATURE",
           "directory_fd", "not_a_cache", "ATTEMPTS", "hold", "same_file", "keep", "release", "exclusive", "held",
           "flock", "LOCK_SH", "LOCK_EX", "LOCK_NB"]

TAG_NAME = "CACHEDIR.TAG"
TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
_TAG_TEXT = (f"{TAG_SIGNATURE}\n# This file is a cache directory tag created by jitcell (compiled notebook cells).\n"
             "# For information about cache directory tags, see https://bford.info/cachedir/\n")
_FIX_DIRECTORY = "set JITCELL_CACHE_DIR to a directory of your own"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted in the cache must not block the read
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_UID = os.geteuid() if hasattr(os, "geteuid") else None
ATTEMPTS = 5  # how many times a folder or file removed by a concurrent clear is made again

_safe: set[str] = set()  # directories checked in this process
_tagged: set[str] = set()


# ---- checking ----------------------------------------------------------------------


def _who(uid: int) -> str:
    try:
        import pwd

        return f"uid {uid} ({pwd.getpwuid(uid).pw_name})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def _refuse(path: str, problem: str, fix: str) -> UnsafeCacheError:
    return UnsafeCacheError(f"{path} {problem}: another account could change what jitcell loads from it, so "
                            f"jitcell will not use it.\nFix: {fix}.")


def _owner_text(owners: tuple[int, ...]) -> str:
    mine = [f"you ({_who(uid)})" if uid == _UID else _who(uid) for uid in owners if uid != 0 or _UID == 0]
    return " or ".join(mine)


def _directory_problem(path: str, st: os.stat_result, owners: tuple[int, ...]) -> UnsafeCacheError | None:
    if _UID is None:
        return None
    if st.st_uid not in owners:
        return _refuse(path, f"is owned by {_who(st.st_uid)}, not by {_owner_text(owners)}", _FIX_DIRECTORY)
    if st.st_mode & 0o022 and not st.st_mode & stat.S_ISVTX:
        return _refuse(path, f"is writable by {_writers(st.st_mode)} (mode {stat.S_IMODE(st.st_mode):04o}) without "
                       "the sticky bit", f"chmod go-w {path}, or {_FIX_DIRECTORY}")
    return None


def _writers(mode: int) -> str:
    return " and ".join(who for who, bit in (("group", 0o020), ("others", 0o002)) if mode & bit)


def _link_problem(path: str, st: os.stat_result) -> UnsafeCacheError | None:
    """A link on the way to the cache: whoever owns it may point it elsewhere at any time."""
    if _UID is not None and st.st_uid not in (_UID, 0):
        return _refuse(path, f"is a symbolic link owned by {_who(st.st_uid)}", _FIX_DIRECTORY)
    return None


def _file_problem(path: str, st: os.stat_result, private: bool, owners: tuple[int, ...] | None = None
                  ) -> UnsafeCacheError | None:
    if not stat.S_ISREG(st.st_mode):
        return _refuse(path, "is not a regular file", f"remove it, or {_FIX_DIRECTORY}")
    if _UID is None:
        return None
    owners = owners or (_UID,)
    if st.st_uid not in owners:
        return _refuse(path, f"is owned by {_who(st.st_uid)}, not by {_owner_text(owners)}",
                       f"remove it, or {_FIX_DIRECTORY}")
    mode = stat.S_IMODE(st.st_mode)
    if private and mode & 0o077:
        return _refuse(path, f"can be read or written by group or others (mode {mode:04o})", f"chmod 600 {path}")
    if mode & 0o022:
        return _refuse(path, f"is writable by {_writers(mode)} (mode {mode:04o})", f"chmod go-w {path}")
    return None


def _check_ancestors(path: str, seen: set[str], depth: int = 0, owners: tuple[int, ...] = ()) -> None:
    """Every directory and link the system passes through to reach `path`: owned by this user or
    root, and no directory writable by others without the sticky bit. A link is followed as the
    system follows it, so the directories that hold its target are checked too."""
    if depth > 40:
        raise _refuse(path, "is reached through too many symbolic links", _FIX_DIRECTORY)
    absolute = path if os.path.isabs(path) else os.path.join(os.getcwd(), path)
    prefix = os.sep
    for part in [p for p in absolute.split(os.sep) if p and p != "."]:
        prefix = os.path.join(prefix, part)
        if prefix in seen:
            continue
        seen.add(prefix)
        try:
            st = os.lstat(prefix)
        except FileNotFoundError:
            return  # the rest does not exist yet: jitcell creates it private
        if stat.S_ISLNK(st.st_mode):
            problem = _link_problem(prefix, st)
            if problem is not None:
                raise problem
            _check_ancestors(os.path.join(os.path.dirname(prefix), os.readlink(prefix)), seen, depth + 1, owners)
        elif stat.S_ISDIR(st.st_mode):
            problem = _directory_problem(prefix, st, (_UID, 0, *owners) if _UID is not None else ())
            if problem is not None:
                raise problem


def _check_root(root: str, owners: tuple[int, ...] | None = None) -> bool:
    """The cache root is this user's directory (or, for a shared cache, one of `owners`'), reached only
    through directories nobody else can change. False if it does not exist (yet)."""
    if root in _safe:
        return True
    _check_ancestors(os.path.dirname(root if os.path.isabs(root) else os.path.join(os.getcwd(), root)), set(),
                     owners=owners or ())
    try:
        link = os.lstat(root)
        st = os.stat(root)  # the root itself may be a link of the user's (its ancestors are checked above)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(link.st_mode):  # a link only its owner can change, to a folder reached safely
        problem = _link_problem(root, link)
        if problem is not None:
            raise problem
        _check_ancestors(os.path.realpath(root), set(), owners=owners or ())
    if not stat.S_ISDIR(st.st_mode):
        raise _refuse(root, "is not a directory", _FIX_DIRECTORY)
    problem = _directory_problem(root, st, owners or ((_UID,) if _UID is not None else ()))
    if problem is not None:
        raise problem
    _safe.add(root)
    return True


def _check_directory(path: str, owners: tuple[int, ...] | None = None) -> bool:
    """A directory inside the cache: a real directory (no link) of this user's, as safe as the root.
    False if it does not exist."""
    if path in _safe:
        return True
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(st.st_mode):
        raise _refuse(path, "is a symbolic link (jitcell follows none inside its cache)",
                      f"remove the link, or {_FIX_DIRECTORY}")
    if not stat.S_ISDIR(st.st_mode):
        raise _refuse(path, "is not a directory", f"remove it, or {_FIX_DIRECTORY}")
    problem = _directory_problem(path, st, owners or ((_UID,) if _UID is not None else ()))
    if problem is not None:
        raise problem
    _safe.add(path)
    return True


def checked(root: str, *parts: str, owners: tuple[int, ...] | None = None) -> str | None:
    """root/parts..., if every directory on the way is safe; None if one does not exist yet.
    Raises UnsafeCacheError, naming the directory, what is wrong and how to fix it, if one is not.
    `owners`: the accounts that may own them (a shared cache's, loader/shared.py); else only this user."""
    if not _check_root(root, owners):
        return None
    path = root
    for part in parts:
        path = os.path.join(path, part)
        if not _check_directory(path, owners):
            return None
    return path


# ---- reading -----------------------------------------------------------------------


def open_regular(path: str, *, private: bool = False, owners: tuple[int, ...] | None = None) -> int:
    """A descriptor of `path`, opened following no link, if it is a regular file this user owns that
    group and others cannot write (`private`: nor read). FileNotFoundError if it is missing,
    IsADirectoryError if a directory sits there; UnsafeCacheError if it is anything else not safe."""
    return _open_regular(path, private, owners)[0]


def _open_regular(path: str, private: bool, owners: tuple[int, ...] | None = None) -> tuple[int, os.stat_result]:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    except OSError as error:
        import errno  # errors only: a hit need not make errno's table of names (~0.05 ms in a fresh process)

        if error.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise _refuse(path, "is a symbolic link (jitcell follows none inside its cache)",
                          f"remove the link, or {_FIX_DIRECTORY}") from None
        raise
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):  # nothing to read: the caller decides (an entry: corrupt, rebuilt)
            import errno

            raise IsADirectoryError(errno.EISDIR, "is a directory", path)
        problem = _file_problem(path, st, private, owners)
        if problem is not None:
            raise problem
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read(path: str, *, private: bool = False, owners: tuple[int, ...] | None = None) -> bytes:
    """The content of a file in a checked directory, following no link: a regular file this user owns,
    not writable by group or others (`private`: not readable by them either). FileNotFoundError if
    it is missing, IsADirectoryError if it is a directory; UnsafeCacheError if it is not safe."""
    fd, st = _open_regular(path, private, owners)
    try:
        size = st.st_size + 1  # all of it in one read, and one more byte to see the end
        chunks = []
        while chunk := os.read(fd, size):
            chunks.append(chunk)
            size = 1 << 16
        return b"".join(chunks)
    finally:
        os.close(fd)


# ---- writing -----------------------------------------------------------------------


def make_directories(path: str) -> None:
    """Create `path` and its missing parents, each 0700 whatever the umask."""
    missing = []
    while not os.path.lexists(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # another process made it: checked like any other
        os.chmod(folder, 0o700)


def private_directory(root: str, *parts: str) -> str:
    """root/parts..., created 0700 where missing and checked; the root carries a CACHEDIR.TAG.
    A folder removed while this runs (a cache clear in another process) is made again, a few times."""
    for _ in range(ATTEMPTS):
        try:
            make_directories(os.path.join(root, *parts))
        except FileNotFoundError:
            continue  # a parent went between two mkdirs
        path = checked(root, *parts)
        if path is not None:
            _tag(root)
            return path
    raise vanished(os.path.join(root, *parts))


def vanished(path: str) -> CacheError:
    return CacheError(f"{path} kept disappearing while jitcell was using it: another process is removing what "
                      "jitcell makes there (a cache clear in a loop?).\nFix: stop that process, or set "
                      "JITCELL_CACHE_DIR to a cache of this process's own.")


def remove_stray_directory(path: str, what: str) -> bool:
    """A directory where jitcell keeps a file (`what`: an entry's library, a record...): removed if it
    is empty, as nothing of anyone's is lost; CacheError, naming it, if it holds anything. False if
    there is no directory there."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return False
        os.rmdir(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        import errno

        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
        raise CacheError(f"{path} is a directory where jitcell keeps {what}, and it is not empty, so jitcell "
                         f"did not remove it.\nFix: see what it holds, and remove it (rm -r {path}); jitcell then "
                         "rebuilds what belongs there.") from None
    return True


def write_new(path: str, data: bytes, mode: int = 0o600) -> None:
    """Create `path` (never an existing file or a link) with `mode` whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_atomically(path: str, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data`: written to a new file of an unpredictable name beside it
    (mkstemp: O_EXCL, 0600), then renamed over it, so no reader sees half a file and no link
    planted at a temporary name is followed."""
    import tempfile

    folder, name = os.path.split(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_record(root: str, folder: str, name: str, data: bytes) -> str:
    """root/folder/name (folder "" for the root itself) replaced atomically by `data`, its folder made
    where missing. A folder or temporary file that a cache clear in another process removes
    meanwhile is made again, a few times; an empty directory in the record's place is removed."""
    for _ in range(ATTEMPTS):
        path = os.path.join(private_directory(root, *([folder] if folder else [])), name)
        try:
            write_atomically(path, data)
            return path
        except FileNotFoundError:
            continue
        except IsADirectoryError:
            remove_stray_directory(path, "a record")
    raise vanished(os.path.join(root, folder, name))


def _tag(root: str) -> None:
    """Mark `root` as a cache jitcell made (or writes to): a CACHEDIR.TAG, created once."""
    if root in _tagged:
        return
    if not is_tagged(root):
        try:
            write_new(os.path.join(root, TAG_NAME), _TAG_TEXT.encode(), 0o600)
        except FileExistsError:
            pass  # another process wrote it (or something else sits there: is_tagged says so below)
    if is_tagged(root):
        _tagged.add(root)


def not_a_cache(root: str) -> UnsafeCacheError:
    """What `clear`, `gc` and `verify` raise, removing nothing, in a directory without a CACHEDIR.TAG."""
    return UnsafeCacheError(
        f"{root} has no {TAG_NAME}, which jitcell writes into every cache it makes or writes to, so it may not be "
        "a jitcell cache: nothing was removed.\nFix: set JITCELL_CACHE_DIR to jitcell's cache, or remove the "
        "folders abi-*, toolchain, cells and callees there yourself.")


def directory_fd(name: str, dir_fd: int | None = None, *, follow: bool = False) -> int | None:
    """A descriptor of the directory `name` (relative to `dir_fd`), or None if it is a link (unless
    `follow`), not a directory, or missing: for walking the cache without following links (Cache.clear)."""
    try:
        return os.open(name, os.O_RDONLY | _DIRECTORY | (0 if follow else _NOFOLLOW) | _CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return None


def is_tagged(root: str, dir_fd: int | None = None) -> bool:
    """Whether `root` (or the directory `dir_fd`) holds a CACHEDIR.TAG, a regular file whose first
    line is the specification's signature."""
    try:
        fd = os.open(TAG_NAME if dir_fd is not None else os.path.join(root, TAG_NAME),
                     os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK, dir_fd=dir_fd)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(TAG_SIGNATURE) + 2).splitlines()[:1] == [TAG_SIGNATURE.encode()]
    finally:
        os.close(fd)


# ---- holds: the libraries in use ----------------------------------------------------

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
        import errno

        error = ctypes.get_errno()
        if error != errno.EINTR:
            raise OSError(error, os.strerror(error))
    return True


def hold(path: str) -> int:
    """A descriptor of the regular file at `path` with a shared lock on it: waits while an eviction
    holds its exclusive lock (the time of two unlinks). FileNotFoundError if it is missing,
    IsADirectoryError if a directory sits there, UnsafeCacheError if it is not a file of ours."""
    fd = open_regular(path)
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
