"""Faults in compiled code, through a real kernel: each raises the Python exception in the cell,
the kernel survives, and the next cell runs with the kernel's state intact."""

from __future__ import annotations

import pytest

from jitcell.kernel.session import KernelSession

pytestmark = pytest.mark.kernel

CELL = '''%%jit
def forever(n: int) -> int:
    return forever(n + 1) + 1

def lookup(key: str) -> int:
    d = {"a": 1}
    return d[key]

def grow(n: int) -> int:
    d = {1: 1}
    for k in d:
        d[k + n] = k
    return len(d)

def square(n: int) -> int:
    return n * n

def ratio(a: int, b: int) -> float:
    return a / b
'''

FAULTS = [
    ("forever(0)", "RecursionError", "maximum recursion depth exceeded"),
    ("lookup('z')", "KeyError", "'z'"),
    ("grow(5)", "RuntimeError", "dictionary changed size during iteration"),
    ("square(2**40)", "OverflowError", "does not fit in a 64-bit int"),
    ("ratio(1, 0)", "ZeroDivisionError", "division by zero"),
]


def test_each_fault_raises_in_the_cell_and_the_kernel_lives_on(tmp_path):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path / "cache")}) as kernel:
        kernel.execute("%load_ext jitcell\nstate = [1, 2, 3]")
        assert kernel.execute(CELL).status == "ok"
        for call, name, message in FAULTS:
            reply = kernel.execute(call)
            assert reply.status == "error", (call, reply)
            assert reply.error["ename"] == name, reply.error
            assert message in reply.error["evalue"], reply.error
            assert kernel.is_alive()
            assert kernel.evaluate("sum(state) + square(3) + lookup('a')") == 16
