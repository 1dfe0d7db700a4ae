"""prange loops under parallel=True (compiler/parallel.py, lower/parallel.py, runtime/source_parallel.py).

The loops of tests/prange_cell.py are Python too (prange is range there): each function's result
under jitcell, with and without parallel, must be CPython's; exceptions the iterations raise must be
the one a serial loop raises (the lowest failing iteration's), also under repetition, where a race
would show; and a prange body that would share what threads cannot is a CompileError.
"""

from __future__ import annotations

import math
import os
import pathlib
import re
import signal
import textwrap
import threading
import time

import numpy as np
import pytest
from conftest import run_python

import jitcell
from jitcell import prange, runtime
from jitcell.runtime import interrupts, parallel

CELL_PATH = pathlib.Path(__file__).with_name("prange_cell.py")
SOURCE = CELL_PATH.read_text()
THREADS = 4  # more than this machine's cores: chunks interleave and wait for each other


@pytest.fixture(scope="module")
def compiled():
    previous = os.environ.get(parallel.NUM_THREADS_ENV)
    if not parallel._started:  # the pool is made when the first parallel library loads
        os.environ[parallel.NUM_THREADS_ENV] = str(THREADS)
    namespace: dict = {}
    exec(compile(SOURCE, str(CELL_PATH), "exec"), namespace)  # CPython's own
    yield {
        "python": namespace,
        "parallel": jitcell.compile_cell(SOURCE, parallel=True).functions,
        "serial": jitcell.compile_cell(SOURCE).functions,
    }
    if previous is None:
        os.environ.pop(parallel.NUM_THREADS_ENV, None)
    else:
        os.environ[parallel.NUM_THREADS_ENV] = previous


