"""Native entry points (compiler/lower/native.py, loader/bind.py): CPython calls the compiled
function through vectorcall, and whatever the entry does not take goes to the generated wrapper.
Every call here runs twice, native entries on and off (JITCELL_NATIVE_CALLS=0), against the
Python function itself: the same value, or the same exception type and message.

    def scale(x: float, n: int, flip: bool = False) -> float     scale(2.0, 3, True): native
                                                                  scale(2.0, n=3): the wrapper
"""

from __future__ import annotations

import json
import sys
import textwrap
import threading

import numpy as np
import pytest
from conftest import run_python

import jitcell
from jitcell.compiler.driver import generated_code
from jitcell.loader import bind as native  # the native entries

CELL = textwrap.dedent('''
    def inc(n: int) -> int:
        return n + 1

    def seven() -> int:
        return 7

    def first(a: float[:]) -> float:
        return a[0]

    def scale(x: float, n: int, flip: bool = False) -> float:
        return -x * n if flip else x * n

    def negate(b: bool) -> bool:
        return not b

    def nothing(x: float) -> None:
        pass

    def half(n: int) -> int:
        return 10 // n

    def corner(m: int[:, :]) -> int:
        return m[1, 1]

    def fill(a: float[:], x: float) -> None:
        for i in range(len(a)):
            a[i] = x

    def options(n: int, x: float = 0.5, flag: bool = True, *, k: int = 3, last: bool = False) -> float:
        return n * x + k if flag and not last else -1.0

    def total(a: float[:]) -> float:
        s = 0.0
        for x in a:
            s += x
        return s
''')

_PYTHON: dict = {}
exec(CELL.replace("[:, :]", "").replace("[:]", ""), _PYTHON)  # noqa: S102  # the same functions in CPython


@pytest.fixture(params=["native", "wrapper"])
def lib(request, monkeypatch, fresh_cache):
    monkeypatch.setenv("JITCELL_NATIVE_CALLS", "1" if request.param == "native" else "0")
    library = jitcell.compile_cell(CELL)
    for fn in library.functions.values():  # the switch decides at bind time
        assert (fn.native is not None) is (request.param == "native")
        assert (type(fn).__call__ is native.CALL) is (request.param == "native")
    return library


def _outcome(fn, args, kwargs):
    try:
        value = fn(*args, **kwargs)
        return type(value), value if type(value) is int else repr(value)  # (nan is not nan)
    except Exception as error:  # the type and text are what must agree
        return type(error), str(error).replace(fn.__name__ + "()", "F()")


ODD = np.zeros(17, dtype=np.uint8)[1:9].view(np.float64)  # an array whose data is misaligned
READ_ONLY = np.arange(3.0)
READ_ONLY.flags.writeable = False

CALLS = [
    ("inc", (1,), {}), ("inc", (-2**63,), {}), ("inc", (2**63 - 1,), {}), ("inc", (2**63,), {}),
    ("inc", (-2**63 - 1,), {}), ("inc", (True,), {}), ("inc", (2.0,), {}),
    ("inc", ("1",), {}), ("inc", (), {}), ("inc", (1, 2), {}), ("inc", (), {"n": 3}), ("inc", (1,), {"m": 3}),
    ("seven", (), {}), ("seven", (1,), {}),
    ("scale", (2.0, 3, True), {}), ("scale", (2.0, 3), {}),
    ("scale", (2.0, 3), {"flip": True}), ("scale", (2.0, 3, 1), {}), ("scale", (2.0, 3, np.bool_(True)), {}),
    ("scale", (2.0, 3.0, True), {}), ("scale", (float("nan"), 1), {}),
    ("negate", (True,), {}), ("negate", (False,), {}), ("negate", (0,), {}), ("negate", (None,), {}),
    ("nothing", (1.0,), {}), ("nothing", (None,), {}),
    ("half", (3,), {}), ("half", (0,), {}), ("half", (-7,), {}),
    ("options", (2,), {}), ("options", (2, 1.5), {}), ("options", (2, 1.5, False), {}),
    ("options", (2, 1.5, True, 4), {}),
    ("options", (2,), {"k": 5}), ("options", (), {"n": 1, "last": True}), ("options", (), {}),
]


