"""jitcell against Numba, Cython, gcc and CPython, measured side by side in one run.

    python benchmarks/run.py            # the full run (about 20 minutes); writes results/latest.{json,md}
    python benchmarks/run.py --quick    # fewer repetitions (about 5 minutes); writes results/quick.{json,md}
                                        # and flags ratios >15% worse than results/latest.json (regressions.py)

Five benchmarks (benchmarks/README.md explains each and how to read the ratios):
  1. restart to first result: a fresh process loads the system, runs an already
     cached cell and calls the function once (wall time measured from this process);
  2. cold compile of a small cell, in a warm process and in a fresh one;
  3. run time of loops (kernels.py): jitcell (also --wraparound, --no-interrupt, --boundscheck off), Numba,
     gcc, CPython;
  4. call overhead of a trivial function;
  5. the performance goals other scripts measure, each run as a child: calls of four shapes
     (calls.py), the real programs (realworld_speed.py), a notebook's first run (kernel_notebook.py),
     a trivial cell's compile (trivial_miss.py), a cache hit in a fresh process (cache_hit.py);
     `--no-goal-scripts` leaves them out.

Every child process gets its own temporary JITCELL_CACHE_DIR, NUMBA_CACHE_DIR,
IPYTHONDIR and XDG_CACHE_HOME (where %%cython builds), so no user cache is read or
written; warm caches are warmed explicitly by unmeasured runs first. Bytecode
caches are kept in a private PYTHONPYCACHEPREFIX, warmed the same way, because
a normal installation has them (this repository's environment may disable them).
This script imports the standard library only: the systems are imported by children.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from kernels import CYTHON_CELL, KERNELS, SMALL_ARG, SMALL_CELL, SMALL_RESULT  # noqa: E402 - found through the sys.path entry above
from regressions import compare  # noqa: E402 - found through the sys.path entry above

PYTHON = sys.executable
STARTUP = HERE / "startup"
MARKER = "@@BENCH"

# Fresh-process scenarios: name -> (label, command)
SCENARIOS = {
    "python": ("python -c pass", [PYTHON, "-c", "pass"]),
    "ipython": ("IPython shell creation", [PYTHON, str(STARTUP / "ipython_bare.py")]),
    "jitcell_api": ("jitcell (Python API)", [PYTHON, str(STARTUP / "jitcell_api.py")]),
    "jitcell_ipython": ("jitcell (%%jit in IPython)", [PYTHON, str(STARTUP / "jitcell_ipython.py")]),
    "numba": ("Numba @njit(cache=True)", [PYTHON, str(STARTUP / "numba_cached.py")]),
    "cython": ("Cython %%cython in IPython", [PYTHON, str(STARTUP / "cython_magic.py")]),
}
COLD = ["jitcell_api", "jitcell_ipython", "numba", "cython"]  # the same scripts with empty caches

SETTINGS = {
    # restart reps, warm-up runs, cold fresh-process reps, worker flags
    "full": {"reps": 9, "warmup": 2, "cold_reps": 7, "worker": []},
    "quick": {"reps": 3, "warmup": 1, "cold_reps": 1, "worker": ["--quick"]},
}

GOALS = {"restart_ratio": 10.0, "compile_ms": 50.0, "runtime_slowdown": 1.10}


class BenchError(RuntimeError):
    pass


# ---- processes --------------------------------------------------------------------------


class Sandbox:
    """Private directories for the children of one run."""

    def __init__(self, root: Path, jitcell_path: Path | None = None, jitcell_commit: str | None = None):
        self.root = root
        self.pycache = root / "pycache"
        base = dict(os.environ)
        if jitcell_path is not None:  # children import this jitcell, not the installed (editable) one
            base["PYTHONPATH"] = os.pathsep.join(filter(None, [str(jitcell_path), base.get("PYTHONPATH")]))
            base["BENCH_JITCELL_COMMIT"] = jitcell_commit or ""
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in ("JITCELL_CACHE_DIR", "NUMBA_CACHE_DIR", "IPYTHONDIR", "XDG_CACHE_HOME"):
            base.pop(name, None)
        base["PYTHONPYCACHEPREFIX"] = str(self.pycache)
        base["PYTHONUNBUFFERED"] = "1"
        self.base = base
        self.count = 0

    def env(self, name: str) -> dict:
        """The environment of a child whose caches live in <root>/<name>/ (created empty once)."""
        home = self.root / name
        env = dict(self.base)
        env.update({
            "JITCELL_CACHE_DIR": str(home / "jitcell"),
            "NUMBA_CACHE_DIR": str(home / "numba"),
            "IPYTHONDIR": str(home / "ipython"),
            "XDG_CACHE_HOME": str(home / "xdg-cache"),
            "BENCH_TMP": str(home / "tmp"),
        })
        for key in ("IPYTHONDIR", "XDG_CACHE_HOME", "BENCH_TMP"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
        return env

    def fresh_env(self, prefix: str) -> dict:
        self.count += 1
        return self.env(f"{prefix}-{self.count}")


def run_child(command: list[str], env: dict, timeout: float = 600) -> tuple[float, dict]:
    """Run a child; returns (wall seconds measured here, its @@BENCH report)."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=HERE)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed with exit status {done.returncode}:\n"
                         f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    report = {}
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            text = line[len(MARKER):].strip()
            try:
                report = json.loads(text)
            except ValueError:
                report = ast.literal_eval(text)  # the startup scripts print a repr (no json import)
    return wall, report


