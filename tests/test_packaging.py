"""`pip install .` (a real wheel, not the editable install the suite runs on) gives a working jitcell."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import sys, pathlib
target = pathlib.Path(sys.argv[1]).resolve()
import jitcell, jitcell.magics, jitcell.kernel
for module in (jitcell, jitcell.magics, jitcell.kernel):
    assert target in pathlib.Path(module.__file__).resolve().parents, module.__file__
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
shell.run_line_magic("load_ext", "jitcell")
result = shell.run_cell("%%jit -q\\ndef twice(n: int) -> int:\\n    return 2 * n\\n")
assert result.success, result.error_in_exec
print(shell.user_ns["twice"](21))
"""


@pytest.mark.timeout(600)
def test_wheel_install_gives_working_magics(tmp_path, fresh_cache):
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, text=True)
    (wheel,) = wheels.glob("jitcell-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    done = subprocess.run([sys.executable, "-c", CHECK, str(target)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(target), "JITCELL_CACHE_DIR": str(fresh_cache),
                               "PATH": os.environ["PATH"]}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "42"
