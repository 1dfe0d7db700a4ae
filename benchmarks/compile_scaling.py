"""How compile time grows with the size of a cell: generated cells of N lines, compiled cold.

    python benchmarks/compile_scaling.py                 # every shape and size; writes results/compile_scaling.md
    python benchmarks/compile_scaling.py --quick         # up to 2,000 lines
    python benchmarks/compile_scaling.py --shapes locals --sizes 1000 2000
    python benchmarks/compile_scaling.py --budget 60     # skip a shape's larger sizes once one took longer
    python benchmarks/compile_scaling.py --before other/compile_scaling.json   # compare with an earlier run
    python benchmarks/compile_scaling.py --rows results/compile_scaling.json --before ...   # report again
    python benchmarks/compile_scaling.py --large-function-blocks 100000 --sizes 250 500 1000 2000
        # what the full O2 pipeline would cost for large functions (why machine.LARGE_FUNCTION_BLOCKS)

Each cell is compiled once with `compile_cell(src, cache=False)` in this process (warm: jitcell
and LLVM are imported and have compiled a small cell first); the table gives the whole call and
the per-stage times of the manifest's "timings" (parse, check, lower, optimize, emit, link).
The shapes:

- `locals`: one function of N statements `x{i} = n + {i}`, then `return x0 + x{N-1}` (N locals,
  N overflow checks on the same parameter);
- `chain`: one function of N statements `x{i} = x{i-1} * 3 + {i}` (each local used once);
- `mixed`: one function of N lines of straight-line code with branches, small loops, dict and
  str operations;
- `functions`: N lines of small functions (three lines each), some calling the previous one.

The tests check that the work grows linearly by counting (tests/test_compile_scaling.py); the
figures, which depend on the machine, are here only.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (500, 1000, 2000, 4000, 8000, 20000)
STAGES = ("parse", "check", "lower", "optimize", "emit", "link")


def locals_cell(n: int) -> str:
    body = "".join(f"    x{i} = n + {i}\n" for i in range(n))
    return f"def f(n: int) -> int:\n{body}    return x0 + x{n - 1}\n"


def chain_cell(n: int) -> str:
    body = "".join(f"    x{i} = x{i - 1} * 3 + {i}\n" for i in range(1, n))
    return f"def f(n: int) -> int:\n    x0 = n\n{body}    return x{n - 1}\n"


def mixed_cell(n: int) -> str:
    lines = ["def f(n: int) -> int:", "    d: dict[int, int] = {}", "    s = ''", "    t = 0"]
    i = 0
    while len(lines) < n:
        lines += [f"    a{i} = n * {i % 7 + 1} + t",
                  f"    if a{i} % 3 == {i % 3}:",
                  f"        t = t + a{i} // 2",
                  "    else:",
                  f"        s = s + 'x{i}'",
                  f"    for j in range({i % 4}):",
                  f"        d[j + {i}] = a{i} - j",
                  f"    t = t + d.get({i}, 0) + len(s)"]
        i += 1
    lines.append("    return t + len(d) + len(s)")
    return "\n".join(lines) + "\n"


def functions_cell(n: int) -> str:
    lines = ["def g0(x: int) -> int:", "    y = x * 2", "    return y + 1"]
    i = 1
    while len(lines) < n:
        call = f"g{i - 1}(y)" if i % 2 else "y"
        lines += [f"def g{i}(x: int) -> int:", f"    y = x * {i % 5 + 1} - {i}", f"    return {call} + 1"]
        i += 1
    return "\n".join(lines) + "\n"


SHAPES = {"locals": locals_cell, "chain": chain_cell, "mixed": mixed_cell, "functions": functions_cell}


WARM = ("def warm(x: int) -> str:\n    d: dict[int, int] = {x: 1}\n    s = 'a' + str(x)\n"
        "    for i in range(x):\n        d[i] = i\n    return s + str(len(d))\n")


def measure(source: str) -> dict:
    from jitcell.pipeline import compile_cell

    gc.collect()  # the garbage of the previous (larger) cell is not this one's time
    load = os.getloadavg()[0]  # other processes on the machine: wall time exceeds CPU time when > CPUs
    started, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a function too large to optimize fully says so
        library = compile_cell(source, cache=False, wrap=False)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"total": total, "cpu": cpu, "lines": source.count("\n"), "load": round(load, 2),
            **library.manifest["timings"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--quick", action="store_true", help="sizes up to 2,000 lines")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds: once a size takes longer, skip the shape's larger sizes")
    parser.add_argument("--output", type=Path, default=HERE / "results")
    parser.add_argument("--label", default="", help="a note for the report's heading (e.g. 'before')")
    parser.add_argument("--before", type=Path, help="the .json of an earlier run (another checkout) to compare with")
    parser.add_argument("--rows", type=Path, help="measure nothing: write the report of this run's .json again")
    parser.add_argument("--large-function-blocks", type=int, metavar="B",
                        help="compile functions of up to B basic blocks with the full O2 pipeline (default: "
                             "machine.LARGE_FUNCTION_BLOCKS); writes compile_scaling_blocks_B.{json,md}")
    args = parser.parse_args(argv)
    sizes = [s for s in sorted(args.sizes) if not args.quick or s <= 2000]
    if args.rows:
        run = json.loads(args.rows.read_text())
        rows, args.label, args.shapes = run["rows"], args.label or run["label"], []
    else:
        from jitcell.compiler.backend import machine
        from jitcell.pipeline import compile_cell

        if args.large_function_blocks is not None:
            machine.LARGE_FUNCTION_BLOCKS = args.large_function_blocks
            args.label = args.label or f"functions of up to {args.large_function_blocks:,} basic blocks fully optimized"
        compile_cell(WARM, cache=False, wrap=False)
        rows = []
    for shape in args.shapes:
        for n in sizes:
            row = {"shape": shape, "n": n, **measure(SHAPES[shape](n))}
            rows.append(row)
            print(_format_row(row), flush=True)
            if row["total"] > args.budget:
                print(f"{shape}: skipping sizes above {n} (took more than {args.budget:g} s)", flush=True)
                break
    args.output.mkdir(parents=True, exist_ok=True)
    name = "compile_scaling" if not args.quick else "compile_scaling_quick"
    if args.large_function_blocks is not None:
        name += f"_blocks_{args.large_function_blocks}"
    (args.output / f"{name}.json").write_text(json.dumps({"label": args.label, "rows": rows}, indent=1) + "\n")
    before = json.loads(args.before.read_text()) if args.before else None
    (args.output / f"{name}.md").write_text(report(rows, args.label, before))
    return 0


def _load_note(rows: list[dict]) -> str:
    loads = [row["load"] for row in rows if "load" in row]
    if not loads:
        return ""
    return (f" The machine's load average (1 minute) during the run: {min(loads):.1f} to {max(loads):.1f} "
            f"(with {os.cpu_count()} CPUs, a load above that makes the wall time exceed the CPU time).")


def _format_row(row: dict) -> str:
    stages = " ".join(f"{s}={row.get(s, 0):.2f}" for s in STAGES)
    return (f"{row['shape']:>9} n={row['n']:>6} lines={row['lines']:>6} total={row['total']:7.2f} s "
            f"cpu={row['cpu']:7.2f} s  {stages} load={row.get('load', 0):.1f}")


def report(rows: list[dict], label: str = "", before: dict | None = None) -> str:
    """The table of a run; with `before` (an earlier run's json), its totals and the speed-up too,
    and its own table after this one."""
    earlier = {(r["shape"], r["n"]): r for r in before["rows"]} if before else {}
    out = [f"# Compile time against cell size{f' ({label})' if label else ''}", "",
           f"`python benchmarks/compile_scaling.py`: {platform.processor() or platform.machine()}, "
           f"{os.cpu_count()} CPUs, Python {platform.python_version()}. Seconds, one cold compile "
           "(`compile_cell(src, cache=False)`) per row: the wall time of the call, its CPU time (this "
           "process), and the manifest's \"timings\" per stage. The last column is the total divided by the "
           "previous size's total (2 for linear growth when the size doubles)."
           + _load_note(rows)
           + (f" \"{before['label'] or 'before'}\": the total of the earlier run (its table follows), and "
              "how many times faster this one is; a dash where that run skipped the size (its budget)."
              if before else ""), ""]
    compared = " | before | speed-up" if before else ""
    out.append("| shape | N | lines | total | cpu | " + " | ".join(STAGES) + f" | growth{compared} |")
    out.append("|---|---:|---:|---:|---:|" + "---:|" * len(STAGES) + "---:|" + ("---:|---:|" if before else ""))
    previous: dict[str, dict] = {}
    for row in rows:
        smaller = previous.get(row["shape"])
        growth = (f"{row['total'] / smaller['total']:.1f}x for {row['n'] / smaller['n']:g}x"
                  if smaller else "")
        then = earlier.get((row["shape"], row["n"]))
        versus = "" if not before else (f" | {then['total']:.2f} | {then['total'] / row['total']:.1f}x" if then
                                        else " | - | -")
        out.append(f"| {row['shape']} | {row['n']} | {row['lines']} | {row['total']:.2f} | {row['cpu']:.2f} | "
                   + " | ".join(f"{row.get(s, 0):.2f}" for s in STAGES) + f" | {growth}{versus} |")
        previous[row["shape"]] = row
    text = "\n".join(out) + "\n"
    if before:
        text += "\n" + report(before["rows"], before["label"] or "before").replace("# ", "## ", 1)
    return text


if __name__ == "__main__":
    sys.exit(main())
