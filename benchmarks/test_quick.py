"""Smoke test of the benchmarks: `run.py --quick` runs every benchmark end to end.

    pytest benchmarks/test_quick.py        (about five minutes; not part of `./dev test`)

It checks what must hold on any machine: every child ran, warm caches were hits,
a jitcell cache hit did not import llvmlite, every system computed the same
results, and the report has its sections. It compares no time with anything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent / "run.py"


def test_quick_run_writes_complete_results(tmp_path):
    done = subprocess.run([sys.executable, str(RUN), "--quick", "--output", str(tmp_path)],
                          capture_output=True, text=True, timeout=1200)
    # 3: the regression guard flagged a ratio against results/latest.json, a timing this test does not judge
    assert done.returncode in (0, 3), done.stdout[-2000:] + done.stderr[-4000:]
    data = json.loads((tmp_path / "quick.json").read_text())
    markdown = (tmp_path / "quick.md").read_text()

    restart = data["restart"]
    assert set(restart) == {"python", "ipython", "jitcell_api", "jitcell_ipython", "numba", "cython"}
    for name in ("jitcell_api", "jitcell_ipython", "numba", "cython"):
        assert restart[name]["cache_hit"] is True, name
    assert restart["jitcell_api"]["llvmlite_imported"] is False
    assert all(len(row["wall_ms"]["samples"]) == data["settings"]["reps"] for row in restart.values())

    assert set(data["cold_fresh"]) == {"jitcell_api", "jitcell_ipython", "numba", "cython"}
    assert set(data["compile"]) == {"jitcell", "numba", "cython"}

    kernels = data["runtime"]["kernels"]
    assert set(kernels) == set(data["kernels"])
    for name, kernel in kernels.items():
        assert set(kernel["rows"]) == set(data["runtime"]["systems"]), name
        for system, row in kernel["rows"].items():
            assert row["check"] != "MISMATCH", (name, system, row["result"], kernel["reference"])
            assert row["ms"] > 0

    assert set(data["calls"]["rows"]) == {"jitcell", "numba", "python function", "ctypes (C function)"}
    for heading in ("## 1. Restart", "## 2. Cold compile", "## 3. Run time", "## 4. Call overhead",
                    "## 5. Calls, real programs", "## Goals"):
        assert heading in markdown
    goals = data["goal_scripts"]  # section 5: every script ran and wrote its figures
    assert set(goals) == {"calls", "realworld", "notebook", "trivial", "cache_hit"}
    assert not [name for name, figures in goals.items() if "error" in figures], goals
    assert goals["notebook"]["same_outputs"] is True
    assert all(set(row) >= {"hit_ms"} for row in goals["cache_hit"]["results"].values())
    for goal in ("calls from Python", "real programs", "first run of a", "a trivial cell's compile",
                 "a cache hit in a fresh process"):
        assert goal in markdown
    assert data["machine"]["llvm"] and data["machine"]["gcc"]


def test_lists_quick_run(tmp_path):
    """`lists.py --quick`: every kernel has a time for Numba and CPython (each checked against CPython's
    result by the script, which fails otherwise) and, for jitcell, a time or the error that stops it."""
    done = subprocess.run([sys.executable, str(RUN.parent / "lists.py"), "--quick", "--output", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    results = json.loads((tmp_path / "lists-quick.json").read_text())["results"]
    assert [r["kernel"] for r in results] == ["sieve", "fannkuch", "sort_pairs", "comprehension", "boundary"]
    for result in results:
        systems = result["systems"]
        assert systems["CPython"]["seconds"] > 0
        assert any(s.startswith("Numba") and r["seconds"] > 0 for s, r in systems.items()), result["kernel"]
        jit = systems["jitcell"]
        assert jit.get("seconds", 0) > 0 or jit["error"].startswith("does not compile yet: "), jit
    assert set(results[-1]["systems"]) == {"jitcell", "Numba (reflected list)", "Numba (typed List)", "CPython"}
    assert "| sieve over a list of bools |" in (tmp_path / "lists-quick.md").read_text()
