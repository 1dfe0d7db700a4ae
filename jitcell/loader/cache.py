"""The on-disk cache: content-addressed entries, published atomically, verified on load.

    <cache>/abi-2/3f/3f9c...e1.so      the library
    <cache>/abi-2/3f/3f9c...e1.json    its manifest: source, options, functions, slots, library digest
    <cache>/toolchain/<identity>.json  what the code generator is (see fingerprint.py)
    <cache>/CACHEDIR.TAG               "this is a cache jitcell made": `clear` needs it
    (layout.py lists every name jitcell writes; upkeep.py keeps the cache under its size cap)

    >>> cache = Cache()                       # $JITCELL_CACHE_DIR or the user cache dir
    >>> cache.lookup(key)
    Lookup(entry=None, reason='no entry')

Publishing never shows a half-written entry: both files are written in a private
workspace next to their final place, the library is hard-linked into place (which
fails if another process got there first: then that entry is used), and the
manifest is renamed in last. A manifest therefore always describes a complete
library. Before `dlopen`, a reader checks, in this order: that nobody else can
change the cache's directories and files (files.py; UnsafeCacheError if they can),
the manifest's signature (signing.py: written by jitcell with this user's key), its
shape (manifest.py), and the library's digest (BLAKE2b) against it. A corrupt, truncated,
foreign or forged entry is a miss, rebuilt, never a crash. docs/security.md says
what this protects against and what it cannot.

A lookup that hits holds the library (files.hold: a shared flock, kept for the life of the
process once it is loaded) and records the use (the manifest's mtime), so that eviction
(upkeep.py) takes least recently used entries first and never one a live process loaded.
A publish holds its library from before it is visible. A cache clear in another process
may remove what a compile is using: the build workspace is locked (clear and gc leave a
locked one alone), folders and records are made again, and what vanished anyway raises
`Vanished`, on which the pipeline starts again, a few times.
"""

from __future__ import annotations

import os
import sys
import time

from jitcell.errors import CacheError
from jitcell.version import CODEGEN_ABI, __version__

from . import files, layout, sealed, signing
from .layout import library_suffix
from .signing import blake2b
from .signing import digest as blake2b_digest

__all__ = ["Cache", "Entry", "Lookup", "Vanished", "cache_key", "check_built", "source_digest", "normalize_source",
           "default_root", "library_digest", "library_file_digest", "library_suffix"]

CACHE_ENV = "JITCELL_CACHE_DIR"
_PUBLISH_WAIT_SECONDS = layout.PUBLISH_WAIT_SECONDS


def default_root() -> str:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return os.path.expanduser(configured)
    import platformdirs

    return platformdirs.user_cache_dir("jitcell", appauthor=False)


_BLANK = " \t\f"  # what Python's tokenizer skips between tokens


def normalize_source(source: str) -> str:
    """The cell without what cannot change its meaning; line numbers are kept (messages carry them).

    Line endings become "\n" everywhere: Python reads "\r\n" and "\r" as "\n", inside strings too.
    Blank lines at the end go. Spaces and tabs at the ends of lines go, except where a line ends
    inside a string: in a triple-quoted string they are part of the value, so two cells that differ
    there are different programs with different keys. Only a cell that has such spaces pays for
    tokenizing (the tokenize module, ~1 ms, is imported for it); nothing else is normalised (a
    non-breaking space is not Python whitespace, and stays)."""
    text = source.replace("\r\n", "\n").replace("\r", "\n") if "\r" in source else source
    last = len(text.rstrip(_BLANK + "\n"))  # in the last line that is not blank: the lines after it go
    end = text.find("\n", last) if last else 0
    if end >= 0:
        text = text[:end]
    if not any(f"{blank}\n" in text for blank in _BLANK) and not text.endswith(tuple(_BLANK)):
        return text + "\n"  # nothing at line ends to strip (substring searches: the runtime's 170 kB in ~50 us)
    lines = text.split("\n")
    inside = _lines_ending_in_strings(lines)
    lines = [line if number in inside else line.rstrip(_BLANK) for number, line in enumerate(lines, 1)]
    return "\n".join(lines) + "\n"


