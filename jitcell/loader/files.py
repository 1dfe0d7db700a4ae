"""The cache's files and directories, which nobody but this user may be able to change.

    >>> checked(root, "abi-1", "3f")            # root/abi-1/3f if safe; None if missing; else UnsafeCacheError
    >>> private_directory(root, "toolchain")    # created 0700 where missing; the root tagged as a cache
    >>> read(path)                              # no link followed; a regular file of ours nobody else can write
    >>> write_atomically(path, data)            # mkstemp (O_EXCL, 0600) beside it, then os.replace
    >>> write_record(root, "cells", name, data) # the same, its folder made again if a clear removed it

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
"""

from __future__ import annotations

import errno
import os
import stat

from jitcell.errors import CacheError, UnsafeCacheError

__all__ = ["checked", "private_directory", "read", "open_regular", "write_atomically", "write_new", "write_record",
           "make_directories", "remove_stray_directory", "vanished", "is_tagged", "TAG_NAME", "TAG_SIGNATURE",
           "directory_fd", "not_a_cache", "ATTEMPTS"]

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
        if error.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise _refuse(path, "is a symbolic link (jitcell follows none inside its cache)",
                          f"remove the link, or {_FIX_DIRECTORY}") from None
        raise
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):  # nothing to read: the caller decides (an entry: corrupt, rebuilt)
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
