"""Signatures on what jitcell writes to its cache: keyed BLAKE2b with a key only this user can read.

    >>> text = json.dumps(sign(manifest))         # {..., "mac": "5be1..."}
    >>> forgery(json.loads(text))                 # pops "mac"; None if it is right, else why not
    >>> forgery(json.loads(edited_text))
    "carries a signature that does not match (changed since jitcell wrote it, or signed with another key)"

The signature covers the canonical JSON of the document without its "mac" field
(`json.dumps(sort_keys=True, separators=(",", ":"))`). The key is 32 random bytes in
`<user config dir>/jitcell/key` (`JITCELL_KEY_FILE` moves it), made on first use, refused
unless it is a regular file of this user's that group and others cannot read or write.
Whoever can write the cache but cannot read the key cannot make jitcell load anything:
a library needs its digest in a manifest, and a manifest needs this signature. A lost
key only costs a rebuild: every entry then fails its check and is compiled again.

The MAC is BLAKE2b's keyed mode (RFC 7693: BLAKE2 keyed directly is a MAC by design; no HMAC
construction is needed around it), 256 bits; the same function, unkeyed, makes every digest jitcell
writes (cache keys, manifests' lines, libraries). Why not the standard library's `hmac` or
`hashlib`: importing hashlib loads OpenSSL, 3.5 to 9 ms in a fresh process, more than everything
else a cache hit checks; CPython's built-in `_blake2` is the same BLAKE2b without it, and one
extension module where sha256 would be a second (~0.15 ms each in a fresh process).
tests/security/test_cache_signature.py checks it against hashlib's on the RFC 7693 and keyed
reference vectors, and on random keys and messages.
"""

from __future__ import annotations

import os
import sys
from _operator import _compare_digest

from jitcell.errors import UnsafeCacheError

from . import files, jsontext

__all__ = ["blake2b", "digest", "mac", "sign", "forgery", "canonical", "key_path", "secret_key", "KEY_ENV"]

KEY_ENV = "JITCELL_KEY_FILE"
_KEY_BYTES = 32
_BYTES = 32  # of a digest or a MAC: 64 hex digits

_keys: dict[str, bytes] = {}
_blake2b: list = []


def blake2b():
    """CPython's built-in BLAKE2b, as hashlib's (which would load OpenSSL). Found once: a failed
    import searches every folder of sys.path again each time."""
    if not _blake2b:
        try:
            from _blake2 import blake2b as implementation
        except ImportError:
            from hashlib import blake2b as implementation
        _blake2b.append(implementation)
    return _blake2b[0]


def digest(data: bytes | memoryview, size: int = _BYTES) -> str:
    """The BLAKE2b digest of `data` in hex, `size` bytes long (2 * size digits)."""
    return blake2b()(data, digest_size=size).hexdigest()


def mac(key: bytes, message: bytes, *more: bytes) -> bytes:
    """BLAKE2b keyed with `key` (at most 64 bytes) over `message` and then the parts `more`, without
    joining them: 32 bytes only the key's holder can make."""
    made = blake2b()(message, digest_size=_BYTES, key=key)
    for part in more:
        made.update(part)
    return made.digest()


def canonical(document: dict) -> bytes:
    """The bytes a signature covers: the document's JSON with sorted keys and no spaces."""
    return jsontext.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def sign(document: dict) -> dict:
    """`document` with an "mac" field that `forgery` accepts (a JSON round trip must give it back
    unchanged: call it on what json.loads returns)."""
    unsigned = {k: v for k, v in document.items() if k != "mac"}
    return {**unsigned, "mac": mac(secret_key(), canonical(unsigned)).hex()}


def forgery(document: dict) -> str | None:
    """Remove the "mac" field from `document`; None if it is the signature jitcell wrote with this
    user's key over the rest, else what is wrong (the document must then not be used)."""
    claimed = document.pop("mac", None)
    if not isinstance(claimed, str):
        return "carries no signature (not written by this version of jitcell)"
    expected = mac(secret_key(), canonical(document)).hex()
    if not _compare_digest(claimed, expected):
        return "carries a signature that does not match (changed since jitcell wrote it, or signed with another key)"
    return None


# ---- the key -----------------------------------------------------------------------


def key_path() -> str:
    """$JITCELL_KEY_FILE, or `key` in the user config directory (platformdirs' user_config_dir,
    computed without importing it where the XDG rules are simple: ~5 ms in a fresh process)."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return os.path.abspath(os.path.expanduser(configured))
    return os.path.join(_config_dir(), "key")


def _config_dir() -> str:
    home = os.environ.get("HOME", "")
    if sys.platform.startswith("linux") and os.path.isabs(home):
        base = os.environ.get("XDG_CONFIG_HOME", "")
        return os.path.join(base if os.path.isabs(base) else os.path.join(home, ".config"), "jitcell")
    import platformdirs

    return platformdirs.user_config_dir("jitcell", appauthor=False)


def secret_key() -> bytes:
    """This user's signing key, made on first use; UnsafeCacheError if others could read or change it."""
    path = key_path()
    key = _keys.get(path)
    if key is None:
        try:
            key = files.read(path, private=True)
        except FileNotFoundError:
            _create_key(path)
            key = files.read(path, private=True)
        except IsADirectoryError:
            raise UnsafeCacheError(f"{path} is a directory, not jitcell's key.\nFix: remove it (jitcell then makes "
                                   f"a new key), or set {KEY_ENV} to another file.") from None
        if len(key) != _KEY_BYTES:
            raise UnsafeCacheError(f"{path} is not a jitcell key ({len(key)} bytes, not {_KEY_BYTES}).\nFix: remove "
                                   "it; jitcell makes a new one (and rebuilds the entries the old one signed).")
        _keys[path] = key
    return key


def _create_key(path: str) -> None:
    """32 random bytes, written under a name of its own and then linked into place, so that no
    process reads half a key, and of two processes making it at once one key wins."""
    folder = os.path.dirname(path)
    files.make_directories(folder)
    temporary = f"{path}.{os.urandom(8).hex()}.new"
    files.write_new(temporary, os.urandom(_KEY_BYTES), 0o600)  # O_CREAT | O_EXCL | O_NOFOLLOW, 0600
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process made it first: its key is the key
    except OSError:
        os.rename(temporary, path)  # no hard links on this file system
        return
    os.unlink(temporary)
