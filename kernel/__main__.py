"""`python -m jitcell.kernel -f CONNECTION_FILE` runs the kernel (what kernel.json says);
`python -m jitcell.kernel install [--user | --sys-prefix | --prefix P]` installs its kernelspec."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["install"]:
        parser = argparse.ArgumentParser(prog="python -m jitcell.kernel install",
                                         description="Install the jitcell kernelspec for Jupyter.")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--user", action="store_true", help="install for this user (~/.local/share/jupyter)")
        where.add_argument("--sys-prefix", action="store_true", help="install into this Python's prefix")
        where.add_argument("--prefix", metavar="P", help="install under the prefix P (P/share/jupyter/kernels)")
        parser.add_argument("--name", default="jitcell", help="the kernel name (default: jitcell)")
        args = parser.parse_args(argv[1:])
        from . import install

        try:
            path = install(user=args.user, prefix=args.prefix, sys_prefix=args.sys_prefix, name=args.name)
        except PermissionError as error:
            print(f"cannot install the kernelspec there ({error}); try --user or --sys-prefix", file=sys.stderr)
            return 1
        print(f"installed the jitcell kernelspec in {path}")
        return 0
    from ipykernel.kernelapp import IPKernelApp

    from .kernel import JitcellKernel

    IPKernelApp.launch_instance(argv=argv, kernel_class=JitcellKernel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
