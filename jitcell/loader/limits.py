"""The cache's size cap: JITCELL_CACHE_SIZE, else the one `%jit_cache limit` stored, else 2 GiB.

    >>> size_limit(root)                   # Stored(limit, source, ignored)
    >>> size_limit(root).describe(root)
    'set by %jit_cache limit, in /home/ada/.cache/jitcell/settings.json'
    >>> parse_size("500M"), parse_size("2G"), parse_size("4096")
    (524288000, 2147483648, 4096)

`%jit_cache limit 1G` (and `python -m jitcell cache limit 1G`) stores the cap in
`<cache>/settings.json`, signed with this user's key like a manifest (signing.py): a settings
file that is not signed, or not of the one shape jitcell writes, is ignored (and `%jit_cache`
says so). The environment variable wins over it, so that a job can run with a cap of its own.
upkeep.py applies the cap.
"""

from __future__ import annotations

import contextlib
import json
import os
import re

from jitcell.errors import CacheError, UnsafeCacheError

from . import files, layout, signing

__all__ = ["DEFAULT_LIMIT", "SIZE_ENV", "parse_size", "format_size", "size_limit", "set_size_limit", "Stored"]

SIZE_ENV = "JITCELL_CACHE_SIZE"
DEFAULT_LIMIT = 2 << 30  # 2 GiB: a few thousand cells on a laptop
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?)\s*([kmgt]?)(i?b)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from "500M", "2G", "1.5GiB", "4096": K, M, G and T are powers of 1024. ValueError otherwise."""
    match = _SIZE.fullmatch(text)
    if match is None or (match[3] and match[3].lower() == "ib" and not match[2]):
        raise ValueError(f"{text!r} is not a size: give bytes (4096) or a number with K, M, G or T (500M, 2G)")
    return int(float(match[1]) * _UNITS[match[2].lower()])


def format_size(size: int | float) -> str:
    """"0 B", "18.2 KiB", "2.0 GiB"."""
    for unit in ("B", "KiB", "MiB"):
        if abs(size) < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


class Stored:
    """The cap and where it came from: "JITCELL_CACHE_SIZE", "settings" (%jit_cache limit) or "default";
    `ignored` says why a settings file was not used."""

    __slots__ = ("limit", "source", "ignored")

    def __init__(self, limit: int, source: str, ignored: str | None = None):
        self.limit, self.source, self.ignored = limit, source, ignored

    def describe(self, root: str) -> str:
        if self.source == SIZE_ENV:
            return f"set by {SIZE_ENV}={os.environ.get(SIZE_ENV, '')!r}, which wins over %jit_cache limit"
        if self.source == "settings":
            return f"set by %jit_cache limit, in {os.path.join(root, layout.SETTINGS)}"
        return "the default" + (f" ({os.path.join(root, layout.SETTINGS)} ignored: {self.ignored})"
                                if self.ignored else "")


def size_limit(root: str) -> Stored:
    """The cap on the entries' total size. CacheError if JITCELL_CACHE_SIZE is not a size."""
    text = os.environ.get(SIZE_ENV, "")
    if text.strip():
        try:
            return Stored(parse_size(text), SIZE_ENV)
        except ValueError as error:
            raise CacheError(f"{SIZE_ENV}={text!r} is not a size.\nFix: set it to bytes or to a number with K, M, "
                             f"G or T (500M, 2G), or unset it (the cap is then %jit_cache limit's, else "
                             f"{format_size(DEFAULT_LIMIT)}).") from error
    limit, ignored = _read_settings(root)
    return Stored(limit, "settings") if limit is not None else Stored(DEFAULT_LIMIT, "default", ignored)


def set_size_limit(root: str, text: str | None) -> Stored:
    """Persist the cap in the cache root (signed, like a manifest); None goes back to the default.
    ValueError if `text` is not a size. Returns the cap now in force (the environment still wins)."""
    if text is None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(files.private_directory(root), layout.SETTINGS))
    else:
        document = signing.sign({"size_limit": parse_size(text)})
        files.write_record(root, "", layout.SETTINGS, json.dumps(document).encode())
    return size_limit(root)


def _read_settings(root: str) -> tuple[int | None, str | None]:
    """The stored cap, or (None, why it is not used); (None, None) without a settings file."""
    try:
        if files.checked(root) is None:
            return None, None
        document = json.loads(files.read(os.path.join(root, layout.SETTINGS)))
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError, UnsafeCacheError) as error:
        return None, f"not readable ({error})"
    if not isinstance(document, dict):
        return None, "not a JSON object"
    forged = signing.forgery(document)
    if forged is not None:
        return None, forged
    limit = document.get("size_limit")
    if set(document) != {"size_limit"} or type(limit) is not int or limit < 0:
        return None, "not a file jitcell writes"
    return limit, None
