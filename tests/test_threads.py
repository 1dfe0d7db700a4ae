"""Compiled functions called from several Python threads at once (docs/guide/scaling.md, "Threads").

A call runs without the GIL (ctypes releases it), so threads really run compiled code in parallel.
Each call copies its list, dict and set arguments in and writes them back when it returns: results
and the runtime's objects stay sound under any interleaving, but two calls that modify the same dict
at once each write back their own copy, as the guide says (the last one's changes to a key win).
"""

from __future__ import annotations

import textwrap
import threading

import jitcell
from jitcell import runtime

CELL = textwrap.dedent('''
    def work(n: int) -> int:
        xs: list[int] = []
        for i in range(n):
            xs.append(i * i)
        d: dict[str, int] = {}
        for i in range(n):
            d["k" + str(i % 50)] = xs[i]
        s = 0
        for k in d:
            s += d[k] + len(k)
        return s

    def label(n: int) -> str:
        return f"n={n}"

    def count(d: dict[str, int], key: str, n: int) -> int:
        for i in range(n):
            d[key] = d.get(key, 0) + 1
        return d[key]
''')

THREADS = 8


def hammer(target, rounds: int) -> list[str]:
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def run(t: int) -> None:
        start.wait()
        try:
            for j in range(rounds):
                target(t, j)
        except BaseException as error:  # collected and asserted below, with the thread that saw it
            errors.append(f"thread {t}: {error!r}")

    threads = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_eight_threads_calling_compiled_functions_get_their_own_results_and_leak_nothing():
    f = jitcell.compile_cell(CELL).functions
    expected = f["work"](300)
    before = runtime.call("live_objects")

    def call(t: int, j: int) -> None:
        assert f["work"](300) == expected
        assert f["label"](t * 1000 + j) == f"n={t * 1000 + j}"
        private = {"a": j}
        assert f["count"](private, "a", 5) == j + 5 and private == {"a": j + 5}

    assert hammer(call, 200) == []
    assert runtime.call("live_objects") == before


def test_a_dict_shared_by_threads_stays_a_sound_dict_of_their_keys():
    f = jitcell.compile_cell(CELL).functions
    shared: dict[str, int] = {}
    seen: list[int] = []

    def call(t: int, j: int) -> None:
        seen.append(f["count"](shared, f"t{t}", 10))

    assert hammer(call, 100) == []
    # each call returned a count its own copy reached; the dict holds ints under the threads' keys only,
    # each at most what that thread added (concurrent write-backs may have replaced some of its updates)
    assert set(shared) <= {f"t{t}" for t in range(THREADS)} and shared
    assert all(type(v) is int and 10 <= v <= 1000 for v in shared.values())
    assert len(seen) == THREADS * 100 and all(v % 10 == 0 for v in seen)


def test_one_thread_alone_sees_every_update():
    f = jitcell.compile_cell(CELL).functions
    d: dict[str, int] = {}
    for _ in range(100):
        f["count"](d, "k", 10)
    assert d == {"k": 1000}
