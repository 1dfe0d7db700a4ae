"""The digest of a source made of files, remembered while the files keep their size and mtime.

    >>> remembered(root, paths)               # source_digest(the files' text), or None
    >>> read(paths)                           # (the text, its files' stamps), stamps taken before reading
    >>> remember(root, paths, stamps, digest)

The runtime library's cache key needs the digest of its source (cache.source_digest): reading,
normalizing and hashing its 170 kB in ten files costs ~2 ms, which every fresh process would pay
on its first cache hit. So the digest is stored in `<cache>/sources/<64 hex>.json` (the name: the
BLAKE2b-256 of the paths), with every file's path, size and mtime, and used only while all of them are
unchanged: the rule by which fingerprint.py already decides that jitcell's source has not changed.
The record is signed like a toolchain record (signing.py) and its shape checked; one that is not
this user's, not of these files or not of that shape is ignored, and the source read again.
"""

from __future__ import annotations

import os

from jitcell.errors import CacheError, UnsafeCacheError

from . import files, jsontext, signing
from .cache import source_digest

__all__ = ["remembered", "read", "remember", "FOLDER"]

FOLDER = "sources"


def _name(paths: tuple[str, ...]) -> str:
    return signing.digest("\n".join(paths).encode("utf-8", "surrogatepass")) + ".json"


def _stamps(paths: tuple[str, ...]) -> list[list] | None:
    stamps = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamps.append([path, st.st_size, st.st_mtime_ns])
    return stamps


def remembered(root: str, paths: tuple[str, ...]) -> str | None:
    """The digest of the text of `paths` (read one after the other, as `read` does), if it is
    remembered in the cache at `root` and no file changed since; else None. UnsafeCacheError if
    someone else could have written the record (files.py)."""
    folder = files.checked(root, FOLDER)
    if folder is None:
        return None
    try:
        record = jsontext.loads(files.read(os.path.join(folder, _name(paths))))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or signing.forgery(record) is not None or set(record) != {"files", "digest"}:
        return None
    digest = record["digest"]
    if not isinstance(digest, str) or len(digest) != 64 or digest.strip("0123456789abcdef"):
        return None
    stamps = _stamps(paths)
    return digest if stamps is not None and record["files"] == stamps else None


def read(paths: tuple[str, ...]) -> tuple[str, list[list] | None]:
    """The text of `paths`, each followed by a blank line, and the files' stamps taken before they
    were read (a file changed meanwhile then differs from its stamp next time)."""
    stamps = _stamps(paths)
    text = ""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text += f.read() + "\n\n"
    return text, stamps


def remember(root: str, paths: tuple[str, ...], stamps: list[list] | None, source: str) -> None:
    """Store the digest of `source`, the text `read(paths)` gave with `stamps`; a record that cannot
    be written (a full disk) only costs the next process the reading. UnsafeCacheError as files.py."""
    if stamps is None:
        return
    import json  # writing the record: indented, for people to read

    record = signing.sign({"files": stamps, "digest": source_digest(source)})
    try:
        files.write_record(root, FOLDER, _name(paths), json.dumps(record, indent=1).encode())
    except UnsafeCacheError:
        raise
    except (OSError, CacheError):
        pass
