"""Dicts whose values are arrays, tuples, dicts and sets, across the boundary: a dict passed in is
copied into a runtime table whose arrays are the caller's own (sharing memory), and written back
into the caller's dict; a dict returned is a new dict whose arrays are the arguments themselves,
NumPy views of them or ndarrays owning memory made in compiled code (runtime/lists.py)."""

from __future__ import annotations

import gc
import sys

import numpy as np
import pytest

import jitcell
from jitcell import runtime

SOURCE = """
import numpy as np

def fill(d: dict[str, float[:]], k: str) -> int:
    d[k][0] = -1.0
    d["added"] = np.arange(3.0)
    if "gone" in d:
        del d["gone"]
    return len(d)

def keep(a: float[:], m: float[:, :]) -> dict[str, float[:]]:
    return {"a": a, "tail": a[1:], "row": m[1], "new": np.ones(2)}

def total(d: dict[int, float[:]]) -> float:
    t = 0.0
    for v in d.values():
        t += v.sum()
    return t

def pairs(d: dict[str, tuple[int, str]]) -> int:
    d["z"] = (len(d), "zz")
    n, s = d["a"]
    return n + len(s)

def nested(d: dict[str, dict[str, int]], s: dict[int, set[int]]) -> int:
    d["a"]["x"] = 10
    s[1].add(7)
    return len(d["a"]) + len(s[1])

def grids(d: dict[int, int[:, :]]) -> int:
    return int(d[0].sum())

def store(d: dict[str, float[:]], xs: list[float[:]], a: float[:], m: float[:, :]) -> float:
    d["a"] = a
    d["row"] = m[1]
    xs.append(a[1:])
    return a[0]
"""


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(SOURCE, cache=False).functions


def test_the_caller_sees_changes_and_its_arrays_are_shared(f):
    a, b = np.zeros(2), np.ones(2)
    d = {"a": a, "b": b, "gone": np.zeros(1)}
    assert f["fill"](d, "a") == 3
    assert d["a"] is a and d["b"] is b and a[0] == -1.0
    assert list(d) == ["a", "b", "added"] and d["added"].tolist() == [0.0, 1.0, 2.0]


def test_a_dict_result_holds_the_arguments_and_views_of_them(f):
    a, m = np.arange(4.0), np.arange(6.0).reshape(3, 2)
    out = f["keep"](a, m)
    for _ in range(3):  # other calls reuse the stack the entry point's views lived on
        f["total"]({1: np.ones(5), 2: np.full(3, 2.0)})
    assert out["a"] is a
    assert np.shares_memory(out["tail"], a) and out["tail"].tolist() == [1.0, 2.0, 3.0]
    assert np.shares_memory(out["row"], m) and out["row"].tolist() == [2.0, 3.0]
    out["row"][0] = 99.0
    assert m[1, 0] == 99.0
    assert out["new"].tolist() == [1.0, 1.0] and not np.shares_memory(out["new"], a)


def test_tuples_dicts_and_sets_as_values_are_written_back(f):
    d = {"a": (3, "xy")}
    assert f["pairs"](d) == 5 and d == {"a": (3, "xy"), "z": (1, "zz")}
    inner = {"y": 1}
    outer, sets = {"a": inner}, {1: {1}}
    assert f["nested"](outer, sets) == 4
    assert outer["a"] is inner and inner == {"y": 1, "x": 10} and sets == {1: {1, 7}}


def test_array_arguments_stored_into_dict_and_list_arguments_are_the_callers(f):
    a, m = np.arange(3.0), np.arange(4.0).reshape(2, 2)
    d: dict = {}
    xs: list = []
    gc.collect()
    live = runtime.call("live_objects")
    assert f["store"](d, xs, a, m) == 0.0
    for _ in range(3):  # other calls reuse the stack the entry point's views lived on
        f["total"]({1: np.ones(5), 2: np.full(3, 2.0)})
    assert d["a"] is a and np.shares_memory(d["row"], m) and d["row"].tolist() == [2.0, 3.0]
    assert np.shares_memory(xs[0], a) and xs[0].tolist() == [1.0, 2.0]
    del d, xs
    gc.collect()
    assert runtime.call("live_objects") == live


def test_wrong_values_name_the_parameter_and_the_path(f):
    with pytest.raises(TypeError, match=r"^total\(\) argument 'd' must be dict\[int, float\[:\]\], not dict "
                                        r"containing ndarray of int64 with 1 dimension at d\[2\]$"):
        f["total"]({1: np.ones(2), 2: np.arange(3)})
    with pytest.raises(TypeError, match=r"^grids\(\) argument 'd' must be dict\[int, int\[:, :\]\], not dict "
                                        r"containing list at d\[0\]$"):
        f["grids"]({0: [[1]]})
    with pytest.raises(TypeError, match=r"must be dict\[str, tuple\[int, str\]\], not dict containing int at "
                                        r"d\['a'\]$"):
        f["pairs"]({"a": (1, 2)})
    with pytest.raises(TypeError, match=r"must be dict\[str, dict\[str, int\]\], not dict containing list at "
                                        r"d\['a'\]$"):
        f["nested"]({"a": []}, {})
    with pytest.raises(TypeError, match=r"must be dict\[str, dict\[str, int\]\], not dict containing str at "
                                        r"d\['a'\]\['x'\]$"):
        f["nested"]({"a": {"x": "s"}}, {})
    with pytest.raises(TypeError, match=r"argument 's' must be dict\[int, set\[int\]\], not dict containing set "
                                        r"containing str at s\[1\]$"):
        f["nested"]({"a": {}}, {1: {"q"}})


def test_no_runtime_object_or_reference_is_left(f):
    a = np.ones(4)
    f["total"]({1: a})
    gc.collect()
    live, refs = runtime.call("live_objects"), sys.getrefcount(a)
    for _ in range(200):
        assert f["total"]({1: a, 2: a}) == 8.0
        f["pairs"]({"a": (1, "x")})
        out = f["keep"](a, np.zeros((2, 2)))
        del out
    gc.collect()
    assert runtime.call("live_objects") == live and sys.getrefcount(a) == refs
