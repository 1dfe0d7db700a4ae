"""What the cache recovers from: clears in other processes, threads, a directory in an entry's place,
records of the wrong shape. Each ends in a successful compile or a clear CacheError, never a raw
FileNotFoundError, IsADirectoryError or AttributeError.

A cache clear in another process used to break compiles: it removed the build workspace under
the compiler (FileNotFoundError on cell.o, or a LinkError), or a record's folder between its
creation and the write. Now the workspace is locked while a build uses it and clear leaves a
locked one alone; folders and records are made again; a library removed between lookup and
dlopen, or a workspace removed anyway, makes the pipeline start again (a bounded number of times).
Everything runs in real processes: a clearer that calls `Cache.clear()` every 50 ms, and a child
that compiles into the same cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import run_python

import jitcell
from jitcell.errors import CacheError
from jitcell.loader.cache import Cache

CLEARER = """
import os, sys, time
from jitcell.loader import upkeep
from jitcell.loader.cache import Cache
if sys.argv[1] == "unlocked":  # the protection switched off: clear removes workspaces that builds hold
    import shutil
    def remove_workspace(shard, name, older_than):
        shutil.rmtree(name, dir_fd=shard, ignore_errors=True)
        return True
    upkeep.remove_workspace = remove_workspace
cache, clears = Cache(), 0
print("ready", flush=True)
while True:  # until killed
    cache.clear()
    clears += 1
    with open(sys.argv[2] + ".new", "w") as f:  # replaced whole: the test reads it after killing this process
        f.write(str(clears))
    os.replace(sys.argv[2] + ".new", sys.argv[2])
    time.sleep(0.05)
"""

COMPILER = """
import json, sys, traceback
import jitcell
results = []
for n in range(int(sys.argv[1])):
    source = (f"def f{n}(x: int) -> int:\\n    total = 0\\n    for i in range(x):\\n"
              f"        total += i * {n + 1}\\n    return total\\n")
    try:
        lib = jitcell.compile_cell(source)
        results.append({"value": lib.functions[f"f{n}"](10), "expected": 45 * (n + 1), "hit": lib.cache_hit})
    except Exception as error:
        results.append({"error": type(error).__name__, "message": str(error)[:300]})
