"""The on-disk cache: content-addressed entries, published atomically, verified on load.

    <cache>/abi-1/3f/3f9c...e1.so      the library
    <cache>/abi-1/3f/3f9c...e1.json    its manifest: source, options, functions, slots, sha256
    <cache>/toolchain/<identity>.json  what the code generator is (see fingerprint.py)

    >>> cache = Cache()                       # $JITCELL_CACHE_DIR or the user cache dir
    >>> cache.lookup(key)
    Lookup(entry=None, reason='no entry')

Publishing never shows a half-written entry: both files are written in a private
workspace next to their final place, the library is hard-linked into place (which
fails if another process got there first: then that entry is used), and the
manifest is renamed in last. A manifest therefore always describes a complete
library, and a reader checks the library's sha256 against it before `dlopen`:
a corrupt, truncated or foreign entry is a miss, rebuilt, never a crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time

from jitcell.version import CODEGEN_ABI, __version__

__all__ = ["Cache", "Entry", "Lookup", "cache_key", "normalize_source", "default_root", "sha256_file",
           "library_suffix"]

CACHE_ENV = "JITCELL_CACHE_DIR"
_STALE_WORKSPACE_SECONDS = 3600
_PUBLISH_WAIT_SECONDS = 10.0


def library_suffix() -> str:
    return {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")


def default_root() -> str:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return os.path.expanduser(configured)
    import platformdirs

    return platformdirs.user_cache_dir("jitcell", appauthor=False)


def normalize_source(source: str) -> str:
    """Line endings and trailing spaces do not change a cell; line numbers do."""
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def cache_key(source: str, options: dict, toolchain: dict, callees: dict | None = None,
              variables: dict | None = None) -> str:
    parts = {
        "source": normalize_source(source),
        "options": options,
        "abi": CODEGEN_ABI,
        "jitcell": __version__,
        "toolchain": toolchain,  # LLVM and llvmlite versions, target triple, CPU name and features
        "python": [sys.implementation.cache_tag, sys.platform, sys.maxsize],
        "callees": callees or {},  # signatures (not bodies) of functions from other cells
    }
    if variables:  # types (not values) of the module variables of other kernel cells
        parts["variables"] = variables
    return sha256()(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def sha256():
    """CPython's built-in sha256: the same digest as hashlib's, without loading OpenSSL (~3 ms)."""
    try:
        from _sha2 import sha256 as implementation  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256 as implementation  # CPython 3.11
        except ImportError:
            from hashlib import sha256 as implementation
    return implementation


def sha256_file(path) -> str:
    with open(path, "rb") as f:
        return sha256()(f.read()).hexdigest()


def _read(path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


# Plain classes, and paths as strings, on purpose: a cache hit must not pay for
# importing dataclasses or pathlib (about 13 ms together in a fresh process).
class Entry:
    __slots__ = ("key", "library", "manifest")

    def __init__(self, key: str, library, manifest: dict):
        self.key = key
        self.library = os.fspath(library)
        self.manifest = manifest


class Lookup:
    __slots__ = ("entry", "reason")

    def __init__(self, entry: Entry | None, reason: str):
        self.entry = entry
        self.reason = reason  # "hit", "no entry", or why the entry could not be used

    def __repr__(self) -> str:
        return f"Lookup(entry={self.entry!r}, reason={self.reason!r})"


class Cache:
    def __init__(self, root=None):
        self.location = os.fspath(root) if root is not None else default_root()
        self.dir = os.path.join(self.location, f"abi-{CODEGEN_ABI}")

    @property
    def root(self):
        from pathlib import Path

        return Path(self.location)

    def paths(self, key: str) -> tuple[str, str]:
        shard = os.path.join(self.dir, key[:2])
        return os.path.join(shard, f"{key}{library_suffix()}"), os.path.join(shard, f"{key}.json")

    # ---- reading -----------------------------------------------------------------

    def lookup(self, key: str) -> Lookup:
        library, manifest_path = self.paths(key)
        reason = "no entry"
        for attempt in range(3):  # a concurrent replacement is visible for microseconds only
            if attempt:
                time.sleep(0.005)
            try:
                manifest = json.loads(_read(manifest_path))
            except FileNotFoundError:
                return Lookup(None, "no entry" if not os.path.exists(library) else "the manifest is missing")
            except (OSError, ValueError):
                reason = "the manifest is not valid JSON"
                continue
            if not isinstance(manifest, dict) or manifest.get("key") != key:
                reason = "the manifest belongs to another key"
                continue
            try:
                digest = sha256_file(library)
            except FileNotFoundError:
                reason = "the library file is missing"
                continue
            if digest != manifest.get("library", {}).get("sha256"):
                reason = "the library's sha256 does not match its manifest (corrupt or truncated)"
                continue
            return Lookup(Entry(key, library, manifest), "hit")
        return Lookup(None, f"corrupt entry: {reason}")

    # ---- writing -----------------------------------------------------------------

    @contextlib.contextmanager
    def workspace(self, key: str):
        """A private directory on the cache's file system, removed afterwards."""
        import shutil
        import tempfile
        from pathlib import Path

        shard = Path(self.paths(key)[0]).parent
        shard.mkdir(parents=True, exist_ok=True)
        self._remove_stale_workspaces(shard)
        path = Path(tempfile.mkdtemp(prefix=".build-", dir=shard))
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def publish(self, key: str, built, manifest: dict, replace: bool = False) -> Entry:
        """Move a built library (inside `workspace(key)`) and its manifest into place."""
        library, manifest_path = self.paths(key)
        staged_manifest = built.with_suffix(".json.tmp")
        staged_manifest.write_text(json.dumps(manifest, indent=1))
        if not replace:
            try:
                os.link(built, library)
            except FileExistsError:
                found = self._wait_for_publisher(key)
                if found.entry is not None:
                    return found.entry  # another process published first: use its entry
                replace = True  # an orphan or a corrupt entry: overwrite it
            except OSError:
                replace = True  # no hard links on this file system
            else:
                os.replace(staged_manifest, manifest_path)
                return Entry(key, library, manifest)
        os.replace(built, library)
        os.replace(staged_manifest, manifest_path)
        return Entry(key, library, manifest)

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

    def _remove_stale_workspaces(self, shard) -> None:
        import shutil

        now = time.time()
        for path in shard.glob(".build-*"):
            try:
                if now - path.stat().st_mtime > _STALE_WORKSPACE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)
            except FileNotFoundError:
                pass

    # ---- housekeeping --------------------------------------------------------------

    def manifests(self) -> list:
        return sorted(self.root.glob("abi-*/*/*.json"))

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file()) if self.root.exists() else 0

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        import shutil

        count = len(self.manifests())
        for path in self.root.glob("abi-*"):
            shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(self.root / "toolchain", ignore_errors=True)
        return count
