"""Tuple keys of runtime tables at the boundary: Python tuples <-> key words (source_keys.py).

    kinds = key_kinds("tuple[int, str]")                  # the table's key bits: kind 2, words, masks
    word = key_word((1, "a"), "tuple[int, str]", owned, "an element of f() argument 's'")
    key_value(word, "tuple[int, str]")                    # (1, "a")

A tuple key is kept by a table as a key object (kind 5) whose words follow its header; the
key word is its address + 24. `key_word` makes one (owned by the caller, appended to `owned`
as the object's address) after checking every item against the type, as the other
conversions do (TypeError naming what is wrong).
"""

from __future__ import annotations

import ctypes
import functools
import struct

from jitcell import runtime

__all__ = ["is_tuple_key", "key_kinds", "key_word", "key_value", "split_type"]

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_KEY_OFFSET = 24  # a key word is its key object's address + 24


def is_tuple_key(name: str) -> bool:
    return name.startswith("tuple[")


def split_type(text: str) -> list[str]:
    """"int, tuple[int, str]" -> ["int", "tuple[int, str]"]: the top-level items of a type list."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c == "[") - (c == "]")
        if c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


@functools.cache
def _scalars(name: str) -> tuple[str, ...]:
    """The scalar type of each word of a tuple key: "tuple[int, complex]" -> ("int", "float", "float")."""
    if name.startswith("tuple["):
        return tuple(w for item in split_type(name[len("tuple["):-1]) for w in _scalars(item))
    return ("float", "float") if name == "complex" else (name,)


@functools.cache
def key_kinds(name: str) -> int:
    """The key bits of a table's kinds word for tuple keys of type `name` (source_keys.py)."""
    words = _scalars(name)
    objects = sum(1 << i for i, w in enumerate(words) if w == "str")
    floats = sum(1 << i for i, w in enumerate(words) if w == "float")
    return 2 | len(words) << 16 | objects << 24 | floats << 40


def _flatten(value, name: str, out: list, what: str, whole: str) -> None:
    if name.startswith("tuple["):
        items = split_type(name[len("tuple["):-1])
        if not isinstance(value, tuple) or len(value) != len(items):
            found = f"tuple of length {len(value)}" if isinstance(value, tuple) else type(value).__name__
            raise TypeError(f"{what} must be {whole}, not {found}")
        for item, item_name in zip(value, items, strict=True):
            _flatten(item, item_name, out, what, whole)
    elif name == "complex":
        if isinstance(value, (str, bytes)) or not any(hasattr(type(value), m) for m in
                                                      ("__complex__", "__float__", "__index__")):
            raise TypeError(f"{what} must be {whole}, not a tuple containing {type(value).__name__}")
        z = complex(value)
        out += [("float", z.real), ("float", z.imag)]
    elif name == "float":
        if isinstance(value, (str, bytes)) or not hasattr(type(value), "__float__"):
            raise TypeError(f"{what} must be {whole}, not a tuple containing {type(value).__name__}")
        out.append(("float", float(value)))
    elif name == "bool":
        if type(value).__name__ not in ("bool", "bool_"):
            raise TypeError(f"{what} must be {whole}, not a tuple containing {type(value).__name__}")
        out.append(("int", int(bool(value))))
    elif name == "str":
        if not isinstance(value, str):
            raise TypeError(f"{what} must be {whole}, not a tuple containing {type(value).__name__}")
        out.append(("str", value))
    else:
        if isinstance(value, float) or not hasattr(type(value), "__index__"):
            raise TypeError(f"{what} must be {whole}, not a tuple containing {type(value).__name__}")
        number = value.__index__()
        if not _INT_MIN <= number <= _INT_MAX:
            raise OverflowError(f"{what}: {number} does not fit in a 64-bit int")
        out.append(("int", number))


def key_word(value, name: str, owned: list, what: str) -> int:
    """A new key object holding the tuple `value` (checked against `name`): its key word. The
    object is appended to `owned` (the caller releases it once a table keeps its own)."""
    parts: list = []
    _flatten(value, name, parts, what, name)
    strs: list[int] = []
    try:
        words = []
        for kind, item in parts:
            if kind == "str":
                strs.append(runtime.new_str(item))
                words.append(strs[-1])
            elif kind == "float":
                words.append(struct.unpack("<q", struct.pack("<d", item))[0])
            else:
                words.append(item)
        block = (ctypes.c_int64 * max(len(words), 1))(*words)
        word = runtime.call("key_keep", key_kinds(name), ctypes.addressof(block))
        if word == 0:
            raise MemoryError
    finally:
        for obj in strs:  # the key object keeps its own references
            runtime.call("obj_release", obj)
    owned.append(word - _KEY_OFFSET)
    return word


def key_value(word: int, name: str):
    """The Python tuple a key word holds (the table's words stay as they are)."""
    words = iter((ctypes.c_int64 * len(_scalars(name))).from_address(word))
    return _value(words, name)


def _value(words, name: str):
    if name.startswith("tuple["):
        return tuple(_value(words, item) for item in split_type(name[len("tuple["):-1]))
    if name == "complex":
        real, imag = struct.unpack("<dd", struct.pack("<qq", next(words), next(words)))
        return complex(real, imag)
    word = next(words)
    if name == "float":
        return struct.unpack("<d", struct.pack("<q", word))[0]
    if name == "bool":
        return word != 0
    if name == "str":
        return runtime.read_str(word)
    return word
