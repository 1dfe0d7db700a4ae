"""The regression guard of `run.py`: compare a run's ratios with the last committed results.

    python benchmarks/run.py --quick               # compares with results/latest.json
    python benchmarks/run.py --quick --baseline B  # or with another run's JSON

Only ratios are compared (jitcell against Numba, Cython or CPython measured in the same run),
because a shared machine moves absolute times by 10-30% and the ratios much less. A ratio
that got more than TOLERANCE worse is flagged; `run.py` then exits with status 3.
"""

from __future__ import annotations

TOLERANCE = 0.15

# derived figure -> True when a higher value is better (X over jitcell), False when lower is
_SCALARS = {
    "restart_ratio_numba_over_jitcell": True,
    "restart_ratio_cython_over_jitcell_ipython": True,
    "compile_ratio_numba_over_jitcell": True,
    "compile_ratio_cython_over_jitcell": True,
    "cold_fresh_ratio_numba_over_jitcell": True,
    "cold_fresh_ratio_cython_over_jitcell_ipython": True,
}


def ratios(results: dict) -> dict[str, tuple[float, bool]]:
    """Every ratio of a run, by a stable name: (value, higher_is_better)."""
    derived = results.get("derived", {})
    found: dict[str, tuple[float, bool]] = {}
    for name, higher in _SCALARS.items():
        if isinstance(derived.get(name), (int, float)):
            found[name] = (float(derived[name]), higher)
    for kernel, systems in derived.get("runtime_jitcell_over_numba", {}).items():
        for system, value in systems.items():
            found[f"run time {kernel}, {system} / numba"] = (float(value), False)
    for kernel, value in derived.get("runtime_cpython_over_jitcell", {}).items():
        found[f"run time {kernel}, cpython / jitcell"] = (float(value), True)
    rows = results.get("calls", {}).get("rows", {})
    if "jitcell" in rows and "numba" in rows:
        found["call overhead, jitcell / numba"] = (rows["jitcell"]["ns"] / rows["numba"]["ns"], False)
    goals = results.get("goal_scripts", {})  # section 5 of run.py
    for shape, kinds in goals.get("calls", {}).get("shapes", {}).items():
        found[f"call {shape}, jitcell / numba"] = (kinds["native"] / kinds["numba"], False)
    mean = goals.get("realworld", {}).get("machine", {}).get("geometric_mean_jitcell_over_numba")
    if isinstance(mean, (int, float)):
        found["real programs, jitcell / numba (geometric mean)"] = (float(mean), False)
    notebook = goals.get("notebook", {})
    if "jitcell" in notebook and "numba" in notebook:  # a quick run's 6 cells are another notebook than 30
        found[f"notebook first run ({notebook['cells']} cells), jitcell / numba"] = (
            notebook["jitcell"]["first_run_median_s"] / notebook["numba"]["first_run_median_s"], False)
    return found


def compare(new: dict, old: dict, tolerance: float = TOLERANCE) -> list[str]:
    """The ratios of `new` more than `tolerance` worse than the same ratios of `old`, as lines of text."""
    worse = []
    before = ratios(old)
    for name, (value, higher) in sorted(ratios(new).items()):
        if name not in before:
            continue
        previous = before[name][0]
        change = previous / value if higher else value / previous  # > 1: worse
        if change > 1 + tolerance:
            worse.append(f"{name}: {previous:.3g} -> {value:.3g} ({(change - 1) * 100:.0f}% worse)")
    return worse
