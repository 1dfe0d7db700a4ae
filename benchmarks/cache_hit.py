"""A cache hit in a fresh process: from `compile_cell(src)` to a callable, and its parts.

    python benchmarks/cache_hit.py                  # this working tree: results/cache_hit.{json,md}
    python benchmarks/cache_hit.py --against main   # and the jitcell of a commit, side by side
    python benchmarks/cache_hit.py --reps 5 --output DIR

Each child process imports jitcell, then `jitcell.pipeline` (which compile_cell would import at
its first call), then compiles kernels.SMALL_CELL, already in its cache (the runtime library's
entry too), and calls it once. The figure the issue sets a goal for (under 5 ms) is
"compile_cell to callable": the pipeline's import and the call of compile_cell, everything after
`import jitcell`. Numba's row is the same function with @njit(cache=True) loaded from its cache:
`from numba import njit` and the first call (Numba has no separate step). A %%jit row runs the
cell in a fresh IPython shell after `%load_ext jitcell` (the shell's creation excluded), HEAD laid
out as installed (as the installed row, unless --no-installed), and the commit of --against too.

The "jitcell" row runs this working tree, a source checkout (`pip install -e .`), whose toolchain
identity looks at every file of the package; the "installed" row runs the commit HEAD laid out as
pip installs it, whose identity looks at the package's folders only (loader/fingerprint.py).

Every child gets its own JITCELL_CACHE_DIR and NUMBA_CACHE_DIR, filled by unmeasured runs first,
and bytecode caches, warmed the same way (a user's installation has them; this repository's
environment may disable them): in a private PYTHONPYCACHEPREFIX, and for an installed row in
__pycache__ beside the files, where pip writes them. An installed row runs without site (python -S):
this environment's editable-install finder imports re, enum, contextlib and importlib at start-up,
which a hit would then get for free where an installed jitcell's user does not. The goal's figure
is the installed row's. Rounds are interleaved: a slow moment hurts every row alike. Standard
library only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from kernels import SMALL_ARG, SMALL_CELL, SMALL_RESULT  # noqa: E402 - found through the sys.path entry above

MARKER = "@@BENCH"

JITCELL_CHILD = f"""
import time
t0 = time.perf_counter()
import jitcell
t1 = time.perf_counter()
import jitcell.pipeline
t2 = time.perf_counter()
library = jitcell.compile_cell({SMALL_CELL!r})
total = library.functions["total"]
t3 = time.perf_counter()
result = total({SMALL_ARG})
t4 = time.perf_counter()
import sys
from jitcell import runtime
print({MARKER!r}, repr({{
    "result": result, "cache_hit": library.cache_hit and runtime.library().cache_hit,
    "heavy": sorted(m for m in sys.modules if m.startswith(("llvmlite", "jitcell.compiler"))),
    "import_ms": (t1 - t0) * 1e3, "pipeline_import_ms": (t2 - t1) * 1e3, "compile_cell_ms": (t3 - t2) * 1e3,
    "hit_ms": (t3 - t1) * 1e3, "call_ms": (t4 - t3) * 1e3,
}}))
"""

MAGIC_CHILD = f"""
import time
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
t0 = time.perf_counter()
shell.run_cell("%load_ext jitcell").raise_error()
t1 = time.perf_counter()
shell.run_cell({"%%jit -q" + chr(10) + SMALL_CELL!r}).raise_error()
t2 = time.perf_counter()
result = shell.user_ns["total"]({SMALL_ARG})
print({MARKER!r}, repr({{
    "result": result, "cache_hit": shell.user_ns["total"].library.cache_hit,
    "load_ext_ms": (t1 - t0) * 1e3, "hit_ms": (t2 - t1) * 1e3,
}}))
"""

NUMBA_CHILD = f"""
import time
t0 = time.perf_counter()
from numba import njit

