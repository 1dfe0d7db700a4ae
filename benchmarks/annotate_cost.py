"""What annotation costs: code generated again with source locations, against without.

    python benchmarks/annotate_cost.py            # the cells of tests/programs; writes results/annotate_cost.md

A normal build never carries locations (its code, key and compile time are unchanged); annotation
(`%%jit --annotate`, `%jit_annotate`) generates the cell's code again, as `%%jit --show` does, but
with `!dbg` locations, LLVM's remarks and the lowering's notes, then reads them back. Per cell, in
this process (warm): `generated_code(library)` (what --show runs), `generated_code(library,
locations=True)`, and reading the result into marks and rendering the HTML (report/annotate.py).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE.parent / "tests" / "programs"


def main() -> int:
    import jitcell
    from jitcell.compiler.driver import generated_code
    from jitcell.report.annotate import annotation, render_html

    rows = []
    for path in sorted(PROGRAMS.glob("*.py")):
        try:
            library = jitcell.compile_cell(path.read_text(), cache=False)
        except jitcell.JitError:
            continue  # a cell of the corpus that is meant not to compile
        t0 = time.perf_counter()
        generated_code(library)
        t1 = time.perf_counter()
        code = generated_code(library, locations=True)
        t2 = time.perf_counter()
        markup = render_html(annotation(code, library.manifest))
        t3 = time.perf_counter()
        rows.append((path.stem, t1 - t0, t2 - t1, t3 - t2, len(markup), library.manifest["source"].count("\n")))
        print(f"{path.stem:32} plain {t1 - t0:6.3f} s  located {t2 - t1:6.3f} s  read+render {t3 - t2:6.3f} s  "
              f"html {len(markup) / 1024:6.1f} KB", flush=True)
    plain, located, read = (sum(r[i] for r in rows) for i in (1, 2, 3))
    ratios = [r[2] / r[1] for r in rows]
    sizes = sorted(r[4] / r[5] for r in rows)
    text = "\n".join([
        "# The cost of annotation", "",
        f"`python benchmarks/annotate_cost.py`: {platform.processor() or platform.machine()}, {os.cpu_count()} "
        f"CPUs, Python {platform.python_version()}; the {len(rows)} cells of tests/programs, each compiled, then "
        "its code generated again (warm process).", "",
        "| | seconds, all cells | per cell, median |", "|---|---:|---:|",
        f"| `generated_code(library)` (`--show`) | {plain:.2f} | {statistics.median(r[1] for r in rows):.3f} |",
        f"| `generated_code(library, locations=True)` | {located:.2f} | {statistics.median(r[2] for r in rows):.3f} |",
        f"| reading it back, rendering the HTML | {read:.2f} | {statistics.median(r[3] for r in rows):.3f} |", "",
        f"Locations and remarks: {located / plain - 1:+.0%} over the code generation `--show` does (per cell: median "
        f"{statistics.median(ratios) - 1:+.0%}, at most {max(ratios) - 1:+.0%}). HTML: median "
        f"{statistics.median(sizes) / 1024:.1f} KB per source line, at most {sizes[-1] / 1024:.1f} KB "
        f"(the IR and assembly of each line, {24} lines of each at most). A normal build pays nothing: it has "
        "no locations.", ""])
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "annotate_cost.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
