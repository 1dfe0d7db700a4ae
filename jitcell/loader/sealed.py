"""Manifests as the cache stores them: sealed, and read field by field as they are used.

    >>> data = seal(manifest)                  # what Cache.publish writes, once manifest.problem passed
    >>> data.decode().splitlines()[:3]
    ['{"hmac":"5be1...",', '"abi":15,', '"callees":[],']
    >>> found = unseal(data)                   # a Manifest if the seal is this user's over these bytes, else None
    >>> found["slots"]                         # parsed now; "source", "globals", "sites"... when first read

The seal is an HMAC-SHA256 with the user's key (signing.py) over the bytes of the lines after
it, prefixed with a purpose that no other signed document has (a toolchain record or the
settings, signed with the same key, are no seal). Checking it costs one pass of sha256 over the
bytes as they are: no JSON is parsed, written again or checked field by field before the
bytes are known to be the ones `Cache.publish` wrote after `manifest.problem` accepted them.
So a cache hit pays neither for the shape check (~7 ms for the runtime library's 270 functions
and 330 error sites) nor for parsing what it does not read (the runtime's source, its linker's
globals and exports); the file is still plain JSON, which `json.loads` reads whole.
"""

from __future__ import annotations

import json
from _operator import _compare_digest

from .signing import hmac_sha256, secret_key

__all__ = ["seal", "unseal", "Manifest"]

_PURPOSE = b"jitcell sealed manifest 1\n"
_ABSENT = object()
_HEAD = b'{"hmac":"'
_BODY = len(_HEAD) + 64 + len(b'",\n')


def seal(document: dict) -> bytes:
    """The bytes of `document` sealed: valid JSON (`json.loads` gives the document and its "hmac"),
    its fields sorted, one per line (`"name":value`), after the line of the seal."""
    fields = sorted((k, v) for k, v in document.items() if k != "hmac")
    body = ",\n".join(f"{json.dumps(k)}:{json.dumps(v, sort_keys=True, separators=(',', ':'))}"
                      for k, v in fields).encode() + b"}\n"
    return _HEAD + hmac_sha256(secret_key(), _PURPOSE, body).hex().encode() + b'",\n' + body


def unseal(data: bytes) -> Manifest | None:
    """The manifest `data` holds if it carries the seal made with this user's key over exactly its
    bytes; else None (not sealed, or not by this user: then it is read as any signed document)."""
    if not data.startswith(_HEAD) or data[_BODY - 3:_BODY] != b'",\n':
        return None
    body = data[_BODY:]
    if not _compare_digest(data[len(_HEAD):_BODY - 3], hmac_sha256(secret_key(), _PURPOSE, body).hex().encode()):
        return None
    fields = {}
    for line in body.split(b"\n")[:-1]:  # each '"name":value' then "," (the last one "}"); a final "\n"
        colon = line.index(b'":')
        fields[line[1:colon].decode()] = line[colon + 2:-1]
    manifest = Manifest(fields)
    manifest["key"]  # parsed at once: C code that sees an empty dict's storage takes it for {} (json.dumps)
    return manifest


class Manifest(dict):
    """A sealed manifest, a dict whose fields are parsed from their JSON text when first read.
    Reading one field parses that field; anything that sees the whole (iteration, ==, copy,
    json.dumps, pickling) parses the rest first, after which it is an ordinary dict. Threads may
    read it at once (a field parsed twice is stored once)."""

    __slots__ = ("_unread",)

    def __init__(self, fields: dict[str, bytes]):
        super().__init__()
        self._unread = fields

    def __missing__(self, name: str):
        text = self._unread.get(name)
        if text is not None:
            dict.setdefault(self, name, json.loads(text))  # stored first, then taken off the unread
            self._unread.pop(name, None)
        value = dict.get(self, name, _ABSENT)
        if value is _ABSENT:
            raise KeyError(name)
        return value

    def _read_all(self) -> None:
        for name in list(self._unread):
            self.__missing__(name)

    def get(self, name, default=None):
        if name in self._unread:
            return self.__missing__(name)
        return super().get(name, default)

    def __contains__(self, name) -> bool:
        return name in self._unread or super().__contains__(name)

    def __len__(self) -> int:
        return len(dict.keys(self) | self._unread.keys())

    def __bool__(self) -> bool:
        return bool(self._unread) or super().__len__() > 0

    def __setitem__(self, name, value) -> None:
        self._unread.pop(name, None)
        super().__setitem__(name, value)

    def __delitem__(self, name) -> None:
        self._read_all()
        super().__delitem__(name)

    def __eq__(self, other) -> bool:
        self._read_all()
        return super().__eq__(other)

    def __ne__(self, other) -> bool:
        self._read_all()
        return super().__ne__(other)

    __hash__ = None  # unhashable, as a dict

    def __reduce_ex__(self, protocol):  # a pickle or a copy of it is a plain dict
        self._read_all()
        return dict, (dict(super().items()),)


def _whole(method: str):
    """`method` of dict, after every field is parsed."""
    inherited = getattr(dict, method)

    def whole(self, *args, **kwargs):
        self._read_all()
        return inherited(self, *args, **kwargs)

    whole.__name__ = method
    return whole


for _method in ("__iter__", "__reversed__", "__repr__", "__or__", "__ror__", "__ior__", "keys", "values", "items",
                "copy", "pop", "popitem", "setdefault", "update", "clear"):
    setattr(Manifest, _method, _whole(_method))