def worker(task: str, sandbox: Sandbox, flags: list[str]) -> dict:
    _, report = run_child([PYTHON, str(HERE / "worker.py"), task, *flags], sandbox.env(f"worker-{task}"))
    if not report:
        raise BenchError(f"worker {task} printed no {MARKER} line")
    return report


def summary(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "samples": samples}


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


# ---- 1. restart to first result -----------------------------------------------------------


def check_report(name: str, report: dict, expect_hit: bool | None) -> None:
    if "result" in report and report["result"] != SMALL_RESULT:
        raise BenchError(f"{name}: total({SMALL_ARG}) returned {report['result']!r}, not {SMALL_RESULT}")
    if expect_hit is not None and "cache_hit" in report and report["cache_hit"] != expect_hit:
        raise BenchError(f"{name}: expected a cache {'hit' if expect_hit else 'miss'}, report: {report}")


def bench_restart(sandbox: Sandbox, settings: dict) -> dict:
    envs = {name: sandbox.env(f"restart-{name}") for name in SCENARIOS}
    for name, (_, command) in SCENARIOS.items():  # unmeasured: fill the caches (and bytecode caches)
        for _ in range(settings["warmup"]):
            _, report = run_child(command, envs[name])
            check_report(name, report, None)
    walls: dict[str, list[float]] = {name: [] for name in SCENARIOS}
    inner: dict[str, list[dict]] = {name: [] for name in SCENARIOS}
    for rep in range(settings["reps"]):  # interleaved, so a slow moment hurts every system alike
        progress(f"restart round {rep + 1}/{settings['reps']}")
        for name, (_, command) in SCENARIOS.items():
            wall, report = run_child(command, envs[name])
            check_report(name, report, True)
            walls[name].append(wall * 1e3)
            inner[name].append(report)
    out = {}
    for name, (label, _) in SCENARIOS.items():
        row = {"label": label, "wall_ms": summary(walls[name])}
        keys = sorted({k for r in inner[name] for k, v in r.items() if isinstance(v, (int, float))
                       and not isinstance(v, bool) and k != "result"})
        row["inner_ms"] = {k: statistics.median(r[k] for r in inner[name] if r.get(k) is not None)
                           for k in keys if any(r.get(k) is not None for r in inner[name])}
        flags = {k: all(r.get(k) for r in inner[name]) for k in ("cache_hit", "llvmlite_imported")
                 if any(k in r for r in inner[name])}
        row.update(flags)
        out[name] = row
    return out


# ---- 2. cold compile ------------------------------------------------------------------------


def bench_cold_fresh(sandbox: Sandbox, settings: dict) -> dict:
    """The startup scripts with empty caches: the first compile in a fresh process."""
    walls: dict[str, list[float]] = {name: [] for name in COLD}
    inner: dict[str, list[dict]] = {name: [] for name in COLD}
    for rep in range(settings["cold_reps"]):
        progress(f"cold fresh-process round {rep + 1}/{settings['cold_reps']}")
        for name in COLD:
            wall, report = run_child(SCENARIOS[name][1], sandbox.fresh_env(f"cold-{name}"))
            check_report(name, report, False)
            walls[name].append(wall * 1e3)
            inner[name].append(report)
    out = {}
    for name in COLD:
        keys = sorted({k for r in inner[name] for k, v in r.items() if isinstance(v, (int, float))
                       and not isinstance(v, bool) and k != "result"})
        out[name] = {"label": SCENARIOS[name][0], "wall_ms": summary(walls[name]),
                     "inner_ms": {k: statistics.median(r[k] for r in inner[name]) for k in keys}}
        stages = [r["stages_ms"] for r in inner[name] if r.get("stages_ms")]
        if stages:
            out[name]["stages_ms"] = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
    return out


