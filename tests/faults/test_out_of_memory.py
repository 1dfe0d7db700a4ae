"""Out of memory inside compiled code raises MemoryError, as in CPython, instead of a SIGSEGV.

Each case runs in a child process whose address space is limited (RLIMIT_AS, set before
anything is imported) to a few hundred MB, so that the allocation really fails, and fast:
a string doubled in a loop, a dict grown towards 10**9 entries, a list of lists grown the same way,
np.zeros of 8 GB. The child
must print the exception and go on running compiled code (nothing leaked a half-built
object), then exit normally.

That the checks matter is shown by the same programs built without them, in the same
limited child: without the check in generated code (`HeapLowering.no_memory_if` made a
no-op while the cell is compiled), the doubled string is a null object the next iteration
reads, and the process dies of SIGSEGV, and the dict silently stops growing (a wrong
length, no error); with a runtime library whose `obj_alloc` does not check malloc, the
process dies of SIGSEGV inside the runtime.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

import jitcell
from jitcell import runtime
from jitcell.compiler.lower import heap

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS as Linux enforces it")

CELL = textwrap.dedent('''
    import numpy as np

    def doubled(n: int) -> int:
        s = "ab"
        for i in range(n):
            s = s + s
        return len(s)

    def doubled_join(n: int) -> int:
        s = "ab"
        for i in range(n):
            s = f"{s}{s}"
        return len(s)

    def grown(n: int) -> int:
        d: dict[int, int] = {}
        for i in range(n):
            d[i] = i
        return len(d)

    def grown_str(n: int) -> int:
        d: dict[int, str] = {}
        for i in range(n):
            d[i] = str(i)
        return len(d)

    def zeros(n: int) -> float:
        a = np.zeros(n)
        return a[n - 1]

    def ones_2d(n: int) -> float:
        a = np.ones((n, n))
        return a[n - 1, n - 1]

    def nested_lists(n: int) -> int:
        rows: list[list[str]] = []
        for i in range(n):
            rows.append(["x" + str(i)] * 8)
        return len(rows)

    def repeated(n: int) -> int:
        xs = [(1, "a")] * n
        return len(xs)

    def small(n: int) -> int:
        words: dict[str, int] = {}
        for i in range(n):
            words[f"w{i}"] = i
        return len(words) + len("x" + "yz")
''')

LIMIT = 512 << 20  # bytes of address space: the child needs about 20 MB before numpy (a cache hit)

CHILD = r'''
import os, resource, sys
limit, name, arg = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # before anything is imported
import jitcell
from jitcell import runtime
if os.environ.get("UNCHECKED_RUNTIME"):
    runtime.SOURCE_PATH = os.environ["UNCHECKED_RUNTIME"]
lib = jitcell.compile_cell(os.environ["CELL"])
print("cache hit", lib.cache_hit, flush=True)
if not name:
    raise SystemExit(0)
try:
    print("returned", lib.functions[name](arg), flush=True)
except MemoryError as error:
    print("MemoryError", repr(str(error)), flush=True)
print("live objects", runtime.call("live_objects"), flush=True)
print("still working", lib.functions["small"](1000), flush=True)
'''


def run_child(cell: str, name: str, arg: int, *, limit: int = LIMIT, unchecked_runtime: str | None = None):
    env = {**os.environ, "CELL": cell, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    if unchecked_runtime:
        env["UNCHECKED_RUNTIME"] = unchecked_runtime
    return subprocess.run([sys.executable, "-c", CHILD, str(limit), name, str(arg)], capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A cache of this module's own, holding the cell (compiled here), for children to hit."""
    path = tmp_path_factory.mktemp("oom-cache")
    previous = os.environ.get("JITCELL_CACHE_DIR")
    os.environ["JITCELL_CACHE_DIR"] = str(path)
    try:
        jitcell.compile_cell(CELL)
        yield path
    finally:
        if previous is None:
            os.environ.pop("JITCELL_CACHE_DIR", None)
        else:
            os.environ["JITCELL_CACHE_DIR"] = previous


def outcome(done: subprocess.CompletedProcess) -> list[str]:
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-3000:])
    lines = done.stdout.splitlines()
    assert lines[0] == "cache hit True"  # no compiler, no llvmlite in the limited child
    return lines[1:]


