"""Compiled functions travel to other processes (loader/parcels.py): pickle, multiprocessing pools under
fork, spawn and forkserver, ProcessPoolExecutor, and a Dask LocalCluster of two worker processes.

Every worker is a new process, with its own address layout: its slots are patched as after a restart.
Workers start with an empty cache of their own (tests/travelling.py), so what they run came in the
pickle, was checked, and was stored in their cache before dlopen.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap

import pytest
from travelling import arrival, own_cache

import jitcell
from jitcell import Namespace, runtime
from jitcell.loader import parcels

CELL = textwrap.dedent('''
    def collatz(n: int) -> int:
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        return steps + OFFSET

    def chatty(n: int) -> int:
        print("worker says", n)
        return n * n
''')


def collatz(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps + 1000


@pytest.fixture(scope="module")
def cell():
    return jitcell.compile_cell(CELL, globals={"OFFSET": 1000}).functions


def in_child(code: str, data: bytes, cache: str, timeout: float = 120) -> list[str]:
    """Unpickle `data` in a fresh interpreter with `cache` as its jitcell cache; its stdout's lines."""
    prelude = "import pickle, sys\nf = pickle.loads(sys.stdin.buffer.read())\n"
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], input=data, capture_output=True,
                          timeout=timeout, env={**os.environ, "JITCELL_CACHE_DIR": cache})
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode().splitlines()


def test_a_pickled_function_unpickles_to_itself_in_its_own_process(cell):
    f = cell["collatz"]
    assert pickle.loads(pickle.dumps(f)) is f


def test_the_parcel_carries_source_key_frozen_names_and_the_checked_library(cell):
    f = cell["collatz"]
    _, (parcel,) = f.__reduce__()
    assert parcel["name"] == "collatz" and parcel["key"] == f.library.key and parcel["frozen"] == {"OFFSET": 1000}
    assert parcel["source"] == CELL and "mac" not in parcel["manifest"]
    assert parcel["library"] == open(f.library.location, "rb").read()  # noqa: SIM115 - read once, closed by GC
    assert "source" not in parcel["manifest"]  # the receiver puts the parcel's back before checking
    assert parcels.shipped_problem(parcels.with_source(parcel["manifest"], CELL), parcel["library"], f.library.key,
                                   CELL, parcel["manifest"]["options"]) is None
    runtime_manifest, runtime_library = parcel["runtime"]  # so that a fresh worker does not compile it
    assert runtime_manifest["key"] == runtime.library().key and len(runtime_library) > 10_000


def test_a_fresh_process_with_an_empty_cache_loads_the_shipped_library_and_keeps_it(cell, tmp_path):
    data = pickle.dumps(cell["collatz"])
    code = """
        print(f(27), f.library.cache_hit, f.library.miss_reason)
        from jitcell import runtime
        print(runtime.library().miss_reason)
    """
    shipped = "no entry; the library came with a pickled function (checked, not compiled here)"
    assert in_child(code, data, str(tmp_path)) == [f"{collatz(27)} False {shipped}", shipped]
    again = in_child("print(f(27), f.library.cache_hit)", data, str(tmp_path))
    assert again == [f"{collatz(27)} True"]  # stored in the worker's own cache before it was loaded


def test_a_parcel_whose_library_does_not_match_its_manifest_is_compiled_instead(cell, tmp_path):
    """The protection and the proof that it matters: bytes of another cell (the same names, `+ 1`
    instead of `+ OFFSET`) put in the parcel. Checked, they are refused and the cell compiles
    in the worker; with the check switched off, the worker would run the other cell's code."""
    f = cell["collatz"]
    _, (parcel,) = f.__reduce__()
    other = jitcell.compile_cell(CELL.replace("steps + OFFSET", "steps + 1"), cache_dir=str(tmp_path / "other"))
    parcel["library"] = open(other.location, "rb").read()  # noqa: SIM115
    data = pickle.dumps(parcel)
    loader = "import pickle, sys\nfrom jitcell.loader import parcels\n"
    code = "f = parcels.arrive(pickle.loads(sys.stdin.buffer.read()))\nprint(f(27), f.library.miss_reason)\n"
    checked = subprocess.run([sys.executable, "-c", loader + code], input=data, capture_output=True, timeout=120,
                             env={**os.environ, "JITCELL_CACHE_DIR": str(tmp_path / "checked")})
    assert checked.stdout.decode().split()[0] == str(collatz(27)), checked.stderr.decode()
    assert "pickled" not in checked.stdout.decode()  # compiled in the worker
    unchecked = subprocess.run([sys.executable, "-c", loader + "parcels.shipped_problem = lambda *a: None\n" + code],
                               input=data, capture_output=True, timeout=120,
                               env={**os.environ, "JITCELL_CACHE_DIR": str(tmp_path / "unchecked")})
    assert unchecked.stdout.decode().split()[0] == str(collatz(27) - 1000 + 1), unchecked.stderr.decode()