# ---- report ------------------------------------------------------------------------------


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    if value >= 0.01:
        return f"{value:.3f}"
    return f"{value:.5f}"


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:.0f}x"
    if value >= 10:
        return f"{value:.1f}x"
    return f"{value:.2f}x"


def table(headers: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) if a == "l" else str(c).rjust(w)
                                 for c, w, a in zip(cells, widths, align, strict=True)) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if a == "r" else ("-" * (w + 2))
                         for w, a in zip(widths, align, strict=True)) + "|"
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def derive(results: dict) -> dict:
    """Ratios and goals from the raw measurements."""
    restart, cold, compile_, runtime = (results[k] for k in ("restart", "cold_fresh", "compile", "runtime"))
    med = {k: v["wall_ms"]["median"] for k, v in restart.items()}
    mins = {k: v["wall_ms"]["min"] for k, v in restart.items()}
    d: dict = {}
    d["restart_ratio_numba_over_jitcell"] = med["numba"] / med["jitcell_api"]
    d["restart_ratio_numba_over_jitcell_min"] = mins["numba"] / mins["jitcell_api"]
    d["restart_ratio_above_python"] = (med["numba"] - med["python"]) / max(med["jitcell_api"] - med["python"], 1e-9)
    d["restart_ratio_cython_over_jitcell_ipython"] = med["cython"] / med["jitcell_ipython"]
    jit_after = restart["jitcell_ipython"]["inner_ms"].get("after_shell_ms")
    cy_after = restart["cython"]["inner_ms"].get("after_shell_ms")
    d["after_shell_ratio_cython_over_jitcell"] = cy_after / jit_after if jit_after and cy_after else None
    jit_compile = compile_["jitcell"]["compile_ms"]["median"]
    jit_compile_wall = compile_["jitcell"]["wall_ms"]["median"]
    d["compile_ratio_numba_over_jitcell"] = compile_["numba"]["wall_ms"]["median"] / jit_compile_wall
    d["compile_ratio_cython_over_jitcell"] = compile_["cython"]["wall_ms"]["median"] / jit_compile_wall
    d["cold_fresh_ratio_numba_over_jitcell"] = (cold["numba"]["wall_ms"]["median"]
                                                 / cold["jitcell_api"]["wall_ms"]["median"])
    d["cold_fresh_ratio_cython_over_jitcell_ipython"] = (cold["cython"]["wall_ms"]["median"]
                                                         / cold["jitcell_ipython"]["wall_ms"]["median"])
    slow, beats_python, checks = {}, {}, {}
    for name, k in runtime["kernels"].items():
        rows = k["rows"]
        checks[name] = {"interrupt checks": rows["jitcell"]["ms"] / rows["jitcell --no-interrupt"]["ms"],
                        "bounds checks": rows["jitcell"]["ms"] / rows["jitcell --boundscheck off"]["ms"]}
        if k.get("goal", "numba") == "numba":
            slow[name] = {"jitcell": rows["jitcell"]["ms"] / rows["numba"]["ms"],
                          "jitcell --wraparound": rows["jitcell --wraparound"]["ms"] / rows["numba"]["ms"]}
        elif k.get("goal") == "cpython":
            beats_python[name] = rows["cpython"]["ms"] / rows["jitcell"]["ms"]
    d["runtime_jitcell_over_numba"] = slow
    d["runtime_cpython_over_jitcell"] = beats_python
    d["check_cost_jitcell_over_unchecked"] = checks
    d["goals"] = [
        {"goal": "restart: jitcell (API) at least 10x faster than Numba (cached), medians",
         "target": f">= {GOALS['restart_ratio']:.0f}x", "measured": fmt_ratio(d["restart_ratio_numba_over_jitcell"]),
         "met": d["restart_ratio_numba_over_jitcell"] >= GOALS["restart_ratio"]},
        {"goal": "cold compile of a small cell in a warm process under 50 ms (compile_cell wall, median)",
         "target": f"< {GOALS['compile_ms']:.0f} ms", "measured": f"{fmt_ms(jit_compile_wall)} ms "
         f"(compile {fmt_ms(jit_compile)} ms)", "met": jit_compile_wall < GOALS["compile_ms"]},
    ]
    for name, ratios in slow.items():
        for variant, ratio in ratios.items():
            if variant == "jitcell --wraparound" and not runtime["kernels"][name]["uses_ints"]:
                continue
            rows = runtime["kernels"][name]["rows"]
            note, met = "", ratio <= GOALS["runtime_slowdown"]
            if rows["numba"].get("loop_eliminated"):
                if rows[variant].get("loop_eliminated"):
                    note, met = " (no loop left in either: this compares call overheads)", None
                else:
                    note = " (Numba's loop replaced by a formula, jitcell's kept)"
            d["goals"].append({"goal": f"run time within 10% of Numba: {runtime['kernels'][name]['title']}, {variant}",
                               "target": "<= 1.10x", "measured": fmt_ratio(ratio) + note, "met": met})
    for name, ratio in beats_python.items():
        d["goals"].append({"goal": f"faster than CPython: {runtime['kernels'][name]['title']} (CPython / jitcell)",
                           "target": "> 1x", "measured": fmt_ratio(ratio), "met": ratio > 1.0})
    looping = {name: c for name, c in checks.items()  # a loop replaced by a formula measures the call
               if not runtime["kernels"][name]["rows"]["jitcell"].get("loop_eliminated")}
    worst = max(looping.items(), key=lambda item: item[1]["interrupt checks"])
    d["goals"].append({"goal": f"interrupt checks cost little: worst kernel ({runtime['kernels'][worst[0]]['title']}), "
                               "jitcell / jitcell --no-interrupt",
                       "target": "<= 1.05x", "measured": fmt_ratio(worst[1]["interrupt checks"]),
                       "met": worst[1]["interrupt checks"] <= 1.05})
    if "goal_scripts" in results:
        d["goals"] += goal_figures(results["goal_scripts"])
    return d


