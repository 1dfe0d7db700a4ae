"""The 30-cell notebook benchmark (benchmarks/kernel_notebook.py) in its quick form: both
notebooks run in real kernels, give the same outputs, and every jitcell cell is a hit after
the restart. It checks no time: benchmarks report times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.kernel

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "kernel_notebook.py"


@pytest.mark.timeout(600)
def test_quick_notebook_benchmark_runs_both_notebooks(tmp_path):
    pytest.importorskip("numba")
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--output", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    results = json.loads((tmp_path / "kernel_notebook_quick.json").read_text())
    assert results["same_outputs"] and results["cells"] == 6
    assert results["jitcell"]["cache_hits_after_restart"] == 6
    assert results["jitcell"]["outputs"][1] == results["numba"]["outputs"][1] != ""
    assert "jitcell / Numba" in (tmp_path / "kernel_notebook_quick.md").read_text()
