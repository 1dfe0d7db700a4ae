"""Tuple parameters at the boundary: a tuple (or a subclass) of the right length, each item checked
as a parameter of its type would be, with the item named ("p[1]"); arrays inside a tuple are passed
as views of the caller's arrays, as array parameters are, and lists, dicts and sets are copied in and
written back, as list parameters are. The values themselves are tested differentially
(tests/programs/tuple_parameters.py, tuple_list_parameters.py, tuple_list_arrays.py); here, what
CPython would not check."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pytest

import jitcell

SOURCE = """
def norm(p: tuple[float, float]) -> float:
    return p[0] * p[0] + p[1] * p[1]

def label(p: tuple[str, tuple[int, bool]]) -> str:
    s, (n, b) = p
    return s * n + str(b)

def fill(ab: tuple[float[:], int[:]]) -> int:
    a, b = ab
    a[0] = 1.5
    return len(b)

def zero(a: float[:]) -> None:
    a[0] = 0.0

def through(ab: tuple[tuple[int, float[:]], str]) -> int:
    zero(ab[0][1])
    return ab[0][0]

def caller(n: int) -> float:
    return norm((float(n), 1.0))
"""


@pytest.fixture(scope="module")
def functions():
    return jitcell.compile_cell(SOURCE, cache=False).functions


@pytest.mark.parametrize("call, error", [
    ("norm([1.0, 2.0])", "norm() argument 'p' must be tuple[float, float], not list"),
    ("norm((1.0, 2.0, 3.0))", "norm() argument 'p' must be tuple[float, float], a tuple of 2 items, not a tuple of 3"),
    ("norm((1.0, 'x'))", "norm() argument 'p[1]' must be float, not str"),
    ("label(('a', 5))", "label() argument 'p[1]' must be tuple[int, bool], not int"),
    ("label(('a', (1, 2)))", "label() argument 'p[1][1]' must be bool, not int"),
    ("label((b'a', (1, True)))", "label() argument 'p[0]' must be str, not bytes"),
    ("fill((np.zeros(2), np.zeros(2)))",
     "fill() argument 'ab[1]' must be a 1-D int64 array (int[:]), not a 1-D float64 array"),
])
def test_a_wrong_tuple_is_a_type_error_naming_the_item(functions, call, error):
    with pytest.raises(TypeError) as caught:
        eval(call, {"np": np, **functions})
    assert str(caught.value) == error


def test_an_int_beyond_64_bits_in_a_tuple_names_the_item(functions):
    with pytest.raises(OverflowError, match=r"label\(\) argument 'p\[1\]\[0\]' = 36893488147419103232"):
        functions["label"](("a", (2**65, True)))


def test_a_named_tuple_is_a_tuple(functions):
    Point = namedtuple("Point", "x y")
    assert functions["norm"](Point(3.0, 4.0)) == 25.0


def test_arrays_in_a_tuple_are_the_callers(functions):
    a, b = np.zeros(3), np.arange(4)
    assert functions["fill"]((a, b)) == 4
    assert a[0] == 1.5
    a.flags.writeable = False  # fill() assigns to elements of the first array
    with pytest.raises(ValueError, match="fill\\(\\) argument 'ab\\[0\\]' is a read-only array"):
        functions["fill"]((a, b))


def test_an_array_in_a_tuple_written_by_a_callee_must_be_writeable(functions):
    a = np.ones(2)
    assert functions["through"](((7, a), "x")) == 7 and a[0] == 0.0
    a.flags.writeable = False
    with pytest.raises(ValueError, match="through\\(\\) argument 'ab\\[0\\]\\[1\\]' is a read-only array"):
        functions["through"](((7, a), "x"))


def test_tuple_parameters_across_cells():
    ns = jitcell.Namespace()
    jitcell.compile_cell(SOURCE, callees=ns, cache=False)
    caller = jitcell.compile_cell("def twice(n: int) -> float:\n    return 2 * norm((float(n), 0.0))\n",
                                  callees=ns, cache=False).functions["twice"]
    assert caller(3) == 18.0


CONTAINERS = """
def pairs(p: tuple[list[int], tuple[str, list[str]]]) -> int:
    xs, (s, names) = p
    xs.append(len(names))
    names.append(s)
    return len(xs)

