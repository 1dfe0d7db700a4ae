"""A 30-cell notebook in the jitcell kernel against the same computations with Numba.

    python benchmarks/kernel_notebook.py [--quick] [--output DIR]

The notebook: one cell of imports, then 29 cells that each define a small numeric
function (int loops, float loops with math, calls to functions of earlier cells) and
compute a result with it, as notebook cells do. The jitcell version is run by the
`jitcell` kernel (every cell compiled); the Numba version by an IPython kernel, each
function under `@njit(cache=True)`. Both are driven through jupyter_client, cell by
cell as "Run All" does, and timed from sending the first cell to the last reply:

  1. first run, empty cache (jitcell compiles every cell; Numba compiles every function); the
     runtime library is built before, by `python -m jitcell warm`, as after an installation
  2. "Restart & Run All" with the cache warm (jitcell: every cell a hit; Numba: cache=True)

Each is repeated (fresh caches for the first runs); medians are reported, with the
ratios jitcell / Numba (below 1: jitcell is faster). The Out values of both notebooks must be equal. Results go to
results/kernel_notebook.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TEMPLATES = [
    ("f{k}", "def f{k}(n: int) -> int:\n    s = 0\n    for i in range(n):\n        s += (i * {k}) % 7\n    return s\n",
     "f{k}(200000)"),
    ("g{k}",
     "def g{k}(n: int) -> float:\n    x = 0.0\n    for i in range(1, n):\n        x += math.sqrt(i) / (i + {k})\n"
     "    return x\n", "g{k}(100000)"),
    ("h{k}", "def h{k}(n: int) -> int:\n    best = 0\n    for i in range(1, n):\n        steps = 0\n        m = i\n"
     "        while m != 1 and steps < 500:\n            m = m // 2 if m % 2 == 0 else 3 * m + 1\n"
     "            steps += 1\n"
     "        best = max(best, steps + {k} % 3)\n    return best\n", "h{k}(3000)"),
]


def notebook(cells: int) -> tuple[list[str], list[str]]:
    """(jitcell cells, Numba cells): the same computations."""
    jit, numba = ["import math\n0"], ["import math\nfrom numba import njit\n0"]
    defined: list[str] = []
    for k in range(1, cells):
        name, body, call = (part.format(k=k) for part in TEMPLATES[k % len(TEMPLATES)])
        ints = [d for d in defined if d[0] in "fh"]
        if k % 5 == 0 and ints:  # a call to an (int) function of an earlier cell
            earlier = ints[-1]
            body = body.replace("    return", f"    extra = {earlier}(10)\n    return", 1)
            body = body.replace("return s\n", "return s + extra\n").replace("return x\n", "return x + extra\n") \
                .replace("return best\n", "return best + extra\n")
        defined.append(name)
        jit.append(body + call)
        numba.append("@njit(cache=True)\n" + body + call)
    return jit, numba


def run_all(kernel, cells: list[str]) -> tuple[float, list[str], list[str]]:
    """Seconds for running every cell in order, the Out values, the jitcell summaries."""
    outputs, summaries = [], []
    started = time.perf_counter()
    for cell in cells:
        reply = kernel.execute(cell, timeout=300)
        if reply.status != "ok":
            raise RuntimeError(f"cell failed: {cell[:60]!r}: {reply.error}")
        texts = [d.get("text/plain", "") for d in reply.displays]
        summaries += [t for t in texts if t.startswith("jitcell:")]
        outputs.append(next((t for t in reversed(texts) if not t.startswith("jitcell:")), ""))
    return time.perf_counter() - started, outputs, summaries


def _numba_index_files(cache: str) -> list[str]:
    """The index files of Numba's cache entries under `cache` (one per function compiled)."""
    return sorted(str(p) for p in Path(cache).rglob("*.nbi"))