def render(results: dict) -> str:
    m, restart, cold, compile_, runtime, calls, d = (results[k] for k in (
        "machine", "restart", "cold_fresh", "compile", "runtime", "calls", "derived"))
    out = [f"# jitcell benchmarks ({results['mode']} run)", ""]
    out.append(table(["machine", ""], [
        ["date", m["date"]], ["CPU", f"{m['cpu']} ({m['llvm_cpu']} for LLVM), {m['cores']} cores"],
        ["OS", m["os"]], ["Python", m["python"]], ["jitcell", m["jitcell"]],
        ["llvmlite / LLVM", f"{m['llvmlite']} / {m['llvm']}"], ["Numba", m["numba"]], ["Cython", m["cython"]],
        ["IPython", m["ipython"]], ["NumPy", m["numpy"]], ["C compiler", m["gcc"]], ["linker", m["ld"]],
        ["load average", f"{results['load'][0]:.2f} at start, {results['load'][1]:.2f} at end (1 min)"],
    ], "ll"))
    out.append("")
    out.append(f"Run: `python benchmarks/run.py{' --quick' if results['mode'] == 'quick' else ''}` "
               f"in {results['seconds']:.0f} s. Times in milliseconds; ratios are other / jitcell unless "
               "a column says otherwise. See benchmarks/README.md.")

    # 1
    out += ["", "## 1. Restart to first result (fresh process, warm caches)", ""]
    samples = len(restart['python']['wall_ms']['samples'])
    out.append(f"Wall time of a whole child process measured by the parent, {samples} "
               "interleaved runs each. The process loads the system, gets the cached function and calls it once.")
    out.append("")
    base = restart["python"]["wall_ms"]["median"]
    jit = restart["jitcell_api"]["wall_ms"]["median"]
    rows = []
    for name, row in restart.items():
        w = row["wall_ms"]
        inner = row["inner_ms"]
        if name == "jitcell_api":
            detail = (f"import {fmt_ms(inner.get('import_ms'))} + "
                      f"compile_cell (hit) {fmt_ms(inner.get('compile_cell_ms'))}"
                      f" + call {fmt_ms(inner.get('call_ms'))}; llvmlite imported: "
                      f"{'yes' if row.get('llvmlite_imported') else 'no'}")
        elif name == "numba":
            detail = (f"import {fmt_ms(inner.get('import_ms'))} + "
                      f"first call (cache load) {fmt_ms(inner.get('first_call_ms'))}")
        elif "after_shell_ms" in inner:
            detail = f"shell {fmt_ms(inner.get('shell_ms'))} + after shell {fmt_ms(inner.get('after_shell_ms'))}"
        elif "shell_ms" in inner:
            detail = f"shell {fmt_ms(inner.get('shell_ms'))}"
        else:
            detail = ""
        rows.append([row["label"], fmt_ms(w["median"]), fmt_ms(w["min"]),
                     fmt_ms(w["median"] - base) if name != "python" else "-",
                     fmt_ratio(w["median"] / jit), detail])
    out.append(table(["system", "median", "min", "minus python", "vs jitcell API", "inside the child (medians)"],
                     rows, "lrrrrl"))
    out.append("")
    out.append(f"Numba / jitcell (API): **{fmt_ratio(d['restart_ratio_numba_over_jitcell'])}** on medians, "
               f"{fmt_ratio(d['restart_ratio_numba_over_jitcell_min'])} on minimums, "
               f"{fmt_ratio(d['restart_ratio_above_python'])} once `python -c pass` is subtracted from both. "
               f"In IPython, Cython / jitcell: {fmt_ratio(d['restart_ratio_cython_over_jitcell_ipython'])} "
               f"(whole process), {fmt_ratio(d['after_shell_ratio_cython_over_jitcell'])} (after shell creation).")

    # 2
    out += ["", "## 2. Cold compile of a small cell", ""]
    out.append("The cell (a loop summing squares, 5 lines):")
    out += ["", "```python", SMALL_CELL.rstrip(), "```", ""]
    jc = compile_["jitcell"]
    jit_wall = jc["wall_ms"]["median"]
    rows = [
        ["jitcell `compile_cell(cache=False)`", "warm process", fmt_ms(jit_wall), fmt_ms(jc["wall_ms"]["min"]),
         "1.00x", "compile " + fmt_ms(jc["compile_ms"]["median"]) + ": " +
         ", ".join(f"{k} {fmt_ms(v)}" for k, v in jc["stages_ms"].items())],
        ["Numba first call of a new `@njit` function", "warm process", fmt_ms(compile_["numba"]["wall_ms"]["median"]),
         fmt_ms(compile_["numba"]["wall_ms"]["min"]), fmt_ratio(d["compile_ratio_numba_over_jitcell"]), ""],
        ["Cython `%%cython` (cache miss: full build)", "warm process", fmt_ms(compile_["cython"]["wall_ms"]["median"]),
         fmt_ms(compile_["cython"]["wall_ms"]["min"]), fmt_ratio(d["compile_ratio_cython_over_jitcell"]), ""],
    ]
    for name, label in (("jitcell", "jitcell"), ("numba", "Numba"), ("cython", "Cython")):
        first = compile_[name]["first_in_process"]
        rows.append([f"{label}, first compile after importing it", "worker process",
                     fmt_ms(first["first_compile_ms"]), "-", fmt_ratio(first["first_compile_ms"] / jit_wall),
                     f"import {fmt_ms(first['import_ms'])} before it" if "import_ms" in first else ""])
    cj = cold["jitcell_api"]["wall_ms"]["median"]
    for name, row in cold.items():
        inner = row["inner_ms"]
        if name == "jitcell_api":
            detail = (f"import {fmt_ms(inner.get('import_ms'))} + compile_cell {fmt_ms(inner.get('compile_cell_ms'))} "
                      f"(compile {fmt_ms(inner.get('compile_ms'))}, of which the stages "
                      f"{fmt_ms(sum(row.get('stages_ms', {}).values()))})")
        elif name == "numba":
            detail = f"import {fmt_ms(inner.get('import_ms'))} + first call {fmt_ms(inner.get('first_call_ms'))}"
        else:
            detail = f"shell {fmt_ms(inner.get('shell_ms'))} + after shell {fmt_ms(inner.get('after_shell_ms'))}"
        rows.append([row["label"] + ", empty cache", "fresh process (whole)", fmt_ms(row["wall_ms"]["median"]),
                     fmt_ms(row["wall_ms"]["min"]), fmt_ratio(row["wall_ms"]["median"] / cj) + " of fresh jitcell",
                     detail])
    out.append(table(["system", "where", "median", "min", "vs jitcell", "detail (medians)"], rows, "llrrrl"))

    # 3
    out += ["", "## 3. Run time of loops", ""]
    out.append("Milliseconds per call, minimum over repeats, the same n for every compiled system; CPython runs a "
               "smaller n and its time is scaled up by the work ratio. Every result equals jitcell's "
               "(`check` column: exact unless marked).")
    out.append("")
    systems = runtime["systems"]
    header = ["kernel", "n", *systems]
    rows, ratio_numba, ratio_jit = [], [], []
    for k in runtime["kernels"].values():
        r = k["rows"]
        marks = {s: ("" if r[s]["check"] == "exact" else f" ({r[s]['check']})")
                 + (" †" if r[s].get("loop_eliminated") else "") for s in systems}
        rows.append([k["title"], f"{k['n']:,}", *(fmt_ms(r[s]["ms"]) + marks[s] for s in systems)])
        ratio_numba.append([k["title"], *(fmt_ratio(r[s]["ms"] / r["numba"]["ms"]) for s in systems)])
        ratio_jit.append([k["title"], *(fmt_ratio(r[s]["ms"] / r["jitcell"]["ms"]) for s in systems)])
    out.append(table(header, rows))
    out += ["", "Time / Numba's time (below 1.00x: faster than Numba):", ""]
    out.append(table(["kernel", *systems], ratio_numba))
    out += ["", "Time / jitcell's time (above 1.00x: slower than jitcell):", ""]
    out.append(table(["kernel", *systems], ratio_jit))
    out.append("")
    if any(r.get("loop_eliminated") for k in runtime["kernels"].values() for r in k["rows"].values()):
        out.append("† the time does not grow with n (measured again at n / 8): LLVM replaced the loop by a "
                   "closed formula, so this is the cost of one call (section 4), not of a loop. With its "
                   "overflow checks on, jitcell gets there through loop versioning: a guard before the loop "
                   "proves no check can fire for this n, and the unchecked copy runs.")
        out.append("")
    out += ["What the checks cost: jitcell's time / the time without them (`--no-interrupt`: no SIGINT check on "
            "loop back-edges; `--boundscheck off`: no array bounds checks):", ""]
    out.append(table(["kernel", "interrupt checks", "bounds checks"],
                     [[runtime["kernels"][name]["title"], fmt_ratio(c["interrupt checks"]),
                       fmt_ratio(c["bounds checks"])]
                      for name, c in d["check_cost_jitcell_over_unchecked"].items()]))
    out.append("")
    out.append("C: " + "; ".join(f"`{cmd}`" for cmd in runtime["c_commands"].values()) + ".")
    for name, k in runtime["kernels"].items():
        out.append(f"- {k['title']} (`{name}`): {k['note']}; CPython n = {k['n_python']:,}.")

    # 4
    out += ["", "## 4. Call overhead of a trivial function", ""]
    out.append("`add1(41)` (returns x + 1) called from Python; nanoseconds per call, minimum over repeats.")
    out.append("")
    jit_ns = calls["rows"]["jitcell"]["ns"]
    out.append(table(["callee", "ns per call", "vs jitcell"],
                     [[n, f"{r['ns']:.0f}", fmt_ratio(r["ns"] / jit_ns)] for n, r in calls["rows"].items()]))

    if "goal_scripts" in results:
        out += render_goal_scripts(results["goal_scripts"])

    # goals
    out += ["", "## Goals", ""]
    out.append(table(["goal", "target", "measured", "met"],
                     [[g["goal"], g["target"], g["measured"],
                       "n/a" if g["met"] is None else "yes" if g["met"] else "**no**"] for g in d["goals"]],
                     "lrrl"))
    return "\n".join(out) + "\n"