@pytest.mark.parametrize("name, arg, message", [
    ("doubled", 60, ""),  # str_append's realloc, then str_concat's malloc
    ("doubled_join", 60, ""),  # str_join
    ("grown", 10**9, ""),  # table_set growing the dict
    ("grown_str", 10**9, ""),  # str_from_int's malloc or table_set
    ("nested_lists", 10**9, ""),  # list_new, list_repeat or list_push, half-way through a nested list
    ("repeated", 10**9, ""),  # list_repeat's list_reserve
    ("zeros", 10**9, "Unable to allocate 7.45 GiB for an array with shape (1000000000,) and data type float64"),
    ("ones_2d", 10**5, "Unable to allocate 74.5 GiB for an array with shape (100000, 100000) and data type float64"),
])
def test_out_of_memory_raises_memory_error_and_the_process_goes_on(cache, name, arg, message):
    lines = outcome(run_child(CELL, name, arg))
    assert lines == [f"MemoryError {message!r}", "live objects 0", "still working 1003"], lines


def test_a_huge_string_argument_is_memory_error_at_the_call(cache):
    """The entry point makes a str object of each str argument: that allocation is checked too.
    The limit leaves room for the text and its UTF-8 copy (the wrapper's), not for a third copy."""
    cell = "def size(s: str) -> int:\n    return len(s)\n"
    child = r'''
import resource, sys
import jitcell
lib = jitcell.compile_cell(sys.argv[1])
text = "x" * (300 << 20)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
limit = int(status["VmSize"].split()[0]) * 1024 + (350 << 20)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    print(lib.functions["size"](text))
except MemoryError as error:
    print("MemoryError", repr(str(error)))
print(lib.functions["size"]("four"))
'''
    jitcell.compile_cell(cell)
    done = subprocess.run([sys.executable, "-c", child, cell], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.stdout, done.stderr[-2000:])
    assert done.stdout.splitlines() == ["MemoryError ''", "4"]
    with_room = subprocess.run([sys.executable, "-c", child.replace("350 << 20", "700 << 20"), cell],
                               capture_output=True, text=True, timeout=120)
    assert with_room.stdout.splitlines() == [str(300 << 20), "4"]  # the limit was what failed


def test_without_the_checks_in_generated_code_it_crashes_or_goes_wrong(cache, monkeypatch):
    """The same cell compiled with the generated checks left out (a comment makes it a new entry)."""
    monkeypatch.setattr(heap.HeapLowering, "no_memory_if", lambda self, failed: None)
    unchecked = CELL + "# compiled without allocation checks\n"
    lib = jitcell.compile_cell(unchecked)
    assert not any(site["kind"] == "no_memory" for site in lib.manifest["sites"])
    assert any(site["kind"] == "no_memory" for site in jitcell.compile_cell(CELL).manifest["sites"])
    doubled = run_child(unchecked, "doubled", 60)
    assert doubled.returncode == -signal.SIGSEGV, (doubled.returncode, doubled.stdout, doubled.stderr[-2000:])
    # 6 million entries are more than the limit leaves room for (checked: MemoryError at about 5.6 million)
    assert outcome(run_child(CELL, "grown", 6 * 10**6))[0] == "MemoryError ''"
    grown = outcome(run_child(unchecked, "grown", 6 * 10**6))
    assert grown[0].startswith("returned ") and int(grown[0].split()[1]) < 6 * 10**6  # it stopped growing, silently


def test_without_the_check_in_the_runtime_it_crashes(cache, tmp_path):
    """A runtime library whose obj_alloc writes the new object's header without checking malloc."""
    with open(runtime.SOURCE_PATH, encoding="utf-8") as f:
        source = f.read()
    check = "    o = malloc(size)\n    if o == 0:\n        return 0\n"
    assert check in source
    path = tmp_path / "source.py"
    path.write_text(source.replace(check, "    o = malloc(size)\n"), encoding="utf-8")
    built = run_child(CELL, "", 0, limit=0, unchecked_runtime=str(path))  # builds that runtime, unlimited
    assert built.returncode == 0, built.stderr[-2000:]
    crashed = run_child(CELL, "doubled", 60, unchecked_runtime=str(path))
    assert crashed.returncode == -signal.SIGSEGV, (crashed.returncode, crashed.stdout, crashed.stderr[-2000:])
    assert crashed.stdout.splitlines() == ["cache hit True"]  # it died in the call