print(json.dumps(results))
"""


def compile_while_clearing(tmp_path, cells: int, clearer: str = "locked") -> tuple[list[dict], int]:
    """`cells` compiles in a child process while another clears the same (cold) cache every 50 ms:
    the results, and how many clears ran meanwhile."""
    count = tmp_path / "clears"
    clearing = subprocess.Popen([sys.executable, "-c", CLEARER, clearer, str(count)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    try:
        assert clearing.stdout is not None and clearing.stdout.readline().strip() == "ready"
        done = run_python(COMPILER.replace("sys.argv[1]", str(cells)), timeout=600)
    finally:
        clearing.kill()
        _, errors = clearing.communicate()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in errors, errors  # the clearer itself never failed
    return json.loads(done.stdout), int(count.read_text())


def test_a_compile_survives_a_clear_every_50_ms(fresh_cache, tmp_path):
    """Each compile, the runtime library's among them (~1 s, in the cold cache), ends with the right
    value while the cache is cleared every 50 ms; before, no compile ever succeeded."""
    results, clears = compile_while_clearing(tmp_path, cells=4)
    assert [r.get("value") for r in results] == [r["expected"] for r in results], results
    assert clears >= 10  # the clears really ran during the compiles


@pytest.mark.slow
def test_a_compile_survives_a_clear_every_50_ms_stress(fresh_cache, tmp_path):
    results, clears = compile_while_clearing(tmp_path, cells=40)
    assert [r.get("value") for r in results] == [r["expected"] for r in results], results
    assert clears >= 50


def test_without_the_workspace_lock_the_clears_break_the_build(fresh_cache, tmp_path):
    """The lock is what protects the build: a clearer that removes locked workspaces too removes the
    runtime library's workspace under every attempt, and the compile ends in a CacheError that says
    so (never a raw FileNotFoundError or LinkError)."""
    results, _ = compile_while_clearing(tmp_path, cells=1, clearer="unlocked")
    (result,) = results
    assert result.get("error") == "CacheError", result
    assert "kept disappearing" in result["message"] and "cache clear" in result["message"]


THREADS = """
import json, sys, threading
import jitcell
shared = "def tri(n: int) -> int:\\n    s = 0\\n    for i in range(n):\\n        s += i\\n    return s\\n"
results, errors = [], []
start = threading.Barrier(8)
def run(k):
    try:
        start.wait()
        own = f"def own{k}(x: int) -> int:\\n    return x * {k}\\n"
        tri = jitcell.compile_cell(shared).functions["tri"]
        results.append((tri(10), jitcell.compile_cell(own).functions[f"own{k}"](3), k))
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"results": sorted(results), "errors": errors}))
"""


def _threads_on_a_cold_cache(root) -> None:
    done = run_python(THREADS, env={"JITCELL_CACHE_DIR": str(root)})
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["errors"] == []
    assert outcome["results"] == [[45, 3 * k, k] for k in range(8)]
    leftovers = [p for p in root.rglob("*") if p.name.startswith(".build-") or p.name.endswith((".tmp", ".new"))]
    assert leftovers == []
    manifests = Cache(root).manifests()
    assert len(manifests) == 1 + 1 + 8  # the runtime library, the shared cell, one cell per thread
    assert all(Cache(root).lookup(p.stem, use=False).entry is not None for p in manifests)


def test_threads_compiling_into_a_cold_cache(tmp_path):
    """8 threads of one new process compile the same cell and one each into an empty cache (the
    runtime library is built by all of them at once): all succeed, one entry per cell, no
    temporary file left. (Threads once shared one temporary name: 5 runs in 9 failed; the slow
    variant runs 20 cold caches.)"""
    _threads_on_a_cold_cache(tmp_path / "cache")


@pytest.mark.slow
def test_threads_compiling_into_a_cold_cache_stress(tmp_path):
    for round_ in range(20):
        _threads_on_a_cold_cache(tmp_path / f"cache{round_}")


LOOKUP = """
import json, jitcell
lib = jitcell.compile_cell({cell!r})
print(json.dumps({{"hit": lib.cache_hit, "reason": lib.miss_reason, "value": lib.functions["scale"](5)}}))
"""
CELL = "def scale(x: int, k: int = 2) -> int:\n    return x * k\n"


@pytest.mark.parametrize("where", ["library", "manifest"])
def test_an_empty_directory_where_an_entry_file_belongs_is_rebuilt(fresh_cache, where):
    lib = jitcell.compile_cell(CELL)
    path = lib.path if where == "library" else lib.path.with_suffix(".json")
    path.unlink()
    path.mkdir()
    first = json.loads(run_python(LOOKUP.format(cell=CELL)).stdout)
    assert first == {"hit": False, "value": 10,
                     "reason": f"corrupt entry: a directory sits where the {where} belongs"}
    assert path.is_file()
    assert json.loads(run_python(LOOKUP.format(cell=CELL)).stdout)["hit"] is True


@pytest.mark.parametrize("where", ["library", "manifest"])
def test_a_directory_holding_something_is_refused_clearly_and_left_alone(fresh_cache, where):
    lib = jitcell.compile_cell(CELL)
    path = lib.path if where == "library" else lib.path.with_suffix(".json")
    path.unlink()
    path.mkdir()
    (path / "notes.txt").write_text("not jitcell's")
    done = run_python(LOOKUP.format(cell=CELL))
    assert done.returncode == 1
    assert f"jitcell.errors.CacheError: {path} is a directory where jitcell keeps an entry's {where}" in done.stderr
    assert "not empty" in done.stderr and f"rm -r {path}" in done.stderr
    assert (path / "notes.txt").read_text() == "not jitcell's"
    with pytest.raises(CacheError, match="is not empty"):
        jitcell.compile_cell(CELL)


RECORDS = """
import json, sys, jitcell
from jitcell.loader import fingerprint
names = jitcell.Namespace()
caller = "def twice(x: int) -> int:\\n    return double(x)\\n"
if sys.argv[1] == "both":
    jitcell.compile_cell("def double(x: int) -> int:\\n    return 2 * x\\n", callees=names)
