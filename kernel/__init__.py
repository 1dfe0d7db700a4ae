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
    """Install the kernelspec (kernel.json and logos) and return the directory it went to."""
    import sys

    from jupyter_client.kernelspec import KernelSpecManager

    if sys_prefix:
        prefix = sys.prefix
    return KernelSpecManager().install_kernel_spec(str(RESOURCES), kernel_name=name, user=user, prefix=prefix)
