"""Generator functions called from Python: a lazy iterator over the compiled body.

Each program runs under CPython and compiled by jitcell, in this process; the steps below drive
both generators the same way (next(), list(), close(), dropping one half-way) and record what
each step gives, raises and prints: the records must be equal.
"""

from __future__ import annotations

import contextlib
import gc
import io
import textwrap
import threading
from collections.abc import Iterator

import pytest

import jitcell
from jitcell.runtime import callbacks

SOURCE = textwrap.dedent('''
    def countdown(n: int) -> Iterator[int]:
        print("start", n)
        while n > 0:
            yield n
            n -= 1
        print("done")

    def halves(x: float, k: int) -> Iterator[float]:
        for i in range(k):
            yield x / 2 ** i

    def flags(word: str) -> Iterator[bool]:
        for ch in word:
            yield ch == ch.upper()

    def failing(n: int) -> Iterator[int]:
        yield 1
        yield n // 0

    def guarded(n: int) -> Iterator[int]:
        try:
            for i in range(n):
                yield i
        finally:
            print("finally", n)

    def first_of_guarded(n: int) -> int:
        for x in guarded(n):
            return x
        return -1

    def words(text: str) -> Iterator[str]:
        for w in text.split(" "):
            yield w.upper() + "!"

    def pythagorean(limit: int) -> Iterator[tuple[int, int, int]]:
        for c in range(1, limit):
            for b in range(1, c):
                for a in range(1, b):
                    if a * a + b * b == c * c:
                        yield a, b, c

    def tagged(n: int) -> Iterator[tuple[str, complex, tuple[bool, float]]]:
        for i in range(n):
            yield str(i), complex(i, 0.5), (i % 2 == 0, i / 4)

    def checked(n: int) -> Iterator[int]:
        if n < 0:
            raise ValueError(f"negative: {n}")
        for i in range(n):
            yield i * i
''')

STEPS = {
    "list": lambda ns: list(ns["countdown"](3)),
    "nothing runs before next": lambda ns: (ns["countdown"](2), "made")[1],
    "next by next": lambda ns: (lambda g: [next(g), next(g), next(g, "end"), next(g, "end")])(ns["countdown"](2)),
    "floats": lambda ns: list(ns["halves"](3.0, 4)),
    "bools from a str": lambda ns: list(ns["flags"]("aBcD")),
    "a fault on the second next": lambda ns: (lambda g: [next(g), _outcome(lambda: next(g)), list(g)])(
        ns["failing"](5)),
    "close runs finally": lambda ns: (lambda g: [next(g), g.close(), list(g)])(ns["guarded"](5)),
    "dropped half-way runs finally": lambda ns: (lambda g: [next(g), next(g)])(ns["guarded"](4)),
    "a compiled walker that returns early": lambda ns: [ns["first_of_guarded"](3), ns["first_of_guarded"](0)],
    "raised before the first yield": lambda ns: _outcome(lambda: list(ns["checked"](-2))),
    "walked to its end": lambda ns: sum(ns["checked"](10)),
    "missing argument": lambda ns: _outcome(lambda: ns["halves"](1.0)),
    "strs": lambda ns: list(ns["words"]("a bb ccc")),
    "tuples": lambda ns: list(ns["pythagorean"](20)),
    "nested tuples of strs and complexes": lambda ns: list(ns["tagged"](3)),
    "a str dropped half-way": lambda ns: next(ns["words"]("x y z")),
    "in a comprehension": lambda ns: [x * 2 for x in ns["countdown"](3) if x != 2],
    "zip of two": lambda ns: list(zip(ns["countdown"](3), ns["halves"](1.0, 5), strict=False)),
}


def _outcome(action):
    try:
        return ("value", action())
    except Exception as error:  # noqa: BLE001 - the exception is what the step gives
        return (type(error).__name__, str(error))


def _record(namespace: dict, step) -> tuple:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        value = _outcome(lambda: step(namespace))
        gc.collect()  # a generator dropped half-way is closed now in both
    return value, out.getvalue()


@pytest.fixture(scope="module")
def namespaces():
    python: dict = {"Iterator": Iterator}
    exec(SOURCE, python)
    library = jitcell.compile_cell(SOURCE, cache=False)
    return python, {**library.functions, **library.generators}


@pytest.mark.parametrize("step", STEPS)
def test_a_compiled_generator_walks_as_python_s_does(namespaces, step):
    python, compiled = namespaces
    assert _record(compiled, STEPS[step]) == _record(python, STEPS[step])
    assert callbacks.PENDING.error is None  # nothing left behind for the next call


def test_a_generator_is_an_iterator_of_its_own():
    library = jitcell.compile_cell(SOURCE, cache=False)
    g = library.generators["halves"](1.0, 3)
    assert iter(g) is g and repr(g).startswith("<jitcell generator object halves at ")
    assert next(g) == 1.0 and list(g) == [0.5, 0.25] and list(g) == []


def test_a_running_generator_cannot_be_resumed_from_another_thread():
    """As CPython: ValueError("generator already executing"), not two threads in one frame."""
    library = jitcell.compile_cell(textwrap.dedent('''
        def slow(n: int) -> Iterator[int]:
            for i in range(n):
                s = 0
                for k in range(30_000_000):
                    s += k % 7
                yield s
        '''), cache=False)
    g = library.generators["slow"](3)
    worker = threading.Thread(target=lambda: next(g))
    worker.start()
    while not g._lock.locked():  # the worker is inside next()
        assert worker.is_alive(), "the worker's next() ended before this thread saw it running"
    with pytest.raises(ValueError, match="^generator already executing$"):
        next(g)
    worker.join()
    assert next(g) == next(g)  # the frame went on undisturbed: the same work, the same sum


def test_the_objects_a_suspended_generator_holds_are_released_when_it_is_dropped():
    library = jitcell.compile_cell(textwrap.dedent('''
        def words(text: str) -> Iterator[int]:
            parts = text.split(" ")
            for p in parts:
                yield len(p)
        '''), cache=False)
    from jitcell import runtime

    strings = jitcell.compile_cell(SOURCE, cache=False).generators["words"]
    before = runtime.call("live_objects")
    for _ in range(200):
        g = library.generators["words"]("a bb ccc dddd")
        next(g)
        del g
        assert list(strings("p q")) == ["P!", "Q!"]  # str items taken: read, then released
    gc.collect()
    assert runtime.call("live_objects") == before


def test_arguments_are_checked_when_the_generator_is_made():
    """As for every compiled function, an argument of the wrong type is a TypeError naming the
    parameter, at the call. (CPython checks nothing there: its body fails at the first next().)"""
    library = jitcell.compile_cell(SOURCE, cache=False)
    with pytest.raises(TypeError, match="countdown\\(\\) argument 'n' must be int, not str"):
        library.generators["countdown"]("3")
