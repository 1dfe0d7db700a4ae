"""`python -m jitcell warm` builds the runtime library ahead of the first cell (./dev does it after
installing), so that a user's first cell compiles only itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIRST_CELL = """
import jitcell
from jitcell import runtime
jitcell.compile_cell("def f() -> int:\\n    return 1\\n")
print(runtime.library().cache_hit)
"""


def _run(cache: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "JITCELL_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_warm_builds_the_runtime_library_once_and_the_first_cell_finds_it(tmp_path):
    warmed, cold = tmp_path / "warmed", tmp_path / "cold"
    first = _run(warmed, "-m", "jitcell", "warm")
    assert "runtime library built in" in first
    library = Path(first.rsplit(": ", 1)[1].strip())
    assert library.is_file() and warmed in library.parents
    assert "runtime library found in the cache" in _run(warmed, "-m", "jitcell", "warm")
    assert _run(warmed, "-c", FIRST_CELL).split() == ["True"]  # the first cell loads the runtime, builds nothing
    assert _run(cold, "-c", FIRST_CELL).split() == ["False"]  # without warm, the first cell builds it
