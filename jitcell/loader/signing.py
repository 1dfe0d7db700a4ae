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

The JSON text of what is signed and read back is json's, without importing the json package:

    >>> loads(b'{"key":"3f9c...","slots":[{"baked":140188522631232}]}')
    {'key': '3f9c...', 'slots': [{'baked': 140188522631232}]}
    >>> dumps({"b": 1, "a": [1.5, None]}, sort_keys=True, separators=(",", ":"))
    '{"a":[1.5,null],"b":1}'

`import json` costs a fresh process ~1.1 ms, most of it compiling the six regular expressions
its Python half keeps for the cases CPython's C half does not take. A cache hit reads JSON that
jitcell wrote (manifests, signed records) and writes the canonical JSON of cache keys and
signatures, which the C half does alone: so `loads` and `dumps` set up `_json`'s scanner and encoder
exactly as `json.loads` and `json.dumps` (without `indent`) set them up, and the text and values
are json's own (tests/test_json_text.py compares them on random documents). Where `_json` is
missing (another Python), it is json itself. Malformed text raises ValueError, as json.loads does.
"""

from __future__ import annotations

import os
import sys
from _operator import _compare_digest
from collections.abc import Callable

from jitcell.errors import UnsafeCacheError

from . import files

__all__ = ["blake2b", "digest", "mac", "sign", "forgery", "canonical", "key_path", "secret_key", "KEY_ENV", "loads",
           "dumps"]

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
    return dumps(document, sort_keys=True, separators=(",", ":")).encode()


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


# ---- JSON text, without the json package ----------------------------------------

_WHITESPACE = " \t\n\r"  # what json.loads skips around the value
_CONSTANTS = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}


class _Decoding:
    """The settings `_json.make_scanner` reads, as json.JSONDecoder() has them by default."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = _CONSTANTS.__getitem__


def _not_serializable(value: object):
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


_scanner: list[Callable] = []
_encoders: dict[tuple, Callable] = {}


def _json_module():
    import json  # where CPython's accelerator is missing

    return json


def loads(text: str | bytes):
    """json.loads(text) for a str, or bytes in UTF-8 (jitcell writes ASCII)."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("utf-8", "surrogatepass")
    if not _scanner:
        try:
            from _json import make_scanner
        except ImportError:
            _scanner.append(lambda s, i: _json_module().JSONDecoder().raw_decode(s, i))
        else:
            # typeshed types the settings as the scanner class itself; the C code reads their attributes
            _scanner.append(make_scanner(_Decoding()))  # type: ignore[arg-type]
    start = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        value, end = _scanner[0](text, start)
    except StopIteration as stop:
        raise ValueError(f"Expecting value: char {stop.value}") from None
    if text[end:].strip(_WHITESPACE):
        raise ValueError(f"Extra data: char {end}")
    return value


def dumps(value: object, *, sort_keys: bool = False, separators: tuple[str, str] | None = None) -> str:
    """json.dumps(value, sort_keys=..., separators=...) (ensure_ascii, allow_nan, no indent)."""
    item, key = separators if separators is not None else (", ", ": ")
    encoder = _encoders.get((sort_keys, item, key))
    if encoder is None:
        try:
            from _json import encode_basestring_ascii, make_encoder
        except ImportError:
            json = _json_module()
            return json.dumps(value, sort_keys=sort_keys, separators=separators)
        # json.JSONEncoder.iterencode's arguments: circular checks, default, the str encoder, indent,
        # the separators, sort_keys, skipkeys, allow_nan
        encoder = _encoders[(sort_keys, item, key)] = lambda v: make_encoder(
            {}, _not_serializable, encode_basestring_ascii, None, key, item, sort_keys, False, True)(v, 0)
    return "".join(encoder(value))
