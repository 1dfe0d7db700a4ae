"""In-process measurements, one task per process: `python worker.py TASK [--quick]`.

    info            versions of everything measured, the CPU, the C compiler
    compile-jitcell compile_cell(SMALL_CELL, cache=False) again and again in one process
    compile-numba   njit of a new function object, first call, again and again
    compile-cython  %%cython of a new cell (a cache miss: a full build) again and again
    runtime         the kernels of kernels.py: jitcell, jitcell --wraparound, Numba, gcc, CPython
    calls           the cost of calling add1(41) from Python

run.py starts each task in a fresh process with private cache directories and reads
the last line of its output: `@@BENCH <json>`. Nothing here checks a time against a
threshold; results are compared for equality (every system must compute the same).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kernels import C_SOURCE, CALL_ARG, CYTHON_CELL, KERNELS, RUNTIME_SOURCE, SMALL_ARG, SMALL_CELL, SMALL_RESULT  # noqa: E402 - found through the sys.path entry above

perf = time.perf_counter

C_BUILDS = {  # system name -> gcc flags
    "gcc -O3": ["-O3"],
    "gcc -O3 -march=native": ["-O3", "-march=native"],
}


def workdir() -> Path:
    path = os.environ.get("BENCH_TMP")
    return Path(path) if path else Path(tempfile.mkdtemp(prefix="jitcell-bench-"))


def summary(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "samples": samples}


# ---- info ----------------------------------------------------------------------------


def _first_line(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.splitlines()[0].strip()
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def _cpuinfo() -> dict:
    found = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                if key in ("model name", "cpu MHz", "cache size") and key not in found:
                    found[key] = value.strip()
    except OSError:
        pass
    return found


def task_info(args) -> dict:
    import Cython
    import IPython
    import llvmlite
    import llvmlite.binding as llvm
    import numba
    import numpy

    import jitcell
    from jitcell.compiler.backend import machine

    toolchain = machine.toolchain()
    root = Path(__file__).resolve().parent.parent
    exported = os.environ.get("BENCH_JITCELL_COMMIT")
    if exported:  # run.py --jitcell-ref: a clean export of that commit
        source = f"{exported[:12]}, exported with --jitcell-ref"
    else:
        commit = _first_line(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"])
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "jitcell", "magics", "kernel"],
                               capture_output=True, text=True).stdout.strip()
        source = f"{commit}{' + uncommitted changes' if dirty else ''}, working tree"
    cpu = _cpuinfo()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "cpu": cpu.get("model name", platform.processor() or platform.machine()),
        "cpu_mhz": cpu.get("cpu MHz"),
        "llvm_cpu": toolchain["cpu"],
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "jitcell": f"{jitcell.__version__} ({source})",
        "jitcell_path": str(Path(jitcell.__file__).parent),
        "llvmlite": llvmlite.__version__,
        "llvm": ".".join(map(str, llvm.llvm_version_info)),
        "numba": numba.__version__,
        "cython": Cython.__version__,
        "ipython": IPython.__version__,
        "numpy": numpy.__version__,
        "gcc": _first_line(["gcc", "--version"]),
        "ld": _first_line(["ld", "--version"]),
    }


# ---- compile ---------------------------------------------------------------------------


def task_compile_jitcell(args) -> dict:
    t0 = perf()
    from jitcell.pipeline import compile_cell

    t1 = perf()
    library = compile_cell(SMALL_CELL, cache=False)  # imports the compiler and llvmlite
    t2 = perf()
    first = {"import_ms": (t1 - t0) * 1e3, "first_compile_ms": (t2 - t1) * 1e3}
    walls, compiles, stages = [], [], {}
    for _ in range(args.reps):
        started = perf()
        library = compile_cell(SMALL_CELL, cache=False)
        walls.append((perf() - started) * 1e3)
        compiles.append(library.compile_seconds * 1e3)
        for stage, seconds in library.timings.items():
            stages.setdefault(stage, []).append(seconds * 1e3)
        assert not library.cache_hit
        assert library.functions["total"](SMALL_ARG) == SMALL_RESULT
    return {"first_in_process": first, "wall_ms": summary(walls), "compile_ms": summary(compiles),
            "stages_ms": {k: statistics.median(v) for k, v in stages.items()}}


def task_compile_numba(args) -> dict:
    t0 = perf()
    from numba import njit

    t1 = perf()

    def fresh():
        namespace: dict = {}
        exec(SMALL_CELL, namespace)  # a new function object: njit compiles it anew
        return njit(namespace["total"])

    function = fresh()
    t2 = perf()
    assert function(SMALL_ARG) == SMALL_RESULT
    t3 = perf()
    first = {"import_ms": (t1 - t0) * 1e3, "first_compile_ms": (t3 - t2) * 1e3}
    walls = []
    for _ in range(args.reps):
        function = fresh()
        started = perf()
        result = function(SMALL_ARG)  # compiles for (int64,), then runs
        walls.append((perf() - started) * 1e3)
        assert result == SMALL_RESULT
    return {"first_in_process": first, "wall_ms": summary(walls)}


def task_compile_cython(args) -> dict:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("%load_ext cython").raise_error()
    counter = iter(range(10**6))

    def build() -> float:
        # a new comment makes a new cache key: the magic runs Cython and the C compiler
        cell = f"%%cython\n{CYTHON_CELL}# build {next(counter)} of process {os.getpid()}\n"
        started = perf()
        shell.run_cell(cell).raise_error()
        elapsed = (perf() - started) * 1e3
        shell.run_cell(f"result = total({SMALL_ARG})").raise_error()
        assert shell.user_ns["result"] == SMALL_RESULT
        return elapsed

    first = {"first_compile_ms": build()}
    walls = [build() for _ in range(args.cython_reps)]
    return {"first_in_process": first, "wall_ms": summary(walls)}


# ---- run time --------------------------------------------------------------------------


def build_c(work: Path) -> dict:
    """Build kernels.c once per flag set; returns system -> (library, command)."""
    built = {}
    for system, flags in C_BUILDS.items():
        out = work / f"kernels{'-native' if '-march=native' in flags else ''}.so"
        command = ["gcc", *flags, "-ffp-contract=off", "-fPIC", "-shared", str(C_SOURCE), "-o", str(out)]
        subprocess.run(command, check=True)
        built[system] = (ctypes.CDLL(str(out)), " ".join(command[:-3] + [C_SOURCE.name, "-o", out.name]))
    return built


def c_function(library, name: str, returns: str, inputs: str = "n"):
    function = getattr(library, name)
    function.restype = ctypes.c_int64 if returns == "int" else ctypes.c_double
    function.argtypes = {"n": [ctypes.c_int64], "vector": [ctypes.c_void_p, ctypes.c_int64],
                         "grid": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_int64],
                         "ints": [ctypes.c_void_p, ctypes.c_int64],
                         "bodies": [ctypes.c_void_p] * 3 + [ctypes.c_int64] * 2}[inputs]
    return function


def kernel_inputs(kernel, n: int):
    """What a call of `kernel` at size n takes: n itself, or NumPy arrays (the same for every
    system) and, for C, their data pointers and sizes. Arrays: uniform random floats, seeded."""
    if kernel.inputs == "n":
        return n, n
    import numpy as np

    rng = np.random.default_rng(n)
    if kernel.inputs == "vector":
        a = rng.random(n)
        return (a,), (a.ctypes.data, n)
    if kernel.inputs == "ints":
        keys = rng.integers(0, 1 << 16, n, dtype=np.int64)
        return (keys,), (keys.ctypes.data, n)
    if kernel.inputs == "bodies":
        from kernels import NBODY_STEPS

        pos, vel, mass = rng.random((n, 3)), rng.random((n, 3)) - 0.5, rng.random(n) + 0.5
        return (pos, vel, mass, NBODY_STEPS), (pos.ctypes.data, vel.ctypes.data, mass.ctypes.data, n, NBODY_STEPS)
    a, out = rng.random((n, n)), np.zeros((n, n))
    return (a, out), (a.ctypes.data, out.ctypes.data, n, n)


def spread(function, kernel):
    """A callable of one argument: f(n), or f(*arrays) for an array kernel."""
    return function if kernel.inputs == "n" else (lambda args: function(*args))


def time_call(function, arg, repeats: int, min_sample: float) -> dict:
    """Seconds per call: min over `repeats` samples of `loops` calls, each sample >= min_sample."""
    function(arg)
    loops = 1
    while True:
        started = perf()
        for _ in range(loops):
            function(arg)
        elapsed = perf() - started
        if elapsed >= min_sample:
            break
        loops = max(loops * 2, int(loops * min_sample * 1.2 / max(elapsed, 1e-9)))
    samples = [elapsed / loops]
    for _ in range(repeats - 1):
        started = perf()
        for _ in range(loops):
            function(arg)
        samples.append((perf() - started) / loops)
    return {"seconds": min(samples), "median_seconds": statistics.median(samples), "loops": loops,
            "repeats": repeats}


def same(a, b) -> str:
    if a == b:
        return "exact"
    if isinstance(a, float) and isinstance(b, float) and abs(a - b) <= 1e-12 * max(abs(a), abs(b)):
        return "close"
    return "MISMATCH"


def task_runtime(args) -> dict:
    from numba import njit

    import jitcell

    work = workdir()
    checked = jitcell.compile_cell(RUNTIME_SOURCE, cache=False).functions
    wrapping = jitcell.compile_cell(RUNTIME_SOURCE, wraparound=True, cache=False).functions
    # what the interrupt checks on loop back-edges cost (interrupts.py), and bounds checks
    no_interrupt = jitcell.compile_cell(RUNTIME_SOURCE, interrupt_checks=False, cache=False).functions
    unchecked = jitcell.compile_cell(RUNTIME_SOURCE, boundscheck=False, cache=False).functions
    python: dict = {}
    exec(RUNTIME_SOURCE, python)
    c_libraries = build_c(work)
    results = {"systems": ["jitcell", "jitcell --wraparound", "jitcell --no-interrupt", "jitcell --boundscheck off",
                           "numba", *C_BUILDS, "cpython"],
               "c_commands": {s: cmd for s, (_, cmd) in c_libraries.items()}, "kernels": {}}
    for kernel in KERNELS:
        if args.only and kernel.name not in args.only:
            continue
        n = kernel.n
        functions = {
            "jitcell": spread(checked[kernel.name], kernel),
            "jitcell --wraparound": spread(wrapping[kernel.name], kernel),
            "jitcell --no-interrupt": spread(no_interrupt[kernel.name], kernel),
            "jitcell --boundscheck off": spread(unchecked[kernel.name], kernel),
            "numba": spread(njit(python[kernel.name]), kernel),
            **{s: spread(c_function(lib, kernel.name, kernel.returns, kernel.inputs), kernel)
               for s, (lib, _) in c_libraries.items()},
        }
        inputs, c_inputs = kernel_inputs(kernel, n)
        fewer, c_fewer = kernel_inputs(kernel, n // 8)
        reference = functions["jitcell"](inputs)
        rows = {}
        for system, function in functions.items():
            arg, small_arg = (c_inputs, c_fewer) if system in c_libraries else (inputs, fewer)
            value = function(arg)  # also compiles Numba's version before the clock starts
            timing = time_call(function, arg, args.repeats, args.min_sample)
            # the same at n / 8: a time that does not grow with n means the loop is gone
            # (LLVM replaced it by a closed formula) and what was measured is the call
            smaller = time_call(function, small_arg, max(2, args.repeats // 2), args.min_sample / 2)
            growth = timing["seconds"] / smaller["seconds"]
            rows[system] = {"ms": timing["seconds"] * 1e3, "median_ms": timing["median_seconds"] * 1e3,
                            "loops": timing["loops"], "result": value, "check": same(value, reference),
                            "growth_n_over_n8": growth, "expected_growth": kernel.work(n) / kernel.work(n // 8),
                            "loop_eliminated": growth < 2.0}
        # CPython: a smaller n, checked against jitcell at that n, time scaled to the common n
        small = kernel.n_python
        small_inputs, _ = kernel_inputs(kernel, small)
        value = spread(python[kernel.name], kernel)(small_inputs)
        value = value.item() if hasattr(value, "item") else value  # a NumPy scalar from a[i]
        timing = time_call(spread(python[kernel.name], kernel), small_inputs, max(2, args.repeats // 2),
                           args.min_sample)
        scale = kernel.work(n) / kernel.work(small)
        rows["cpython"] = {"ms": timing["seconds"] * 1e3 * scale,
                           "median_ms": timing["median_seconds"] * 1e3 * scale, "loops": timing["loops"],
                           "n": small, "scale": scale, "result": value,
                           "check": same(value, functions["jitcell"](small_inputs))}
        results["kernels"][kernel.name] = {"title": kernel.title, "n": n, "n_python": small,
                                           "uses_ints": kernel.uses_ints, "note": kernel.note, "goal": kernel.goal,
                                           "inputs": kernel.inputs,
                                           "reference": reference, "rows": rows}
    return results


# ---- call overhead ---------------------------------------------------------------------


def task_calls(args) -> dict:
    import timeit

    from numba import njit

    import jitcell

    work = workdir()
    jit = jitcell.compile_cell(RUNTIME_SOURCE, cache=False).functions["add1"]
    python: dict = {}
    exec(RUNTIME_SOURCE, python)
    c_lib, _ = build_c(work)["gcc -O3"]
    functions = {
        "jitcell": jit,
        "numba": njit(python["add1"]),
        "python function": python["add1"],
        "ctypes (C function)": c_function(c_lib, "add1", "int"),
    }
    rows = {}
    for name, function in functions.items():
        assert function(CALL_ARG) == CALL_ARG + 1
        timer = timeit.Timer("f(a)", globals={"f": function, "a": CALL_ARG})
        loops, _ = timer.autorange()
        loops = max(loops, int(loops * args.min_sample / 0.2))
        samples = [t / loops for t in timer.repeat(repeat=args.repeats, number=loops)]
        rows[name] = {"ns": min(samples) * 1e9, "median_ns": statistics.median(samples) * 1e9, "loops": loops}
    return {"rows": rows}


TASKS = {
    "info": task_info,
    "compile-jitcell": task_compile_jitcell,
    "compile-numba": task_compile_numba,
    "compile-cython": task_compile_cython,
    "runtime": task_runtime,
    "calls": task_calls,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=TASKS)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reps", type=int, default=None)
    parser.add_argument("--only", nargs="*", default=None, help="runtime: these kernels only")
    args = parser.parse_args(argv)
    if args.reps is None:
        args.reps = 3 if args.quick else 10
    args.cython_reps = 1 if args.quick else 5
    args.repeats = 3 if args.quick else 7
    args.min_sample = 0.01 if args.quick else 0.05
    result = TASKS[args.task](args)
    print("@@BENCH", json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
