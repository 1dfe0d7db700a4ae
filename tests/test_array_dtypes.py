"""Arrays of fixed-width dtypes and of more than two dimensions at the boundary: the checks of
arguments (TypeError naming the parameter, its dtype and the expected one), results that keep
their dtype, views of 3-D arrays that share the caller's memory, compile errors, the store
check's protection (switched off, a store wraps silently), and the error sites' validation.
Values and exceptions against NumPy: tests/programs/array_dtypes.py and array_ndim.py."""

from __future__ import annotations

import numpy as np
import pytest

import jitcell
from jitcell.errors import CompileError
from jitcell.runtime import sites

CELL = """
import numpy as np

def put8(a: uint8[:], v: int) -> None:
    a[0] = v

def small(a: np.int8[:, :]) -> int:
    return a[0, 0]

def f32(a: float32[:]) -> float:
    return a[0]

def vol(c: uint16[:, :, :]) -> int:
    return c[0, 0, 0]

def made(n: int) -> tuple[uint8[:], int8[:], uint16[:], int16[:], uint32[:], int32[:], uint64[:], float32[:]]:
    return (np.zeros(n, np.uint8), np.zeros(n, np.int8), np.zeros(n, "uint16"), np.zeros(n, np.int16),
            np.zeros(n, np.uint32), np.zeros(n, dtype="int32"), np.zeros(n, np.uint64), np.ones(n, np.float32))

def plane(c: float[:, :, :], i: int) -> float[:, :]:
    return c[i]

def row_of(c: float[:, :, :], i: int, j: int) -> float[:]:
    p = c[i]
    return p[j]

def scale(c: float[:, :, :], k: float) -> None:
    for p in c:
        for r in p:
            r[:] = k

def own_plane(n: int) -> float[:, :]:
    c = np.zeros((n, n, n))
    c[1, 1, 1] = 5.0
    return c[1]

def bytes_of(c: uint8[:, :, :]) -> uint8[:, :]:
    return c[:, 1, ::2]
"""


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(CELL).functions


@pytest.mark.parametrize("call, message", [
    ("put8(np.zeros(3), 1)", "put8() argument 'a' must be a 1-D uint8 array (uint8[:]), not a 1-D float64 array"),
    ("put8(np.zeros(3, np.int8), 1)",
     "put8() argument 'a' must be a 1-D uint8 array (uint8[:]), not a 1-D int8 array"),
    ("put8(np.zeros((3, 1), np.uint8), 1)",
     "put8() argument 'a' must be a 1-D uint8 array (uint8[:]), not a 2-D uint8 array"),
    ("small(np.zeros((2, 2), np.uint8))",
     "small() argument 'a' must be a 2-D int8 array (int8[:, :]), not a 2-D uint8 array"),
    ("f32(np.zeros(2))", "f32() argument 'a' must be a 1-D float32 array (float32[:]), not a 1-D float64 array"),
    ("vol(np.zeros((1, 1, 1), '>u2'))",
     "vol() argument 'c' must be a 3-D uint16 array (uint16[:, :, :]), not a 3-D >u2 array"),
    ("vol(np.zeros((1, 1), np.uint16))",
     "vol() argument 'c' must be a 3-D uint16 array (uint16[:, :, :]), not a 2-D uint16 array"),
])
def test_a_wrong_dtype_is_a_type_error_naming_the_parameter_and_both_dtypes(f, call, message):
    with pytest.raises(TypeError) as caught:
        eval(call, {"np": np, **f})
    assert str(caught.value) == message


def test_the_right_dtype_passes_and_is_read_as_numpy_reads_it(f):
    a = np.array([[-128, 5]], np.int8)
    assert f["small"](a) == -128
    assert f["f32"](np.array([0.1], np.float32)) == float(np.float32(0.1))
    assert f["vol"](np.full((1, 2, 2), 65535, np.uint16)) == 65535


