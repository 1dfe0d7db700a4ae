"""Python values <-> the runtime library's objects, at the boundary of a compiled call.

    table = to_table({"a": 1}, "dict[str, int]", "count", "d")   # a copy, owned by the caller
    read_table(table, "dict[str, int]")                           # {"a": 1}
    table = to_set_table({1, 2}, "set[int]", "f", "s")           # a runtime set holding a copy
    reflect_set(caller_set, read_set(table, "set[int]"))          # the caller's set now equals the table

The tables of the boundary (runtime/lists.py, whose `Boundary` decides when to copy and
reflect lists, dicts and sets alike). A dict argument is copied in (its keys and values
checked against the parameter's types, with TypeError naming the parameter; a subclass
whose behaviour the copy would lose, such as defaultdict or Counter, is refused); a set
argument too (each element checked, a frozenset refused). After a call that changed it, the
caller's dict gets the table's items, the caller's set the table's elements (only what
differs is touched).
A table stores 8-byte words: ints as is, floats as their bits, bools as 0/1, strs
as object addresses (see runtime/source.py).
"""

from __future__ import annotations

import collections
import struct

from jitcell import runtime

from .keys import is_tuple_key, key_kinds, key_value, split_type
from .keys import key_word as _key_word

__all__ = ["dict_types", "to_table", "from_table", "read_table", "table_kinds", "check_dict", "key_word",
           "table_words", "KEY_KINDS", "key_kinds_of", "to_set_table", "read_set", "reflect_set"]

_PACK_DOUBLE, _UNPACK_DOUBLE = struct.Struct("<d").pack, struct.Struct("<q").unpack
_PACK_WORD, _UNPACK_WORD = struct.Struct("<q").pack, struct.Struct("<d").unpack
_KEY_KINDS = {"int": 0, "str": 1}
_VALUE_KINDS = {"int": 0, "float": 1, "bool": 2, "str": 3}
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def dict_types(name: str) -> tuple[str, str]:
    """"dict[str, int]" -> ("str", "int")."""
    key, value = split_type(name[len("dict["):-1])
    return key, value


def table_kinds(name: str) -> int:
    key, value = dict_types(name)
    return _key_kinds(key) | _VALUE_KINDS[value] << 8


def _key_kinds(key: str) -> int:
    return key_kinds(key) if is_tuple_key(key) else _KEY_KINDS[key]


KEY_KINDS = _KEY_KINDS


def key_kinds_of(key: str) -> int:
    """The key bits of a table's kinds word for keys of type `key` (int, str or a tuple)."""
    return _key_kinds(key)


def key_word(value, kind: str, owned: list, what: str) -> int:
    """A key as the table stores it (a str key's object is appended to `owned`)."""
    return _word(value, kind, owned, what)


def table_words(table: int, key_kind: str):
    """(Python key, value word) for each entry of a runtime dict, in order."""
    next_entry, key, value = (runtime.function(n) for n in ("table_next", "table_key", "table_value"))
    e = next_entry(table, 0)
    while e >= 0:
        yield _python(key(table, e), key_kind), value(table, e)
        e = next_entry(table, e + 1)


def _word(value, kind: str, owned: list, what: str):
    if is_tuple_key(kind):  # a key object (keys.py), released once the table keeps its own copy
        return _key_word(value, kind, owned, what)
    if kind == "str":
        if not isinstance(value, str):
            raise TypeError(f"{what} must be str, not {type(value).__name__}")
        obj = runtime.new_str(value)
        owned.append(obj)
        return obj
    if kind == "float":
        if isinstance(value, (str, bytes)) or not hasattr(type(value), "__float__"):
            raise TypeError(f"{what} must be float, not {type(value).__name__}")
        return _UNPACK_DOUBLE(_PACK_DOUBLE(float(value)))[0]
    if kind == "bool":
        if type(value).__name__ not in ("bool", "bool_"):
            raise TypeError(f"{what} must be bool, not {type(value).__name__}")
        return int(bool(value))
    if isinstance(value, float) or not hasattr(type(value), "__index__"):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    value = value.__index__()
    if not _INT_MIN <= value <= _INT_MAX:
        raise OverflowError(f"{what} = {value} does not fit in a 64-bit int")
    return value


# What compiled code does with a dict: a subclass that changes one of these (or has __missing__,
# like defaultdict and Counter) would not be obeyed by the copy, so it is refused.
_DICT_OPERATIONS = ("__getitem__", "__setitem__", "__delitem__", "__contains__", "__iter__", "__len__", "get",
                    "keys", "values", "items")