try:
    lib = jitcell.compile_cell(caller, callees=names)
    print(json.dumps({"hit": lib.cache_hit, "reason": lib.miss_reason, "value": lib.functions["twice"](4)}))
except jitcell.JitError as error:
    print(json.dumps({"error": type(error).__name__, "message": str(error)}))
"""


def _records(root, folder: str) -> dict:
    return {p: p.read_text() for p in sorted((root / folder).glob("*.json"))}


@pytest.mark.parametrize("shape", ['[1, 2]', '"text"', '{"key": 5, "manifest": null}', '{}', '[{"name": 1}]',
                                   'signed {"llvm": 1, "key": []}'])
def test_records_of_the_wrong_shape_are_ignored_and_rewritten(fresh_cache, shape):
    """Valid JSON of another shape in the toolchain record (signed or not), in the cell index of
    misses.py and in the callee record of namespace.py: each is ignored where it is read, and the
    compile goes on (or fails with jitcell's own error), never a TypeError or AttributeError."""
    from jitcell.loader import signing

    def run(*args):
        done = subprocess.run([sys.executable, "-c", RECORDS, *args], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert run("both") == {"hit": False, "reason": "no entry", "value": 8}
    text = json.dumps(signing.sign(json.loads(shape.removeprefix("signed ")))) if shape.startswith("signed") else shape
    for folder in ("toolchain", "cells", "callees"):
        before = _records(fresh_cache, folder)
        assert before, folder
        for path in before:
            path.write_text(text)
    # the toolchain record is read by every compile: still a hit (same key), the record rewritten
    assert run("both") == {"hit": True, "reason": None, "value": 8}
    assert all(json.loads(t).get("mac") for t in _records(fresh_cache, "toolchain").values() if t != text)
    assert any(t != text for t in _records(fresh_cache, "toolchain").values())
    # the cell index is read on a miss, to say why it missed: the entries go, the next compile explains nothing
    for path in fresh_cache.glob("abi-*/*/*"):
        path.unlink()
    assert run("both") == {"hit": False, "reason": "no entry", "value": 8}
    # the callee record is read when a cell fails to compile for want of a name it once called
    alone = run("alone")
    assert alone["error"] in ("CompileError", "LinkageError") and "double" in alone["message"], alone


def test_a_record_folder_removed_before_the_write_is_made_again(fresh_cache, monkeypatch):
    """The toolchain folder removed between its creation and the record's write (what a clear in
    another process did): written anyway, with no temporary file left."""
    from jitcell.loader import files, fingerprint

    real = files.write_atomically
    removed = []

    def clear_first(path, data, mode=0o600):  # a clear gets in between, once
        if not removed:
            removed.append(path)
            os.rmdir(os.path.dirname(path))
        return real(path, data, mode)

    monkeypatch.setattr(files, "write_atomically", clear_first)
    monkeypatch.setattr(fingerprint, "_memo", {})
    assert jitcell.compile_cell(CELL).functions["scale"](4) == 8
    assert removed and os.path.isfile(removed[0])
    assert not list(fresh_cache.rglob("*.tmp"))


def test_a_library_removed_between_lookup_and_load_is_rebuilt(fresh_cache):
    """A clear that runs after the lookup verified the library and before dlopen: the loader sees
    the path no longer names the file it holds, and the pipeline rebuilds, instead of dlopen failing."""
    jitcell.compile_cell(CELL)
    code = f"""
import json, jitcell, os
from jitcell.loader import cache as cache_module
lookup = cache_module.Cache.lookup
def lookup_then_clear(self, key, **kwargs):
    found = lookup(self, key, **kwargs)
    if found.entry is not None and not os.environ.get("DONE"):
        os.environ["DONE"] = "1"
        self.clear()  # as another process might, right now
    return found
cache_module.Cache.lookup = lookup_then_clear
lib = jitcell.compile_cell({CELL!r})
print(json.dumps({{"hit": lib.cache_hit, "reason": lib.miss_reason, "value": lib.functions["scale"](5)}}))
"""
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["value"] == 10 and result["hit"] is False
    assert result["reason"].startswith("the entry was removed while it was being loaded")
