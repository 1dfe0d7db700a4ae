"""What a cache miss of a trivial cell costs in a warm process, stage by stage.

    python benchmarks/trivial_miss.py                    # prints a table; --write adds results/trivial_miss.md
    python benchmarks/trivial_miss.py --repeat 20 --profile 15   # and the 15 costliest functions (cProfile)
    python benchmarks/trivial_miss.py --calls            # what cold code costs to call (see below)

jitcell is imported and has compiled a cell first (the runtime library is built); then each cell
of a few trivial shapes is compiled with `compile_cell(src, cache=False)`, each time under a new
name or with a new comment, so that every compile is a miss. The shapes: two kernel cells, as the
jitcell kernel compiles them (`script=True`, in the kernel's Namespace): `total + 1`, and `print(x)`
of an `x` an earlier cell set; and two functions, `x + 1` and one whose body prints (a function
costs more than a kernel statement: three entry points, for Python, ctypes and other cells).
The table gives the median of the whole call (wall clock, and CPU time of the process and the
linker it runs, less sensitive to the machine's load) and of the
manifest's per-stage "timings" (parse, check, lower, optimize, emit, link); "other" is the call minus
the stages (the cache key, reading the linked file's symbols, the manifest, loading, binding).
"cached" is the whole call as a notebook makes it, with the cache (a new cache directory) and a
context: the miss is also published (the manifest sealed and written, the library moved into
place) and remembered for explaining the next one; those compiles alternate with the others.

`--calls`: a cell without loops is emitted by LLVM's fast code generator (machine.py, "cold"); this
times calls of such functions (from Python through the native entry, and from a loop of another
cell through its slot) built that way and built by the O2 code generator, in interleaved rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("parse", "check", "lower", "optimize", "emit", "link")

SHAPES = {  # the cell (k: this compile's number), and its options ("kernel": in the kernel's Namespace)
    "x + 1": ("def f{k}(x: int) -> int:\n    return x + {k}\n", {}),
    "def: print(x)": ("def p{k}(x: int) -> None:\n    print(x + {k})\n", {}),
    "kernel: total + 1": ("total{k}: int = 1\ntotal{k} = total{k} + 1\n", {"script": True}),
    "kernel: print(x)": ("print(x)  # {k}\n", {"script": True, "kernel": True}),
}


def measure(repeat: int) -> dict[str, dict[str, float]]:
    import tempfile

    import jitcell

    cache_dir = tempfile.mkdtemp(prefix="jitcell-trivial-")
    jitcell.compile_cell("def warm(x: int) -> int:\n    return x * 2\n", cache=False)
    jitcell.compile_cell("def warm(x: int) -> int:\n    return x * 2\n", cache_dir=cache_dir)
    kernel = jitcell.Namespace()  # as the kernel's: an earlier cell set x
    jitcell.compile_cell("x: int = 5\n", callees=kernel, script=True, cache_dir=cache_dir)
    rows = {}
    for shape, (template, shape_options) in SHAPES.items():
        options = dict(shape_options)
        if options.pop("kernel", False):
            options["callees"] = kernel
        samples: dict[str, list[float]] = {s: [] for s in (*STAGES, "total", "other", "cpu", "cached")}
        for k in range(repeat):
            started, cpu = time.perf_counter(), _cpu()
            library = jitcell.compile_cell(template.format(k=k), cache=False, **options)
            total = time.perf_counter() - started
            samples["cpu"].append(_cpu() - cpu)
            timings = library.manifest["timings"]
            for stage in STAGES:
                samples[stage].append(timings.get(stage, 0.0))
            samples["total"].append(total)
            samples["other"].append(total - sum(timings.get(s, 0.0) for s in STAGES))
            started = time.perf_counter()
            cached = jitcell.compile_cell(template.format(k=repeat + k), cache_dir=cache_dir,
                                          context="session:trivial-miss", **options)
            samples["cached"].append(time.perf_counter() - started)
            assert not cached.cache_hit
        rows[shape] = {name: statistics.median(values) * 1e3 for name, values in samples.items()}
    return rows


def _python_start_ms() -> float:
    """A fresh interpreter's start (median of 7): the figure the machine's speed moves, for comparing runs."""
    import subprocess
    import sys

    times = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the linker): less sensitive to the
    machine's load than the wall clock."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CALLED = ("def inc(n: int) -> int:\n    return n + 1\n\n"
          "def poly(x: float) -> float:\n    return x * x * 3.0 + x * 2.0 + 1.0\n\n"
          "def mixed(x: float, n: int, b: bool) -> float:\n    return x * n if b else x\n")
CALLER = "def loop(n: int) -> float:\n    s = 0.0\n    for i in range(n):\n        s += poly(i * 0.5)\n    return s\n"


def calls(rounds: int) -> list[str]:
    import timeit

    import jitcell
    from jitcell.compiler.backend import machine

    built = {}
    for label, cold in (("cold pipeline, fast code generator", True), ("O2 pipeline and code generator", False)):
        real = machine._repeats
        machine._repeats = real if cold else (lambda module: True)
        try:
            lib = jitcell.compile_cell(CALLED + f"# {label}\n", cache=False)
        finally:
            machine._repeats = real
        user = jitcell.compile_cell(CALLER + f"# {label}\n", cache=False, callees={"poly": lib.functions["poly"]})
        built[label] = {"inc(1) from Python": (lib.functions["inc"], (1,), 1),
                        "mixed(2.0, 3, True) from Python": (lib.functions["mixed"], (2.0, 3, True), 1),
                        "poly(x) from another cell's loop": (user.functions["loop"], (10**6,), 10**6)}
    best: dict = {}
    for _ in range(rounds):
        for label, shapes in built.items():
            for shape, (fn, args, per) in shapes.items():
                timer = timeit.Timer(lambda fn=fn, args=args: fn(*args))
                number = max(1, int(0.02 / max(timer.timeit(1), 1e-7)))
                ns = min(timer.repeat(repeat=3, number=number)) / number / per * 1e9
                best[label, shape] = min(best.get((label, shape), ns), ns)
    labels = list(built)
    out = ["| call | " + " | ".join(f"{label} ns" for label in labels) + " | ratio |", "|---|---:|---:|---:|"]
    for shape in built[labels[0]]:
        a, b = best[labels[0], shape], best[labels[1], shape]
        out.append(f"| `{shape}` | {a:.1f} | {b:.1f} | {a / b:.2f}x |")
    return out


def table(rows: dict[str, dict[str, float]]) -> list[str]:
    head = ["cell", "total ms", "CPU ms", *(f"{s} ms" for s in STAGES), "other ms", "cached ms"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for shape, row in rows.items():
        cells = [f"`{shape}`", *(f"{row[s]:.1f}" for s in ("total", "cpu", *STAGES, "other", "cached"))]
        out.append("| " + " | ".join(cells) + " |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions (cProfile)")
    parser.add_argument("--write", action="store_true", help="append the table to results/trivial_miss.md")
    parser.add_argument("--label", default="", help="a heading for the table in results/trivial_miss.md")
    parser.add_argument("--calls", action="store_true", help="time calls of cold code against O2 code instead")
    parser.add_argument("--json", type=Path, default=None, help="also write the medians (ms) to this file")
    args = parser.parse_args()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        measure(args.repeat)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
        return
    load = os.getloadavg()
    rows = None if args.calls else measure(args.repeat)
    lines = calls(args.repeat) if rows is None else table(rows)
    after = os.getloadavg()
    if args.json is not None and rows is not None:
        args.json.write_text(json.dumps({"load": [load[0], after[0]], "repeat": args.repeat, "cells": rows}, indent=1))
    print("\n".join(lines))
    what = f"best of {args.repeat} rounds, per call (a lambda around it from Python)" if args.calls else \
        f"median of {args.repeat} misses each"
    note = (f"{what}, {platform.processor() or platform.machine()}, "
            f"load average {load[0]:.2f} before, {after[0]:.2f} after (2 cores shared); "
            f"the machine's speed: `python -c pass` {_python_start_ms():.1f} ms")
    print(note)
    if args.write:
        path = HERE / "results" / "trivial_miss.md"
        text = path.read_text() if path.exists() else (
            "# A trivial cell's cache miss in a warm process\n\n"
            "`python benchmarks/trivial_miss.py --write --label ...`: each cell compiled with "
            "`compile_cell(src, cache=False)` after a warm-up compile; times in ms (medians), per stage "
            "of the manifest's timings, \"other\" the rest of the call.\n")
        text += f"\n## {args.label or time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n\n"
        text += "\n".join(lines) + f"\n\n{note}\n"
        path.write_text(text)


if __name__ == "__main__":
    main()