def _arrays(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {"a": rng.random(100_003), "grid": rng.random((257, 129)), "flags": rng.integers(0, 1000, 50_001)}


CALLS = [
    ("squares", lambda d: (0,)), ("squares", lambda d: (1,)), ("squares", lambda d: (3,)),
    ("squares", lambda d: (100_000,)), ("squares", lambda d: (-5,)),
    ("stepped", lambda d: (0, 1000, 7)), ("stepped", lambda d: (1000, 0, -7)), ("stepped", lambda d: (5, 5, 1)),
    ("stepped", lambda d: (-(2**62), 2**62, 2**58)), ("stepped", lambda d: (0, 2**63 - 1, 2**62)),
    ("stepped", lambda d: (2**63 - 1, -(2**63), -(2**61))), ("stepped", lambda d: (10, 3, 1)),
    ("between", lambda d: (-1000, 999)), ("between", lambda d: (7, 8)),
    ("product", lambda d: (61,)), ("extremes", lambda d: (5000,)), ("extremes", lambda d: (1,)),
    ("float_extremes", lambda d: (d["a"],)), ("counted", lambda d: (d["flags"],)),
    ("nested", lambda d: (37, 41)), ("repeated", lambda d: (10_001, 7)), ("count_from", lambda d: (1000, -5)),
    ("from_generator", lambda d: (300,)),  # a prange in a generator function runs serially
]


@pytest.mark.parametrize("name, arguments", CALLS, ids=[f"{n}-{k}" for k, (n, _) in enumerate(CALLS)])
def test_results_are_python_s(compiled, name, arguments):
    args = arguments(_arrays(1))
    expected = compiled["python"][name](*args)
    assert compiled["parallel"][name](*args) == expected
    assert compiled["serial"][name](*args) == expected


def test_array_writes_are_python_s(compiled):
    for mode in ("parallel", "serial"):
        d, e = _arrays(2), _arrays(2)
        for name, make in (("scaled", lambda x: (x["a"], np.zeros_like(x["a"]), 1.7)),
                           ("calls", lambda x: (x["a"], np.zeros_like(x["a"]))),
                           ("stencil", lambda x: (x["grid"], np.zeros_like(x["grid"]))),
                           ("updated", lambda x: (x["flags"],)),
                           ("mathy", lambda x: (x["a"], np.zeros_like(x["a"]))),
                           ("grid_update", lambda x: (x["grid"], 3)),
                           ("two_loops", lambda x: (x["a"], np.zeros_like(x["a"])))):
            got_args, want_args = make(d), make(e)
            got = compiled[mode][name](*got_args)
            want = compiled["python"][name](*want_args)
            assert math.isclose(got, want, rel_tol=1e-12)
            for got_array, want_array in zip(got_args, want_args, strict=True):
                if isinstance(got_array, np.ndarray):  # elementwise: the same operations, the same bits
                    np.testing.assert_array_equal(got_array, want_array)


def test_a_float_sum_differs_from_serial_by_rounding_only(compiled):
    a = _arrays(3)["a"]
    expected = compiled["python"]["float_sum"](a)
    got = compiled["parallel"]["float_sum"](a)
    assert got == pytest.approx(expected, rel=1e-12)
    assert compiled["serial"]["float_sum"](a) == expected  # serial: CPython's order exactly
    assert compiled["parallel"]["float_sum"](a) == got  # the same chunks each call: the same bits


def test_a_sum_of_negative_zeros_keeps_its_sign(compiled):
    a = np.full(1000, -0.0)  # each chunk's partial starts at -0.0, the identity of float +
    assert math.copysign(1.0, compiled["python"]["signed_sum"](a)) == -1.0
    assert math.copysign(1.0, compiled["parallel"]["signed_sum"](a)) == -1.0
    a[500] = 0.0
    assert math.copysign(1.0, compiled["parallel"]["signed_sum"](a)) == 1.0


def _raised(function, *args) -> BaseException:
    try:
        function(*args)
    except Exception as error:  # noqa: BLE001 - compared below
        return error
    raise AssertionError("no exception")


ERRORS = [
    ("fails_at", lambda d: (d["a"], 5000, 7)), ("fails_at", lambda d: (d["a"], 0, 1)),
    ("fails_at", lambda d: (d["a"], 99_000, 13)), ("divides", lambda d: (100_000, 70_000)),
    ("divides", lambda d: (100_000, 3)), ("overflows", lambda d: (100_000, 70_000)),
    ("overflows", lambda d: (100_000, 1)), ("raises", lambda d: (100_000, 777, 1000)),
    ("raises", lambda d: (100_000, 10**6, 1)),  # only the assert of the last iteration fails
]


@pytest.mark.parametrize("name, arguments", ERRORS, ids=[f"{n}-{k}" for k, (n, _) in enumerate(ERRORS)])
def test_the_exception_is_the_lowest_failing_iteration_s(compiled, name, arguments):
    args = arguments(_arrays(4))
    # Python's ints do not overflow: there the serial compiled loop's error is the reference
    expected = _raised(compiled["serial" if name == "overflows" else "python"][name], *args)
    for mode in ("parallel", "serial"):
        error = _raised(compiled[mode][name], *args)
        assert type(error) is type(expected)
        assert str(error) == str(expected)
        assert f"in {name} (compiled by jitcell)" in "\n".join(error.__notes__)


def test_exceptions_under_repetition_are_always_the_lowest(compiled):
    d = _arrays(5)
    expected = str(_raised(compiled["python"]["fails_at"], d["a"], 20_000, 9))
    wrong = [str(e) for e in (_raised(compiled["parallel"]["fails_at"], d["a"], 20_000, 9) for _ in range(1500))
             if str(e) != expected]
    assert wrong == []
    assert compiled["parallel"]["squares"](1000) == 332833500  # and the pool works on


def test_the_pool_is_made_once_and_reused(compiled):
    f = compiled["parallel"]["squares"]
    before = threading.active_count()
    assert parallel.threads() == parallel.size()
    assert all(f(k) == sum(i * i for i in range(k)) for k in range(3000))
    assert threading.active_count() == before
    assert sum(1 for t in threading.enumerate() if t.name.startswith("jitcell-pool-")) == parallel.threads() - 1


def test_calls_from_several_python_threads_at_once(compiled):
    f, g = compiled["parallel"]["squares"], compiled["parallel"]["repeated"]
    errors: list[str] = []
    start = threading.Barrier(6)

    def run(t: int) -> None:
        start.wait()
        try:
            for j in range(150):
                n = 1000 + 37 * t + j
                if f(n) != sum(i * i for i in range(n)):
                    errors.append(f"thread {t}: squares({n})")
                if j % 10 == 0 and g(2000 + t, 3) != compiled["python"]["repeated"](2000 + t, 3):
                    errors.append(f"thread {t}: repeated")
        except BaseException as error:  # noqa: BLE001 - collected with the thread that saw it
            errors.append(f"thread {t}: {error!r}")

    threads = [threading.Thread(target=run, args=(t,)) for t in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_exceptions_from_several_python_threads_at_once(compiled):
    d = _arrays(6)
    expected = str(_raised(compiled["python"]["fails_at"], d["a"], 30_000, 11))
    errors: list[str] = []

    def run() -> None:
        for _ in range(100):
            got = str(_raised(compiled["parallel"]["fails_at"], d["a"], 30_000, 11))
            if got != expected:
                errors.append(got)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_no_runtime_objects_are_left_or_shared(compiled):
    d = _arrays(7)
    before = runtime.call("live_objects")
    for _ in range(200):
        compiled["parallel"]["calls"](d["a"], np.zeros_like(d["a"]))
        _raised(compiled["parallel"]["fails_at"], d["a"], 10, 3)
    assert runtime.call("live_objects") == before


def test_one_thread_gives_the_same_results(compiled):
    d = _arrays(8)
    try:
        jitcell.set_num_threads(1)
        assert jitcell.get_num_threads() == 1
        assert compiled["parallel"]["float_sum"](d["a"]) == compiled["serial"]["float_sum"](d["a"])
        assert compiled["parallel"]["squares"](10_000) == compiled["python"]["squares"](10_000)
    finally:
        jitcell.set_num_threads(parallel.size())  # all of the pool's threads again
    with pytest.raises(ValueError, match="number of threads"):
        jitcell.set_num_threads(0)


def test_numba_spellings_and_the_decorator():
    lib = jitcell.compile_cell(textwrap.dedent('''
        import numba
        from numba import prange as pr

        def f(n: int) -> int:
            s = 0
            for i in numba.prange(n):
                s += i
            for j in pr(n):
                s += 2 * j
            return s
    '''), parallel=True)
    assert lib.functions["f"](1000) == 3 * 999 * 1000 // 2

    @jitcell.jit(parallel=True)
    def g(n: int) -> int:
        s = 0
        for i in prange(n):
            s += i
        return s

    assert g(100) == 4950


REFUSED = [
    ("    for i in prange(n):\n        print(i)\n", "print() in a prange loop is not supported"),
    ("    for i in prange(n):\n        t = t * 2 + i\n", "the prange loop assigns 't'"),
    ("    for i in prange(n):\n        if i == 3:\n            return i\n", "return in a prange loop"),
    ("    for i in prange(n):\n        if i == 3:\n            break\n", "break out of a prange loop"),
    ("    for i in prange(n):\n        xs = [i]\n", "list[int]"),
    ("    for i in prange(n):\n        t += 1\n    return i\n", "'i' is read outside the prange loop"),
    ("    for i in prange(n):\n        a = b\n", "the array 'b' can be used"),
    ("    for i in prange(n):\n        t += len(str(i))\n", "str"),
    ("    for i in prange(n):\n        t += i\n    else:\n        t = 0\n", "else clause"),
    ("    for i in prange(n):\n        t += chatty(i)\n", "chatty() cannot run in a prange loop: print()"),
    ("    for i in prange(n):\n        t += first(b)\n", "first() takes 'x' of type float[:]"),
    ("    for i in prange(n):\n        t += len(name)\n", "cannot read 'name' (str)"),
]


@pytest.mark.parametrize("body, message", REFUSED, ids=[m.split(" ")[0] for _, m in REFUSED])
def test_what_threads_cannot_share_is_a_compile_error(body, message):
    helpers = ("def chatty(i: int) -> int:\n    print(i)\n    return i\n\n"
               "def first(x: float[:]) -> int:\n    return int(x[0])\n\n")
    source = ("from jitcell import prange\n\n" + helpers + "def f(n: int, b: float[:]) -> int:\n    t = 0\n    a = b\n"
              "    name = 'x'\n" + body + "    return t\n")
    jitcell.compile_cell(source)  # without parallel, prange is range: Python's semantics
    with pytest.raises(jitcell.CompileError, match=re.escape(message)):
        jitcell.compile_cell(source, parallel=True)


SPIN = textwrap.dedent('''
    from jitcell import prange

    def spin(n: int, rounds: int, first: int) -> int:
        s = 0
        for i in prange(n):
            k = 0
            limit = first if i == 0 else rounds
            while k < limit:
                k += 1 + i % 2
            s += k
        return s
''')


@pytest.mark.timeout(60, method="thread")
@pytest.mark.skipif(not interrupts.supported(), reason="SIGINT handler for Linux x86-64/AArch64")
@pytest.mark.parametrize("n, first", [(64, 10**15), (THREADS, 10**8)], ids=["in-a-chunk", "while-waiting"])
def test_sigint_stops_every_thread_within_a_second(compiled, n, first):
    """The main thread notices the signal in its own chunk (every chunk endless), or, its one chunk
    done (the first, short), while it waits for the workers' endless ones."""
    spin = jitcell.compile_cell(SPIN, parallel=True).functions["spin"]
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        spin(n, 10**15, first)
    timer.join()
    assert time.monotonic() - started - 1.0 < 1.0
    assert spin(n, 1000, 1000) == n * 1000  # every thread stopped: the pool takes the next loop


@pytest.mark.timeout(120, method="thread")
@pytest.mark.skipif(not interrupts.supported(), reason="SIGINT handler for Linux x86-64/AArch64")
def test_sigint_in_a_real_process():
    code = textwrap.dedent('''
        import os, signal, threading, time, jitcell
        lib = jitcell.compile_cell("""
        from jitcell import prange

        def spin(n: int, rounds: int) -> int:
            s = 0
            for i in prange(n):
                k = 0
                while k < rounds:
                    k += 1
                s += k
            return s
        """, parallel=True)
        spin = lib.functions["spin"]
        print("ready", spin(8, 10), flush=True)
        threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
        started = time.monotonic()
        try:
            spin(1000, 10**15)
        except KeyboardInterrupt:
            print("interrupted after", round(time.monotonic() - started - 0.5, 3), flush=True)
        print("again", spin(8, 10), flush=True)
    ''')
    done = run_python(code, env={parallel.NUM_THREADS_ENV: "3"}, timeout=110)
    lines = done.stdout.splitlines()
    assert lines[0] == "ready 80" and lines[-1] == "again 80", (done.stdout, done.stderr)
    assert lines[1].startswith("interrupted after") and float(lines[1].split()[-1]) < 1.0


def test_a_value_carried_between_iterations_is_unbound_in_a_later_chunk():
    source = textwrap.dedent('''
        from jitcell import prange

        def carried(a: float[:], out: float[:]) -> int:
            for i in prange(1, len(a)):
                if i > 1:
                    out[i] = t
                t = a[i]
            return 0
    ''')
    a = np.arange(1000.0)
    serial = np.zeros(1000)
    assert jitcell.compile_cell(source).functions["carried"](a, serial) == 0
    np.testing.assert_array_equal(serial[2:], a[1:-1])  # Python's: the previous iteration's value
    with pytest.raises(UnboundLocalError, match="'t'"):  # a chunk's first iteration has none
        jitcell.compile_cell(source, parallel=True).functions["carried"](a, np.zeros(1000))


@pytest.mark.timeout(60, method="thread")
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_has_a_pool_of_its_own(compiled):
    f = compiled["parallel"]["repeated"]
    expected = compiled["python"]["repeated"](5000, 3)
    assert f(5000, 3) == expected  # the parent's pool exists and has worked
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the parent's worker threads do not exist here: a new pool, new threads
        try:
            names = [t.name for t in threading.enumerate() if t.name.startswith("jitcell-pool-")]
            os.write(write, f"{f(5000, 3)} {len(names)}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        value, workers = pipe.read().split()
    os.waitpid(child, 0)
    assert int(value) == expected and int(workers) == parallel.size() - 1


def test_a_reduction_of_an_unbound_variable_raises_python_s_error():
    source = textwrap.dedent('''
        from jitcell import prange

        def f(n: int, c: bool) -> int:
            if c:
                s = 0
            for i in prange(n):
                s += i
            return s
    ''')
    for parallel_loops in (False, True):
        f = jitcell.compile_cell(source, parallel=parallel_loops).functions["f"]
        assert f(10, True) == 45
        with pytest.raises(UnboundLocalError, match="'s'"):
            f(10, False)