def _lines_ending_in_strings(lines: list[str]) -> set[int]:
    """The numbers of the lines whose line break is inside a string (or an f-string); all of them
    if the text is not Python that tokenizes (then nothing is stripped: it will not compile anyway)."""
    import io
    import tokenize

    inside: set[int] = set()
    fstring_start, fstring_end = getattr(tokenize, "FSTRING_START", -1), getattr(tokenize, "FSTRING_END", -1)
    open_fstrings = []
    try:
        for token in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if token.type == tokenize.STRING:
                inside.update(range(token.start[0], token.end[0]))
            elif token.type == fstring_start:  # Python 3.12+: an f-string is several tokens
                open_fstrings.append(token.start[0])
            elif token.type == fstring_end and open_fstrings:
                inside.update(range(open_fstrings.pop(), token.end[0]))
    except (tokenize.TokenError, SyntaxError):
        return set(range(1, len(lines) + 1))
    return inside


def source_digest(source: str) -> str:
    """What a cache key holds of the source: the BLAKE2b-256 of its normalized text (a long cell's text
    written into the key's JSON would cost every hit its length)."""
    return blake2b_digest(normalize_source(source).encode("utf-8", "surrogatepass"))


def cache_key(source: str | None, options: dict, toolchain: dict, callees: dict | None = None,
              variables: dict | None = None, frozen: dict | None = None, *, source_part: str | None = None) -> str:
    """`source_part`: what the key holds for the source instead of source_digest(source) (then `source`
    is not read): the runtime library's, whose text the toolchain's compiler digest covers."""
    if source_part is None:
        if source is None:
            raise TypeError("cache_key() needs the source or what stands for it")
        source_part = source_digest(source)
    parts = {
        "source": source_part,
        "options": options,
        "abi": CODEGEN_ABI,
        "jitcell": __version__,
        "toolchain": toolchain,  # LLVM and llvmlite versions, target triple, CPU name and features
        "python": [sys.implementation.cache_tag, sys.platform, sys.maxsize],
        "callees": callees or {},  # signatures (not bodies) of functions from other cells
    }
    if variables:  # types (not values) of the module variables of other kernel cells
        parts["variables"] = variables
    if frozen:  # values (not only types) of the notebook's names the cell reads (frozen.py)
        parts["frozen"] = frozen
    return blake2b_digest(signing.dumps(parts, sort_keys=True).encode())


def library_digest(data: bytes) -> str:
    """What a manifest records of its library's bytes (`library.blake2b`): their BLAKE2b-256, which
    CPython computes at three times the speed of its built-in sha256 (the runtime library's 190 kB,
    which every fresh process checks: 0.17 ms rather than 0.53)."""
    return blake2b_digest(data)


def library_file_digest(path) -> str:
    with open(path, "rb") as f:
        return library_digest(f.read())


def _held_library_digest(fd: int) -> str:
    """library_digest of the library open at `fd` (held, files.hold, or opened with a shared cache's owners
    checked: the file dlopen will map, while its path still names it), read 64 kB at a time into one
    buffer rather than into a copy of the file."""
    digest = blake2b()(digest_size=32)
    buffer = bytearray(1 << 16)
    view = memoryview(buffer)
    offset = 0
    while count := os.preadv(fd, [buffer], offset):
        digest.update(view[:count])
        offset += count
    return digest.hexdigest()


# Plain classes, and paths as strings, on purpose: a cache hit must not pay for
# importing dataclasses or pathlib (about 13 ms together in a fresh process).
class Entry:
    __slots__ = ("key", "library", "manifest", "fd")

    def __init__(self, key: str, library, manifest: dict, fd: int | None = None):
        self.key = key
        self.library = os.fspath(library)
        self.manifest = manifest
        self.fd = fd  # the library, open and locked (files.hold) until load() keeps it; None: not held


class Lookup:
    __slots__ = ("entry", "reason")

    def __init__(self, entry: Entry | None, reason: str):
        self.entry = entry
        self.reason = reason  # "hit", "no entry", or why the entry could not be used

    def __repr__(self) -> str:
        return f"Lookup(entry={self.entry!r}, reason={self.reason!r})"


class Vanished(Exception):
    """Something a compile was using was removed by another process (a cache clear): the build
    workspace, a shard, a library between its lookup and dlopen. The pipeline starts again; after
    a few times, `error()` is the CacheError it raises."""

    def __init__(self, path: str, what: str):
        super().__init__(f"{what} {path} was removed while this process was using it")
        self.path = path

    def error(self) -> CacheError:
        return files.vanished(self.path)


