"""Lists (and dicts) at the boundary: checked on the way in, written back into the caller's objects.

The differential corpus (tests/programs/lists_*.py) compares values, printed text and the
arguments after each call with CPython; this file checks what it cannot: the TypeError
texts of the checks, the identity of the objects the caller gets back, that an unmodified
list is not written back (and that the `modified` word is what prevents it), and the
manifest's grammar of list types.
"""

from __future__ import annotations

import pytest

import jitcell
from jitcell import runtime
from jitcell.loader import typenames
from jitcell.runtime import lists

CELL = """
def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s

def push(xs: list[int], x: int) -> list[int]:
    xs.append(x)
    return xs

def rows(a: list[list[float]]) -> list[list[float]]:
    a[0].append(1.5)
    a.append(a[0])
    return [a[1], a[0]]

def names(xs: list[tuple[str, int]]) -> int:
    return len(xs)

def fail_after_append(xs: list[str]) -> int:
    xs.append("seen")
    return 1 // (len(xs) - len(xs))

def bump_first(xs: list[float]) -> None:
    xs[0] += 1.0

def flags(xs: list[bool]) -> int:
    xs.append(True)
    return len(xs)

def count(d: dict[str, int], w: str) -> int:
    d[w] = d.get(w, 0) + 1
    return len(d)

def read(d: dict[str, list[int]]) -> int:
    return len(d)

def append_inside(d: dict[str, list[int]]) -> None:
    d["x"].append(7)

def grow(d: dict[str, list[int]], k: str) -> None:
    d[k] = [len(d)]
    for key, v in d.items():
        v.append(0)
"""


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(CELL, cache=False).functions


class Counted(list):
    """A list that counts how often it is assigned to (reflection's slice assignment)."""

    writes = 0

    def __setitem__(self, index, value):
        Counted.writes += 1
        super().__setitem__(index, value)


@pytest.mark.parametrize("call, message", [
    ("total([1, 2, 'x'])", "total() argument 'xs' must be list[int], not list containing str at index 2"),
    ("total([1, 2.0])", "total() argument 'xs' must be list[int], not list containing float at index 1"),
    ("total((1, 2))", "total() argument 'xs' must be list[int], not tuple"),
    ("rows([[1.0], [2.0, 'a']])", "rows() argument 'a' must be list[list[float]], not list containing str at a[1][1]"),
    ("names([('a', 1), ('b',)])", "names() argument 'xs' must be list[tuple[str, int]], not list containing tuple of "
                                  "length 1 at index 1"),
    ("names([('a', 1), ['b', 2]])", "names() argument 'xs' must be list[tuple[str, int]], not list containing list at "
                                    "index 1"),
])
def test_a_bad_item_is_named_with_the_parameter(f, call, message):
    before = runtime.call("live_objects")
    with pytest.raises(TypeError) as error:
        eval(call, dict(f))
    assert str(error.value) == message
    assert runtime.call("live_objects") == before  # what was converted before the bad item is freed


def test_an_int_beyond_64_bits_in_a_list_is_an_overflow(f):
    with pytest.raises(OverflowError):
        f["total"]([1, 2**64])


def test_mutations_reach_the_callers_list_and_a_returned_argument_is_that_list(f):
    xs = [1, 2]
    result = f["push"](xs, 3)
    assert xs == [1, 2, 3] and result is xs


def test_nested_lists_keep_their_identity_and_aliases(f):
    inner, other = [0.5], [2.0]
    a = [inner, other]
    result = f["rows"](a)
    assert a == [[0.5, 1.5], [2.0], [0.5, 1.5]]
    assert a[0] is inner and a[2] is inner and a[1] is other  # the alias made in compiled code is one object
    assert result[0] is other and result[1] is inner


def test_mutations_before_an_exception_are_seen(f):
    xs = ["a"]
    with pytest.raises(ZeroDivisionError):
        f["fail_after_append"](xs)
    assert xs == ["a", "seen"]


def test_an_unmodified_list_is_not_written_back(f, monkeypatch):
    Counted.writes = 0
    xs = Counted([1, 2, 3])
    assert f["total"](xs) == 6
    assert Counted.writes == 0
    f["push"](xs, 4)
    assert Counted.writes == 1 and xs == [1, 2, 3, 4]
    # the protection switched off: without the `modified` word every list is written back
    monkeypatch.setattr(lists, "_modified", lambda lst: True)
    f["total"](xs)
    assert Counted.writes == 2


def test_only_the_changed_items_of_a_flat_list_are_replaced(f):
    x = 2.5 * 3  # an object of its own, not a constant shared with this module
    xs = [0.5, x, 7]
    f["bump_first"](xs)
    assert xs == [1.5, 7.5, 7] and xs[1] is x and type(xs[2]) is int  # untouched items keep their objects
    # the protection switched off: the Python path (taken for list subclasses) replaces every item
    ys = Counted([0.5, x, 7])
    f["bump_first"](ys)
    assert ys == [1.5, 7.5, 7.0] and ys[1] is not x and type(ys[2]) is float


