"""Shared read-only caches under the private one: `JITCELL_CACHE_PATH`, as a team or a cluster keeps one.

    JITCELL_CACHE_PATH=/srv/jitcell-team:/mnt/cluster/jitcell     (os.pathsep between layers)

On a miss in the private cache, each layer is asked in order; a hit loads the library from the
layer itself, and nothing is written there. A layer is someone else's cache (made by jitcell under
its owner's account, then opened for reading: `chmod -R go+rX`), so its manifests carry a signature
this user cannot check. What stands in for it is who can write there: every directory from `/` to the
entry and the entry's files must be owned by the layer's owner (or root), and nobody else may write
them (files.py's rules, with the layer's owner in place of this user); then the manifest's shape
(manifest.py) and the library's digest are checked as for the private cache. Naming a layer trusts
its owner, as putting a folder on PYTHONPATH does. A layer that breaks a rule is skipped with a
warning naming the problem and its fix; the cell then compiles into the private cache.
"""

from __future__ import annotations

import json
import os
import warnings

from jitcell.errors import UnsafeCacheError
from jitcell.version import CODEGEN_ABI

from . import files, layout
from . import manifest as shape
from .cache import Entry, _held_library_digest
from .layout import library_suffix

__all__ = ["ENV", "layers", "lookup"]

ENV = "JITCELL_CACHE_PATH"


def layers() -> list[str]:
    """The shared caches, in the order they are asked: absolute paths only (a relative one would
    mean something else in every working directory)."""
    return [p for p in os.environ.get(ENV, "").split(os.pathsep) if p and os.path.isabs(p)]


def lookup(key: str) -> tuple[Entry, str] | None:
    """The first layer's sound entry of `key` and the layer, or None."""
    for root in layers():
        try:
            entry = _lookup(root, key)
        except UnsafeCacheError as unsafe:
            warnings.warn(f"jitcell skips the shared cache {root}: {unsafe}", RuntimeWarning, stacklevel=3)
            continue
        if entry is not None:
            return entry, root
    return None


def _lookup(root: str, key: str) -> Entry | None:
    if not layout.is_key(key):
        return None
    try:
        owner = os.stat(root).st_uid
    except OSError:
        return None
    owners = (owner, 0)
    abi = f"abi-{CODEGEN_ABI}"
    if files.checked(root, abi, key[:2], owners=owners) is None:
        return None
    shard = os.path.join(root, abi, key[:2])
    library, manifest_path = os.path.join(shard, key + library_suffix()), os.path.join(shard, key + ".json")
    try:
        manifest = json.loads(files.read(manifest_path, owners=owners))
    except (FileNotFoundError, IsADirectoryError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    manifest.pop("mac", None)  # made with the owner's key, which only the owner holds
    if shape.problem(manifest, key) is not None:
        return None
    try:
        fd = files.open_regular(library, owners=owners)
    except (FileNotFoundError, IsADirectoryError):
        return None
    try:
        if not files.same_file(library, fd) or _held_library_digest(fd) != manifest["library"]["blake2b"]:
            files.release(fd)
            return None
    except BaseException:
        files.release(fd)
        raise
    return Entry(key, library, manifest, fd)
