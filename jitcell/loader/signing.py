"""Signatures on what jitcell writes to its cache: HMAC-SHA256 with a key only this user can read.

    >>> text = json.dumps(sign(manifest))         # {..., "hmac": "5be1..."}
    >>> forgery(json.loads(text))                 # pops "hmac"; None if it is right, else why not
    >>> forgery(json.loads(edited_text))
    "carries a signature that does not match (changed since jitcell wrote it, or signed with another key)"

The signature covers the canonical JSON of the document without its "hmac" field
(`json.dumps(sort_keys=True, separators=(",", ":"))`). The key is 32 random bytes in
`<user config dir>/jitcell/key` (`JITCELL_KEY_FILE` moves it), made on first use, refused
unless it is a regular file of this user's that group and others cannot read or write.
Whoever can write the cache but cannot read the key cannot make jitcell load anything:
a library needs its sha256 in a manifest, and a manifest needs this signature. A lost
key only costs a rebuild: every entry then fails its check and is compiled again.

Why not the standard library's `hmac`: importing it imports hashlib, which loads OpenSSL,
3.5 to 9 ms in a fresh process, more than everything else a cache hit checks. HMAC
(RFC 2104) is a few lines on CPython's built-in sha256 (`sha256()` below, the same one
cache keys use); tests/security/test_cache_signature.py checks it against `hmac` on the
RFC 4231 test vectors and on random keys and messages.
"""

from __future__ import annotations

import os
import sys
from _operator import _compare_digest

from jitcell.errors import UnsafeCacheError

from . import files, jsontext

__all__ = ["sha256", "blake2b", "hmac_sha256", "sign", "forgery", "canonical", "key_path", "secret_key", "KEY_ENV"]

KEY_ENV = "JITCELL_KEY_FILE"
_KEY_BYTES = 32
_BLOCK = 64  # sha256's block size
_INNER = bytes(b ^ 0x36 for b in range(256))  # bytes.translate tables: each key byte xor ipad, opad
_OUTER = bytes(b ^ 0x5C for b in range(256))

_keys: dict[str, bytes] = {}
_sha256: list = []
_blake2b: list = []


def sha256():
    """CPython's built-in sha256: the same digest as hashlib's, without loading OpenSSL (~3 ms).
    Found once: a failed import searches sys.path again each time (~50 us on CPython 3.11)."""
    if not _sha256:
        try:  # a failed import searches every folder of sys.path (~0.15 ms): the right name first
            if sys.version_info >= (3, 12):
                from _sha2 import sha256 as implementation
            else:
                from _sha256 import sha256 as implementation
        except ImportError:
            from hashlib import sha256 as implementation
        _sha256.append(implementation)
    return _sha256[0]


def blake2b():
    """CPython's built-in BLAKE2b, as hashlib's (which would load OpenSSL): the digest of libraries,
    which it hashes at three times the speed of the built-in sha256."""
    if not _blake2b:
        try:
            from _blake2 import blake2b as implementation
        except ImportError:
            from hashlib import blake2b as implementation
        _blake2b.append(implementation)
    return _blake2b[0]


def hmac_sha256(key: bytes, message: bytes, *more: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || message)), K padded to a block.
    `more`: further parts of the message, hashed after it without joining them."""
    hash_ = sha256()
    if len(key) > _BLOCK:
        key = hash_(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = hash_(key.translate(_INNER))
    inner.update(message)
    for part in more:
        inner.update(part)
    return hash_(key.translate(_OUTER) + inner.digest()).digest()


def canonical(document: dict) -> bytes:
    """The bytes a signature covers: the document's JSON with sorted keys and no spaces."""
    return jsontext.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def sign(document: dict) -> dict:
    """`document` with an "hmac" field that `forgery` accepts (a JSON round trip must give it back
    unchanged: call it on what json.loads returns)."""
    unsigned = {k: v for k, v in document.items() if k != "hmac"}
    return {**unsigned, "hmac": hmac_sha256(secret_key(), canonical(unsigned)).hex()}


def forgery(document: dict) -> str | None:
    """Remove the "hmac" field from `document`; None if it is the signature jitcell wrote with this
    user's key over the rest, else what is wrong (the document must then not be used)."""
    claimed = document.pop("hmac", None)
    if not isinstance(claimed, str):
        return "carries no signature (not written by this version of jitcell)"
    expected = hmac_sha256(secret_key(), canonical(document)).hex()
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
