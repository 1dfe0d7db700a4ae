"""Values created in compiled code are freed when no longer used, on every path out of a function.

Two measurements: the runtime library's count of live objects (exact), and the
process's resident memory over 100,000 calls (what a user would see). Each is first
shown to detect a leak, so that "no growth" means something.
"""

from __future__ import annotations

import contextlib
import ctypes

import numpy as np
import pytest

import jitcell
from jitcell import runtime

STRINGS = """
def build(n: int) -> int:
    s = ""
    for i in range(n):
        s = s + str(i) + ","
        t = f"{s}{i:>3}{i * 0.5}"
        if "9" in t and len(t) > 100:
            s = "reset"
    return len(s)

def early(n: int) -> str:
    acc = "x"
    for i in range(n):
        acc = acc + "y"
        if i == 3:
            return acc + "!"
    return acc

def fault(n: int, d: int) -> str:
    s = "a" + str(n)
    for i in range(n):
        s = s + f"{i}" + str(10 // (d - i))
    return s

def through_calls(s: str, n: int) -> str:
    return early(n) + s + early(n + 1)

def tables(n: int) -> int:
    words: dict[str, int] = {}
    numbers = {1: 1.5}
    for i in range(n):
        w = "w" + str(i % 5)
        words[w] = words.get(w, 0) + i
        numbers[i] = i * 0.5
        if i % 3 == 0:
            del numbers[i]
    total = 0
    for k, v in words.items():
        total += v + len(k)
    return total + len(numbers)

def missing_key(n: int) -> int:
    d = {"a": n}
    s = "x" + str(n)
    return d[s]

import numpy as np

def arrays(n: int, a: float[:]) -> float:
    b = np.zeros(n)
    m = np.ones((n, 2), dtype=int)
    for i in range(n):
        b[i] = a[i % len(a)] * 2.0 + m[i, 1]
    for x in a:
        b = np.empty_like(b)
        b[0] = x
    return total(b) + total(a) + len(make(2))

def total(a: float[:]) -> float:
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s

def make(n: int) -> float[:, :]:
    return np.zeros((n, n))

def array_fault(a: float[:], i: int) -> float:
    b = np.zeros(3)
    s = "x" + str(i)
    return a[i] + b[i] + len(s)

def nested(n: int) -> int:
    rows: list[list[str]] = []
    pairs = []
    for i in range(n):
        rows.append([str(i)] * (i % 4))
        pairs.append((i, str(i), [i * 0.5]))
    groups: dict[str, list[int]] = {"a": [1], "b": []}
    groups["b"] = groups["a"] + [n]
    rows.sort(key=size)
    if rows:
        rows.pop(0)
    if pairs:
        del pairs[0]
    total = 0
    for row in rows:
        total += len(row)
    return total + len(pairs) + len(groups["b"])

def size(row: list[str]) -> int:
    return len(row)

def list_fault(n: int, i: int) -> list[list[str]]:
    out = [["x" + str(n)]]
    for k in range(n):
        out.append([str(k), str(10 // (i - k))])
    return [out[n - i]]

def reflected(xs: list[list[int]], d: dict[str, list[int]]) -> list[list[int]]:
    xs[0].append(len(xs))
    xs.append([1, 2])
    d["new"] = xs[-1]
    return xs

def dict_values(d: dict[str, float[:]], n: int) -> dict[str, float[:]]:
    pairs: dict[int, tuple[str, float]] = {k: (str(k), k / 2) for k in range(n)}
    sets: dict[int, set[int]] = {}
    for k in range(n):
        sets.setdefault(k % 3, set()).add(k)
        pairs.pop(k // 2, ("", 0.0))
    d["made"] = np.zeros(n)
    out = {"first": d["a"][:1], "made": d["made"], "pairs": np.full(len(pairs) + len(sets), 1.0)}
    out["gone"] = np.ones(1)
    del out["gone"]
    return out
"""


def live() -> int:
    return runtime.call("live_objects")


def resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


@pytest.fixture(scope="module")
def functions():
    return jitcell.compile_cell(STRINGS, cache=False).functions


def test_the_live_count_sees_an_object_that_is_not_released():
    before = live()
    obj = runtime.new_str("leaked on purpose")
    assert live() == before + 1
    runtime.call("obj_release", obj)
    assert live() == before


@pytest.mark.parametrize("call", [
    "build(0)", "build(50)", "early(10)", "early(2)", "fault(5, 100)", "through_calls('mid', 5)",
    "tables(0)", "tables(40)", "arrays(5, np.arange(3.0))", "arrays(0, np.zeros(0))", "make(3)[0, 0]",
    "nested(0)", "nested(9)", "list_fault(3, 5)", "reflected([[1], []], {'a': [2]})",
    "dict_values({'a': np.arange(3.0)}, 5)['first'][0]",
])
def test_no_object_outlives_a_call(functions, call):
    before = live()
    eval(call, {"np": np, **functions})
    assert live() == before


@pytest.mark.parametrize("call, error", [
    ("fault(5, 3)", ZeroDivisionError), ("fault(1, 0)", ZeroDivisionError), ("missing_key(3)", KeyError),
    ("array_fault(np.zeros(5), 4)", IndexError), ("array_fault(np.zeros(2), 2)", IndexError),
    ("make(-1)", ValueError), ("total(np.zeros(3, dtype=int))", TypeError),
    ("list_fault(5, 3)", ZeroDivisionError), ("list_fault(2, 7)", IndexError),
    ("reflected([[1], ['x']], {})", TypeError), ("reflected([[1]], {'a': [1, 2.5]})", TypeError),
    ("dict_values({'b': np.arange(3.0)}, 4)", KeyError), ("dict_values({'a': np.arange(3)}, 4)", TypeError),
])
def test_no_object_outlives_a_fault(functions, call, error):
    before = live()
    with pytest.raises(error):
        eval(call, {"np": np, **functions})
    assert live() == before


