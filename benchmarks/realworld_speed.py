"""Run time of the public programs of tests/realworld/ that jitcell compiles: jitcell, Numba, CPython.

    python benchmarks/realworld_speed.py            # writes results/realworld_speed.{json,md}
    python benchmarks/realworld_speed.py --quick    # fewer samples; writes results/realworld_speed-quick.*

Each program is the file of tests/realworld/, unchanged (annotations added, as the tests keep it):
jitcell compiles it as one cell; Numba runs the same functions, each wrapped in `njit` (which ignores
the annotations) before the first call, so they call each other compiled; CPython runs the file.
WORKLOADS gives each program a call larger than its test directives. Every system must compute
CPython's result (equal, or for floats within 1e-12 relative); a system that cannot run a program,
or computes another result, shows why and is left out of the geometric mean. Times are minima over interleaved
samples (side_by_side.py). The goal (issue 16, goal 2): the geometric mean of jitcell / Numba at
most 1.05, no program above 1.25.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
import types
import warnings
from pathlib import Path

from side_by_side import interleaved_samples

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE.parent / "tests" / "realworld"
SHUFFLED = [(i * 7919) % 10007 for i in range(10_000)]

# program -> the expression each system times, evaluated in the program's namespace (with SHUFFLED).
WORKLOADS = {
    "algo_bailey_borwein_plouffe": "bailey_borwein_plouffe(400)",
    "algo_euler_001": "solution(1_000_000)",
    "algo_euler_002": "solution(10**15)",
    "algo_euler_006": "solution(30_000)",
    "algo_euler_007": "solution(3000)",
    "algo_eulers_totient": "totient(100_000)[-1]",
    "algo_integer_square_root": "sum([integer_square_root(k) for k in range(1, 20_000)])",
    "algo_longest_common_subsequence": "longest_common_subsequence('abc' * 60, 'cab' * 60)",
    "algo_newton_square_root": "sum([square_root_iterative(k + 0.5) for k in range(1000)])",
    "algo_shell_sort": "shell_sort(list(SHUFFLED))[::1000]",
    "algo_sieve_of_eratosthenes": "len(prime_sieve(1_000_000))",
    "algo_simpson_integration": "simpson_integration(f, 0.0, 1.0, 100_000)",
    "pyperf_fannkuch": "fannkuch(9)",
    "pyperf_float": "repr(benchmark(100_000))",  # pyperformance's POINTS
    "pyperf_nqueens": "bench_n_queens(8)",
    "pyperf_spectral_norm": "eval_AtA_times_u(eval_AtA_times_u([1.0] * 130))",  # one of pyperf's 10 rounds (DEFAULT_N)
}


def _module(path: Path) -> dict:
    module = types.ModuleType(f"realworld_{path.stem}")
    sys.modules[module.__name__] = module
    exec(compile(path.read_text(), str(path), "exec"), module.__dict__)
    return module.__dict__


def python_namespace(path: Path) -> dict:
    return {**_module(path), "SHUFFLED": SHUFFLED}


def numba_namespace(path: Path) -> dict:
    """The program's module with each of its functions replaced by njit of it (compiled on first call)."""
    from numba import njit

    namespace = _module(path)
    for name, value in list(namespace.items()):
        if isinstance(value, types.FunctionType) and value.__module__ == namespace["__name__"]:
            namespace[name] = njit(value)
    return {**namespace, "SHUFFLED": SHUFFLED}


def jitcell_namespace(path: Path) -> dict | str:
    import jitcell
    from jitcell.errors import CompileError

    try:
        library = jitcell.compile_cell(path.read_text())
    except CompileError as error:
        return f"does not compile: {error.line}:{error.col}: {error.message}"
    return {"math": math, **library.classes, **library.functions, "SHUFFLED": SHUFFLED}


def _same(got, expected) -> bool:
    if isinstance(expected, float) and isinstance(got, float):
        return got == expected or abs(got - expected) <= 1e-12 * abs(expected)
    return got == expected


