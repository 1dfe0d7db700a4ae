"""What one call from Python costs: jitcell's native entry (loader/bind.py), jitcell's generated
wrapper (JITCELL_NATIVE_CALLS=0) and Numba, for four call shapes, interleaved round by round so that
the machine's load falls on all three alike. Writes benchmarks/results/calls.{md,json}.

    python benchmarks/calls.py [rounds] [--output DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import timeit
from pathlib import Path

import numpy as np

import jitcell

CELL = '''
def inc(n: int) -> int:
    return n + 1

def seven() -> int:
    return 7

def first(a: float[:]) -> float:
    return a[0]

def mixed(x: float, n: int, b: bool) -> float:
    return x * n if b else x
'''

SHAPES = [("f(1) int -> int", "inc", (1,)), ("f() -> int", "seven", ()),
          ("f(a) 1-D float array", "first", (np.arange(10.0),)), ("f(2.0, 3, True)", "mixed", (2.0, 3, True))]


def _functions(native: bool) -> dict:
    os.environ["JITCELL_NATIVE_CALLS"] = "1" if native else "0"  # read when the library is bound
    try:
        return jitcell.compile_cell(CELL).functions
    finally:
        del os.environ["JITCELL_NATIVE_CALLS"]


def _numba() -> dict:
    import numba

    namespace: dict = {}
    exec(CELL.replace(": float[:]", "").replace(": int", "").replace(": float", "").replace(": bool", "")  # noqa: S102
         .replace(" -> int", "").replace(" -> float", ""), namespace)
    return {name: numba.njit(namespace[name]) for _, name, _ in SHAPES}


def _ns(fn, args) -> float:
    """Best of a few samples of about 20 ms each (a sample of any length: preemption by the machine's
    other jobs falls on every kind of call alike)."""
    call = f"f({', '.join(f'a{i}' for i in range(len(args)))})"  # the call as written: no lambda around it
    timer = timeit.Timer(call, globals={"f": fn, **{f"a{i}": a for i, a in enumerate(args)}})
    once = timer.timeit(1000) / 1000
    number = max(1000, int(0.02 / once))
    return min(timer.repeat(repeat=5, number=number)) / number * 1e9


def main(rounds: int = 5) -> tuple[str, dict]:
    """The table, and the figures: ns per call of each kind and shape, the geometric mean of native / Numba."""
    kinds = {"native": _functions(True), "wrapper": _functions(False), "numba": _numba()}
    assert kinds["native"]["inc"].native is not None and kinds["wrapper"]["inc"].native is None
    best = {(kind, shape): math.inf for kind in kinds for shape, _, _ in SHAPES}
    order = list(kinds)
    for _ in range(rounds):
        order = order[1:] + order[:1]  # each kind first in turn
        for shape, name, args in SHAPES:
            for kind in order:
                best[kind, shape] = min(best[kind, shape], _ns(kinds[kind][name], args))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    lines = ["# One call from Python", "",
             "ns per call (timeit of the call statement itself, samples of about 20 ms; best of the rounds), "
             "interleaved: "
             "jitcell's native entry, jitcell's generated wrapper (`JITCELL_NATIVE_CALLS=0`), Numba "
             f"{__import__('numba').__version__} (`@njit`). Python {sys.version.split()[0]}.", "",
             f"Machine load: `{uptime}` (2 cores shared with other jobs).", "",
             "| call | native | wrapper | Numba | native / Numba | wrapper / Numba |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    ratios = []
    for shape, _, _ in SHAPES:
        n, w, b = (best[kind, shape] for kind in ("native", "wrapper", "numba"))
        ratios.append(n / b)
        lines.append(f"| `{shape}` | {n:.0f} | {w:.0f} | {b:.0f} | {n / b:.2f}x | {w / b:.2f}x |")
    geomean = math.exp(sum(map(math.log, ratios)) / len(ratios))
    lines += ["", f"Geometric mean of native / Numba: {geomean:.2f}x.", "",
              "At such a load one run differs from the next by up to a third, for every column alike. The native "
              "entry takes exact ints, floats, bools and arrays positionally (defaults too); anything else (keywords, "
              "conversions) is handed to the wrapper, at the wrapper's cost plus a few ns.", ""]
    figures = {"load": uptime, "rounds": rounds, "geomean_native_over_numba": geomean,
               "shapes": {shape: {kind: best[kind, shape] for kind in kinds} for shape, _, _ in SHAPES}}
    return "\n".join(lines), figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rounds", type=int, nargs="?", default=5)
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "results")
    arguments = parser.parse_args()
    text, figures = main(arguments.rounds)
    print(text)
    arguments.output.mkdir(parents=True, exist_ok=True)
    (arguments.output / "calls.md").write_text(text)
    (arguments.output / "calls.json").write_text(json.dumps(figures, indent=1) + "\n")
