"""List-heavy kernels: jitcell against Numba (reflected and typed lists) and CPython, side by side.

    python benchmarks/lists.py            # writes results/lists.{json,md}
    python benchmarks/lists.py --quick    # smaller sizes, fewer samples; writes results/lists-quick.{json,md}

Five kernels, each one cell that is jitcell's source, Numba's (`njit` of the same functions, which
ignores the annotations) and CPython's: a sieve over a list of bools, fannkuch's permutation
flipping with list slices, sorting a list of (int, float) tuples, a comprehension building a list of
10^6 floats, and a 10^5-element list passed in, changed in place and returned (the boundary: Numba
with a reflected list, which it converts in and back on every call, and with a `numba.typed.List`).

jitcell cannot compile lists yet: then its row says "does not compile yet" with the first error, and
the same script measures it once lists land. Every system must compute CPython's result (the run
fails otherwise). Each time is the minimum over samples of repeated calls (each sample at least
50 ms, 20 ms with --quick), after one unmeasured call that compiles; the systems take their samples
in turn (side_by_side.py), as the machine is shared and its load comes in bursts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from side_by_side import interleaved_samples

HERE = Path(__file__).resolve().parent

SIEVE = '''\
def sieve(n: int) -> int:
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count
'''

FANNKUCH = '''\
def fannkuch(n: int) -> int:
    count = list(range(1, n + 1))
    max_flips = 0
    m = n - 1
    r = n
    perm1 = list(range(n))
    perm = list(range(n))
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0 and perm1[m] != m:
            perm = perm1[:]
            flips_count = 0
            k = perm[0]
            while k:
                perm[:k + 1] = perm[k::-1]
                flips_count += 1
                k = perm[0]
            if flips_count > max_flips:
                max_flips = flips_count
        while r != n:
            perm1.insert(r, perm1.pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        else:
            return max_flips
    return max_flips
'''

SORT_PAIRS = '''\
def sort_pairs(n: int) -> int:
    pairs = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        pairs.append((x % 1000, x / 2147483648.0))
    pairs.sort()
    check = 0
    for i in range(0, n, 97):
        check += pairs[i][0] * (i % 13)
    return check
'''

COMPREHENSION = '''\
import math


def comprehension(n: int) -> float:
    xs = [math.sqrt(i) * 0.5 for i in range(n)]
    total = 0.0
    for x in xs:
        total += x
    return total
'''

BOUNDARY = '''\
def bump(xs: list[float]) -> list[float]:
    for i in range(len(xs)):
        xs[i] += 1.0
    return xs
'''


@dataclass(frozen=True)
class Kernel:
    name: str
    label: str
    source: str
    function: str
    n: int
    quick_n: int
    takes_list: bool = False  # the argument is a list of n floats (the boundary kernel), not n


KERNELS = [
    Kernel("sieve", "sieve over a list of bools", SIEVE, "sieve", 2_000_000, 200_000),
    Kernel("fannkuch", "fannkuch: flipping with list slices", FANNKUCH, "fannkuch", 9, 7),
    Kernel("sort_pairs", "sorting a list of (int, float) tuples", SORT_PAIRS, "sort_pairs", 100_000, 10_000),
    Kernel("comprehension", "a list comprehension of floats", COMPREHENSION, "comprehension", 1_000_000, 100_000),
    Kernel("boundary", "a list of floats passed in and out", BOUNDARY, "bump", 100_000, 10_000, takes_list=True),
]


def python_function(kernel: Kernel) -> Callable:
    namespace: dict = {}
    exec(compile(kernel.source, f"<{kernel.name}>", "exec"), namespace)
    return namespace[kernel.function]


def jitcell_function(kernel: Kernel) -> Callable | str:
    """The compiled function, or why it does not compile: its first error."""
    import jitcell
    from jitcell.errors import CompileError

    try:
        library = jitcell.compile_cell(kernel.source)
    except CompileError as error:
        return f"does not compile yet: {error.line}:{error.col}: {error.message}"
    return library.functions[kernel.function]


def numba_function(kernel: Kernel) -> Callable:
    from numba import njit

    return njit(python_function(kernel))


def run_kernel(kernel: Kernel, quick: bool) -> dict:
    from numba.typed import List

    n = kernel.quick_n if quick else kernel.n
    samples, sample_seconds = (2, 0.02) if quick else (9, 0.05)
    data = [float(i) for i in range(n)]

    def argument(system: str):
        if not kernel.takes_list:
            return n
        return List(data) if system == "Numba (typed List)" else list(data)

    def checked(value):  # a typed List compares as a list
        return list(value) if kernel.takes_list else value

    expected = checked(python_function(kernel)(argument("CPython")))
    systems: dict[str, Callable | str] = {"jitcell": jitcell_function(kernel)}
    systems["Numba (reflected list)" if kernel.takes_list else "Numba"] = numba_function(kernel)
    if kernel.takes_list:
        systems["Numba (typed List)"] = numba_function(kernel)
    systems["CPython"] = python_function(kernel)
    rows: dict[str, dict] = {}
    calls = {}
    for system, function in systems.items():
        if isinstance(function, str):
            rows[system] = {"error": function}
            continue
        got = checked(function(argument(system)))
        if got != expected:
            raise SystemExit(f"{kernel.name}: {system} computed {str(got)[:80]}, CPython {str(expected)[:80]}")
        arg = argument(system)  # one list for all the calls of a sample: each call adds 1.0 in place
        calls[system] = lambda function=function, arg=arg: function(arg)
    measured = interleaved_samples(calls, samples, sample_seconds)
    rows = {system: rows.get(system) or measured[system] for system in systems}
    return {"kernel": kernel.name, "label": kernel.label, "n": n, "systems": rows}


def machine() -> dict:
    import llvmlite
    import numba
    import numpy

    import jitcell

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    return {"date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "cpu_count": os.cpu_count(),
            "platform": platform.platform(), "python": platform.python_version(),
            "jitcell": jitcell.__version__, "llvmlite": llvmlite.__version__, "numba": numba.__version__,
            "numpy": numpy.__version__, "load_average_start": load}


def table(results: list[dict]) -> list[str]:
    lines = ["| kernel | n | system | time per call (ms) | / Numba | / CPython |", "|---|---:|---|---:|---:|---:|"]
    for result in results:
        systems = result["systems"]
        numba = next(r["seconds"] for s, r in systems.items() if s.startswith("Numba") and "seconds" in r)
        python = systems["CPython"]["seconds"]
        for system, row in systems.items():
            if "error" in row:
                lines.append(f"| {result['label']} | {result['n']:,} | {system} | {row['error']} | | |")
                continue
            seconds = row["seconds"]
            lines.append(f"| {result['label']} | {result['n']:,} | {system} | {seconds * 1e3:.3g} | "
                         f"{seconds / numba:.2f}x | {seconds / python:.3g}x |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer samples")
    parser.add_argument("--output", type=Path, default=HERE / "results", help="where to write lists.{json,md}")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # Numba's deprecation warning for reflected lists is known
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["JITCELL_CACHE_DIR"] = cache  # the user's cache is left alone
        info = machine()
        results = []
        for kernel in KERNELS:
            results.append(run_kernel(kernel, args.quick))
            print(f"{kernel.name}: done", file=sys.stderr)
    info["seconds"] = time.perf_counter() - started
    info["load_average_end"] = os.getloadavg()[0]
    stem = "lists-quick" if args.quick else "lists"
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / f"{stem}.json").write_text(json.dumps({"machine": info, "results": results}, indent=1) + "\n")
    text = [f"# List-heavy kernels{' (quick run)' if args.quick else ''}", "",
            f"`python benchmarks/lists.py{' --quick' if args.quick else ''}` on {info['date']}: "
            f"{info['platform']}, {info['cpu_count']} cores, CPython {info['python']}, jitcell {info['jitcell']}, "
            f"Numba {info['numba']}, llvmlite {info['llvmlite']}; load average {info['load_average_start']:.2f} at "
            f"the start, {info['load_average_end']:.2f} at the end; {info['seconds']:.0f} s.", "",
            "Minimum time per call over the samples; every system computed CPython's result. "
            "The goal (issue 12): jitcell within 1.10x of Numba on each kernel, and never slower than CPython "
            "on the boundary kernel. See benchmarks/README.md.", "", *table(results)]
    (args.output / f"{stem}.md").write_text("\n".join(text) + "\n")
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
