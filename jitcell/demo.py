"""`python -m jitcell demo`: compile a cell in a real kernel, restart it, load the cell from the cache.

Then the same in the `jitcell` kernel: three compiled cells sharing module variables
through slots, a restart, every cell a cache hit, the variable slots patched anew.

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

from jitcell.kernel.session import KernelSession

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
    parser.add_argument("--no-kernel", action="store_true", help="skip the part in the jitcell kernel")
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
    ok = second["hit"] and not first["hit"] and first["output"] == second["output"]
    if args.no_kernel:
        return 0 if ok else 1
    return 0 if _kernel_demo(cache if args.cache_dir else None, show) and ok else 1


KERNEL_CELLS = [
    "calls: int = 0\nsizes: dict[int, int] = {}",
    "def collatz(n: int) -> int:\n    global calls\n    calls += 1\n    steps = 0\n    while n != 1:\n"
    "        n = n // 2 if n % 2 == 0 else 3 * n + 1\n        steps += 1\n    sizes[steps] = sizes.get(steps, 0) + 1\n"
    "    return steps",
    "longest = 0\nfor n in range(1, 10000):\n    longest = max(longest, collatz(n))\nf'{longest} steps, {calls} calls'",
]
_KERNEL_SLOTS = ("%%python\nimport json\nprint(json.dumps([[s.name, s.baked, s.patched] for s in collatz.library.slots "
                 "if s.target.startswith('var.')]))")


def _kernel_demo(cache_dir, show) -> bool:
    """The same story in the jitcell kernel, where every cell is compiled and module variables
    live in the library of the cell that declares them."""
    import json

    cache = Path(cache_dir) if cache_dir else Path(tempfile.mkdtemp(prefix="jitcell-demo-kernel-"))
    show("\n\njitcell kernel demo: three cells in the `jitcell` kernel (every cell compiled), then a restart\n")
    runs = []
    try:
        with KernelSession(env={"JITCELL_CACHE_DIR": str(cache)}, kernel="jitcell") as kernel:
            for round_ in (1, 2):
                outputs, summaries = [], []
                for number, cell in enumerate(KERNEL_CELLS, 1):
                    reply = kernel.execute(cell)
                    if reply.status != "ok":
                        raise RuntimeError(f"kernel cell {number} failed: {reply.error}")
                    texts = [d["text/plain"] for d in reply.displays]
                    summaries += [t for t in texts if t.startswith("jitcell:")]
                    outputs += [t for t in texts if not t.startswith("jitcell:")]
                    if round_ == 1:
                        first_line, *rest = cell.splitlines()
                        show(f"  In [{number}]: {first_line}")
                        for line in rest:
                            show(f"     ...: {line}")
                show(f"[kernel {round_}, pid {kernel.pid}]")
                for text in summaries:
                    show(f"    {text}")
                show(f"    Out: {outputs[-1]}")
                runs.append({"outputs": outputs, "summaries": summaries,
                             "slots": json.loads(kernel.execute(_KERNEL_SLOTS).stdout)})
                if round_ == 1:
                    kernel.restart()
                    show("\n[restart & run all]")
    finally:
        if not cache_dir:
            shutil.rmtree(cache, ignore_errors=True)
    first, second = runs
    hits = all("cache hit" in s for s in second["summaries"])
    show(f"\n  cache:  run 2 {'all hits' if hits else 'NOT ALL HITS'}; outputs "
         f"{'identical' if first['outputs'] == second['outputs'] else 'DIFFERENT'}")
    show("  collatz() reaches the variables of cell 1 through slots; cell 1's library holds them:\n")
    names = max([28, *(len(name) for name, _, _ in second["slots"])])
    show(f"  {'slot':<{names}} {'kernel 1':>16} {'kernel 2':>16}")
    before = {name: patched for name, _, patched in first["slots"]}
    for name, _baked, patched in second["slots"]:
        show(f"  {name:<{names}} {before.get(name, 0):>#16x} {patched:>#16x}")
    return hits and first["outputs"] == second["outputs"]


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
    names = max([len("slot"), *(len(name) for name, _, _, _ in second["slots"])])  # columns that fit them
    targets = max([len("points at"), *(len(target) for _, target, _, _ in second["slots"])])
    header = (f"  {'slot':<{names}} {'points at':<{targets}} {'baked':>16} {'kernel 1':>16} {'kernel 2':>16} "
              f"{'shift':>16}")
    show(header)
    show("  " + "-" * (len(header) - 2))
    patched_first = {name: patched for name, _, _, patched in first["slots"]}
    for name, target, baked, patched in second["slots"]:
        shift = patched - baked
        show(f"  {name:<{names}} {target:<{targets}} {baked:>#16x} {patched_first.get(name, 0):>#16x} "
             f"{patched:>#16x} {'-' if shift < 0 else '+'}{abs(shift):#x}".rstrip())
