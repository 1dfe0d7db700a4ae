"""`python -m jitcell demo`: compile a cell in a real kernel, restart it, load the cell from the cache.

It shows, with real processes, what jitcell is for: the first run compiles (a cache
miss), the restarted kernel loads the same library from disk (a hit with the same
key), and every slot holds the address of the kernel it runs in: the address baked
into the library at build time, and the one the loader patched in after each load.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import textwrap
from pathlib import Path

from .kernel_session import KernelSession

__all__ = ["main", "CELL"]

CELL = '''\
%%jit
import math

def harmonic(n: int) -> float:
    """The n-th harmonic number, with a progress line from compiled code."""
    total = 0.0
    for k in range(1, n + 1):
        total += 1.0 / k
    print("harmonic", n, "=", total)
    return total

def chunks(n: int, size: int) -> int:
    return (n + size - 1) // size
'''

_QUERY = ("{'key': harmonic.library.key, 'hit': harmonic.library.cache_hit, "
          "'compile': harmonic.library.compile_seconds, 'load': harmonic.library.load_seconds, "
          "'path': str(harmonic.library.path), 'pid': __import__('os').getpid(), "
          "'slots': [[s.name, s.target, s.baked, s.patched] for s in harmonic.library.slots]}")


def _ms(seconds):
    return "-" if seconds is None else f"{seconds * 1000:.1f} ms"


def _run_cells(kernel: KernelSession, label: str, show) -> dict:
    show(f"[{label}] %load_ext jitcell")
    kernel.execute("%load_ext jitcell")
    show(f"[{label}] " + textwrap.indent(CELL, "    ").lstrip())
    reply = kernel.execute(CELL)
    if reply.status != "ok":
        raise RuntimeError(f"the %%jit cell failed: {reply.error}")
    for bundle in reply.displays:
        show("    " + bundle["text/plain"])
    info = kernel.evaluate(_QUERY)
    show(f"[{label}] harmonic(10), chunks(10, 3)")
    reply = kernel.execute("print('->', harmonic(10), chunks(10, 3))")
    show(textwrap.indent(reply.stdout.rstrip(), "    "))
    info["output"] = reply.stdout
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jitcell demo", description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", help="cache directory to use (default: a fresh temporary one)")
    args = parser.parse_args(argv)
    cache = Path(args.cache_dir) if args.cache_dir else Path(tempfile.mkdtemp(prefix="jitcell-demo-"))
    show = print
    show("jitcell demo: a %%jit cell in a real IPython kernel, then a kernel restart")
    show(f"cache directory: {cache}\n")
    try:
        with KernelSession(env={"JITCELL_CACHE_DIR": str(cache)}) as kernel:
            first = _run_cells(kernel, f"kernel 1, pid {kernel.pid}", show)
            kernel.restart()
            show(f"\n[restart] kernel 2, pid {kernel.pid}: a new process, so a new memory layout (ASLR)\n")
            second = _run_cells(kernel, f"kernel 2, pid {kernel.pid}", show)
    finally:
        if not args.cache_dir:
            shutil.rmtree(cache, ignore_errors=True)
    _report(first, second, show)
    return 0 if second["hit"] and not first["hit"] and first["output"] == second["output"] else 1


def _report(first: dict, second: dict, show) -> None:
    same = "the same key" if first["key"] == second["key"] else "A DIFFERENT KEY"
    show("\nwhat happened")
    show(f"  cache:  kernel 1 {'hit' if first['hit'] else 'miss'}, kernel 2 "
         f"{'hit' if second['hit'] else 'miss'}, {same}: {second['key'][:16]}...")
    show(f"  times:  kernel 1 compile {_ms(first['compile'])} + load {_ms(first['load'])}; "
         f"kernel 2 load {_ms(second['load'])} (no compiler, no llvmlite)")
    show(f"  output: {'identical' if first['output'] == second['output'] else 'DIFFERENT'} in both kernels")
    show(f"  library: {second['path']}")
    show("\nslots: 'baked' is the address written into the library in kernel 1; 'patched' is what")
    show("the loader wrote after loading it in each kernel. Kernel 2 runs the same file, and only")
    show("works because its slots were patched to kernel 2's addresses.\n")
    header = f"  {'slot':<20} {'points at':<10} {'baked':>16} {'kernel 1':>16} {'kernel 2':>16} {'shift':>16}"
    show(header)
    show("  " + "-" * (len(header) - 2))
    patched_first = {name: patched for name, _, _, patched in first["slots"]}
    for name, target, baked, patched in second["slots"]:
        shift = patched - baked
        show(f"  {name:<20} {target:<10} {baked:>#16x} {patched_first.get(name, 0):>#16x} {patched:>#16x} "
             f"{'-' if shift < 0 else '+'}{abs(shift):#x}".rstrip())
