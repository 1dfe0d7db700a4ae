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
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .version import CODEGEN_ABI

__all__ = ["Cache", "Entry", "Lookup", "cache_key", "normalize_source", "default_root", "sha256_file",
           "library_suffix"]

CACHE_ENV = "JITCELL_CACHE_DIR"
_STALE_WORKSPACE_SECONDS = 3600
_PUBLISH_WAIT_SECONDS = 10.0


def library_suffix() -> str:
    return {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")


def default_root() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("jitcell", appauthor=False))


def normalize_source(source: str) -> str:
    """Line endings and trailing spaces do not change a cell; line numbers do."""
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def cache_key(source: str, options: dict, toolchain: dict, callees: dict | None = None) -> str:
    from .version import __version__

    parts = {
        "source": normalize_source(source),
        "options": options,
        "abi": CODEGEN_ABI,
        "jitcell": __version__,
        "toolchain": toolchain,  # LLVM and llvmlite versions, target triple, CPU name and features
        "python": [sys.implementation.cache_tag, sys.platform, sys.maxsize],
        "callees": callees or {},  # signatures (not bodies) of functions from other cells
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Entry:
    key: str
    library: Path
    manifest: dict


@dataclass(frozen=True)
class Lookup:
    entry: Entry | None
    reason: str  # "hit", "no entry", or why the entry could not be used


class Cache:
    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_root()
        self.dir = self.root / f"abi-{CODEGEN_ABI}"

    def paths(self, key: str) -> tuple[Path, Path]:
        shard = self.dir / key[:2]
        return shard / f"{key}{library_suffix()}", shard / f"{key}.json"

    # ---- reading -----------------------------------------------------------------

    def lookup(self, key: str) -> Lookup:
        library, manifest_path = self.paths(key)
        reason = "no entry"
        for attempt in range(3):  # a concurrent replacement is visible for microseconds only
            if attempt:
                time.sleep(0.005)
            try:
                manifest = json.loads(manifest_path.read_bytes())
            except FileNotFoundError:
                return Lookup(None, "no entry" if not library.exists() else "the manifest is missing")
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

        shard = self.paths(key)[0].parent
        shard.mkdir(parents=True, exist_ok=True)
        self._remove_stale_workspaces(shard)
        path = Path(tempfile.mkdtemp(prefix=".build-", dir=shard))
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def publish(self, key: str, built: Path, manifest: dict, replace: bool = False) -> Entry:
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
            if found.entry is not None or manifest_path.exists():
                return found
            try:
                age = time.time() - library.stat().st_mtime
            except FileNotFoundError:
                return found
            if age > _PUBLISH_WAIT_SECONDS or time.monotonic() > deadline:
                return found  # its publisher died between the two renames
            time.sleep(0.01)

    def _remove_stale_workspaces(self, shard: Path) -> None:
        import shutil

        now = time.time()
        for path in shard.glob(".build-*"):
            try:
                if now - path.stat().st_mtime > _STALE_WORKSPACE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)
            except FileNotFoundError:
                pass

    # ---- housekeeping --------------------------------------------------------------

    def manifests(self) -> list[Path]:
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
