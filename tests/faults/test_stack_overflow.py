"""Deep recursion in compiled code raises RecursionError before the native stack overflows, and the
recursion limit is sys.getrecursionlimit(), read at each call, as CPython's is.

Every case runs in a child process (a stack overflow kills the process). A recursive compiled
function checks on entry that calls are left (the limit) and that its stack pointer is above
the thread's stack floor: its stack's lowest address, from pthread_getattr_np, plus a margin
(runtime/source.py, stack_floor). Without that guard (the check compiled as the limit alone), the
same programs die of SIGSEGV: in a thread of 64 KiB below depth 1000, and in the main thread
with a raised recursion limit.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

import jitcell
from jitcell.runtime import interrupts

pytestmark = pytest.mark.skipif(not interrupts.supported(), reason="the stack guard reads Linux thread stack bounds")

CELL = textwrap.dedent('''
    def depth(n: int) -> int:
        if n == 0:
            return 0
        return depth(n - 1) + 1

    def ping(n: int) -> int:
        if n == 0:
            return 0
        return pong(n - 1) + 1

    def pong(n: int) -> int:
        return ping(n) + 0

    def tower(n: int) -> str:
        if n == 0:
            return "."
        return f"{n % 10}" + tower(n - 1)

    def noisy(n: int) -> int:
        print("level", n, 0.5 * n)
        if n == 0:
            return 0
        return noisy(n - 1) + 1
''')

# A child: compile (a cache hit unless told otherwise), then run `calls` ([name, arg] pairs) in a
# thread with the given stack size (0: the main thread) and print one JSON line of outcomes.
CHILD = r'''
import json, os, sys, threading
from llvmlite import ir
import jitcell
from jitcell import runtime
options = json.loads(sys.argv[1])
if options.get("unguarded"):  # the recursion check without its stack half: the limit alone
    from jitcell.compiler.lower import program
    program._FunctionLowerer.too_deep = \
        lambda self: self.b.icmp_signed("<=", self.calls_left, ir.Constant(ir.IntType(32), 0))
lib = jitcell.compile_cell(os.environ["CELL"])
if options.get("limit"):
    sys.setrecursionlimit(options["limit"])
results = []
def run():
    for name, arg in options["calls"]:
        try:
            value = lib.functions[name](arg)
            results.append(["ok", value if isinstance(value, int) else len(value)])
        except RecursionError as error:
            results.append(["RecursionError", str(error)])
    results.append(["live objects", runtime.call("live_objects")])
if options.get("stack"):
    threading.stack_size(options["stack"])
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
else:
    run()
print(json.dumps(results), flush=True)
'''


def child(cell: str = CELL, **options) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-c", CHILD, json.dumps(options)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "CELL": cell})


def results(done: subprocess.CompletedProcess) -> list:
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-3000:])
    return json.loads(done.stdout.splitlines()[-1])


TOO_DEEP = ["RecursionError", "maximum recursion depth exceeded"]


@pytest.fixture(scope="module", autouse=True)
def compiled():
    jitcell.compile_cell(CELL)  # the children hit the cache (conftest's private cache, in the environment)


def test_deep_recursion_in_a_64k_thread_raises_recursion_error():
    calls = [["depth", 999], ["ping", 998], ["tower", 999], ["depth", 10**6], ["depth", 50], ["tower", 20]]
    found = results(child(stack=64 * 1024, calls=calls))
    assert found[:4] == [TOO_DEEP] * 4  # the stack guard, before the count of 1000
    assert found[4:] == [["ok", 50], ["ok", 21], ["live objects", 0]]  # and the thread goes on


def test_the_stack_guard_holds_with_a_raised_limit_and_callbacks_into_python():
    """The main thread (8 MiB) and a 256 KiB thread, with the limit far beyond what fits; noisy
    prints at every level, so callbacks into Python run right above the floor."""
    calls = [["depth", 10**6], ["noisy", 10**5], ["depth", 1000], ["tower", 100]]
    for stack in (0, 256 * 1024):
        done = child(limit=10**7, stack=stack, calls=calls)
        found = results(done)
        assert found == [TOO_DEEP, TOO_DEEP, ["ok", 1000], ["ok", 101], ["live objects", 0]], stack
        assert done.stdout.startswith("level 100000 50000.0\n")


def test_without_the_stack_guard_the_same_recursion_crashes():
    unguarded = CELL + "# compiled without the stack half of the recursion check\n"
    in_thread = child(unguarded, unguarded=True, stack=64 * 1024, calls=[["depth", 999]])
    assert in_thread.returncode == -signal.SIGSEGV, (in_thread.returncode, in_thread.stderr[-2000:])
    in_main = child(unguarded, unguarded=True, limit=10**7, calls=[["depth", 10**6]])
    assert in_main.returncode == -signal.SIGSEGV, (in_main.returncode, in_main.stderr[-2000:])
    # the limit alone still works where the stack suffices
    assert results(child(unguarded, unguarded=True, calls=[["depth", 999], ["depth", 1000]])) == \
        [["ok", 999], TOO_DEEP, ["live objects", 0]]


def test_the_recursion_limit_follows_sys_setrecursionlimit_as_in_cpython():
    """depth(n) makes n + 1 nested calls. CPython counts its frames below the call too (the module's,
    here one): both raise for 60 and not for 40 under a limit of 50, and for neither under 2000."""
    python = CELL.split("def ping")[0] + textwrap.dedent("""
        import json, sys
        sys.setrecursionlimit(50)
        found = []
        for n in (40, 60):
            try:
                found.append(["ok", depth(n)])
            except RecursionError as error:
                found.append(["RecursionError", str(error)])
        print(json.dumps(found))
    """)
    cpython = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, timeout=60)
    assert json.loads(cpython.stdout) == [["ok", 40], TOO_DEEP]
    assert results(child(limit=50, calls=[["depth", 40], ["depth", 60], ["ping", 20], ["ping", 30]])) == \
        [["ok", 40], TOO_DEEP, ["ok", 20], TOO_DEEP, ["live objects", 0]]  # ping(n): 2n + 1 calls
    assert results(child(limit=2000, calls=[["depth", 1500], ["depth", 2000]])) == \
        [["ok", 1500], TOO_DEEP, ["live objects", 0]]  # was a fixed 1000