def test_the_resident_measure_sees_a_leak():
    leak = jitcell.compile_cell("def leak(n: int) -> int:\n    return malloc(n)\n",
                                cache=False, internal=True, wraparound=True).functions["leak"]
    start = resident_bytes()
    for _ in range(20_000):
        ctypes.memset(leak(4096), 1, 4096)  # touched, so it is resident
    assert resident_bytes() - start > 40 * 2**20


def test_resident_memory_stays_flat_over_100_000_calls(functions):
    build, through_calls, tables = functions["build"], functions["through_calls"], functions["tables"]
    arrays, make, a = functions["arrays"], functions["make"], np.arange(4.0)
    nested, reflected, dict_values = functions["nested"], functions["reflected"], functions["dict_values"]
    for _ in range(2_000):  # warm up allocator pools
        build(6)
        through_calls("mid", 5)
        tables(12)
        arrays(6, a)
        make(5)
        nested(7)
        reflected([[1], []], {"a": [2]})
        dict_values({"a": a}, 4)
    start, count = resident_bytes(), live()
    for _ in range(100_000):
        build(6)
        through_calls("mid", 5)
        tables(12)
        arrays(6, a)
        make(5)  # an array created in compiled code, returned, freed by NumPy
        nested(7)  # nested lists, lists of tuples holding lists, a dict of lists, built and dropped
        reflected([[1], []], {"a": [2]})  # copied in, written back, returned
        dict_values({"a": a}, 4)  # dicts of arrays, boxed tuples and sets; a dict of arrays in and out
    assert live() == count
    assert resident_bytes() - start < 2 * 2**20


GENERATORS = """
def walk(n: int, tag: str):
    if n > 0:
        for x in walk(n - 1, tag + "<"):
            yield x
        yield tag + str(n)

def early(n: int) -> int:
    for w in walk(n, "a"):
        if len(w) > 3:
            return len(w)  # leaves while every level of walk() waits at a yield
    return 0

def zipped(n: int) -> int:
    k = 0
    for w, i in zip(walk(n, "z"), range(1)):  # the second str yielded is never taken
        k += len(w) + i
    return k

def fault(n: int) -> int:
    k = 0
    for w in walk(n, "f"):
        k += 10 // (len(w) - 4)
    return k
"""


@pytest.mark.parametrize("opt", [0, 2])
def test_generator_frames_and_values_are_freed_on_every_exit(opt):
    """A generator's frame (malloc'd: recursion keeps LLVM from putting it on the stack) and the
    values it holds or yielded are freed when the walker finishes, returns early, stops early
    (zip) or fails."""
    f = jitcell.compile_cell(GENERATORS, cache=False, opt=opt).functions
    early, zipped, fault = f["early"], f["zipped"], f["fault"]
    assert (early(4), zipped(4), early(1)) == (5, 5, 0)
    with pytest.raises(ZeroDivisionError):
        fault(4)
    for _ in range(2_000):
        early(4), zipped(4)
    start, count = resident_bytes(), live()
    for _ in range(100_000):
        early(4)
        zipped(4)
        with contextlib.suppress(ZeroDivisionError):
            fault(4)
    assert live() == count
    assert resident_bytes() - start < 2 * 2**20


KEYED = """
def score(e: tuple[str, float]) -> float:
    return e[1]

def picky(e: tuple[str, float]) -> str:
    if e[1] < 0.0:
        raise ValueError(e[0])
    return e[0] + "!"

def best(xs: list[tuple[str, float]]) -> str:
    return max(xs, key=score)[0] + min(xs, key=picky)[0]

def failing(xs: list[tuple[str, float]]) -> str:
    return min(xs, key=picky)[0]
"""
ENTRIES = [("a" * 30, 1.0), ("b" * 30, 2.0), ("c" * 30, 0.5)]
BAD_ENTRIES = [*ENTRIES, ("d", -1.0), ("e", 3.0)]


def keyed(opt: int = 2) -> dict:
    return jitcell.compile_cell(KEYED, cache=False, opt=opt).functions


@pytest.mark.parametrize("opt", [0, 2])
def test_min_max_with_a_key_keep_and_free_the_best_item(opt):
    """min/max own the best item (a tuple holding a str) and its key in allocas: they start null,
    and a key that raises midway releases both (the cleanup frame, lower/exceptions.py)."""
    f = keyed(opt)
    best, failing = f["best"], f["failing"]
    assert best(ENTRIES) == "b" * 30 + "a" * 30
    with pytest.raises(ValueError) as raised:
        failing(BAD_ENTRIES)
    assert raised.value.args == ("d",)
    for _ in range(2_000):
        best(ENTRIES)
        with contextlib.suppress(ValueError):
            failing(BAD_ENTRIES)
    start, count = resident_bytes(), live()
    for _ in range(100_000):
        best(ENTRIES)
        with contextlib.suppress(ValueError):
            failing(BAD_ENTRIES)
    assert live() == count
    assert resident_bytes() - start < 2 * 2**20


def test_without_the_cleanup_frame_a_raising_key_leaks_the_best_item(monkeypatch):
    from jitcell.compiler.lower.exceptions import ExceptionLowering

    monkeypatch.setattr(ExceptionLowering, "cleanup_frame", lambda self, slots: contextlib.nullcontext())
    failing = keyed()["failing"]
    before = live()
    with pytest.raises(ValueError):
        failing(BAD_ENTRIES)
    assert live() - before == 2  # the best item's str and the best key
