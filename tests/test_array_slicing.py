"""Views of arrays at the boundary: a slice of an argument returned is a NumPy view of that
argument (shares its memory, keeps it alive, read-only if it is), a slice of an array made in
compiled code keeps that array alive until NumPy frees the view, views cross cells. Values and
errors are tested differentially by tests/programs/array_slicing_*.py.
"""

from __future__ import annotations

import gc
import textwrap
import weakref

import numpy as np
import pytest

import jitcell
from jitcell import runtime
from jitcell.loader.namespace import Namespace
from jitcell.runtime import arrays
from jitcell.runtime.arrays import ArgumentView, ArrayOwner

CELL = textwrap.dedent("""\
    import numpy as np

    def inner(a: float[:]) -> float[:]:
        return a[1:-1]

    def column(m: int[:, :], j: int) -> int[:]:
        return m[:, j]

    def halves(a: float[:]) -> tuple[float[:], float[:]]:
        n = len(a) // 2
        return a[:n], a[n:]

    def made(n: int) -> float[:]:
        a = np.ones(n)
        v = a[::2]
        a = np.zeros(1)
        return v

    def views(n: int) -> float:
        a = np.ones(n)
        s = 0.0
        for k in range(1, n):
            v = a[k:]
            s += v[0] + len(a[::k])
        return s
    """)


def live() -> int:
    return runtime.call("live_objects")


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(CELL).functions


def test_a_slice_of_an_argument_is_a_numpy_view_of_it(f):
    a = np.arange(6.0)
    v = f["inner"](a)
    assert v.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert np.shares_memory(v, a) and v.flags.writeable
    v[0] = -1.0
    assert a[1] == -1.0  # one memory, as a[1:-1] in NumPy
    m = np.arange(12).reshape(3, 4)
    c = f["column"](m, -1)
    assert c.tolist() == [3, 7, 11] and c.strides == m[:, -1].strides and np.shares_memory(c, m)


def test_a_slice_of_a_read_only_argument_is_read_only(f):
    a = np.arange(6.0)
    a.flags.writeable = False
    v = f["inner"](a)
    assert not v.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        v[0] = 1.0


def test_a_returned_slice_keeps_the_argument_alive(f):
    a = np.arange(6.0)
    watch = weakref.ref(a)
    v = f["inner"](a)
    del a
    gc.collect()
    assert watch() is not None and isinstance(v.base, ArgumentView)
    assert v.tolist() == [1.0, 2.0, 3.0, 4.0]
    del v
    gc.collect()
    assert watch() is None


def test_without_the_base_the_argument_would_be_freed(f, monkeypatch):
    """The protection above switched off: an ArgumentView that forgets the argument."""
    original = ArgumentView.__init__

    def forgetful(self, argument, address, type_name):
        original(self, argument, address, type_name)
        self.argument = None

    monkeypatch.setattr(ArgumentView, "__init__", forgetful)
    a = np.arange(6.0)
    watch = weakref.ref(a)
    v = f["inner"](a)
    del a
    gc.collect()
    assert watch() is None  # v now points at freed memory
    del v


def test_slices_of_one_argument_in_a_tuple(f):
    a = np.arange(5.0)
    first, second = f["halves"](a)
    assert first.tolist() == [0.0, 1.0] and second.tolist() == [2.0, 3.0, 4.0]
    assert np.shares_memory(first, a) and np.shares_memory(second, a)


def test_a_slice_of_a_compiled_array_keeps_it_alive_until_numpy_frees_the_view(f):
    gc.collect()
    before = live()
    v = f["made"](5)
    assert v.tolist() == [1.0, 1.0, 1.0] and isinstance(v.base, ArrayOwner)
    assert live() == before + 2  # the view and the array whose memory it is
    gc.collect()
    assert v.sum() == 3.0
    del v
    gc.collect()
    assert live() == before


def test_views_made_in_a_loop_are_freed(f):
    before = live()
    for _ in range(1000):
        f["views"](20)
    assert live() == before
    assert f["views"](4) == 3.0 + (4 + 2 + 2)


def test_a_view_passed_to_another_cell():
    ns = Namespace()
    jitcell.compile_cell("def total(a: float[:]) -> float:\n    s = 0.0\n    for x in a:\n"
                         "        s += x\n    return s\n", callees=ns)
    jitcell.compile_cell("def inner_total(a: float[:, :]) -> float:\n    return total(a[1:, 1]) + total(a[0])\n",
                         callees=ns)
    m = np.arange(12.0).reshape(3, 4)
    before = live()
    assert ns.names["inner_total"](m) == m[1:, 1].sum() + m[0].sum()
    assert live() == before


def test_a_broadcast_error_names_numpys_shapes(f):
    g = jitcell.compile_cell("def put(m: float[:, :], b: float[:, :]) -> None:\n    m[1:] = b\n").functions
    with pytest.raises(ValueError, match=r"could not broadcast input array from shape \(2,3\) into shape \(2,4\)"):
        g["put"](np.zeros((3, 4)), np.zeros((2, 3)))
    assert arrays.site_error("array_broadcast", {}, [1, 4, 1, 3]).args == (  # ndim and shape of each
        "could not broadcast input array from shape (3,) into shape (4,)",)
    assert arrays.site_error("array_broadcast", {}, [3, 2, 3, 4, 2, 2, 4]).args == (
        "could not broadcast input array from shape (2,4) into shape (2,3,4)",)
