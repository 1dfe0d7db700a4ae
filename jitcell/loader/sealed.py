"""Manifests as the cache stores them: sealed, and read field by field as they are used.

    >>> data = seal(manifest)                  # what Cache.publish writes, once manifest.problem passed
    >>> data.decode().splitlines()[:3]
    ['{"mac":"5be1...:9f0c...:...",', '"abi":15,', '"callees":[],']
    >>> found = unseal(data)                   # a Manifest if the seal is this user's over these bytes, else None
    >>> found["slots"]                         # parsed now; "source", "globals", "sites"... when first read

The manifest's fields are written one per line (`"name":value,`) after the line of the seal, whose
"mac" holds a MAC with the user's key (keyed BLAKE2b, signing.py), then the BLAKE2b-256 of each line
after it: the MAC covers a purpose that no other signed document has (a toolchain record or the
settings, signed with the same key, are no seal) and that list of digests. Checking it costs one MAC
over the list; each line is then checked against its digest before it is parsed: at once for every
field a load reads, and when first read for the bulky ones only messages and tools read (`LATER`:
the source, the linker's tables, the error sites; a line that fails then raises CacheError). So no
JSON is parsed, written again or checked field by field before its bytes are known to be the ones
`Cache.publish` wrote after `manifest.problem` accepted them, and a cache hit hashes neither the
runtime library's 170 kB of source nor its linker's tables (two thirds of its 380 kB manifest) nor
parses them; the file is still plain JSON, which `json.loads` reads whole.
"""

from __future__ import annotations

from _operator import _compare_digest

from jitcell.errors import CacheError

from . import jsontext
from .signing import digest, mac, secret_key

__all__ = ["seal", "unseal", "Manifest", "LATER"]

_PURPOSE = b"jitcell sealed manifest 3\n"
_ABSENT = object()
_HEAD = b'{"mac":"'
_END = b'",\n'
_DIGEST = 64  # hex digits of a MAC or a digest (256 bits)
# checked and parsed when first read: what only messages (error notes), the linker and tools read
LATER = frozenset(("source", "globals", "exports", "sections", "sites"))


def seal(document: dict) -> bytes:
    """The bytes of `document` sealed: valid JSON (`json.loads` gives the document and its "mac"),
    its fields sorted, one per line (`"name":value`), after the line of the seal."""
    fields = sorted((k, v) for k, v in document.items() if k != "mac")
    lines = [f"{jsontext.dumps(k)}:{jsontext.dumps(v, sort_keys=True, separators=(',', ':'))}".encode() + b","
             for k, v in fields]
    lines[-1] = lines[-1][:-1] + b"}"
    digests = b":".join(digest(line).encode() for line in lines)
    return (_HEAD + mac(secret_key(), _PURPOSE, digests).hex().encode() + b":" + digests + _END
            + b"\n".join(lines) + b"\n")


def unseal(data: bytes, later: frozenset[str] = LATER) -> Manifest | None:
    """The manifest `data` holds if it carries the seal made with this user's key over the digests of
    its lines, and every line a load reads matches its digest; else None (not sealed, not by this user,
    or changed: then it is read as any signed document). The lines of the fields `later` are checked
    when first read."""
    end = data.find(_END, len(_HEAD))
    if not data.startswith(_HEAD) or end < 0:
        return None
    claimed, digests = data[len(_HEAD):len(_HEAD) + _DIGEST], data[len(_HEAD) + _DIGEST + 1:end]
    if not _compare_digest(claimed, mac(secret_key(), _PURPOSE, digests).hex().encode()):
        return None
    fields: dict[str, tuple[int, int, int, bytes | None]] = {}  # name -> its line, its value, its digest
    start = end + len(_END)
    for line_digest in digests.split(b":"):  # each line '"name":value' then "," (the last one "}"), then "\n"
        stop = data.find(b"\n", start)
        colon = data.find(b'":', start, stop)
        if stop < 0 or colon < 0:
            return None
        try:
            name = data[start + 1:colon].decode()
        except UnicodeDecodeError:
            return None
        fields[name] = (start, colon + 2, stop, line_digest)
        start = stop + 1
    if start != len(data):
        return None
    manifest = Manifest(data, fields)
    if not all(manifest.intact(name) for name in fields if name not in later):
        return None
    manifest["key"]  # parsed at once: C code that sees an empty dict's storage takes it for {} (json.dumps)
    return manifest


class Manifest(dict):
    """A sealed manifest, a dict whose fields are parsed from their JSON text when first read, once
    the text matches its digest under the seal (CacheError if it does not). Reading one field parses
    that field; anything that sees the whole (iteration, ==, copy, json.dumps, pickling) parses the
    rest first, after which it is an ordinary dict. Threads may read it at once (a field parsed twice
    is stored once)."""

    __slots__ = ("_data", "_unread")

    def __init__(self, data: bytes, fields: dict[str, tuple[int, int, int, bytes | None]]):
        super().__init__()
        self._data = data
        self._unread = fields

    def intact(self, name: str) -> bool:
        """Whether the line of field `name`, not parsed yet, is the one the seal covers (then it is
        not hashed again)."""
        start, value, stop, expected = self._unread[name]
        if expected is None:
            return True
        if not _compare_digest(digest(memoryview(self._data)[start:stop]).encode(), expected):
            return False
        self._unread[name] = (start, value, stop, None)
        return True

    def all_intact(self) -> bool:
        """Whether every field not parsed yet is the one the seal covers (what `verify` asks)."""
        return all(self.intact(name) for name in list(self._unread))

    def __missing__(self, name: str):
        found = self._unread.get(name)
        if found is not None:
            if not self.intact(name):
                raise CacheError(f"the manifest of cache entry {dict.get(self, 'key', '?')} changed after its seal "
                                 f"was made (field {name!r}): the entry is corrupt.\nFix: run `python -m jitcell "
                                 "cache verify`, which removes it; the cell is then compiled again.")
            _, value, stop, _ = found
            dict.setdefault(self, name, jsontext.loads(self._data[value:stop - 1]))  # stored first, then taken off
            self._unread.pop(name, None)
            if not self._unread:
                self._data = b""  # every field parsed: the text is no longer needed
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
