"""tuple[T, ...]: what the checker refuses (Python's TypeError and AttributeError texts, as
CompileErrors), what the boundary gives back (the caller's own tuple, lists inside written
back), and that no runtime object outlives a call, over many calls too."""

from __future__ import annotations

import textwrap

import pytest

import jitcell
from jitcell import CompileError, runtime

REFUSED = {
    "item assignment": ("def f(t: tuple[int, ...]) -> None:\n    t[0] = 1\n", 2, 5,
                        "'tuple' object does not support item assignment"),
    "augmented item": ("def f(t: tuple[int, ...]) -> None:\n    t[0] += 1\n", 2, 5,
                       "'tuple' object does not support item assignment"),
    "slice assignment": ("def f(t: tuple[int, ...]) -> None:\n    t[1:] = t\n", 2, 5,
                         "'tuple' object does not support item assignment"),
    "item deletion": ("def f(t: tuple[int, ...]) -> None:\n    del t[0]\n", 2, 9,
                      "'tuple' object doesn't support item deletion"),
    "append": ("def f(t: tuple[int, ...]) -> None:\n    t.append(1)\n", 2, 5,
               "'tuple' object has no attribute 'append'"),
    "sort": ("def f(t: tuple[int, ...]) -> None:\n    t.sort()\n", 2, 5, "'tuple' object has no attribute 'sort'"),
    "shuffle": ("import random\ndef f(t: tuple[int, ...]) -> None:\n    random.shuffle(t)\n", 3, 20,
                "'tuple' object does not support item assignment"),
    "starred into a tuple": ("def f(t: tuple[int, ...]) -> None:\n    r: tuple[int, ...] = ()\n    a, *r = t\n",
                             3, 9, "'r' is tuple[int, ...] and cannot hold the list[int] assigned to it"),
    "arrays inside": ("def f(t: tuple[float[:], ...]) -> None:\n    pass\n", 1, 7,
                      "parameter 't' is tuple[float[:], ...]: a set or tuple[T, ...] holding NumPy arrays "
                      "cannot be passed from Python yet"),
    "list and tuple": ("def f(t: tuple[int, ...], xs: list[int]) -> tuple[int, ...]:\n    return t + xs\n", 2, 12,
                       "can only concatenate tuple[int, ...]"),
    "tuple() keywords": ("def f() -> int:\n    return len(tuple(x=1))\n", 2, 22,
                         "tuple() takes no keyword arguments"),
    "dict key": ("def f(d: dict[tuple[int, ...], int]) -> None:\n    pass\n", 1, 10,
                 "unsupported type for parameter 'd': dict keys may be int, str or a tuple of int, float"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_would_change_a_tuple_is_a_compile_error(name):
    source, line, col, message = REFUSED[name]
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source, cache=False)
    text = str(caught.value)
    assert f"cell:{line}:{col}: error: {message}" in text, text


BOUNDARY = textwrap.dedent("""
    def same(t: tuple[int, ...]) -> tuple[int, ...]:
        return t

    def pick(ts: list[tuple[int, ...]]) -> tuple[int, ...]:
        ts.append(ts[0][1:])
        return ts[0]

    def first_grows(t: tuple[list[int], ...]) -> int:
        t[0].append(9)
        return len(t[0])

    def made(n: int) -> tuple[tuple[str, int], ...]:
        return tuple((str(i), i) for i in range(n))

    def churn(n: int) -> int:
        total = 0
        for i in range(n):
            t = tuple(str(k) for k in range(i))
            u = t + t[1:] + ("x",)
            if "1" in u:
                total += u.index("1")
            total += len(u) + u.count("0")
        return total
""")


@pytest.fixture(scope="module")
def functions():
    return jitcell.compile_cell(BOUNDARY, cache=False).functions


def test_a_tuple_argument_returned_is_the_callers_own(functions):
    t = (1, 2, 3)
    assert functions["same"](t) is t


def test_tuples_in_a_list_argument_stay_the_callers_own(functions):
    first, second = (1, 2), ()
    xs = [first, second]
    assert functions["pick"](xs) is first
    assert xs == [(1, 2), (), (2,)] and xs[0] is first and xs[1] is second


def test_lists_inside_a_tuple_argument_are_written_back(functions):
    inner = [1]
    assert functions["first_grows"]((inner, [2])) == 2
    assert inner == [1, 9]


def test_a_tuple_result_is_a_python_tuple(functions):
    assert functions["made"](2) == (("0", 0), ("1", 1))
    assert type(functions["made"](0)) is tuple


def test_no_object_outlives_calls(functions):
    churn, made = functions["churn"], functions["made"]
    churn(5)
    before = runtime.call("live_objects")
    for _ in range(2_000):
        churn(6)
        made(3)
    with pytest.raises(TypeError):
        functions["first_grows"](([1], "x"))
    assert runtime.call("live_objects") == before


def test_a_tuple_of_any_length_crosses_cells_and_the_cache(tmp_path):
    first = "def spread(n: int) -> tuple[int, ...]:\n    return tuple(range(n))\n"
    spread = jitcell.compile_cell(first, cache_dir=tmp_path).functions["spread"]
    again = jitcell.compile_cell(first, cache_dir=tmp_path)
    assert again.cache_hit  # its manifest, with the type tuple[int, ...], was read back and accepted
    assert again.functions["spread"](3) == (0, 1, 2)
    second = "def total(n: int) -> int:\n    t = spread(n)\n    return sum(t) + len(t + (1,))\n"
    total = jitcell.compile_cell(second, callees={"spread": spread}, cache_dir=tmp_path).functions["total"]
    assert total(4) == 6 + 5


def _resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def test_resident_memory_stays_flat_over_100_000_calls(functions):
    """tests/test_memory.py shows that this measure sees a leak."""
    churn, made, same, first_grows = (functions[n] for n in ("churn", "made", "same", "first_grows"))
    t = tuple(range(20))
    for _ in range(2_000):
        churn(4)
        made(3)
        same(t)
        first_grows(([1], [2]))
    start, count = _resident_bytes(), runtime.call("live_objects")
    for _ in range(100_000):
        churn(4)  # tuples built, sliced, concatenated, searched and dropped
        made(3)  # a tuple of tuples holding strs, returned as Python tuples
        same(t)  # copied in, handed back as the caller's own
        first_grows(([1], [2]))  # lists inside a tuple, written back
    assert runtime.call("live_objects") == count
    assert _resident_bytes() - start < 2 * 2**20
