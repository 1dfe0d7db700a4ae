"""Manifests as the cache stores them: sealed, and read field by field as they are used.

    >>> data = seal(manifest)                  # what Cache.publish writes, once manifest.problem passed
    >>> data.decode().splitlines()[:3]
    ['{"mac":"5be1...:9f0c...:...",', '"abi":20,', '"callees":[],']
    >>> found = unseal(data)                   # a Manifest if the seal is this user's over these bytes, else None
    >>> found = read(path)                     # the same from a file, whose bulky end is read when first needed
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

The bulky fields are written last (`TAIL`), so a load reads only the start of a long manifest
(`read`: the first 16 kB, of the runtime library's 380 kB); the rest is read, from the file kept
open, when a field of it is first needed. A process thus never reads what it does not use, and a
manifest replaced or removed meanwhile (a rebuild, a cache clear) still gives the bytes it sealed.
"""

from __future__ import annotations

import os
from _operator import _compare_digest
from _thread import allocate_lock

from jitcell.errors import CacheError

from . import files, signing
from .signing import digest, mac, secret_key

__all__ = ["seal", "unseal", "read", "Manifest", "LATER", "TAIL"]

_PURPOSE = b"jitcell sealed manifest 4\n"  # 4: TAIL last
_ABSENT = object()
_HEAD = b'{"mac":"'
_END = b'",\n'
_DIGEST = 64  # hex digits of a MAC or a digest (256 bits)
# checked and parsed when first read: what only messages (error notes), the linker and tools read
LATER = frozenset(("source", "globals", "exports", "sections", "sites"))
# written last, in this order: what a load may leave unread (LATER, and the function rows of a library
# Python calls no function of: the runtime's), so that all a load reads is at the start of the file
TAIL = ("functions", "exports", "globals", "sections", "sites", "source")
FIRST_READ = 1 << 14  # bytes a load reads of a manifest at first: all of most (of the runtime's, the 7 kB a load uses)

# a field's line: (the bytes holding it, where it starts, where its value starts, where it ends, its
# digest; None once checked)
_Line = tuple[bytes, int, int, int, "bytes | None"]


def seal(document: dict) -> bytes:
    """The bytes of `document` sealed: valid JSON (`json.loads` gives the document and its "mac"),
    its fields one per line (`"name":value`), sorted, those of TAIL last, after the line of the seal."""
    fields = sorted(((k, v) for k, v in document.items() if k != "mac"), key=_place)
    lines = [f"{signing.dumps(k)}:{signing.dumps(v, sort_keys=True, separators=(',', ':'))}".encode() + b","
             for k, v in fields]
    lines[-1] = lines[-1][:-1] + b"}"
    digests = b":".join(digest(line).encode() for line in lines)
    return (_HEAD + mac(secret_key(), _PURPOSE, digests).hex().encode() + b":" + digests + _END
            + b"\n".join(lines) + b"\n")


def _place(field: tuple[str, object]) -> tuple[int, str]:
    name = field[0]
    return (TAIL.index(name) + 1 if name in TAIL else 0), name


def unseal(data: bytes, later: frozenset[str] = LATER) -> Manifest | None:
    """The manifest `data` holds if it carries the seal made with this user's key over the digests of
    its lines, and every line a load reads matches its digest; else None (not sealed, not by this user,
    or changed: then it is read as any signed document). The lines of the fields `later` are checked
    when first read."""
    head = _head(data)
    if head is None:
        return None
    digests, start = head
    found = _lines(data, start, digests)
    if found is None or found[1] != len(digests) or found[2] != len(data):
        return None
    return _checked(Manifest(found[0]), later)


def read(path: str, later: frozenset[str] = LATER) -> Manifest | None:
    """unseal() of the file at `path` (a cache file, opened as files.open_regular checks it), of whose
    bytes only the first FIRST_READ are read if the lines after them are all of fields `later` (the
    TAIL): those are read when one is first needed, from the file, kept open until then. None if it is
    not sealed (then read it as any signed document). FileNotFoundError if it is missing."""
    fd = files.open_regular(path)
    keep = False
    try:
        size = os.fstat(fd).st_size
        data = _pread(fd, min(size, FIRST_READ), 0)
        head = _head(data) if size > FIRST_READ else None
        digests, found = (head[0], _lines(data, head[1], head[0])) if head is not None else ([], None)
        # short, not a seal of ours, or a field a load reads comes next: all of it
        if found is None or found[1] == len(digests) or _name_at(data, found[2]) not in later:
            return unseal(data + _pread(fd, size - len(data), len(data)), later)
        fields, count, end = found
        keep = True  # the manifest's now: closed when its rest is read, or when it is refused
        return _checked(Manifest(fields, (fd, end, size, digests[count:])), later)
    finally:
        if not keep:
            os.close(fd)


