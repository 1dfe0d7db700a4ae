"""NumPy arrays at the boundary and around it: type and rank checks, IndexError with the cell
line, boundscheck off, memory that returned arrays own (and give back), read-only and
misaligned arrays, compile errors. The language itself is tested differentially by
tests/programs/array_*.py; bounds checks under loop versioning by tests/test_versioning.py.
"""

from __future__ import annotations

import gc
import textwrap

import numpy as np
import pytest

import jitcell
from jitcell import runtime
from jitcell.errors import CompileError
from jitcell.runtime.arrays import ArrayOwner

CELL = textwrap.dedent("""\
    from __future__ import annotations
    import numpy as np

    def total(a: float[:]) -> float:
        s = 0.0
        for i in range(len(a)):
            s += a[i]
        return s

    def at(m: int[:, :], i: int, j: int) -> int:
        return m[i, j]

    def put(a: float[:], i: int, v: float) -> None:
        a[i] = v

    def make(n: int, m: int) -> float[:, :]:
        out = np.zeros((n, m))
        for i in range(n):
            for j in range(m):
                out[i, j] = i * m + j
        return out

    def flags(n: int) -> bool[:]:
        return np.ones(n, dtype=bool)

    def both(n: int) -> tuple[int[:], float]:
        return np.zeros(n, dtype=int), 0.5

    def ident(a: float[:]) -> float[:]:
        return a

    def pick(a: float[:], b: float[:], first: bool) -> tuple[float[:], float[:], float]:
        c = a if first else b
        return c, np.ones(2), c[0]

    def count(b: bool[:]) -> int:
        k = 0
        for x in b:
            if x:
                k += 1
        return k

    def sum_at(a: float[:], idx: int[:]) -> float:
        s = 0.0
        for i in range(len(idx)):
            s += a[idx[i]]
        return s
    """)


@pytest.fixture(scope="module")
def f():
    return jitcell.compile_cell(CELL).functions


def live() -> int:
    return runtime.call("live_objects")


# ---- the boundary ------------------------------------------------------------------------


@pytest.mark.parametrize("call, message", [
    ("total(np.arange(3))", "total() argument 'a' must be a 1-D float64 array (float[:]), not a 1-D int64 array"),
    ("total(np.zeros((2, 2)))",
     "total() argument 'a' must be a 1-D float64 array (float[:]), not a 2-D float64 array"),
    ("total(np.zeros(3, dtype=np.float32))",
     "total() argument 'a' must be a 1-D float64 array (float[:]), not a 1-D float32 array"),
    ("total([1.0, 2.0])", "total() argument 'a' must be a 1-D float64 array (float[:]), not list"),
    ("total(1.5)", "total() argument 'a' must be a 1-D float64 array (float[:]), not float"),
    ("at(np.zeros((2, 2)), 0, 0)",
     "at() argument 'm' must be a 2-D int64 array (int[:, :]), not a 2-D float64 array"),
    ("at(np.zeros(4, dtype=int), 0, 0)",
     "at() argument 'm' must be a 2-D int64 array (int[:, :]), not a 1-D int64 array"),
    ("at(np.zeros((2, 2), dtype=np.int32), 0, 0)",
     "at() argument 'm' must be a 2-D int64 array (int[:, :]), not a 2-D int32 array"),
    ("count(np.zeros(3, dtype=np.uint8))",
     "count() argument 'b' must be a 1-D bool array (bool[:]), not a 1-D uint8 array"),
    ("total(np.zeros(3, dtype='>f8'))",
     "total() argument 'a' must be a 1-D float64 array (float[:]), not a 1-D >f8 array"),
])
def test_a_wrong_array_is_a_type_error_naming_the_parameter_and_both_types(f, call, message):
    with pytest.raises(TypeError) as caught:
        eval(call, {"np": np, **f})
    assert str(caught.value) == message