# ---- 5. the performance goals that other scripts measure ------------------------------------

def bench_goal_scripts(quick: bool, directory: Path) -> dict:
    """calls.py, realworld_speed.py, kernel_notebook.py, trivial_miss.py and cache_hit.py, each run as a
    child that writes its JSON into `directory`: {script: its figures, or {"error": why not}}. Each has
    its own interleaving and sample counts (their docstrings); --quick runs their shorter forms."""
    commands = {
        "calls": ["calls.py", "2" if quick else "5", "--output", str(directory)],
        "realworld": ["realworld_speed.py", *(["--quick"] if quick else []), "--output", str(directory)],
        "notebook": ["kernel_notebook.py", *(["--quick"] if quick else []), "--output", str(directory)],
        "trivial": ["trivial_miss.py", "--repeat", "3" if quick else "10", "--json", str(directory / "trivial.json")],
        "cache_hit": ["cache_hit.py", "--reps", "3" if quick else "11", "--warmup", "1", "--no-numba",
                      "--output", str(directory)],
    }
    found = {}
    for name, command in commands.items():
        progress(f"5. {command[0]}")
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], capture_output=True,
                              text=True, timeout=7200)
        outputs = {"calls": ["calls.json"], "realworld": ["realworld_speed-quick.json", "realworld_speed.json"],
                   "notebook": ["kernel_notebook_quick.json", "kernel_notebook.json"],
                   "trivial": ["trivial.json"], "cache_hit": ["cache_hit.json"]}[name]
        written = [directory / o for o in outputs if (directory / o).is_file()]
        if done.returncode != 0 or not written:
            found[name] = {"error": f"{command[0]} exited with {done.returncode}: {done.stderr[-1500:]}"}
            continue
        found[name] = json.loads(written[0].read_text())
    return found