def test_results_keep_their_dtype(f):
    results = f["made"](3)
    assert [r.dtype for r in results] == [np.dtype(d) for d in
                                          ("uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "float32")]
    assert all(r.shape == (3,) for r in results)
    assert results[-1].tolist() == [1.0, 1.0, 1.0]


def test_views_of_a_3d_argument_share_its_memory(f):
    c = np.arange(24.0).reshape(2, 3, 4)
    p = f["plane"](c, 1)
    assert p.shape == (3, 4) and np.shares_memory(p, c)
    p[0, 0] = -1.0  # a write through the returned view reaches the argument
    assert c[1, 0, 0] == -1.0
    r = f["row_of"](c, -1, 2)
    assert r.tolist() == c[1, 2].tolist() and np.shares_memory(r, c)
    f["scale"](c[:, 1:], 7.0)  # writes through views made in compiled code reach the caller
    assert (c[:, 1:] == 7.0).all() and (c[:, 0] != 7.0).any()


def test_a_view_of_an_array_made_in_compiled_code_keeps_its_memory(f):
    p = f["own_plane"](3)
    assert p.shape == (3, 3) and p[1, 1] == 5.0 and p.base is not None
    b = f["bytes_of"](np.arange(2 * 3 * 5, dtype=np.uint8).reshape(2, 3, 5))
    assert b.dtype == np.uint8 and b.tolist() == [[5, 7, 9], [20, 22, 24]]


@pytest.mark.parametrize("body, message", [
    ("import numpy as np\ndef f(a: uint8[:], b: int[:]) -> None:\n    a[1:] = b\n",
     "cannot assign int[:] to a view of uint8 elements in jitcell; the element types must be the same"),
    ("def f(a: uint8[:]) -> None:\n    a[0] = 1.5\n",
     "an element of uint8[:] must be int, not float (write int(...) to truncate)"),
    ("def f(a: float32[:]) -> None:\n    a[0] = 1j\n", "an element of float32[:] must be float, not complex"),
    ("import numpy as np\ndef f(n: int) -> uint8[:]:\n    return np.zeros(n, 'uint7')\n",
     "dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype jitcell supports"),
    ("import numpy as np\ndef f(n: int) -> uint8[:]:\n    return np.zeros(n, uint8)\n",
     "dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype jitcell supports"),
    ("import numpy as np\ndef f(n: int) -> uint8[:]:\n    return np.zeros(n, np.int8)\n",
     "return value of f() must be uint8[:], not int8[:]"),
])
def test_compile_errors(body, message):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(body)
    assert any(message in d.message for d in caught.value.diagnostics), caught.value.diagnostics


def _stores(source: str):
    return jitcell.compile_cell(source).functions["put"]


def test_the_store_check_is_what_raises_numpys_overflow_error(fresh_cache, monkeypatch):
    source = "def put(a: uint8[:], v: int) -> None:\n    a[0] = v\n"
    a = np.zeros(1, np.uint8)
    with pytest.raises(OverflowError, match="^Python integer 300 out of bounds for uint8\n"):
        _stores(source)(a, 300)
    assert a[0] == 0
    from jitcell.compiler.check import arrays
    monkeypatch.setattr(arrays, "_stored", lambda value, t, operand: value)  # the check switched off
    unchecked = _stores(source + "# without the check\n")
    unchecked(a, 300)  # wraps silently, as C would
    assert a[0] == 300 % 256


def test_error_sites_of_dtypes_are_validated():
    site = {"kind": "array_store", "line": 1, "col": 0, "function": "f", "dtype": "uint8", "operands": ["int"]}
    assert sites.site_problem(site) is None
    assert sites.site_problem({**site, "dtype": "uint7"}) == "its dtype is not one jitcell makes"
    assert sites.site_problem({**site, "kind": "array_read", "operands": ["float"]}) == \
        "its operand is not an int"
    index = {"kind": "array_index", "line": 1, "col": 0, "function": "f", "ndim": 3, "operands": ["int"] * 6}
    assert sites.site_problem(index) is None
    assert sites.site_problem({**index, "ndim": 33}) == "its array does not have 1 to 32 dimensions"


def test_a_loop_over_a_uint64_array_with_a_body():
    """Each element is checked to fit in an int before the body runs (the check begins a block of
    its own, where the body must go on)."""
    walk = jitcell.compile_cell("def walk(a: uint64[:]) -> list[int]:\n    out: list[int] = []\n"
                                "    for x in a:\n        out.append(x * 2)\n    return out\n").functions["walk"]
    assert walk(np.arange(4, dtype=np.uint64)) == [0, 2, 4, 6]
    with pytest.raises(OverflowError, match="uint64 element 9223372036854775808 does not fit"):
        walk(np.array([1, 2**63], dtype=np.uint64))