def to_table(value, type_name: str, function: str, param: str) -> int:
    """A runtime dict holding a copy of `value` (owned by the caller)."""
    if value.__class__ is not dict:
        check_dict(value, type_name, function, param)
    key_kind, value_kind = dict_types(type_name)
    table = runtime.call("table_new", table_kinds(type_name))
    if table == 0:
        raise MemoryError
    set_item, release = runtime.function("table_set"), runtime.function("obj_release")
    owned: list[int] = []
    try:
        for k, v in value.items():
            what = f"{function}() argument '{param}'"
            key = _word(k, key_kind, owned, f"a key of {what}")
            item = _word(v, value_kind, owned, f"a value of {what}")
            if not set_item(table, key, item):
                raise MemoryError
            for obj in owned:  # the table keeps its own references
                release(obj)
            owned.clear()
    except BaseException:
        for obj in owned:
            release(obj)
        release(table)
        raise
    return table


def check_dict(value, type_name: str, function: str, param: str) -> None:
    """A dict subclass is taken if compiled code's operations on a copy mean what they mean on
    it: it defines no __missing__ and overrides none of _DICT_OPERATIONS (OrderedDict's
    overrides keep dict's meaning). Else TypeError naming the parameter and the type."""
    cls = type(value)
    if not isinstance(value, dict):
        raise TypeError(f"{function}() argument '{param}' must be {type_name}, not {cls.__name__}")
    if cls is collections.OrderedDict:
        return
    changed = [name for name in ("__missing__", *_DICT_OPERATIONS) if getattr(cls, name, None) is not
               getattr(dict, name, None)]
    if changed:
        what = "__missing__ (its default values)" if changed[0] == "__missing__" else changed[0]
        raise TypeError(f"{function}() argument '{param}' must be a dict ({type_name}), not "
                        f"{cls.__module__}.{cls.__qualname__}: compiled code works on a plain copy, without its "
                        f"{what}; a dict subclass is taken only if it defines no __missing__ and overrides no "
                        f"item, iteration or len method. Pass dict({param}) to leave them behind")


def _python(word: int, kind: str):
    if is_tuple_key(kind):
        return key_value(word, kind)
    if kind == "str":
        return runtime.read_str(word)
    if kind == "float":
        return _UNPACK_WORD(_PACK_WORD(word))[0]
    if kind == "bool":
        return word != 0
    return word


def from_table(table: int, type_name: str) -> dict:
    """A Python dict with the items of an owned runtime dict, which is then released."""
    result = read_table(table, type_name)
    runtime.call("obj_release", table)
    return result


def read_table(table: int, type_name: str) -> dict:
    """A Python dict with the items of a runtime dict, which stays as it was."""
    key_kind, value_kind = dict_types(type_name)
    next_entry, key, value = (runtime.function(n) for n in ("table_next", "table_key", "table_value"))
    result = {}
    e = next_entry(table, 0)
    while e >= 0:
        result[_python(key(table, e), key_kind)] = _python(value(table, e), value_kind)
        e = next_entry(table, e + 1)
    return result


# ---- sets: tables whose values are all 0 (runtime/source.py) --------------------------------------


def _set_element(type_name: str) -> str:
    """"set[str]" -> "str"."""
    return type_name[len("set["):-1]


def to_set_table(value, type_name: str, function: str, param: str) -> int:
    """A runtime set holding a copy of `value`, a set (owned by the caller). A frozenset is
    refused: compiled code may change the set, and the caller sees the changes."""
    if not isinstance(value, set):
        raise TypeError(f"{function}() argument '{param}' must be {type_name}, not {type(value).__name__}")
    element = _set_element(type_name)
    table = runtime.call("table_new", _key_kinds(element))
    if table == 0:
        raise MemoryError
    set_item, release = runtime.function("table_set"), runtime.function("obj_release")
    owned: list[int] = []
    try:
        for x in value:
            word = _word(x, element, owned, f"an element of {function}() argument '{param}'")
            if not set_item(table, word, 0):
                raise MemoryError
            for obj in owned:
                release(obj)
            owned.clear()
    except BaseException:
        for obj in owned:
            release(obj)
        release(table)
        raise
    return table


def read_set(table: int, type_name: str) -> set:
    """A Python set with the elements of a runtime set (borrowed: not released)."""
    element = _set_element(type_name)
    next_entry, key = runtime.function("table_next"), runtime.function("table_key")
    result = set()
    e = next_entry(table, 0)
    while e >= 0:
        result.add(_python(key(table, e), element))
        e = next_entry(table, e + 1)
    return result


def reflect_set(target: set, now: set) -> None:
    """Make the caller's set `target` hold the elements `now` of the runtime set (after a call that
    changed them). Only what differs is touched."""
    if now != target:
        target.intersection_update(now)
        target.update(now)