def goal_figures(goals: dict) -> list[dict]:
    """The rows of the Goals table that the scripts of section 5 measure."""
    rows = []

    def row(goal: str, target: str, measured: str, met) -> None:
        rows.append({"goal": goal, "target": target, "measured": measured, "met": met})

    for name, figures in goals.items():
        if "error" in figures:
            row(f"({name}: not measured)", "", figures["error"].splitlines()[0][:80] if figures["error"] else "", None)
    calls = goals.get("calls", {})
    if "geomean_native_over_numba" in calls:
        worst = max(s["native"] / s["numba"] for s in calls["shapes"].values())
        row("calls from Python: geometric mean of jitcell / Numba over four call shapes (worst shape)", "<= 0.7x",
            f"{fmt_ratio(calls['geomean_native_over_numba'])} (worst {fmt_ratio(worst)})",
            calls["geomean_native_over_numba"] <= 0.7 and worst <= 1.0)
    programs = goals.get("realworld", {}).get("results")
    if programs:
        ratios = [p["systems"]["jitcell"]["seconds"] / p["systems"]["Numba"]["seconds"] for p in programs
                  if "seconds" in p["systems"].get("jitcell", {}) and "seconds" in p["systems"].get("Numba", {})]
        if ratios:
            mean = math.exp(sum(map(math.log, ratios)) / len(ratios))
            row(f"real programs (tests/realworld, {len(ratios)} both run): geometric mean of jitcell / Numba "
                "(worst)", "<= 1.05x, none > 1.25x", f"{fmt_ratio(mean)} (worst {fmt_ratio(max(ratios))})",
                mean <= 1.05 and max(ratios) <= 1.25)
    notebook = goals.get("notebook", {})
    if "jitcell" in notebook and "numba" in notebook:
        ratio = notebook["jitcell"]["first_run_median_s"] / notebook["numba"]["first_run_median_s"]
        row(f"first run of a {notebook['cells']}-cell notebook: jitcell kernel / Numba cache=True cells", "<= 1.0x",
            f"{fmt_ratio(ratio)} ({notebook['jitcell']['first_run_median_s']:.2f} s against "
            f"{notebook['numba']['first_run_median_s']:.2f} s)", ratio <= 1.0)
    trivial = goals.get("trivial", {}).get("cells", {})
    for cell in ("kernel: total + 1", "kernel: print(x)", "def: print(x)"):
        if cell in trivial:  # without the cache, and as a notebook compiles it: also published to the cache
            figures = trivial[cell]
            cached = figures.get("cached", figures["total"])
            goal = cell.startswith("kernel: ")  # goal 3's trivial cells; a function that prints is reported beside
            row(f"a trivial cell's compile (`{cell}`, cache miss, median; with the cache as a notebook has it)"
                if goal else f"a function whose body prints (`{cell}`, as above; not a goal row)",
                "< 10 ms" if goal else "", f"{fmt_ms(figures['total'])} ms ({fmt_ms(cached)} ms)",
                max(figures["total"], cached) < 10 if goal else None)
    hits = goals.get("cache_hit", {}).get("results", {})
    for name, figures in hits.items():  # as a user has it: installed (a source checkout's row is in section 5)
        if "hit_ms" in figures and name.startswith("jitcell installed"):
            row(f"a cache hit in a fresh process, compile_cell to callable ({name}; median, minimum)", "< 5 ms",
                f"{fmt_ms(figures['hit_ms']['median'])} ms ({fmt_ms(figures['hit_ms']['min'])})",
                figures["hit_ms"]["median"] < 5)
    return rows