def _pread(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes of the file at `offset`, fewer only at its end."""
    chunks = []
    while size > 0 and (chunk := os.pread(fd, size, offset)):
        chunks.append(chunk)
        size -= len(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _head(data: bytes) -> tuple[list[bytes], int] | None:
    """(the digests of the lines, where the first line starts), if the line of the seal is complete in
    `data` and its MAC is this user's over them; else None."""
    end = data.find(_END, len(_HEAD))
    if not data.startswith(_HEAD) or end < 0:
        return None
    claimed, digests = data[len(_HEAD):len(_HEAD) + _DIGEST], data[len(_HEAD) + _DIGEST + 1:end]
    if not _compare_digest(claimed, mac(secret_key(), _PURPOSE, digests).hex().encode()):
        return None
    return digests.split(b":"), end + len(_END)


def _lines(data: bytes, start: int, digests: list[bytes]) -> tuple[dict[str, _Line], int, int] | None:
    """The fields of the lines complete in `data` from `start`, one for each of `digests` (fewer if
    `data` ends first): (name -> its line, how many, where the next line starts); None if one is not
    a field's line. A line is '"name":value' then "," (the last one "}"), then "\n"."""
    fields: dict[str, _Line] = {}
    for count, line_digest in enumerate(digests):
        stop = data.find(b"\n", start)
        if stop < 0:
            return fields, count, start
        colon = data.find(b'":', start, stop)
        if colon < 0:
            return None
        try:
            name = data[start + 1:colon].decode()
        except UnicodeDecodeError:
            return None
        fields[name] = (data, start, colon + 2, stop, line_digest)
        start = stop + 1
    return fields, len(digests), start


def _name_at(data: bytes, start: int) -> str | None:
    """The name of the field whose line starts at `start`, if `data` holds it."""
    colon = data.find(b'":', start)
    try:
        return data[start + 1:colon].decode() if colon > start else None
    except UnicodeDecodeError:
        return None


def _checked(manifest: Manifest, later: frozenset[str]) -> Manifest | None:
    """`manifest` if every line of a field not `later` matches its digest, else None."""
    if not all(manifest.intact(name) for name in list(manifest._unread) if name not in later):
        manifest.close()
        return None
    manifest["key"]  # parsed at once: C code that sees an empty dict's storage takes it for {} (json.dumps)
    return manifest


class Manifest(dict):
    """A sealed manifest, a dict whose fields are parsed from their JSON text when first read, once
    the text matches its digest under the seal (CacheError if it does not). Reading one field parses
    that field; anything that sees the whole (iteration, ==, copy, json.dumps, pickling) parses the
    rest first, after which it is an ordinary dict. Threads may read it at once (a field parsed twice
    is stored once; the rest of the file is read once).

    `rest`: (the file, open; where the lines not read yet start; its size; their digests), for a
    manifest `read` left the end of: fields of TAIL (the only ones seal() writes there) not among the
    lines read are looked for there."""

    __slots__ = ("_unread", "_rest", "_lock")

    def __init__(self, fields: dict[str, _Line], rest: tuple[int, int, int, list[bytes]] | None = None):
        super().__init__()
        self._unread = fields
        self._rest = rest
        self._lock = allocate_lock() if rest is not None else None

    def intact(self, name: str) -> bool:
        """Whether the line of field `name`, not parsed yet, is the one the seal covers (then it is
        not hashed again)."""
        data, start, value, stop, expected = self._unread[name]
        if expected is None:
            return True
        if not _compare_digest(digest(memoryview(data)[start:stop]).encode(), expected):
            return False
        self._unread[name] = (data, start, value, stop, None)
        return True

    def all_intact(self) -> bool:
        """Whether every field not parsed yet is the one the seal covers (what `verify` asks)."""
        self._read_rest()
        return all(self.intact(name) for name in list(self._unread))

    def _read_rest(self) -> None:
        """The lines `read` left in the file, read now (CacheError if they are not the sealed ones)."""
        if self._rest is None or self._lock is None:
            return
        with self._lock:
            if self._rest is None:
                return
            fd, start, size, digests = self._rest
            try:
                data = _pread(fd, size - start, start)
            except OSError as error:
                raise self._corrupt(f"its end could not be read: {error}") from None
            finally:
                self.close()
            found = _lines(data, 0, digests)
            if found is None or found[1] != len(digests) or found[2] != len(data):
                raise self._corrupt("its end is not the lines of its seal")
            self._unread.update(found[0])

    def close(self, _close=os.close) -> None:
        """Close the file of the lines not read yet (a manifest refused, or no longer needed). `_close`:
        os.close, bound here, as a manifest alive until the interpreter exits outlives the os module."""
        rest, self._rest = self._rest, None
        if rest is not None:
            try:
                _close(rest[0])
            except OSError:
                pass

    def __del__(self) -> None:
        self.close()

    def _corrupt(self, what: str) -> CacheError:
        return CacheError(f"the manifest of cache entry {dict.get(self, 'key', '?')} changed after its seal was "
                          f"made ({what}): the entry is corrupt.\nFix: run `python -m jitcell cache verify`, which "
                          "removes it; the cell is then compiled again.")

    def __missing__(self, name: str):
        found = self._unread.get(name)
        if found is None and name in TAIL:  # the only fields a rest not read yet can hold
            self._read_rest()
            found = self._unread.get(name)
        if found is not None:
            if not self.intact(name):
                raise self._corrupt(f"field {name!r}")
            data, _, value, stop, _ = found
            dict.setdefault(self, name, signing.loads(data[value:stop - 1]))  # stored first, then taken off
            self._unread.pop(name, None)
        value = dict.get(self, name, _ABSENT)
        if value is _ABSENT:
            raise KeyError(name)
        return value

    def _read_all(self) -> None:
        self._read_rest()
        for name in list(self._unread):
            self.__missing__(name)

    def get(self, name, default=None):
        if name in self._unread or (self._rest is not None and name in TAIL and not super().__contains__(name)):
            try:
                return self.__missing__(name)
            except KeyError:
                return default
        return super().get(name, default)

    def __contains__(self, name) -> bool:
        if name in self._unread or super().__contains__(name):
            return True
        if name in TAIL:
            self._read_rest()
        return name in self._unread

    def __len__(self) -> int:
        self._read_rest()
        return len(dict.keys(self) | self._unread.keys())

    def __bool__(self) -> bool:
        return bool(self._unread) or self._rest is not None or super().__len__() > 0

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
