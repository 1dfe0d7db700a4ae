"""Teaching mode: the crash jitcell prevents, shown safely in a child process (jitcell/teaching.py)."""

from __future__ import annotations

import os

import pytest

import jitcell
from jitcell.loader import load
from jitcell.report.teaching import crash_in_child

pytestmark = pytest.mark.skipif(not os.uname().sysname == "Linux", reason="siginfo layout of Linux")

CELL = '''
def histogram(n: int) -> int:
    counts: dict[int, int] = {}
    for i in range(n):
        counts[i % 7] = counts.get(i % 7, 0) + 1
    return len(counts)

def shout(n: int) -> int:
    print("n is", n)
    return n

def add(a: int, b: int) -> int:
    return a + b

def given(n: int | None) -> int:
    return 0 if n is None else n
'''


@pytest.fixture(scope="module")
def functions(tmp_path_factory):
    return jitcell.compile_cell(CELL, cache_dir=tmp_path_factory.mktemp("cache")).functions


@pytest.mark.parametrize("name, args", [("histogram", (100,)), ("shout", (3,))])
def test_without_patching_the_child_dies_at_a_baked_slot_address(functions, name, args):
    crash = crash_in_child(functions[name], *args)
    assert crash.cache_hit and crash.signal == "SIGSEGV" and crash.returncode == -11
    assert crash.slot is not None and crash.slot.startswith("jitcell.slot.")
    baked = {n: b for n, b, _ in crash.slots}
    # the call went to the building session's address, or (the native entry, first) read the table there
    assert crash.address == baked[crash.slot] or crash.slot == "jitcell.slot.native" and \
        0 < crash.address - baked[crash.slot] < 8 * len(load.TABLE)
    assert all(value == baked[n] for n, _, value in crash.slots)  # nothing was patched in the child
    assert "died of SIGSEGV" in str(crash) and crash.slot in str(crash)
    assert "#cf222e" in crash._repr_html_()


@pytest.mark.parametrize("name, args, result", [("histogram", (100,), "7"), ("shout", (3,), "3")])
def test_with_patching_the_same_child_runs_the_same_library(functions, name, args, result):
    crash = crash_in_child(functions[name], *args, patching=True)
    assert crash.cache_hit and crash.survived and crash.result == result
    assert any(value != baked for _, baked, value in crash.slots)  # a new process: new addresses


def test_a_function_that_uses_no_slot_survives_and_says_so(functions):
    # an `int | None` parameter: no native entry (lower/native.py), so the call reads no slot at all
    crash = crash_in_child(functions["given"], 3)
    assert crash.survived and crash.result == "3" and "survived" in str(crash)
    crash = crash_in_child(functions["add"], 1, 2)  # add's native entry reads its table: stale here
    assert crash.signal == "SIGSEGV" and crash.slot == "jitcell.slot.native"