def render_goal_scripts(goals: dict) -> list[str]:
    out = ["", "## 5. Calls, real programs, first runs and cache hits", "",
           "Measured by their own scripts, run from here as children (their results files have the details): "
           "`calls.py` (four call shapes against Numba), `realworld_speed.py` (the programs of tests/realworld), "
           "`kernel_notebook.py` (a notebook's first run against Numba's cached cells), `trivial_miss.py` (a "
           "trivial cell's compile) and `cache_hit.py` (a hit in a fresh process). Their rows are in the Goals "
           "table below.", ""]
    calls = goals.get("calls", {})
    if "shapes" in calls:
        out.append(table(["call", "jitcell native ns", "jitcell wrapper ns", "Numba ns", "native / Numba"],
                         [[f"`{shape}`", f"{s['native']:.0f}", f"{s['wrapper']:.0f}", f"{s['numba']:.0f}",
                           fmt_ratio(s["native"] / s["numba"])] for shape, s in calls["shapes"].items()]))
        out.append("")
    hits = goals.get("cache_hit", {}).get("results", {})
    if hits:
        out.append(table(["cache hit, ms (median)", *hits],
                         [[label, *(fmt_ms(hits[n][key]["median"]) if key in hits[n] else "-" for n in hits)]
                          for key, label in (("pipeline_import_ms", "import jitcell.pipeline"),
                                             ("compile_cell_ms", "compile_cell (a hit)"),
                                             ("hit_ms", "compile_cell to callable"))]))
    return out


