"""Run a fuzzing campaign of mutated cells and report the matrix of mutation kind x outcome.

    python tools/fuzz_matrix.py --count 3000                # seed 31337; writes benchmarks/results/fuzz_matrix.md
    python tools/fuzz_matrix.py --count 200 --seed 7 --output -        # print the report only
    python tools/fuzz_matrix.py --seed 31337 --only 1234    # one mutant: its options, source and outcome

The mutations are tests/faults/mutation.py's, the outcomes tests/faults/campaign.py's (each mutant
in a worker process: a crash or a hang is counted, not suffered). Exit status 1 if any case is
neither a success nor a clear CompileError.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from campaign import HEADINGS, Worker, campaign, matrix, unacceptable  # noqa: E402
from mutation import Mutant  # noqa: E402


def report(result: dict) -> str:
    done = result["start"] + result["count"] - 1
    lines = [
        "# Mutated cells: outcomes per kind of mutation", "",
        f"`python tools/fuzz_matrix.py --seed {result['seed']} --start {result['start']} --count {result['count']}`"
        f"{'' if result['call'] else ' --no-call'}: mutants {result['seed']}:{result['start']}..{done} of the corpus's "
        f"cells (tests/faults/mutation.py), each compiled in a worker process and, where safe, its cell's call "
        f"directives run in CPython and in jitcell (tests/faults/campaign.py). {result['seconds']:g} s on "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.", "",
        "Acceptable: " + ", ".join(f"\"{HEADINGS[o]}\"" for o in ("equal", "compiled", "clear_error")) + " (a "
        "CompileError naming a line:col of the cell). \"compiled, not compared\": CPython could not run the "
        "cell's calls, or the mutant's options change the semantics or make running unsafe (script, wraparound, "
        "no bounds checks, no interrupt checks). \"crash\": the worker process died; \"timeout\": it did not "
        "answer within two minutes.", "",
        matrix(result, markdown=True), ""]
    if result["problems"]:
        lines += ["## Cases not acceptable", "", "```", unacceptable(result), "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=31337)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--no-call", dest="call", action="store_false", help="compile only; run nothing")
    parser.add_argument("--only", type=int, help="show one mutant (its options, source and outcome)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "fuzz_matrix.md"),
                        help="the report (markdown; '-' for none); a .json of the campaign beside it")
    args = parser.parse_args(argv)
    if args.only is not None:
        mutant = Mutant.make(args.seed, args.only)
        print(f"# {mutant.kind} of {mutant.cell}, options {mutant.options}\n{mutant.source!r}\n")
        worker = Worker(args.seed)
        try:
            print(json.dumps(worker.examine(args.only, args.call), indent=1))
        finally:
            worker.stop()
        return 0
    result = campaign(args.seed, args.count, args.start, call=args.call)
    print(matrix(result))
    if args.output != "-":
        output = Path(args.output)
        output.write_text(report(result))
        output.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=True) + "\n")
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