@njit(cache=True)
{SMALL_CELL.replace(": int", "").replace(" -> int", "")}
result = total({SMALL_ARG})
t1 = time.perf_counter()
print({MARKER!r}, repr({{
    "result": result, "cache_hit": sum(total.stats.cache_hits.values()) > 0, "hit_ms": (t1 - t0) * 1e3,
}}))
"""


def run_child(script: str, env: dict, flags: tuple[str, ...] = ()) -> tuple[float, dict]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *flags, script], env=env, capture_output=True, text=True, timeout=600)
    wall = (time.perf_counter() - started) * 1e3
    if done.returncode != 0:
        raise SystemExit(f"a child failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    line = next(line for line in done.stdout.splitlines() if line.startswith(MARKER))
    import ast

    return wall, ast.literal_eval(line[len(MARKER):].strip())


def available(module: str) -> bool:
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def measure(rows: dict[str, tuple[str, dict, tuple[str, ...]]], reps: int, warmup: int) -> dict:
    for path, env, flags in rows.values():
        for _ in range(warmup):
            run_child(path, env, flags)  # fills the caches and the bytecode caches
    samples: dict[str, list[dict]] = {name: [] for name in rows}
    for rep in range(reps):
        print(f"  .. round {rep + 1}/{reps}", file=sys.stderr, flush=True)
        for name, (path, env, flags) in rows.items():
            wall, report = run_child(path, env, flags)
            if report["result"] != SMALL_RESULT or report["cache_hit"] is not True or report.get("heavy"):
                raise SystemExit(f"{name}: not a clean cache hit: {report}")
            samples[name].append({**report, "wall_ms": wall})
    out = {}
    for name, reports in samples.items():
        keys = [k for k in reports[0] if k.endswith("_ms")]
        out[name] = {k: {"median": statistics.median(r[k] for r in reports), "min": min(r[k] for r in reports)}
                     for k in keys}
    return out


LABELS = {"import_ms": "import jitcell", "pipeline_import_ms": "import jitcell.pipeline",
          "compile_cell_ms": "compile_cell (a hit)", "hit_ms": "**compile_cell to callable**",
          "call_ms": "first call", "wall_ms": "whole process", "load_ext_ms": "%load_ext jitcell"}


def report(results: dict, meta: dict) -> str:
    out = ["# Cache hit in a fresh process", "",
           f"`python benchmarks/cache_hit.py{meta['args']}`, {meta['reps']} rounds (medians; minimum in brackets).",
           f"Machine load: `{meta['load_before']}` before, `{meta['load_after']}` after.", "",
           f"Python {meta['python']}; the cell is benchmarks/kernels.SMALL_CELL, `total({SMALL_ARG})`. "
           "\"compile_cell to callable\" is everything after `import jitcell` (the goal: under 5 ms).", ""]
    names = list(results)
    keys = [k for k in LABELS if any(k in results[n] for n in names)]
    out.append("| ms | " + " | ".join(names) + " |")
    out.append("|---|" + "---:|" * len(names))
    for key in keys:
        cells = [f"{results[n][key]['median']:.2f} ({results[n][key]['min']:.2f})" if key in results[n] else "-"
                 for n in names]
        out.append(f"| {LABELS[key]} | " + " | ".join(cells) + " |")
    base = results.get("jitcell")
    if base:
        out += ["", "Ratios of the medians of \"compile_cell to callable\" (times this tree's):", ""]
        for name in names:
            if name != "jitcell":
                out.append(f"- {name}: {results[name]['hit_ms']['median'] / base['hit_ms']['median']:.2f}x")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--against", metavar="REF", default=None, help="also measure the jitcell of this commit")
    parser.add_argument("--no-numba", action="store_true")
    parser.add_argument("--no-installed", action="store_true",
                        help="without the row of HEAD laid out as installed (not a source checkout)")
    parser.add_argument("--output", type=Path, default=HERE / "results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jitcell-hit-bench-") as tmp:
        root = Path(tmp)
        base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "JITCELL_CACHE_DIR")}
        base["PYTHONPYCACHEPREFIX"] = str(root / "pycache")

        def script(name: str, code: str) -> str:  # a file: Numba caches only functions defined in files
            path = root / "scripts" / f"child_{name}.py"  # a folder of its own: it is sys.path[0]
            path.parent.mkdir(exist_ok=True)
            path.write_text(code)
            return str(path)

        def env(name: str, path: Path | None = None, site: bool = True) -> dict:
            home = root / "homes" / name
            for sub in ("ipython", "xdg"):
                (home / sub).mkdir(parents=True, exist_ok=True)
            made = {**base, "JITCELL_CACHE_DIR": str(home / "jitcell"), "NUMBA_CACHE_DIR": str(home / "numba"),
                    "IPYTHONDIR": str(home / "ipython"), "XDG_CACHE_HOME": str(home / "xdg")}
            if path is not None:
                # without site (python -S), the packages it would have put on sys.path: llvmlite, for a miss
                packages = [] if site else [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
                made["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), *packages, base.get("PYTHONPATH")]))
            if not site:  # an installed package's bytecode is in __pycache__ beside its files, as pip writes it
                del made["PYTHONPYCACHEPREFIX"]
            return made

        from run import export_jitcell

        rows: dict[str, tuple[str, dict, tuple[str, ...]]] = {
            "jitcell": (script("jitcell", JITCELL_CHILD), env("jitcell"), ())}
        # as pip installs it: no pyproject.toml above the package (fingerprint.CHECKOUT), and no module that
        # something else imported at start-up (python -S: this environment's editable-install finder
        # imports re, enum, contextlib and importlib, which a hit would otherwise get for free)
        bare = ("-S",)
        if not args.no_installed:
            installed, head = export_jitcell("HEAD", root / "installed")
            rows[f"jitcell installed ({head[:8]})"] = (script("jitcell", JITCELL_CHILD),
                                                       env("installed", installed, site=False), bare)
        if args.against:
            tree, commit = export_jitcell(args.against, root / "against")
            rows[f"jitcell {args.against} installed ({commit[:8]})"] = (script("jitcell", JITCELL_CHILD),
                                                                        env("against", tree, site=False), bare)
        if available("IPython"):  # IPython imports re, enum... itself: with site, HEAD laid out as installed
            rows["%%jit (IPython)"] = (script("magic", MAGIC_CHILD),
                                       env("magic", None if args.no_installed else installed), ())
            if args.against:
                rows[f"%%jit {args.against} ({commit[:8]})"] = (script("magic", MAGIC_CHILD),
                                                                env("against-magic", tree), ())
        if not args.no_numba and available("numba"):
            rows["Numba cache=True"] = (script("numba", NUMBA_CHILD), env("numba"), ())
        load_before = load_average()
        results = measure(rows, args.reps, args.warmup)
        load_after = load_average()
    meta = {"args": "".join(f" {a}" for a in sys.argv[1:]), "reps": args.reps, "python": sys.version.split()[0],
            "load_before": load_before, "load_after": load_after}
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "cache_hit.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1) + "\n")
    text = report(results, meta)
    (args.output / "cache_hit.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
