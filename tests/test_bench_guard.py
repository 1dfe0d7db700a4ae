"""The benchmarks' regression guard (benchmarks/regressions.py) on the committed full run: it flags a
ratio that got more than 15% worse, in the direction that is worse for each ratio, and nothing else."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from regressions import compare, ratios  # noqa: E402 - found through the sys.path entry above

COMMITTED = json.loads((BENCHMARKS / "results" / "latest.json").read_text())


def test_the_committed_run_has_every_kind_of_ratio_and_equals_itself():
    names = ratios(COMMITTED)
    assert "call overhead, jitcell / numba" in names and "restart_ratio_numba_over_jitcell" in names
    assert any(name.startswith("run time nbody, jitcell") for name in names)
    assert compare(COMMITTED, COMMITTED) == []


def test_a_slower_jitcell_kernel_is_flagged_and_a_faster_one_is_not():
    slower, faster, noisy = (copy.deepcopy(COMMITTED) for _ in range(3))
    slower["derived"]["runtime_jitcell_over_numba"]["nbody"]["jitcell"] *= 1.2
    faster["derived"]["runtime_jitcell_over_numba"]["nbody"]["jitcell"] /= 1.2
    noisy["derived"]["runtime_jitcell_over_numba"]["nbody"]["jitcell"] *= 1.1
    [line] = compare(slower, COMMITTED)
    assert line.startswith("run time nbody, jitcell / numba:") and "(20% worse)" in line
    assert compare(faster, COMMITTED) == [] and compare(noisy, COMMITTED) == []


def test_ratios_where_higher_is_better_are_flagged_when_they_fall():
    slower_restart = copy.deepcopy(COMMITTED)
    slower_restart["derived"]["restart_ratio_numba_over_jitcell"] /= 1.3
    slower_calls = copy.deepcopy(COMMITTED)
    slower_calls["calls"]["rows"]["jitcell"]["ns"] *= 1.3
    assert [line.split(":")[0] for line in compare(slower_restart, COMMITTED)] == ["restart_ratio_numba_over_jitcell"]
    assert [line.split(":")[0] for line in compare(slower_calls, COMMITTED)] == ["call overhead, jitcell / numba"]