def measure(system: str, cells: list[str], repeats: int) -> dict:
    from jitcell.kernel.session import KernelSession

    first, again, start = [], [], []
    outputs = hits = None
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="jitcell-nb-bench-") as cache:
            # Numba keeps the cache of notebook cells' functions in IPython's cache directory
            # (~/.cache/ipython/numba_cache), whatever NUMBA_CACHE_DIR says: XDG_CACHE_HOME moves it
            # into the empty directory too, or a "first run" would load an earlier run's machine code.
            env = {"JITCELL_CACHE_DIR": cache, "NUMBA_CACHE_DIR": cache, "XDG_CACHE_HOME": cache}
            if system == "jitcell":  # an installation's runtime library, built once (issue 16's terms)
                subprocess.run([sys.executable, "-m", "jitcell", "warm"], env={**os.environ, **env}, check=True,
                               capture_output=True)
            t0 = time.perf_counter()
            with KernelSession(env=env, kernel="jitcell" if system == "jitcell" else "python3") as kernel:
                start.append(time.perf_counter() - t0)
                numba_entries = _numba_index_files(cache)
                seconds, outputs, summaries = run_all(kernel, cells)
                first.append(seconds)
                if system == "jitcell" and not all("cache miss" in s for s in summaries):
                    raise RuntimeError("a first run found a cache entry")
                if system == "numba" and (numba_entries or len(_numba_index_files(cache)) != len(cells) - 1):
                    raise RuntimeError(f"Numba's first run did not compile every function into the empty cache: "
                                       f"{numba_entries} index files before, {_numba_index_files(cache)} after")
                kernel.restart()
                seconds, again_outputs, summaries = run_all(kernel, cells)
                again.append(seconds)
                if again_outputs != outputs:
                    raise RuntimeError(f"{system}: Restart & Run All gave other outputs")
                if system == "jitcell":
                    hits = sum("cache hit" in s for s in summaries)
    return {"first_run_s": first, "restart_run_all_s": again, "kernel_start_s": start,
            "first_run_median_s": statistics.median(first), "restart_run_all_median_s": statistics.median(again),
            "outputs": outputs, "cache_hits_after_restart": hits}


def render(results: dict) -> str:
    j, n = results["jitcell"], results["numba"]
    rows = [("first run, empty cache", j["first_run_median_s"], n["first_run_median_s"]),
            ("Restart & Run All, warm cache", j["restart_run_all_median_s"], n["restart_run_all_median_s"])]
    out = ["# A 30-cell notebook: jitcell kernel vs Numba cache=True", "",
           f"{results['machine']} · {results['date']} · `python benchmarks/kernel_notebook.py"
           f"{' --quick' if results['quick'] else ''}` · {results['cells']} cells · "
           f"medians of {results['repeats']} runs", "",
           "Seconds from sending the first cell to the last reply (kernel start not included), driven through "
           "jupyter_client as Run All does. Before jitcell's first run, `python -m jitcell warm` builds the "
           "runtime library in the empty cache, as an installation does. The jitcell notebook runs in the "
           "`jitcell` kernel (every cell compiled); the Numba notebook in an IPython kernel, each function "
           "`@njit(cache=True)`, its cache (under IPython's cache directory) empty too.", "",
           "| run | jitcell | Numba | jitcell / Numba |", "|---|---:|---:|---:|"]
    out += [f"| {name} | {a:.2f} s | {b:.2f} s | {a / b:.2f}x |" for name, a, b in rows]
    out += ["",
            "jitcell first run / jitcell Restart & Run All: "
            f"{j['first_run_median_s'] / j['restart_run_all_median_s']:.1f}x; "
            f"after the restart {j['cache_hits_after_restart']} of {results['cells']} cells were cache hits.",
            f"Kernel start (median): jitcell {statistics.median(j['kernel_start_s']):.2f} s, "
            f"IPython {statistics.median(n['kernel_start_s']):.2f} s.",
            f"Outputs equal in both notebooks: {results['same_outputs']}.", ""]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 cells, one run each: a smoke test")
    parser.add_argument("--output", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    cells, repeats = (6, 1) if args.quick else (30, 3)
    jit_cells, numba_cells = notebook(cells)
    results = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
                          f"{platform.python_version()}", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "quick": args.quick, "cells": cells, "repeats": repeats}
    for system, source in (("jitcell", jit_cells), ("numba", numba_cells)):
        print(f".. {system}", flush=True)
        results[system] = measure(system, source, repeats)
    results["same_outputs"] = results["jitcell"]["outputs"] == results["numba"]["outputs"]
    args.output.mkdir(parents=True, exist_ok=True)
    name = "kernel_notebook_quick" if args.quick else "kernel_notebook"
    (args.output / f"{name}.json").write_text(json.dumps(results, indent=1) + "\n")
    (args.output / f"{name}.md").write_text(render(results))
    print(render(results))
    return 0 if results["same_outputs"] else 1


if __name__ == "__main__":
    sys.exit(main())
