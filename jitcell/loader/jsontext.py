"""JSON on the cache-hit path, without importing the json package.

    >>> loads(b'{"key":"3f9c...","slots":[{"baked":140188522631232}]}')
    {'key': '3f9c...', 'slots': [{'baked': 140188522631232}]}
    >>> dumps({"b": 1, "a": [1.5, None]}, sort_keys=True, separators=(",", ":"))
    '{"a":[1.5,null],"b":1}'

`import json` costs a fresh process ~1.1 ms, most of it compiling the six regular expressions
its Python half keeps for the cases CPython's C half does not take. A cache hit reads JSON that
jitcell wrote (manifests, signed records) and writes the canonical JSON of cache keys and
signatures, which the C half does alone: so this module sets up `_json`'s scanner and encoder
exactly as `json.loads` and `json.dumps` (without `indent`) set them up, and the text and values
are json's own (tests/test_jsontext.py compares them on random documents). Where `_json` is
missing (another Python), it is json itself. Malformed text raises ValueError, as json.loads does.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["loads", "dumps"]

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
