"""Tuple keys of runtime tables: CPython's tuple hash, the boundary's reflection, memory.

The runtime hashes a tuple key with CPython's `tuplehash` (xxHash's round over the items'
hashes) and CPython's int hash, so a tuple of ints and bools hashes as in CPython. A set of
tuples or a dict keyed by tuples passed in shows the compiled code's changes to the caller
(the same object), and nothing a tuple key holds outlives a call.
"""

from __future__ import annotations

import ctypes

import pytest

import jitcell
from jitcell import runtime
from jitcell.runtime import keys

CELL = """
def grow(s: set[tuple[int, str]], n: int) -> int:
    for i in range(n):
        s.add((i, str(i)))
    s.discard((0, "0"))
    return len(s)

def move(d: dict[tuple[str, int], float], by: int) -> None:
    for k, v in d.items():
        if k[1] > 100:
            return
    d[("new", by)] = 0.5
    del d[("old", 1)]

def churn(n: int) -> int:
    total = 0
    for i in range(n):
        s = {(str(i), i), (str(i + 1), i + 1)}
        s.add((str(i), i))
        d = {(str(i), 1.5): 1}
        total += len(s) + len(d)
    return total
"""


@pytest.fixture(scope="module")
def lib():
    return jitcell.compile_cell(CELL, cache=False).functions


@pytest.mark.parametrize("value", [(1, 2), (), (0,), (-1,), (-2, -1), (2**61 - 1, 2**61, -(2**63), 2**63 - 1),
                                   (True, False, 7), (123456789, -987654321, 5, 6, 7, 8)])
def test_the_hash_of_a_tuple_of_ints_is_cpythons(value):
    name = f"tuple[{', '.join('bool' if isinstance(v, bool) else 'int' for v in value)}]" if value else "tuple[()]"
    words = (ctypes.c_int64 * max(len(value), 1))(*[int(v) for v in value])
    kinds = keys.key_kinds(name) if value else 2
    assert runtime.call("key_hash", kinds, ctypes.addressof(words)) == hash(value)


def test_a_set_of_tuples_passed_in_shows_the_calls_changes(lib):
    s = {(0, "0"), (7, "seven")}
    assert lib["grow"](s, 3) == 3
    assert s == {(1, "1"), (2, "2"), (7, "seven")}


def test_a_dict_keyed_by_tuples_passed_in_shows_the_calls_changes(lib):
    d = {("old", 1): 2.0, ("keep", 2): 3.0}
    assert lib["move"](d, 9) is None
    assert d == {("keep", 2): 3.0, ("new", 9): 0.5}
    untouched = {("old", 1): 2.0, ("big", 101): 1.0}
    lib["move"](untouched, 9)
    assert untouched == {("old", 1): 2.0, ("big", 101): 1.0}


def test_tuple_keys_leak_nothing(lib):
    live = runtime.call("live_objects")
    assert lib["churn"](1000) == 3000
    assert runtime.call("live_objects") == live


def test_a_bad_element_names_the_parameter(lib):
    with pytest.raises(TypeError, match=r"an element of grow\(\) argument 's' must be tuple\[int, str\], not a "
                                        r"tuple containing float"):
        lib["grow"]({(1, 2.5)}, 1)


@pytest.mark.parametrize(("name", "accepted"), [("set[tuple[int, str]]", True),
                                                ("dict[tuple[int, tuple[str, float]], int]", True),
                                                ("set[tuple[int, list[int]]]", False),
                                                ("dict[tuple[int, ...], int]", False), ("set[float]", False)])
def test_the_manifest_takes_tuple_keys_of_scalars_only(name, accepted):
    from jitcell.loader.typenames import parse_type

    assert (parse_type(name) is not None) == accepted