def test_items_the_native_conversion_leaves_take_the_python_path(f):
    import numpy

    xs = [numpy.bool_(True), False]  # not True or False themselves: converted by the Python path
    assert f["flags"](xs) == 3 and xs == [True, False, True]
    assert f["total"]([numpy.int64(5), True, 2]) == 8  # __index__, natively
    with pytest.raises(OverflowError, match="does not fit in a 64-bit int"):
        f["total"]([1, 2**64])
    with pytest.raises(TypeError, match="argument 'xs' must be list\\[bool\\], not list containing int at index 1"):
        f["flags"]([True, 1])


def test_dict_arguments_are_written_back(f):
    d = {"a": 1}
    assert f["count"](d, "b") == 2
    assert d == {"a": 1, "b": 1}
    f["count"](d, "a")
    assert d == {"a": 2, "b": 1}


def test_a_plain_dict_is_copied_natively_and_others_the_python_way(f, monkeypatch):
    import collections

    from jitcell.runtime import convert

    calls = []
    to_table = convert.to_table
    monkeypatch.setattr(convert, "to_table", lambda *args: calls.append(args[0]) or to_table(*args))
    d = {"a": 1, "é": 2}
    assert f["count"](d, "a") == 2 and d == {"a": 2, "é": 2} and calls == []
    ordered = collections.OrderedDict(d)  # a subclass: the Python way, as is a key without UTF-8
    odd = {"\udc80": 1}
    assert f["count"](ordered, "b") == 3 and f["count"](odd, "\udc80") == 1 and calls == [ordered, odd]
    assert ordered == {"a": 2, "é": 2, "b": 1} and odd == {"\udc80": 2}
    with pytest.raises(TypeError, match="a value of count\\(\\) argument 'd' must be int, not str"):
        f["count"]({"a": 1, "b": "x"}, "a")


def test_a_dict_of_lists_is_reflected_into_its_own_lists(f):
    xs = [1]
    d = {"x": xs}
    f["grow"](d, "y")
    assert d == {"x": [1, 0], "y": [1, 0]} and d["x"] is xs
    assert f["read"](d) == 2


def test_a_list_in_an_unchanged_dict_is_reflected(f):
    xs = [1]
    d = {"x": xs}
    f["append_inside"](d)
    assert d == {"x": [1, 7]} and d["x"] is xs


def test_a_dict_of_lists_is_checked(f):
    with pytest.raises(TypeError, match="read\\(\\) argument 'd' must be dict\\[str, list\\[int\\]\\]"):
        f["read"]({"x": [1, "a"]})


def test_the_manifest_grammar_reads_list_types():
    assert typenames.parse_type("list[int]") == ("list", ("int",))
    assert typenames.parse_type("list[tuple[int, list[str]]]") == ("list", ("tuple", (("int",), ("list", ("str",)))))
    assert typenames.parse_type("dict[str, list[float]]") == ("dict", "str", ("list", ("float",)))
    assert typenames.parse_type("list[None]") is None
    assert typenames.parse_type("list[int") is None


FRESH = """
def through_alias(xs: list[int], n: int) -> int:
    ys = [0] * n
    ys[0] = 1
    zs = ys
    zs = xs
    zs[0] = n
    return ys[0]

def through_loop(a: list[list[float]]) -> None:
    for row in a:
        row[0] += 1.0
"""


def _fresh_calls(functions):
    xs, a = [5, 6], [[1.0], [2.0, 3.0]]
    assert functions["through_alias"](xs, 3) == 1
    functions["through_loop"](a)
    return xs, a


def test_stores_through_aliases_of_arguments_set_modified(monkeypatch):
    """A list local that only list-making expressions assign (ys) needs no `modified` word; one that
    may hold the caller's list (zs, row) does: the caller sees the stores through it."""
    from jitcell.compiler import parse
    from jitcell.compiler.check import program as check_program
    from jitcell.compiler.lower import fresh
    from jitcell.compiler.lower import lists as lower_lists

    typed = check_program.check(parse.parse(FRESH), FRESH)
    found = {fn.name: fresh.fresh_lists(fn) for fn in typed.functions}
    assert found == {"through_alias": frozenset({"ys"}), "through_loop": frozenset()}
    assert _fresh_calls(jitcell.compile_cell(FRESH, cache=False).functions) == ([3, 6], [[2.0], [3.0, 3.0]])
    # the protection switched off: every list local taken for fresh, the stores through zs and row are lost
    monkeypatch.setattr(lower_lists, "fresh_lists",
                        lambda fn: frozenset(n for n, t in fn.locals.items() if "list" in str(t)))
    assert _fresh_calls(jitcell.compile_cell(FRESH, cache=False).functions) == ([5, 6], [[1.0], [2.0, 3.0]])