def test_numbers_give_python_s_values_and_messages(lib):
    for name, args, kwargs in CALLS:
        got, want = _outcome(lib.functions[name], args, kwargs), _outcome(_PYTHON[name], args, kwargs)
        beyond = [v for v in (*args, want[1]) if type(v) is int and not -2**63 <= v < 2**63]
        if TypeError in (got[0], want[0]) or beyond:
            continue  # the wrapper's own rules (checked below), or an int past 64 bits (a Deviation)
        assert got == want, (name, args, kwargs)
    assert lib.functions["scale"](2, 3) == 6.0 and type(lib.functions["scale"](2, 3)) is float  # (its annotation)
    assert lib.functions["inc"](np.int64(4)) == 5 and lib.functions["scale"](np.float64(1.5), 2, True) == -3.0


def test_refusals_are_the_wrapper_s_whichever_path(lib):
    f = lib.functions
    cases = [(f["inc"], (2**63,), OverflowError,
              "inc() argument 'n' = 9223372036854775808 does not fit in a 64-bit int"),
             (f["inc"], ("1",), TypeError, "inc() argument 'n' must be int, not str"),
             (f["inc"], (), TypeError, "inc() missing 1 required positional argument: 'n'"),
             (f["seven"], (1,), TypeError, "seven() takes 0 positional arguments but 1 was given"),
             (f["negate"], (0,), TypeError, "negate() argument 'b' must be bool, not int"),
             (f["options"], (1, 2.0, True, 4), TypeError,
              "options() takes from 1 to 3 positional arguments but 4 were given"),
             (f["options"], (), TypeError, "options() missing 1 required positional argument: 'n'"),
             (f["first"], (np.arange(3),), TypeError,
              "first() argument 'a' must be a 1-D float64 array (float[:]), not a 1-D int64 array"),
             (f["first"], (np.zeros((2, 2)),), TypeError,
              "first() argument 'a' must be a 1-D float64 array (float[:]), not a 2-D float64 array"),
             (f["first"], ([1.0],), TypeError, "first() argument 'a' must be a 1-D float64 array (float[:]), not list"),
             (f["fill"], (READ_ONLY, 1.0), ValueError, None),
             (f["first"], (ODD,), ValueError, None)]
    for fn, args, kind, message in cases:
        with pytest.raises(kind) as caught:
            fn(*args)
        if message is not None:
            assert str(caught.value) == message


def test_arrays_cross_as_views_whichever_path(lib):
    f = lib.functions
    a = np.arange(10.0)
    assert f["first"](a) == 0.0 and f["first"](a[3::2]) == 3.0 and f["first"](a[::-1]) == 9.0
    m = np.arange(12).reshape(3, 4)
    assert f["corner"](m) == 5 and f["corner"](m.T) == 5 and f["corner"](np.asfortranarray(m)) == 5
    assert f["first"](READ_ONLY) == 0.0  # reading a read-only array is fine (the wrapper takes it)
    f["fill"](a[::3], 2.5)
    assert a.tolist() == [2.5, 1, 2, 2.5, 4, 5, 2.5, 7, 8, 2.5]
    assert f["total"](np.ones(1000)) == 1000.0


def test_an_exception_inside_compiled_code_is_python_s(lib):
    half = lib.functions["half"]
    with pytest.raises(ZeroDivisionError, match="integer division or modulo by zero") as caught:
        half(0)
    # natively raised by the call itself; else the wrapper's frame is below it (IPython hides it: magics/tracebacks.py)
    assert (caught.value.__traceback__.tb_next is None) is (half.native is not None)
    assert any("in half (compiled by jitcell)" in note for note in caught.value.__notes__)
    try:
        raise KeyError("first")
    except KeyError as handled:
        with pytest.raises(ZeroDivisionError) as chained:
            half(0)
        assert chained.value.__context__ is handled  # raised while handling another, as Python records it


