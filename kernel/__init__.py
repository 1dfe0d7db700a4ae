"""The dedicated `jitcell` Jupyter kernel: every cell is compiled (kernel.py, cells.py).

    $ pip install jitcell                     # registers the kernelspec "jitcell"
    $ jupyter console --kernel jitcell        # or pick "jitcell (compiled Python)" in JupyterLab
    $ python -m jitcell.kernel install --user # install the kernelspec somewhere else

Importing this package is cheap; the kernel class lives in `jitcell.kernel.kernel`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["RESOURCES", "KERNEL_NAME", "install"]

RESOURCES = Path(__file__).resolve().parent / "resources"
KERNEL_NAME = "jitcell"


def install(*, user: bool = False, prefix: str | None = None, sys_prefix: bool = False,
            name: str = KERNEL_NAME) -> str:
    """Install the kernelspec (kernel.json and logos) and return the directory it went to.

    The installed kernel.json runs this Python (`sys.executable`), as ipykernel's does: a
    kernelspec installed for the user from a virtual environment must start the kernel there,
    not in whatever `python` the Jupyter server finds first."""
    import json
    import shutil
    import sys
    import tempfile

    from jupyter_client.kernelspec import KernelSpecManager

    if sys_prefix:
        prefix = sys.prefix
    with tempfile.TemporaryDirectory() as staging:
        spec_dir = Path(staging) / name
        shutil.copytree(RESOURCES, spec_dir, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
        spec = json.loads((spec_dir / "kernel.json").read_text())
        spec["argv"][0] = sys.executable
        (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n")
        return KernelSpecManager().install_kernel_spec(str(spec_dir), kernel_name=name, user=user, prefix=prefix)