def run_program(stem: str, expression: str, quick: bool) -> dict:
    path = PROGRAMS / f"{stem}.py"
    samples, sample_seconds = (3, 0.05) if quick else (7, 0.2)
    namespaces = {"jitcell": jitcell_namespace(path), "Numba": numba_namespace(path),
                  "CPython": python_namespace(path)}
    expected = eval(expression, namespaces["CPython"])  # noqa: S307 - our own workload expressions
    rows: dict[str, dict] = {}
    calls = {}
    for system, namespace in namespaces.items():
        if isinstance(namespace, str):
            rows[system] = {"error": namespace}
            continue
        call = eval(f"lambda: {expression}", namespace)  # noqa: S307 - our own workload expressions
        try:
            got = call()  # compiles, for Numba
        except Exception as error:  # noqa: BLE001 - a system that cannot run it gets a row saying why
            rows[system] = {"error": f"{type(error).__name__}: {str(error).strip().splitlines()[0][:160]}"}
            continue
        if not _same(got, expected):  # e.g. Numba's ints wrap around where CPython's grow
            rows[system] = {"error": f"computed {str(got)[:60]}, not CPython's {str(expected)[:60]}"}
            continue
        calls[system] = call
    measured = interleaved_samples(calls, samples, sample_seconds)
    return {"program": stem, "workload": expression,
            "systems": {system: rows.get(system) or measured[system] for system in namespaces}}


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def table(results: list[dict]) -> tuple[list[str], list[float]]:
    lines = ["| program | workload | jitcell (ms) | Numba (ms) | CPython (ms) | jitcell / Numba | jitcell / CPython |",
             "|---|---|---:|---:|---:|---:|---:|"]
    ratios = []
    for result in results:
        systems = result["systems"]
        shown = {system: f"{row['seconds'] * 1e3:.3g}" if "seconds" in row else row["error"]
                 for system, row in systems.items()}
        jit, numba, python = (systems[s].get("seconds") for s in ("jitcell", "Numba", "CPython"))
        to_numba = f"{jit / numba:.2f}x" if jit and numba else ""
        if jit and numba:
            ratios.append(jit / numba)
        lines.append(f"| {result['program']} | `{result['workload']}` | {shown['jitcell']} | {shown['Numba']} | "
                     f"{shown['CPython']} | {to_numba} | {f'{jit / python:.3g}x' if jit and python else ''} |")
    return lines, ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter samples")
    parser.add_argument("--output", type=Path, default=HERE / "results", help="where to write the results")
    parser.add_argument("programs", nargs="*", help="only these programs (file stems)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # Numba's reflected-list deprecation warnings are known
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    results = []
    with tempfile.TemporaryDirectory() as cache:
        os.environ["JITCELL_CACHE_DIR"] = cache  # the user's cache is left alone
        for stem, expression in WORKLOADS.items():
            if args.programs and stem not in args.programs:
                continue
            results.append(run_program(stem, expression, args.quick))
            print(f"{stem}: done", file=sys.stderr)
    lines, ratios = table(results)
    import numba

    import jitcell

    info = {"date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0], "jitcell": jitcell.__version__, "numba": numba.__version__,
            "load_average_start": load_start, "load_average_end": os.getloadavg()[0],
            "seconds": time.perf_counter() - started, "geometric_mean_jitcell_over_numba": geometric_mean(ratios),
            "programs_compared": len(ratios)}
    stem = "realworld_speed-quick" if args.quick else "realworld_speed"
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / f"{stem}.json").write_text(json.dumps({"machine": info, "results": results}, indent=1) + "\n")
    worst = max(ratios, default=float("nan"))
    text = [f"# The real programs of tests/realworld/: jitcell, Numba, CPython{' (quick run)' if args.quick else ''}",
            "", f"`python benchmarks/realworld_speed.py{' --quick' if args.quick else ''}` on {info['date']}: "
            f"{info['cpu_count']} cores, CPython {info['python']}, jitcell {info['jitcell']}, Numba {info['numba']}; "
            f"load average {load_start:.2f} at the start, {info['load_average_end']:.2f} at the end; "
            f"{info['seconds']:.0f} s.", "",
            f"Geometric mean of jitcell / Numba over the {len(ratios)} programs both run: "
            f"**{info['geometric_mean_jitcell_over_numba']:.2f}x** (worst {worst:.2f}x). Goal (issue 16, goal 2): "
            "at most 1.05x, none above 1.25x. Minimum time per call over interleaved samples; every system "
            "computed CPython's result.", "", *lines]
    (args.output / f"{stem}.md").write_text("\n".join(text) + "\n")
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
