"""A list of arrays returned to Python: its arrays that lived on the entry point's frame (the
parameters' views, slices of them) were moved off it before the frame ended (runtime
list_detach_views), so the list stays valid after later calls reuse that stack; a parameter comes
back as the caller's own ndarray, a slice of one as a NumPy view of it, an array made in compiled
code as an ndarray owning its memory, released when NumPy drops it."""

from __future__ import annotations

import gc

import numpy as np

import jitcell
from jitcell import runtime

SOURCE = """
import numpy as np

def keep(m: float[:, :], a: float[:]) -> list[float[:]]:
    out: list[float[:]] = [a, a[1:], np.zeros(2)]
    for i in range(m.shape[0]):
        out.append(m[i])
    return out

def scribble(a: float[:], b: float[:], c: float[:], n: int) -> float:
    total = 0.0
    for i in range(n):
        total += a[i % len(a)] + b[0] + c[0]
    return total
"""


def _library():
    return jitcell.compile_cell(SOURCE, cache=False).functions


def test_items_are_the_arguments_their_views_and_new_arrays():
    f = _library()
    m, a = np.arange(6.0).reshape(3, 2), np.array([1.0, 2.0, 4.0])
    out = f["keep"](m, a)
    assert out[0] is a
    assert out[1].base is not None and np.shares_memory(out[1], a) and out[1].tolist() == [2.0, 4.0]
    assert out[2].tolist() == [0.0, 0.0] and not np.shares_memory(out[2], a)
    assert [row.tolist() for row in out[3:]] == m.tolist()
    out[3][0] = -5.0  # a row is a view of the caller's m, as NumPy's m[0] is
    assert m[0, 0] == -5.0


def test_the_list_outlives_the_frame():
    f = _library()
    m, a = np.arange(6.0).reshape(3, 2), np.array([1.0, 2.0, 4.0])
    out = f["keep"](m, a)
    for _ in range(3):  # other calls reuse the stack the entry point's views lived on
        f["scribble"](np.ones(4), np.full(2, 7.0), np.full(3, 9.0), 10)
    assert out[1].shape == (2,) and out[1].tolist() == [2.0, 4.0]
    assert [row.shape for row in out[3:]] == [(2,)] * 3
    assert [row.tolist() for row in out[3:]] == [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]


def test_nothing_is_left_when_the_arrays_are_dropped():
    f = _library()
    m, a = np.arange(6.0).reshape(3, 2), np.array([1.0, 2.0, 4.0])
    f["keep"](m, a)  # compiled and run once: the runtime's own objects are made
    gc.collect()
    before = runtime.call("live_objects")
    out = f["keep"](m, a)
    assert runtime.call("live_objects") > before  # the new array and the detached views are held
    del out
    gc.collect()
    assert runtime.call("live_objects") == before


PARAMETERS = """
import numpy as np

def grow(xs: list[float[:]]) -> list[float[:]]:
    xs[0][0] = -1.0
    xs.append(np.zeros(2))
    return [xs[0], xs[1][1:]]

def total(xs: list[float[:]]) -> float:
    t = 0.0
    for a in xs:
        t += a[0]
    return t
"""


def test_a_list_of_arrays_passed_in_shares_the_callers_arrays():
    f = jitcell.compile_cell(PARAMETERS, cache=False).functions
    live = runtime.call("live_objects")
    a, b = np.arange(3.0), np.array([5.0, 6.0])
    xs = [a, b]
    out = f["grow"](xs)
    assert a[0] == -1.0 and len(xs) == 3 and xs[0] is a and xs[1] is b
    assert out[0] is a and out[1].tolist() == [6.0]
    del a, b, xs
    gc.collect()
    assert out[1].tolist() == [6.0]  # the slice keeps the caller's array alive, as NumPy's views do
    del out
    gc.collect()
    assert runtime.call("live_objects") == live


def test_the_call_keeps_no_reference_to_the_arrays():
    import sys

    f = jitcell.compile_cell(PARAMETERS, cache=False).functions
    a = np.ones(4)
    before = sys.getrefcount(a)
    for _ in range(100):
        assert f["total"]([a, a]) == 2.0
    assert sys.getrefcount(a) == before