def test_an_exact_call_runs_no_python_frame_and_the_others_run_the_wrapper(lib):
    inc = lib.functions["inc"]
    frames: list[str] = []

    def profile(frame, event, arg):
        if event == "call":
            frames.append(frame.f_code.co_name)

    options = lib.functions["options"]
    sys.setprofile(profile)
    try:
        inc(1)
        options(2, 0.25)  # defaults for the others, keyword-only ones too
        exact = list(frames)
        inc(n=1)
    finally:
        sys.setprofile(None)
    wrapper_ran = "inc" in frames[len(exact):]
    assert wrapper_ran  # a keyword: the wrapper binds it
    for name in ("inc", "options"):
        assert (name in exact) is (inc.native is None)  # natively, nothing of Python runs


def test_loops_let_other_threads_run_and_straight_code_keeps_the_gil(fresh_cache):
    lib = jitcell.compile_cell(CELL)
    code = generated_code(lib)["ir"]  # the native entries as lowered, each up to the next function

    def entry(name: str) -> str:
        return code.split(f'@"jitcell.native.{name}"(', 1)[1].split("\ndefine ", 1)[0]

    for name in ("fill", "total"):  # they loop: their entries release the GIL around the call
        assert "PyEval_SaveThread" in entry(name) and "PyEval_RestoreThread" in entry(name)
    for name in ("inc", "first", "scale"):
        assert "PyEval_SaveThread" not in entry(name) and "PyLong_FromLongLong" in entry("inc")
    results = []
    threads = [threading.Thread(target=lambda: results.append(lib.functions["total"](np.ones(10**6))))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1e6] * 4


def test_decorated_functions_call_the_entry_too(tmp_path, monkeypatch):
    path = tmp_path / "native_mod.py"
    path.write_text(textwrap.dedent('''
        import jitcell

        @jitcell.jit
        def mul(x: float, n: int) -> float:
            return x * n
    '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    import native_mod

    assert native_mod.mul(1.5, 2) == 3.0 and native_mod.mul(x=1.5, n=2) == 3.0
    with pytest.raises(TypeError, match=r"mul\(\) argument 'n' must be int, not str"):
        native_mod.mul(1.5, "2")
    if native.available(arrays=False):
        assert type(native_mod.mul).__call__ is native.CALL


def test_a_cached_library_calls_natively_in_a_fresh_process(fresh_cache):
    jitcell.compile_cell(CELL)
    child = textwrap.dedent(f'''
        import json, numpy as np, jitcell
        lib = jitcell.compile_cell({CELL!r})
        f = lib.functions
        (table,) = [s for s in lib.slots if s.target == "native"]
        print(json.dumps([lib.cache_hit, f["inc"].native is not None, f["first"].native is not None,
                          f["scale"](2.0, 3, True), f["first"](np.arange(3.0) + 1), table.patched != table.baked]))
    ''')
    done = run_python(child)
    assert done.returncode == 0, done.stderr
    # a hit; its entries used; the table's slot patched with this process's table, not the builder's
    assert json.loads(done.stdout.splitlines()[-1]) == [True, True, True, -6.0, 1.0, True]


def test_the_table_has_an_entry_for_each_dtype_and_the_python_objects():
    """load.TABLE spells out its dtype entries (a hit does not import dtypes.py): one for each array dtype,
    each of the CPython objects and functions named once, and nothing else."""
    from jitcell.dtypes import DTYPES
    from jitcell.loader.load import TABLE

    dtype_entries = [name for name in TABLE if name.startswith("obj.dtype.")]
    assert sorted(dtype_entries) == sorted(f"obj.dtype.{name}" for name in DTYPES)
    assert len(set(TABLE)) == len(TABLE)
    assert all(name.startswith(("capi.", "obj.")) for name in TABLE)
