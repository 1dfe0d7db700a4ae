"""The README's demo command runs and tells the story it promises."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_kernel_restart import DEMO_SLOTS

pytestmark = pytest.mark.kernel


@pytest.fixture(scope="module")
def demo() -> str:
    done = subprocess.run([sys.executable, "-m", "jitcell", "demo"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_demo_shows_miss_then_hit_and_patched_slots(demo):
    out = demo.split("jitcell kernel demo")[0]
    assert "cache miss: first compile of this cell in this session" in out and "cache hit" in out
    assert "kernel 1 miss, kernel 2 hit, the same key" in out
    assert "output: identical in both kernels" in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("jitcell.slot.")]
    assert {row[0] for row in rows} == DEMO_SLOTS
    for _name, _target, baked, first, second, _shift in rows:
        assert baked == first != second  # baked in kernel 1, patched anew in kernel 2
    header = next(line for line in out.splitlines() if "points at" in line)
    columns = [header.index(title) + len(title) for title in ("baked", "kernel 1", "kernel 2")]
    for line in (line for line in out.splitlines() if line.strip().startswith("jitcell.slot.")):
        ends, at = [], len(line.split()[0])  # the addresses, right-aligned under their titles however
        for value in line.split()[2:5]:      # long the slot's name
            at = line.index(value, at) + len(value)
            ends.append(at)
        assert ends == columns, (header, line)


def test_demo_runs_the_kernel_part_with_hits_and_new_variable_addresses(demo):
    out = demo.split("jitcell kernel demo")[1]
    assert out.count("cache miss: first compile of this cell in this session") == 3 and out.count("cache hit") == 3
    assert "run 2 all hits; outputs identical" in out
    assert out.count("Out: '261 steps, 9999 calls'") == 2
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("jitcell.slot.var.")]
    assert [row[0] for row in rows] == ["jitcell.slot.var.calls", "jitcell.slot.var.sizes"]
    assert all(first != second for _, first, second in rows)