class Cache:
    def __init__(self, root=None):
        self.location = os.fspath(root) if root is not None else default_root()
        self._abi = f"abi-{CODEGEN_ABI}"
        self.dir = os.path.join(self.location, self._abi)

    @property
    def root(self):
        from pathlib import Path

        return Path(self.location)

    def paths(self, key: str) -> tuple[str, str]:
        shard = os.path.join(self.dir, key[:2])
        return os.path.join(shard, f"{key}{library_suffix()}"), os.path.join(shard, f"{key}.json")

    # ---- reading -----------------------------------------------------------------

    def lookup(self, key: str, *, use: bool = True, later: frozenset[str] = sealed.LATER) -> Lookup:
        """The entry of `key` if it is sound; else why not ("no entry", or "corrupt entry: ...", which
        the pipeline rebuilds). UnsafeCacheError if someone else could change the cache. `use`: the
        caller will load it, so the entry comes held (Entry.fd) and its use is recorded; verify and
        list pass False, and then every field of the manifest is checked, not only those a load reads;
        else the fields `later` are checked when first read (sealed.py)."""
        library, manifest_path = self.paths(key)
        reason = "no entry"
        for attempt in range(3):  # a concurrent replacement is visible for microseconds only
            if attempt:
                time.sleep(0.005)
            manifest, reason = self.read_manifest(key, later)
            if manifest is None:
                if reason == "no entry":
                    return Lookup(None, "no entry" if not os.path.lexists(library) else "the manifest is missing")
                continue
            try:
                fd = files.hold(library)  # before it is verified: from now on no eviction can remove it
            except FileNotFoundError:
                reason = "the library file is missing"
                continue
            except IsADirectoryError:
                reason = "a directory sits where the library belongs"
                continue
            try:
                digest = _held_library_digest(fd)
                same = files.same_file(library, fd)  # the file read, and about to be loaded, is the one held
            except (FileNotFoundError, IsADirectoryError):
                digest, same = "", False
            except BaseException:
                files.release(fd)
                raise
            if not same or digest != manifest["library"]["blake2b"]:
                files.release(fd)
                reason = ("the library's digest does not match its manifest (corrupt or truncated)" if same
                          else "the library was replaced or removed while it was read")
                continue
            if not use:
                files.release(fd)
                if isinstance(manifest, sealed.Manifest) and not manifest.all_intact():  # what a load reads later
                    reason = "the manifest changed after its seal was made"
                    continue
                return Lookup(Entry(key, library, manifest), "hit")
            _record_use(manifest_path)
            return Lookup(Entry(key, library, manifest, fd), "hit")
        return Lookup(None, f"corrupt entry: {reason}")

    def read_manifest(self, key: str, later: frozenset[str] = sealed.LATER) -> tuple[dict | None, str]:
        """The manifest of `key` (without its "mac") if jitcell wrote it with this user's key and it
        has the shape jitcell writes; else (None, why). Nothing of it is read before its signature
        is checked. UnsafeCacheError if a directory or file on the way is not safe (files.py)."""
        if not layout.is_key(key) or files.checked(self.location, self._abi, key[:2]) is None:
            return None, "no entry"
        path = self.paths(key)[1]
        try:
            manifest = sealed.read(path, later)
            if manifest is not None:  # the bytes publish wrote once manifest.problem accepted them (sealed.py)
                if manifest.get("key") == key:
                    return manifest, "hit"
                manifest.close()
                return None, "the manifest is not one jitcell writes: key: not this entry's key"
            manifest = signing.loads(files.read(path))  # not sealed: read as any signed document
        except FileNotFoundError:
            return None, "no entry"
        except IsADirectoryError:
            return None, "a directory sits where the manifest belongs"
        except (OSError, ValueError):
            return None, "the manifest is not valid JSON"
        if not isinstance(manifest, dict):
            return None, "the manifest is not a JSON object"
        forged = signing.forgery(manifest)
        if forged is not None:
            return None, f"the manifest {forged}"
        wrong = _shape_problem(manifest, key)
        if wrong is not None:
            return None, f"the manifest is not one jitcell writes: {wrong}"
        return manifest, "hit"

    # ---- writing -----------------------------------------------------------------

    def workspace(self, key: str):
        """A private directory on the cache's file system, locked while the build uses it (a clear or
        gc in another process leaves it alone), removed afterwards. Vanished if it is removed anyway."""
        from contextlib import contextmanager  # a miss only: a hit in a fresh process need not import it

        return contextmanager(self._workspace)(key)

    def _workspace(self, key: str):
        import shutil
        from pathlib import Path

        path, fd = self._new_workspace(key)
        try:
            yield Path(path)
        except Exception as error:
            if not files.same_file(path, fd):
                raise Vanished(path, "the build workspace") from error
            raise
        finally:
            shutil.rmtree(path, ignore_errors=True)
            os.close(fd)

    def _new_workspace(self, key: str) -> tuple[str, int]:
        """mkdtemp in the entry's shard, and an exclusive flock on it; made again if a clear in another
        process removes the shard or the new workspace before it is locked."""
        import tempfile

        from . import upkeep

        for _ in range(files.ATTEMPTS):
            shard = files.private_directory(self.location, self._abi, key[:2])
            try:
                path = tempfile.mkdtemp(prefix=".build-", dir=shard)
            except FileNotFoundError:
                continue
            fd = files.directory_fd(path)
            if fd is not None and files.exclusive(fd) and files.same_file(path, fd):
                upkeep.remove_stale_workspaces(shard)  # of killed builds: no lock, older than an hour
                return path, fd
            if fd is not None:
                os.close(fd)
        raise files.vanished(os.path.join(self.dir, key[:2]))

    def publish(self, key: str, built, manifest: dict, replace: bool = False) -> Entry:
        """Move a built library (inside `workspace(key)`) and its manifest into place. The entry comes
        held from before it is visible: no eviction can remove it before this process loads it.
        Then, if the cache may have passed its size cap, evict (upkeep.py). CacheError if
        JITCELL_CACHE_SIZE is not a size (before anything is placed); Vanished if the workspace or
        the shard was removed meanwhile."""
        from . import limits, upkeep  # a miss only

        stored = limits.size_limit(self.location)
        library, manifest_path = self.paths(key)
        staged_manifest = built.with_suffix(".json.tmp")  # in the workspace: private (mkdtemp, 0700)
        # checked as a reader will parse it; the seal says this check passed: a reader does not make it again
        check_built(signing.loads(signing.dumps(manifest)), key)
        text = sealed.seal(manifest)
        try:
            files.write_new(str(staged_manifest), text, 0o600)
            os.chmod(built, 0o700)
            fd = files.hold(os.fspath(built))
        except FileNotFoundError:
            raise Vanished(os.fspath(built.parent), "the build workspace") from None
        try:
            entry = self._place(key, built, staged_manifest, manifest, replace, fd)
        except FileNotFoundError as error:
            files.release(fd)
            raise Vanished(os.path.dirname(library), "the shard") from error
        except BaseException:
            files.release(fd)
            raise
        if entry.fd != fd:
            files.release(fd)  # another process's entry is used
        else:
            upkeep.after_publish(self, stored, os.fstat(fd).st_size + len(text))
        return entry

    def _place(self, key: str, built, staged_manifest, manifest: dict, replace: bool, fd: int) -> Entry:
        library, manifest_path = self.paths(key)
        files.remove_stray_directory(library, "an entry's library")  # CacheError if it is not empty
        files.remove_stray_directory(manifest_path, "an entry's manifest")
        if not replace:
            try:
                os.link(built, library)
            except FileExistsError:
                found = self._wait_for_publisher(key)
                if found.entry is not None:
                    return found.entry  # another process published first: use its entry
                replace = True  # an orphan or a corrupt entry: overwrite it
            except FileNotFoundError:
                raise
            except OSError:
                replace = True  # no hard links on this file system
            else:
                os.replace(staged_manifest, manifest_path)
                return Entry(key, library, manifest, fd)
        os.replace(built, library)
        os.replace(staged_manifest, manifest_path)
        return Entry(key, library, manifest, fd)

    def _wait_for_publisher(self, key: str) -> Lookup:
        library, manifest_path = self.paths(key)
        deadline = time.monotonic() + _PUBLISH_WAIT_SECONDS
        while True:
            found = self.lookup(key)
            if found.entry is not None or os.path.exists(manifest_path):
                return found
            try:
                age = time.time() - os.stat(library).st_mtime
            except FileNotFoundError:
                return found
            if age > _PUBLISH_WAIT_SECONDS or time.monotonic() > deadline:
                return found  # its publisher died between the two renames
            time.sleep(0.01)

    # ---- housekeeping (upkeep.py) ----------------------------------------------------

    def manifests(self) -> list:
        """The entries' manifest files (Paths), found without following links."""
        from pathlib import Path

        found = []
        names = layout.names()
        for abi in layout.subdirectories(self.location, names["abi"]):
            for shard in layout.subdirectories(abi, names["shard"]):
                with os.scandir(shard) as listing:
                    found += [Path(e.path) for e in listing if e.name.endswith(".json")
                              and names["entry"].fullmatch(e.name) and e.is_file(follow_symlinks=False)]
        return sorted(found)

    def size_bytes(self) -> int:
        """The entries' total size (libraries and manifests): what the size cap counts."""
        from . import upkeep

        return upkeep.summary(self).size

    def size_limit(self):
        """The cap (limits.Stored: bytes, and whether JITCELL_CACHE_SIZE, %jit_cache limit or the default set it)."""
        from . import limits

        return limits.size_limit(self.location)

    def set_size_limit(self, text: str | None):
        """Persist the cap ("500M", "2G", bytes; None: the default) in the cache root, and evict to it."""
        from . import limits, upkeep

        stored = limits.set_size_limit(self.location, text)
        return stored, upkeep.gc(self, stored)

    def gc(self):
        """Evict least-recently-used entries down to 90% of the cap if over it, and tidy (upkeep.Upkeep)."""
        from . import upkeep

        return upkeep.gc(self)

    def verify(self):
        """Check every entry as a lookup would and remove those that fail (upkeep.Verified)."""
        from . import upkeep

        return upkeep.verify(self)

    def entries(self) -> list:
        """Every entry (upkeep.Listed), most recently used first, each checked as a lookup would."""
        from . import upkeep

        return upkeep.entries(self)

    def clear(self) -> int:
        """Remove what jitcell made here: entry files (<key>.so, <key>.json), build workspaces that no
        build holds, temporary files, the toolchain, cells and callees records, the usage count, and the
        directories this empties; anything else stays (the size cap's settings too), and no link is
        followed. Returns how many entries it removed. A process that loaded an entry keeps running
        it (a mapped file outlives its name). UnsafeCacheError, removing nothing, if the directory has
        no CACHEDIR.TAG: then jitcell did not make it, and it may be anything (a home directory)."""
        from . import upkeep

        root = files.directory_fd(self.location, follow=True)  # the root may be a link the user made
        if root is None:
            return 0
        removed: set[str] = set()
        names = layout.names()
        try:
            if not files.is_tagged(self.location, dir_fd=root):
                raise files.not_a_cache(self.location)

            def in_shard(shard: int, name: str) -> None:
                found = names["entry"].fullmatch(name)
                if found and layout.remove_file(shard, name):
                    removed.add(found[1])
                elif names["workspace"].fullmatch(name):
                    upkeep.remove_workspace(shard, name, older_than=0)  # unless a build holds it
                elif names["temporary"].fullmatch(name):
                    layout.remove_file(shard, name)

            def in_abi(abi: int, name: str) -> None:
                if names["shard"].fullmatch(name):
                    layout.sweep(abi, name, in_shard)

            for name in os.listdir(root):
                if names["abi"].fullmatch(name):
                    layout.sweep(root, name, in_abi)
                elif name in layout.RECORDS:
                    layout.sweep(root, name, _record_remover(names[name], names["temporary"]))
                elif name == layout.USAGE or names["temporary"].fullmatch(name):
                    layout.remove_file(root, name)
        finally:
            os.close(root)
        return len(removed)