def test_a_damaged_parcel_is_refused_with_a_clear_error():
    with pytest.raises(pickle.UnpicklingError, match="its 'key' is not a str"):
        parcels.arrive({"format": 1, "name": "f", "source": "", "options": {}, "indentation": [], "frozen": {},
                        "callees": {}, "key": None, "manifest": {}, "library": None})


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_pool_map_under_every_start_method(cell, method):
    context = multiprocessing.get_context(method)
    with context.Pool(2, initializer=own_cache) as pool:
        assert pool.map(cell["collatz"], range(1, 200)) == [collatz(n) for n in range(1, 200)]
        reports = pool.starmap(arrival, [(cell["collatz"], 27)] * 4)
    assert {r["result"] for r in reports} == {collatz(27)}
    if method == "fork":  # the children are copies of this process: its loaded library, as it is
        assert {r["location"] for r in reports} == {cell["collatz"].library.location}
    else:  # fresh interpreters with empty caches: the library came in the pickle
        assert all("came with a pickled function" in (r["reason"] or "") or r["hit"] for r in reports), reports
        assert all(r["location"] != cell["collatz"].library.location for r in reports)


def test_process_pool_executor(cell):
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=own_cache) as executor:
        assert list(executor.map(cell["collatz"], [27, 97, 871])) == [collatz(n) for n in (27, 97, 871)]


def test_print_in_a_worker_reaches_the_worker_stdout(cell, tmp_path):
    lines = in_child("print('result', f(7))", pickle.dumps(cell["chatty"]), str(tmp_path))
    assert lines == ["worker says 7", "result 49"]


def test_a_function_calling_another_cells_function_brings_it_along(tmp_path):
    ns = Namespace()
    jitcell.compile_cell("def step(n: int) -> int:\n    return n // 2 if n % 2 == 0 else 3 * n + 1\n", callees=ns)
    jitcell.compile_cell("def steps(n: int) -> int:\n    k = 0\n    while n != 1:\n        n = step(n)\n"
                         "        k += 1\n    return k\n", callees=ns)
    _, (parcel,) = ns.names["steps"].__reduce__()
    assert list(parcel["callees"]) == ["step"]
    lines = in_child("print(f(27))", pickle.dumps(ns.names["steps"]), str(tmp_path))
    assert lines == [str(collatz(27) - 1000)]


def test_a_function_passing_another_cells_function_as_a_value_brings_it_along(tmp_path):
    ns = Namespace()
    jitcell.compile_cell("def half(x: float) -> float:\n    return x / 2\n", callees=ns)
    jitcell.compile_cell("from typing import Callable\n"
                         "def twice(f: Callable[[float], float], x: float) -> float:\n    return f(f(x))\n"
                         "def quarter(x: float) -> float:\n    return twice(half, x)\n", callees=ns)
    _, (parcel,) = ns.names["quarter"].__reduce__()
    assert list(parcel["callees"]) == ["half"]  # named as a value, not called: still a callee
    lines = in_child("print(f(10.0))", pickle.dumps(ns.names["quarter"]), str(tmp_path))
    assert lines == ["2.5"]


def test_kernel_cells_with_module_variables_do_not_travel():
    ns = Namespace()
    library = jitcell.compile_cell("total: int = 5\ndef bump(n: int) -> int:\n    return n + total\n",
                                   callees=ns, script=True)
    with pytest.raises(pickle.PicklingError, match=r"bump\(\) cannot travel .* has module variables \(total\)"):
        pickle.dumps(library.functions["bump"])


def test_dask_tokens_are_deterministic_and_name_the_code(cell):
    tokenize = pytest.importorskip("dask.base").tokenize
    f = cell["collatz"]
    assert tokenize(f) == tokenize(f) == tokenize(pickle.loads(pickle.dumps(f)))
    assert tokenize(f) != tokenize(cell["chatty"])


def test_a_dask_cluster_of_two_worker_processes(cell, tmp_path):
    distributed = pytest.importorskip("distributed")
    import dask.array as da
    import dask.bag as db
    import numpy as np

    square = jitcell.compile_cell("def scale(a: float[:]) -> float[:]:\n    b = a.copy()\n"
                                  "    for i in range(len(b)):\n        b[i] = 2.0 * b[i] + 1.0\n    return b\n"
                                  ).functions["scale"]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  env={"JITCELL_CACHE_DIR": str(tmp_path / "workers")}) as cluster, \
            distributed.Client(cluster) as client:
        f = cell["collatz"]
        assert client.submit(f, 27).result() == collatz(27)
        assert client.gather(client.map(f, range(1, 50))) == [collatz(n) for n in range(1, 50)]
        assert db.from_sequence(range(1, 30), npartitions=4).map(f).compute() == [collatz(n) for n in range(1, 30)]
        x = da.arange(1000.0, chunks=250)
        assert np.array_equal(x.map_blocks(square).compute(), 2.0 * np.arange(1000.0) + 1.0)
        pids = set(client.run(os.getpid).values())
        reports = [client.submit(arrival, f, 27, pure=False, workers=[w]).result()
                   for w in client.scheduler_info()["workers"]]
    assert len(pids) == 2 and {r["pid"] for r in reports} == pids and os.getpid() not in pids
    assert all(r["result"] == collatz(27) for r in reports)