def tally(p: tuple[dict[str, int], set[int]]) -> int:
    d, s = p
    d["n"] = len(s)
    s.add(len(d))
    return len(d) + len(s)

def same(p: tuple[int, list[float]]) -> tuple[int, list[float]]:
    return p

def fail(p: tuple[int, list[int]]) -> int:
    k, xs = p
    xs.append(k)
    return 10 // k
"""


@pytest.fixture(scope="module")
def containers():
    return jitcell.compile_cell(CONTAINERS, cache=False).functions


@pytest.mark.parametrize("call, error", [
    ("pairs(([1], ('a', ['b', 2])))",
     "pairs() argument 'p[1][1]' must be list[str], not list containing int at index 1"),
    ("pairs(([1.5], ('a', [])))", "pairs() argument 'p[0]' must be list[int], not list containing float at index 0"),
    ("pairs(((1,), ('a', [])))", "pairs() argument 'p[0]' must be list[int], not tuple"),
    ("pairs(([1], ['a', []]))", "pairs() argument 'p[1]' must be tuple[str, list[str]], not list"),
    ("tally(({'a': 1.5}, set()))", "a value of tally() argument 'p[0]' must be int, not float"),
    ("tally(({}, {'x'}))", "an element of tally() argument 'p[1]' must be int, not str"),
    ("tally(({}, [1]))", "tally() argument 'p[1]' must be set[int], not list"),
])
def test_a_wrong_container_in_a_tuple_names_its_path(containers, call, error):
    with pytest.raises(TypeError) as caught:
        eval(call, dict(containers))
    assert str(caught.value) == error


def test_containers_in_a_tuple_are_written_back(containers):
    xs, names = [0], ["x"]
    assert containers["pairs"]((xs, ("y", names))) == 2
    assert (xs, names) == ([0, 1], ["x", "y"])
    d, s = {"a": 1}, {7}
    assert containers["tally"]((d, s)) == 4
    assert d == {"a": 1, "n": 1} and s == {7, 2}


def test_changes_before_an_exception_are_written_back(containers):
    xs = [1]
    with pytest.raises(ZeroDivisionError):
        containers["fail"]((0, xs))
    assert xs == [1, 0]


def test_a_tuple_result_holds_new_lists(containers):
    u = [1.0, 2.0]
    result = containers["same"]((3, u))
    assert result == (3, [1.0, 2.0]) and type(result) is tuple and result[1] is not u


def test_no_runtime_object_outlives_a_call_or_a_refused_argument(containers):
    from jitcell import runtime

    before = runtime.call("live_objects")
    for _ in range(3):
        containers["pairs"](([1, 2], ("a", ["b"])))
        containers["tally"](({"a": 1}, {1, 2}))
        containers["same"]((1, [0.5]))
        with pytest.raises(TypeError):  # the first list is made, then the second refused: both released
            containers["pairs"](([1, 2], ("a", ["b", 3])))
        with pytest.raises(ZeroDivisionError):
            containers["fail"]((0, [1]))
    assert runtime.call("live_objects") == before


def test_a_tuple_holding_a_list_across_cells():
    ns = jitcell.Namespace()
    jitcell.compile_cell(CONTAINERS, callees=ns, cache=False)
    caller = jitcell.compile_cell(
        "def twice(n: int) -> int:\n    xs = [n]\n    names = ['a']\n    k = pairs((xs, ('b', names)))\n"
        "    return k + pairs((xs, ('c', names))) + len(names) + xs[-1]\n", callees=ns, cache=False).functions["twice"]
    assert caller(5) == 2 + 3 + 3 + 2
