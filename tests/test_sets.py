"""Sets at the boundary of a compiled call, and their memory.

A set argument is checked (TypeError naming the parameter and the first bad element) and
copied into a runtime set; when the call returns, or raises, the caller's set shows the
compiled code's changes, as in Python. A set made in compiled code comes back a Python set.
Nothing a set holds outlives a call (the runtime's live-object count, exact).
"""

from __future__ import annotations

import pytest

import jitcell
from jitcell import runtime
from jitcell.runtime import convert, lists

CELL = """
def grow(s: set[int], n: int) -> int:
    for i in range(n):
        s.add(i)
    s.discard(0)
    return len(s)

def grow_then_fail(s: set[str], x: str) -> int:
    s.add(x)
    s.remove("missing")
    return 0

def rebind(s: set[int]) -> int:
    s.add(1)
    s = {5}
    s.add(6)
    return len(s)

def in_place(s: set[int], t: set[int]) -> None:
    s -= t
    s |= {100}

def make(n: int) -> set[str]:
    out: set[str] = set()
    for i in range(n):
        out.add(str(i % 4))
    return out

def pair(n: int) -> tuple[set[int], int]:
    return {n, n + 1}, n

def words(s: set[str]) -> int:
    total = 0
    for w in s:
        total += len(w)
    return total

def first_grows(xs: list[set[int]]) -> int:
    xs[0].add(9)
    return len(xs)

def churn(n: int) -> int:
    s: set[str] = set()
    for i in range(n):
        s.add("w" + str(i % 50))
        if i % 3 == 0:
            s.discard("w" + str(i % 7))
    t = s | {"x"}
    t &= s
    u = t ^ {"y", "w1"}
    while u:
        u.pop()
    return len(s) + len(t) + len(s - t)
"""


@pytest.fixture(scope="module")
def fns():
    return jitcell.compile_cell(CELL, cache=False).functions


def live() -> int:
    return runtime.call("live_objects")


def test_a_set_argument_shows_the_calls_changes(fns):
    s = {0, 50, 7}
    assert fns["grow"](s, 3) == 4
    assert s == {1, 2, 50, 7}


def test_changes_made_before_an_exception_are_shown(fns):
    s = {"a"}
    with pytest.raises(KeyError) as caught:
        fns["grow_then_fail"](s, "b")
    assert caught.value.args == ("missing",)
    assert s == {"a", "b"}


def test_rebinding_the_parameter_leaves_the_callers_set_with_the_changes_before(fns):
    s = {9}
    assert fns["rebind"](s) == 2
    assert s == {9, 1}


def test_in_place_operators_change_the_callers_set(fns):
    s, t = {1, 2, 3}, {2}
    assert fns["in_place"](s, t) is None
    assert s == {1, 3, 100} and t == {2}


def test_a_set_result_is_a_python_set(fns):
    result = fns["make"](10)
    assert type(result) is set and result == {"0", "1", "2", "3"}
    assert fns["pair"](4) == ({4, 5}, 4)


def test_an_unchanged_set_is_not_written_back(fns, monkeypatch):
    calls = []
    reflect = convert.reflect_set
    monkeypatch.setattr(convert, "reflect_set", lambda *args: calls.append(args[0]) or reflect(*args))
    s = {"a", "bc"}
    assert fns["words"](s) == 3 and calls == []
    t = {0}
    fns["grow"](t, 2)
    assert calls == [t] and t == {1}
    # the protection switched off: without the table's `modified` word every set is compared again
    monkeypatch.setattr(lists, "_table_modified", lambda table: True)
    fns["words"](s)
    assert calls == [t, s] and s == {"a", "bc"}


def test_elements_the_native_copy_leaves_take_the_python_path(fns, monkeypatch):
    calls = []
    to_set_table = convert.to_set_table
    monkeypatch.setattr(convert, "to_set_table", lambda *args: calls.append(args[0]) or to_set_table(*args))
    assert fns["words"]({"ab", "c"}) == 3 and calls == []  # a plain set of plain strs: natively
    odd = {"ab", "\udc80"}  # a lone surrogate has no UTF-8 form: the Python way encodes it with surrogatepass
    assert fns["words"](odd) == 3 and calls == [odd]
    s = {"x"}
    with pytest.raises(KeyError):
        fns["grow_then_fail"](s, "\udc81")
    assert s == {"x", "\udc81"}  # and comes back natively, decoded with surrogatepass


def test_sets_in_a_list_are_the_callers_sets(fns):
    inner, other = {1}, {2}
    xs = [inner, other]
    assert fns["first_grows"](xs) == 2
    assert xs == [{1, 9}, {2}] and xs[0] is inner and xs[1] is other
    with pytest.raises(TypeError, match="first_grows\\(\\) argument 'xs' must be list\\[set\\[int\\]\\], not list "
                                        "containing frozenset at index 1"):
        fns["first_grows"]([inner, frozenset()])


@pytest.mark.parametrize("arg, message", [
    ({1, "x"}, "an element of words() argument 's' must be str, not int"),
    ([1], "words() argument 's' must be set[str], not list"),
    (frozenset({"a"}), "words() argument 's' must be set[str], not frozenset"),
    ({"a": 1}, "words() argument 's' must be set[str], not dict"),
])
def test_a_set_argument_is_checked(fns, arg, message):
    if isinstance(arg, set):  # the first bad element, whatever the order
        arg = {"a", 1}
    with pytest.raises(TypeError) as caught:
        fns["words"](arg)
    assert str(caught.value) == message


def test_an_int_element_too_big_is_an_overflow_error(fns):
    with pytest.raises(OverflowError, match="does not fit in a 64-bit int"):
        fns["grow"]({2**70}, 1)


def test_the_callers_set_is_untouched_when_the_copy_fails(fns):
    s = {1, 2**70}
    with pytest.raises(OverflowError):
        fns["grow"](s, 5)
    assert s == {1, 2**70}


@pytest.mark.parametrize("call", ["churn(0)", "churn(500)", "make(20)", "pair(3)", "words({'ab', 'c'})",
                                  "grow({1, 2}, 10)", "in_place({1, 2}, {2})",
                                  "first_grows([{1}, {2, 3}])"])
def test_no_object_outlives_a_call(fns, call):
    before = live()
    for _ in range(200):
        eval(call, dict(fns))
    assert live() == before


def test_no_object_outlives_a_fault(fns):
    before = live()
    for _ in range(200):
        with pytest.raises(KeyError):
            fns["grow_then_fail"]({"a", "b"}, "c")
    assert live() == before
