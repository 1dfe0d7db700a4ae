"""What a cache miss of a trivial cell costs in a warm process, stage by stage.

    python benchmarks/trivial_miss.py                    # prints a table; --write adds results/trivial_miss.md
    python benchmarks/trivial_miss.py --repeat 20 --profile 15   # and the 15 costliest functions (cProfile)

jitcell is imported and has compiled a cell first (the runtime library is built); then each cell
of a few trivial shapes (`x + 1`, a `print`, a kernel cell `total + 1`) is compiled with
`compile_cell(src, cache=False)` under a new name each time, so that every compile is a miss.
The table gives the median of the whole call and of the manifest's per-stage "timings"
(parse, check, lower, optimize, emit, link); "other" is the call minus the stages (the cache key,
reading the linked file's symbols, the manifest, loading, binding).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("parse", "check", "lower", "optimize", "emit", "link")

SHAPES = {
    "x + 1": ("def f{k}(x: int) -> int:\n    return x + {k}\n", {}),
    "print(x)": ("def p{k}(x: int) -> None:\n    print(x + {k})\n", {}),
    "kernel: total + 1": ("total{k}: int = 1\ntotal{k} = total{k} + 1\n", {"script": True}),
}


def measure(repeat: int) -> dict[str, dict[str, float]]:
    import jitcell

    jitcell.compile_cell("def warm(x: int) -> int:\n    return x * 2\n", cache=False)
    rows = {}
    for shape, (template, options) in SHAPES.items():
        samples: dict[str, list[float]] = {s: [] for s in (*STAGES, "total", "other")}
        for k in range(repeat):
            started = time.perf_counter()
            library = jitcell.compile_cell(template.format(k=k), cache=False, **options)
            total = time.perf_counter() - started
            timings = library.manifest["timings"]
            for stage in STAGES:
                samples[stage].append(timings.get(stage, 0.0))
            samples["total"].append(total)
            samples["other"].append(total - sum(timings.get(s, 0.0) for s in STAGES))
        rows[shape] = {name: statistics.median(values) * 1e3 for name, values in samples.items()}
    return rows


def table(rows: dict[str, dict[str, float]]) -> list[str]:
    head = ["cell", "total ms", *(f"{s} ms" for s in STAGES), "other ms"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for shape, row in rows.items():
        cells = [f"`{shape}`", f"{row['total']:.1f}", *(f"{row[s]:.1f}" for s in STAGES), f"{row['other']:.1f}"]
        out.append("| " + " | ".join(cells) + " |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions (cProfile)")
    parser.add_argument("--write", action="store_true", help="append the table to results/trivial_miss.md")
    parser.add_argument("--label", default="", help="a heading for the table in results/trivial_miss.md")
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
    rows = measure(args.repeat)
    after = os.getloadavg()
    lines = table(rows)
    print("\n".join(lines))
    note = (f"median of {args.repeat} misses each, {platform.processor() or platform.machine()}, "
            f"load average {load[0]:.2f} before, {after[0]:.2f} after (2 cores shared)")
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