def export_jitcell(ref: str, dest: Path) -> tuple[Path, str]:
    """The jitcell of a commit, laid out as installed (magics/ and kernel/ inside jitcell/)."""
    import io
    import tarfile

    repo = HERE.parent
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", f"{ref}^{{commit}}"],
                            capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", commit, "jitcell", "magics", "kernel"],
                             capture_output=True, check=True).stdout
    raw = dest / "raw"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(raw, filter="data")
    package = dest / "jitcell"
    (raw / "jitcell").rename(package)
    for sub in ("magics", "kernel"):  # [tool.setuptools.package-dir] in pyproject.toml
        if (raw / sub).exists():
            (raw / sub).rename(package / sub)
    return dest, commit


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def check_scripts() -> None:
    """The startup scripts inline the cells (Numba caches only functions defined in files)."""
    body = SMALL_CELL.split("\n", 1)[1]
    for name in ("jitcell_api", "jitcell_ipython"):
        if SMALL_CELL not in (STARTUP / f"{name}.py").read_text():
            raise BenchError(f"startup/{name}.py does not contain kernels.SMALL_CELL")
    if body not in (STARTUP / "numba_cached.py").read_text():
        raise BenchError("startup/numba_cached.py does not contain the body of kernels.SMALL_CELL")
    if CYTHON_CELL not in (STARTUP / "cython_magic.py").read_text():
        raise BenchError("startup/cython_magic.py does not contain kernels.CYTHON_CELL")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke test of about a minute")
    parser.add_argument("--output", type=Path, default=None,
                        help="directory for <name>.json and <name>.md (default: benchmarks/results)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary cache directories")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="results to compare ratios with (default for --quick: results/latest.json, the "
                             "last committed full run); a ratio >15%% worse exits with status 3")
    parser.add_argument("--no-goal-scripts", action="store_true",
                        help="without section 5 (calls.py, realworld_speed.py, kernel_notebook.py, trivial_miss.py, "
                             "cache_hit.py: about 10 minutes, 3 with --quick)")
    parser.add_argument("--jitcell-ref", metavar="REF", default=None,
                        help="benchmark jitcell as committed at REF (e.g. HEAD) instead of the working tree")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    settings = SETTINGS[mode]
    output = args.output or HERE / "results"
    output.mkdir(parents=True, exist_ok=True)
    name = "quick" if args.quick else "latest"
    check_scripts()

    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="jitcell-bench-"))
    jitcell_path = jitcell_commit = None
    if args.jitcell_ref:
        jitcell_path, jitcell_commit = export_jitcell(args.jitcell_ref, root / "jitcell-src")
    sandbox = Sandbox(root, jitcell_path, jitcell_commit)
    try:
        progress(f"{mode} run; children's caches in {root}")
        results: dict = {"mode": mode, "settings": settings, "kernels": [k.name for k in KERNELS]}
        load_start = os.getloadavg()[0]
        results["machine"] = worker("info", sandbox, [])
        progress("1. restart to first result")
        results["restart"] = bench_restart(sandbox, settings)
        progress("2. cold compile")
        results["cold_fresh"] = bench_cold_fresh(sandbox, settings)
        results["compile"] = {}
        for system in ("jitcell", "numba", "cython"):
            progress(f"2. cold compile in a warm process: {system}")
            results["compile"][system] = worker(f"compile-{system}", sandbox, settings["worker"])
        progress("3. run time")
        results["runtime"] = worker("runtime", sandbox, settings["worker"])
        progress("4. call overhead")
        results["calls"] = worker("calls", sandbox, settings["worker"])
        if not args.no_goal_scripts:
            results["goal_scripts"] = bench_goal_scripts(args.quick, root / "goal-scripts")
        results["seconds"] = time.perf_counter() - started
        results["load"] = [load_start, os.getloadavg()[0]]
        results["derived"] = derive(results)
    finally:
        if args.keep:
            progress(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    mismatches = [f"{k}/{s}" for k, v in results["runtime"]["kernels"].items()
                  for s, r in v["rows"].items() if r["check"] == "MISMATCH"]
    markdown = render(results)
    print(markdown)
    write_atomically(output / f"{name}.json", json.dumps(results, indent=1) + "\n")
    write_atomically(output / f"{name}.md", markdown)
    print(f"wrote {output / (name + '.json')} and {output / (name + '.md')}", file=sys.stderr)
    if mismatches:
        print(f"RESULT MISMATCH: {', '.join(mismatches)}", file=sys.stderr)
        return 1
    baseline = args.baseline or (HERE / "results" / "latest.json" if args.quick else None)
    if baseline is not None and baseline.is_file():
        worse = compare(results, json.loads(baseline.read_text()))
        print(f"compared with {baseline}: " + (f"{len(worse)} ratios more than 15% worse" if worse
                                                 else "no ratio more than 15% worse"), file=sys.stderr)
        for line in worse:
            print(f"  REGRESSION {line}", file=sys.stderr)
        if worse:
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
