"""Timing systems side by side in interleaved rounds, and writing results/<stem>.{md,json}.

The kernel benchmarks (complexes.py, random_numbers.py, generators.py, slicing.py, strings.py,
lists.py) time jitcell and its competitors (Numba, CPython, NumPy...) the same way and report the
same ratios through this module:

    times = interleaved({"jitcell": lambda: jit(n), "Numba": lambda: nb(n)})  # seconds per call
    write_results("complexes", "# complex kernels", "Source: ...", rows, ["jitcell", "Numba"])

Timing: each system's sample repeats its call until the sample lasts at least `sample_seconds`;
the systems take their samples in turn (one of each, then the next round), so that a burst of load
on the shared machine hits every system alike; a system's time is its minimum over the rounds.

Ratios: always jitcell's time over the other system's ("jitcell / Numba"; below 1, jitcell is
faster), one column per competitor.
"""

from __future__ import annotations

import json
import os
import platform
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def calibrate(call: Callable[[], object], sample_seconds: float) -> int:
    """How many calls make a sample of at least sample_seconds (after one call that compiles and warms)."""
    call()
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            call()
        elapsed = time.perf_counter() - start
        if elapsed >= sample_seconds:
            return number
        number *= 2 if elapsed == 0 else max(2, min(10, int(sample_seconds / elapsed) + 1))


def interleaved_samples(calls: dict[str, Callable[[], object]], samples: int = 5,
                        sample_seconds: float = 0.2) -> dict[str, dict]:
    """Per system: the minimum seconds per call, every sample's, and the calls in a sample. The
    order of the systems is shuffled from one round to the next (the same shuffles every run): what
    one system leaves behind (another runtime's threads still spinning, caches, the cores' clocks)
    must not always fall on the same next one. In a fixed order, a parallel loop measured right
    after Numba's serial one was 13% slower than in other orders."""
    numbers = {system: calibrate(call, sample_seconds) for system, call in calls.items()}
    times: dict[str, list[float]] = {system: [] for system in calls}
    order, shuffles = list(calls), random.Random(0)
    for round_ in range(samples):
        if round_:
            shuffles.shuffle(order)
        for system in order:
            call = calls[system]
            number = numbers[system]
            start = time.perf_counter()
            for _ in range(number):
                call()
            times[system].append((time.perf_counter() - start) / number)
    return {system: {"seconds": min(times[system]), "samples": times[system], "calls_per_sample": numbers[system]}
            for system in calls}


def interleaved(calls: dict[str, Callable[[], object]], samples: int = 5,
                sample_seconds: float = 0.2) -> dict[str, float]:
    """Per system: the minimum seconds per call over interleaved rounds."""
    return {system: row["seconds"] for system, row in interleaved_samples(calls, samples, sample_seconds).items()}


def with_cpython_scaled(calls: dict[str, Callable[[], object]], cpython: Callable[[], object],
                        factor: float) -> dict[str, float]:
    """interleaved(calls) and "CPython (scaled)": CPython on a smaller input, its time times `factor`
    (how much more work the full input is)."""
    times = interleaved({**calls, "CPython (scaled)": cpython})
    times["CPython (scaled)"] *= factor
    return times


def machine(**versions: str) -> dict:
    """Where and when the run took place; `versions` adds e.g. Numba=numba.__version__."""
    try:
        load = f"{os.getloadavg()[0]:.2f}"
    except OSError:
        load = "unknown"
    return {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "processor": platform.processor() or platform.machine(), "python": platform.python_version(),
            **versions, "load_average": load}


def ratio(seconds: float | None, other: float | None) -> str:
    """`seconds / other` as a table cell: two decimals, more digits below 0.1; "-" without both times."""
    if seconds is None or other is None:
        return "-"
    value = seconds / other
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.2g}x"


def results_table(rows: Sequence[dict], systems: Sequence[str], columns: Sequence[str] = (),
                  reference: str = "jitcell") -> list[str]:
    """A markdown table: kernel, `columns` (e.g. n), each system's time in ms, then `reference / X`
    for every system X that is not a variant of the reference (its name does not start with it)."""
    others = [s for s in systems if not s.startswith(reference)]
    header = ["kernel", *columns, *(f"{s} (ms)" for s in systems), *(f"{reference} / {s}" for s in others)]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for row in rows:
        cells = [str(row["kernel"])]
        cells += [f"{row[c]:,}" if isinstance(row[c], int) else str(row[c]) for c in columns]
        cells += ["-" if row.get(s) is None else f"{row[s] * 1e3:.3g}" for s in systems]
        cells += [ratio(row.get(reference), row.get(s)) for s in others]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


INTERLEAVED = "each the minimum over interleaved rounds (benchmarks/side_by_side.py)"


def write_results(stem: str, title: str, notes: str, rows: Sequence[dict], systems: Sequence[str],
                  info: dict, columns: Sequence[str] = (), results: Path = RESULTS, timing: str = INTERLEAVED) -> str:
    """Write results/<stem>.json (the machine and every row) and results/<stem>.md; return the markdown."""
    versions = ", ".join(f"{name} {version}" for name, version in info.items()
                         if name not in ("date", "processor", "python", "load_average"))
    text = "\n".join([
        title, "",
        f"{info['date']}: {info['processor']}, Python {info['python']}{', ' + versions if versions else ''}, "
        f"load average {info['load_average']}. Times in ms per call, {timing}; "
        "`jitcell / X` is jitcell's time over X's (below 1: jitcell is faster). "
        + notes, "", *results_table(rows, systems, columns)]) + "\n"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{stem}.json").write_text(json.dumps({"machine": info, "rows": list(rows)}, indent=1) + "\n")
    (results / f"{stem}.md").write_text(text)
    return text