_UTIME_NOFOLLOW = os.utime in os.supports_follow_symlinks


def check_built(manifest: object, key: str, error: type[Exception] = CacheError) -> None:
    """Refuse (`error`) a manifest jitcell built that its own loader would refuse: before publish seals
    it, or, without a cache, before it is loaded (and perhaps shipped in a parcel, parcels.py)."""
    wrong = _shape_problem(manifest, key)
    if wrong is not None:
        raise error(f"jitcell built a manifest its own loader would refuse ({wrong}); this is a bug in jitcell")


def _shape_problem(manifest: object, key: str) -> str | None:
    """manifest.problem: for a manifest that is not sealed, and before one is sealed (publish). A hit
    reads sealed manifests (the seal stands for the check), so it does not import the checks."""
    from . import manifest as shape

    return shape.problem(manifest, key)


def _record_use(manifest_path: str) -> None:
    """The entry's last use, for least-recently-used eviction: its manifest's mtime, now (~2 us)."""
    try:
        os.utime(manifest_path, follow_symlinks=not _UTIME_NOFOLLOW)
    except OSError:
        pass  # a read-only cache still loads; its entries just look older


def _record_remover(pattern, temporary):
    def remove(folder: int, name: str) -> None:
        if pattern.fullmatch(name) or temporary.fullmatch(name):
            layout.remove_file(folder, name)

    return remove
