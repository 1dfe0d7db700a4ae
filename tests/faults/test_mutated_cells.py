"""Mutated cells: the corpus's cells, damaged at random (mutation.py), compile or raise CompileError.

    compile_cell(mutant.source, cache=False, **mutant.options)
        # a Library, or CompileError naming line:col: fine. Anything else (KeyError, AssertionError,
        # RecursionError, an LLVM verifier error, a crash of the process...) is a bug in jitcell.

Each mutant is examined in a worker process (campaign.py), so that a crash is counted as one; one
that compiles runs its cell's call directives in CPython and in jitcell, and a different result is
a bug too. The short campaign (a fixed seed, 300 mutants, about half a minute) runs in CI, the slow
one 4,000; both print the matrix of mutation kind x outcome and write test-artifacts/mutated_cells*.json.
`python tools/fuzz_matrix.py --count N` runs a campaign and writes its report.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from campaign import ACCEPTABLE, Worker, campaign, matrix, unacceptable  # noqa: E402
from mutation import CELLS, KINDS, ROOT, Mutant  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"


def _check(result: dict, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(result, indent=1, ensure_ascii=True) + "\n")
    print(f"\nmutants {result['seed']}:{result['start']}..{result['start'] + result['count'] - 1}\n" + matrix(result))
    assert not result["problems"], "cases neither compiled nor a clear CompileError:\n" + unacceptable(result)
    tried = {kind: sum(c.values()) for kind, c in result["outcomes"].items()}
    assert all(tried[kind] > 0 for kind in KINDS), tried


def test_mutated_cells_compile_or_raise_compile_error():
    result = campaign(seed=20260, count=300)
    _check(result, "mutated_cells")
    compared = sum(c.get("equal", 0) for c in result["outcomes"].values())
    assert compared >= 30, result["outcomes"]  # the differential half runs, on a good share of them


@pytest.mark.slow
def test_many_mutated_cells_compile_or_raise_compile_error():
    _check(campaign(seed=31337, count=4000), "mutated_cells_slow")


def test_mutants_differ_from_their_cells():
    """A mutation that changed nothing would count as a pass that tested nothing: every kind changes
    its cell (all but a few of 10 mutants of each)."""
    unchanged = Counter(m.kind for m in map(lambda i: Mutant.make(7, i), range(10 * len(KINDS)))
                        if m.source == (ROOT / "tests" / "programs" / f"{m.cell}.py").read_text())
    assert all(n <= 2 for n in unchanged.values()), unchanged
    assert len(CELLS) > 20


def test_a_worker_that_dies_is_a_crash():
    """The worker is a real process: one killed by SIGSEGV before it answers is counted as a crash
    (not taken for an answer, nor left to hang the campaign), and the next worker goes on."""
    worker = Worker(seed=5)
    os.kill(worker.process.pid, signal.SIGSEGV)
    answer = worker.examine(0, call=False)
    worker.stop()
    assert answer["outcome"] == "crash" and "SIGSEGV" in answer["details"], answer
    assert "crash" not in ACCEPTABLE
    worker = Worker(seed=5)
    try:
        assert worker.examine(0, call=False)["outcome"] in ACCEPTABLE
    finally:
        worker.stop()


def test_a_worker_that_does_not_answer_in_time_is_a_timeout():
    worker = Worker(seed=5)
    answer = worker.examine(0, call=False, seconds=0.01)  # its imports alone take longer
    assert answer["outcome"] == "timeout" and not worker.alive(), answer
