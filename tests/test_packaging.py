"""`pip install .` (a real wheel, not the editable install the suite runs on) gives a working jitcell."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
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


KERNEL = """
import pathlib, sys
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
spec = KernelSpecManager().get_kernel_spec("jitcell")
print(spec.language)
manager, client = start_new_kernel(kernel_name="jitcell", startup_timeout=60)
try:
    reply = client.execute_interactive("def twice(n: int) -> int:\\n    return 2 * n\\ntwice(21)", timeout=60,
                                       output_hook=lambda msg: msg["msg_type"] == "execute_result" and
                                       print(msg["content"]["data"]["text/plain"]))
    assert reply["content"]["status"] == "ok", reply["content"]
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
"""


def _sources(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*.py") if "__pycache__" not in p.parts}


@pytest.mark.timeout(600)
def test_wheel_install_gives_working_magics_and_kernel(tmp_path, fresh_cache):
    wheels, target, tree = tmp_path / "wheels", tmp_path / "site", tmp_path / "tree"
    # from a copy of the sources: a build/ folder left in the checkout could add stale modules
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                              "__pycache__", "test-artifacts"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(tree)],
                           check=True, capture_output=True, text=True)
    output = built.stdout + built.stderr
    assert not re.search(r"\w*Warning:", output), output  # a clean build: no setuptools warning
    (wheel,) = wheels.glob("jitcell-*.whl")
    # --ignore-installed: never touch the jitcell installed in this environment
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q", "--prefix",
                    str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(target), "platbase": str(target)}))
    installed = site / "jitcell"
    expected = _sources(ROOT / "jitcell") | {f"kernel/{p}" for p in _sources(ROOT / "kernel")} | \
        {f"magics/{p}" for p in _sources(ROOT / "magics")}
    assert _sources(installed) == expected  # every module of every subpackage, and nothing else
    env = {"PYTHONPATH": str(site), "JITCELL_CACHE_DIR": str(fresh_cache), "PATH": os.environ["PATH"],
           "JUPYTER_PATH": str(target / "share" / "jupyter")}
    done = subprocess.run([sys.executable, "-c", CHECK, str(site)], capture_output=True, text=True, env=env,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "42"
    # pip install alone registered the kernelspec: jupyter_client finds it by name and starts it
    kernelspec = target / "share" / "jupyter" / "kernels" / "jitcell"
    assert {p.name for p in kernelspec.iterdir()} == {"kernel.json", "logo-32x32.png", "logo-64x64.png",
                                                     "logo-svg.svg"}  # the Launcher shows the logo
    spec = json.loads((kernelspec / "kernel.json").read_text())
    assert spec["display_name"] == "jitcell (compiled Python)" and spec["language"] == "jitcell"
    listed = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=60)
    assert listed.returncode == 0, listed.stderr
    specs = json.loads(listed.stdout)["kernelspecs"]
    assert specs["jitcell"]["spec"]["display_name"] == "jitcell (compiled Python)"  # `jupyter kernelspec list`
    assert Path(specs["jitcell"]["resource_dir"]).is_relative_to(target)  # the wheel's copy, found first
    done = subprocess.run([sys.executable, "-c", KERNEL, str(site)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["jitcell", "42"]