def test_subclasses_and_strided_views_are_accepted(f):
    class Sub(np.ndarray):
        pass

    assert f["total"](np.arange(4.0).view(Sub)) == 6.0
    assert f["ident"](np.arange(3.0).view(Sub)).__class__ is Sub
    base = np.arange(24.0)
    assert f["total"](base[::5]) == base[::5].sum()
    assert f["total"](base[::-2]) == base[::-2].sum()
    broadcast = np.broadcast_to(np.float64(2.5), (4,))  # stride 0, read-only
    assert f["total"](broadcast) == 10.0


SUBCLASS_RULE = ("a subclass of numpy.ndarray is taken only if it defines none of __getitem__, __setitem__, "
                 "__array_ufunc__, __array_function__")


class Units(np.ndarray):
    """Like astropy's Quantity: arithmetic on it means more than arithmetic on its elements."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return NotImplemented


@pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")
def test_a_masked_array_and_subclasses_that_give_elements_a_meaning_are_refused(f):
    masked = np.ma.masked_array([1.0, 2.0, 4.0], mask=[False, True, False])
    with pytest.raises(TypeError) as caught:
        f["total"](masked)
    assert str(caught.value) == (f"total() argument 'a' must be a 1-D float64 array (float[:]), not a masked array: "
                                 f"compiled code would ignore its mask ({SUBCLASS_RULE}); pass a.filled(value), or "
                                 f"a.data to use the masked elements too")
    assert f["total"](masked.filled(0.0)) == masked.sum() == 5.0
    with pytest.raises(TypeError, match=r"^at\(\) argument 'm' must be a 2-D int64 array \(int\[:, :\]\), not "
                                        r"numpy\.matrix, whose __getitem__ gives its elements a meaning"):
        f["at"](np.matrix([[1, 2], [3, 4]]), 0, 1)
    with pytest.raises(TypeError) as caught:
        f["total"](np.arange(3.0).view(Units))
    assert str(caught.value).endswith(f"not test_arrays.Units, whose __array_ufunc__ gives its elements a meaning "
                                      f"compiled code would ignore ({SUBCLASS_RULE}); pass numpy.asarray(a)")


def test_without_the_subclass_rule_a_masked_array_gives_a_wrong_result(f, monkeypatch):
    from jitcell.runtime import arrays

    monkeypatch.setattr(arrays, "_added_meaning", lambda cls: None)
    masked = np.ma.masked_array([1.0, 2.0, 4.0], mask=[False, True, False])
    assert f["total"](masked) == 7.0 != masked.sum()  # the masked 2.0 counted


def test_a_memmap_is_an_array(f, tmp_path):
    path = tmp_path / "data"
    np.arange(4.0).tofile(path)
    mapped = np.memmap(path, dtype=np.float64, mode="r+")
    assert f["total"](mapped) == 6.0
    f["put"](mapped, 1, 9.5)
    mapped.flush()
    assert np.fromfile(path).tolist() == [0.0, 9.5, 2.0, 3.0]
    with pytest.raises(ValueError, match=r"put\(\) argument 'a' is a read-only array"):
        f["put"](np.memmap(path, dtype=np.float64, mode="r"), 0, 1.0)


def test_assignments_reach_the_callers_memory(f):
    base = np.zeros(10)
    f["put"](base[1::3], 2, 7.0)
    assert base[7] == 7.0 and base.sum() == 7.0
    m = np.zeros((3, 4), dtype=int)
    assert f["at"](m.T, 3, 2) == 0


def test_a_writer_refuses_a_read_only_array_and_a_reader_takes_it(f):
    frozen = np.arange(3.0)
    frozen.flags.writeable = False
    assert f["total"](frozen) == 3.0
    with pytest.raises(ValueError, match=r"put\(\) argument 'a' is a read-only array, and put\(\) may assign"):
        f["put"](frozen, 0, 1.0)
    assert frozen[0] == 0.0


def test_misaligned_arrays_are_refused_before_the_call():
    records = np.zeros(4, dtype=[("tag", "u1"), ("x", "<f8")])  # packed: x at offset 1, stride 9
    g = jitcell.compile_cell("def total(a: float[:]) -> float:\n    return a[0]\n").functions
    before = live()
    with pytest.raises(ValueError, match=r"total\(\) argument 'a' is an array whose data or strides are not "
                                         r"multiples of its item size"):
        g["total"](records["x"])
    assert live() == before


# ---- errors ------------------------------------------------------------------------------


def test_index_error_has_numpys_message_and_the_cell_line(f):
    with pytest.raises(IndexError) as caught:
        f["at"](np.zeros((2, 3), dtype=int), 1, 3)
    assert str(caught.value) == "index 3 is out of bounds for axis 1 with size 3"
    assert caught.value.__notes__ == ['  File "cell", line 11, column 12, in at (compiled by jitcell)\n'
                                      '    return m[i, j]']
    with pytest.raises(IndexError, match="index -3 is out of bounds for axis 0 with size 2"):
        f["at"](np.zeros((2, 3), dtype=int), -3, 0)


def test_index_error_line_under_the_magic_counts_the_magic_line(fresh_cache):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    with capture_output():
        assert shell.run_cell("%%jit -q\ndef get(a: float[:], i: int) -> float:\n    return a[i]\n").success
    with pytest.raises(IndexError) as caught:
        shell.user_ns["get"](np.zeros(2), 2)
    assert 'line 3, column 12, in get' in caught.value.__notes__[0]


def test_creating_an_array_with_a_bad_shape_raises_as_numpy_does():
    g = jitcell.compile_cell(textwrap.dedent("""\
        import numpy as np

        def make(n: int, m: int) -> float[:, :]:
            return np.zeros((n, m))

        def huge(n: int) -> int:
            a = np.ones(n, dtype=bool)
            return len(a)
        """)).functions
    with pytest.raises(ValueError, match="negative dimensions are not allowed"):
        g["make"](-1, 2)
    with pytest.raises(ValueError, match="array is too big"):
        g["make"](2**40, 2**40)
    before = live()
    with pytest.raises(MemoryError, match="Unable to allocate"):
        g["huge"](2**62)
    assert live() == before


# ---- boundscheck off -----------------------------------------------------------------------


def test_boundscheck_off_removes_the_checks_and_changes_the_key():
    source = "def get(a: float[:], i: int) -> float:\n    return a[i]\n"
    checked = jitcell.compile_cell(source)
    unchecked = jitcell.compile_cell(source, boundscheck=False)
    assert checked.key != unchecked.key
    assert checked.manifest["options"]["boundscheck"] is True
    assert unchecked.manifest["options"]["boundscheck"] is False
    assert [s["kind"] for s in checked.manifest["sites"]].count("array_index") == 1
    assert "array_index" not in [s["kind"] for s in unchecked.manifest["sites"]]
    base = np.arange(10.0)
    view = base[:5]
    with pytest.raises(IndexError):
        checked.functions["get"](view, 7)
    assert unchecked.functions["get"](view, 7) == 7.0  # reads past the view, into base: no check
    assert unchecked.functions["get"](view, -1) == 4.0  # negative indices still count from the end


def test_boundscheck_off_through_the_magic(fresh_cache):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    with capture_output():
        assert shell.run_cell("%%jit -q --boundscheck off\ndef peek(a: int[:], i: int) -> int:\n"
                              "    return a[i]\n").success
    assert shell.user_ns["peek"].library.manifest["options"]["boundscheck"] is False
    assert shell.user_ns["peek"](np.arange(8)[:4], 6) == 6
    with capture_output() as captured:
        assert not shell.run_cell("%%jit --boundscheck maybe\ndef f() -> None:\n    pass\n").success
    assert "UsageError" in captured.stdout + captured.stderr


# ---- returned arrays own their memory -----------------------------------------------------------


def test_a_returned_array_owns_its_memory_until_numpy_frees_it(f):
    before = live()
    m = f["make"](3, 4)
    assert type(m) is np.ndarray and m.dtype == np.float64 and m.shape == (3, 4)
    assert m.flags.c_contiguous and m.flags.writeable and m.flags.aligned
    assert isinstance(m.base, ArrayOwner)
    assert m.tolist() == [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]
    assert live() == before + 1
    row = m[1]  # a NumPy view keeps the memory alive too
    del m
    gc.collect()
    assert live() == before + 1 and row.tolist() == [4.0, 5.0, 6.0, 7.0]
    row[0] = -1.0
    del row
    gc.collect()
    assert live() == before


def test_returned_arrays_of_every_kind(f):
    before = live()
    b = f["flags"](5)
    assert b.dtype == np.bool_ and b.tolist() == [True] * 5
    z, half = f["both"](3)
    assert z.dtype == np.int64 and z.tolist() == [0, 0, 0] and half == 0.5
    empty = f["make"](0, 5)
    assert empty.shape == (0, 5)
    assert f["count"](b) == 5 and f["total"](f["make"](2, 2).ravel()) == 6.0
    del b, z, empty
    gc.collect()
    assert live() == before


def test_an_argument_returned_is_the_same_object(f):
    a, b = np.arange(4.0)[::2], np.arange(3.0)
    before = live()
    assert f["ident"](a) is a
    assert live() == before
    c, fresh, first = f["pick"](a, b, False)
    assert c is b and first == 0.0 and fresh.tolist() == [1.0, 1.0] and isinstance(fresh.base, ArrayOwner)
    assert f["pick"](a, b, True)[0] is a
    del fresh
    gc.collect()
    assert live() == before


def test_indices_from_an_int_array(f):
    assert f["sum_at"](np.arange(5.0), np.array([4, 0, -1])) == 8.0
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 0 with size 5"):
        f["sum_at"](np.arange(5.0), np.array([5]))


def test_signature_shows_array_types(f):
    import inspect

    assert str(inspect.signature(f["at"])) == "(m: 'int[:, :]', i: int, j: int) -> int"
    assert f["make"].signature == "(n: int, m: int) -> float[:, :]"


# ---- compile errors ------------------------------------------------------------------------


@pytest.mark.parametrize("body, message", [
    ("def f(a: float[:]) -> float:\n    return a[0, 0]\n",
     "too many indices for array: a 1-D array (float[:]) takes at most 1, not 2"),
    ("def f(a: float[:, :]) -> float:\n    return a[0, 0, 0]\n",
     "too many indices for array: a 2-D array (float[:, :]) takes at most 2, not 3"),
    ("def f(a: float[:]) -> float:\n    return a[1.5]\n", "array indices must be int, not float"),
    ("def f(a: float[:]) -> float:\n    return a[True]\n",
     "a bool scalar index adds an axis in NumPy (a[True] is a 2-D array), which jitcell does not support; "
     "write int(...) for 0 or 1"),
    ("def f(a: float[:]) -> None:\n    a[a > 0.0] += 1.0\n",
     "'+=' on a masked selection (a[mask] += v) is not supported by jitcell; write a[mask] = a[mask] + v"),
    ("def f(a: float[:]) -> float[:]:\n    return a[1.5:]\n", "slice bounds must be int, not float"),
    ("def f(a: float[:], b: int[:]) -> None:\n    a[1:] = b\n",
     "cannot assign int[:] to a view of float elements in jitcell; the element types must be the same"),
    ("def f(a: float[:]) -> float[:]:\n    return a.copy(1)\n", "copy() takes no arguments in jitcell"),
    ("def f(a: float[:]) -> float[:]:\n    return a.sort()\n",
     "'float[:]' has no method 'sort' in jitcell (copy, astype, reshape, ravel, flatten, transpose, dot, sum, prod, "
     "min, max, mean, argmin, argmax are supported)"),
    ("def f(a: float[:]) -> float:\n    return a[1:][0, 1]\n",
     "too many indices for array: a 1-D array (float[:]) takes at most 1, not 2"),
    ("def f(a: int[:]) -> None:\n    a[0] = 1.5\n",
     "an element of int[:] must be int, not float (write int(...) to truncate)"),
    ("def f(a: int[:]) -> None:\n    a[0] /= 2\n", "'/=' on an element of int[:] gives float, which the array "
                                                  "cannot hold"),
    ("def f(a: int[:]) -> None:\n    del a[0]\n", "cannot delete array elements"),
    ("def f(a: float[:, :]) -> None:\n    for row in a[1:]:\n        pass\n",
     "jitcell iterates over the rows of an array of 2 or more dimensions named by a local the loop does not "
     "rebind (for row in m); here loop over range(len(a)) and index a[i]"),
    (f"def f(a: float[{', '.join([':'] * 33)}]) -> None:\n    pass\n", "jitcell's arrays have at most 32 dimensions"),
    ("def f(a: float[3]) -> None:\n    pass\n",
     "an array annotation has ':' for each axis, like float[:] or float[:, :]"),
    ("def f(a: float[:]) -> bool:\n    return a.sorted\n",
     "'float[:]' has no attribute 'sorted' in jitcell (shape, size, ndim and T are supported)"),
    ("import numpy as np\ndef f(n: int) -> float[:]:\n    return np.cumsum(n)\n",
     "numpy.cumsum is not supported by jitcell (np.zeros, np.ones, np.empty and their *_like forms, arange, argmax, "
     "argmin, copy, dot, full, full_like, linspace, matmul, max, mean, min, prod, ravel, reshape, sum, transpose are)"),
    ("import numpy as np\ndef f(n: int) -> float[:]:\n    return np.zeros(n, dtype=str)\n",
     "dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype jitcell supports (float64, "
     "float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8, bool, complex128)"),
    ("import numpy as np\ndef f(n: float) -> float[:]:\n    return np.zeros(n)\n",
     "the shape of np.zeros() must be an int or a tuple of ints, not float"),
    (f"import numpy as np\ndef f(n: int) -> float[:]:\n    return np.zeros(({', '.join(['n'] * 33)}))\n",
     "jitcell's arrays have 1 to 32 dimensions"),
    ("def f(a: float[:]) -> bool:\n    return not a\n", "a value of type float[:] has no truth value here"),
    ("def f(a: float[:], s: str) -> float[:]:\n    return a + s\n",
     "array expressions take arrays and scalars of bool, int, float and complex in jitcell, not str"),
    ("import numpy as np\ndef f(a: complex[:]) -> complex[:]:\n    return np.ceil(a)\n",
     "ufunc 'ceil' not supported for the input types, and the inputs could not be safely coerced to any "
     "supported types according to the casting rule ''safe''"),
    ("def f(a: float[:]) -> float:\n    return a + 1.0\n",
     "return value of f() must be float, not float[:]"),
])
def test_compile_errors(body, message):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(body, cache=False)
    assert message in [d.message for d in caught.value.diagnostics], caught.value.diagnostics


def test_cells_with_arrays_run_in_cpython_too():
    namespace: dict = {}
    exec(CELL, namespace)
    assert namespace["total"](np.arange(4.0)) == 6.0


def test_the_wrapper_works_without_knowing_where_numpy_keeps_the_data_address(monkeypatch):
    from jitcell.runtime import arrays

    monkeypatch.setattr(arrays, "_DATA_OFFSET", [None])
    g = jitcell.compile_cell("def put(a: float[:], i: int) -> float:\n    a[i] = 2.5\n    return a[0]\n",
                             cache=False).functions["put"]
    base = np.zeros(6)
    assert g(base[::2], 1) == 0.0 and base[2] == 2.5


def test_the_data_address_is_found_in_the_ndarray():
    from jitcell.runtime import arrays

    assert arrays.data_field_offset() == object.__basicsize__
