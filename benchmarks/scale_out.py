"""Scale-out: time to the first result on two fresh Dask worker processes, jitcell against Numba.

    python benchmarks/scale_out.py [rounds]     writes results/scale_out.{json,md}

Each round starts a `distributed.LocalCluster` of two worker processes (one thread each) and waits
until both are up: the cluster is warm, the workers have imported neither jitcell nor Numba. Then,
timed from the first `submit` to both results: jitcell, a function compiled in this process whose
pickle brings its library and the runtime library to workers with empty caches of their own
(loader/parcels.py); then, after `client.restart()` (fresh worker processes again), Numba,
`@njit(cache=True)` in a module both sides import (scale_out_kernels.py), whose on-disk cache this
process filled first, so a worker loads rather than compiles, as Numba's best case. The order of the
two alternates between rounds. Also: two Python threads each calling a compiled loop against one
thread calling it twice (jitcell releases the GIL during a call).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CELL = '''
def collatz_total(n: int) -> int:
    total = 0
    for start in range(1, n):
        k = start
        while k != 1:
            k = k // 2 if k % 2 == 0 else 3 * k + 1
            total += 1
    return total
'''

SPIN = '''
def spin(n: int) -> float:
    s = 0.0
    for i in range(n):
        s += (i % 7) * 0.5
    return s
'''


def first_results(client, function, argument) -> float:
    workers = list(client.scheduler_info()["workers"])
    started = time.perf_counter()
    futures = [client.submit(function, argument, workers=[w], pure=False) for w in workers]
    results = client.gather(futures)
    elapsed = time.perf_counter() - started
    assert len(set(results)) == 1, results
    return elapsed


def scale_out(rounds: int) -> dict:
    import distributed
    from scale_out_kernels import collatz_total as numba_collatz

    import jitcell

    jit_collatz = jitcell.compile_cell(CELL).functions["collatz_total"]
    assert numba_collatz(1000) == jit_collatz(1000)  # fills Numba's on-disk cache
    times: dict[str, list[float]] = {"jitcell": [], "numba": []}
    for r in range(rounds):
        caches = tempfile.mkdtemp(prefix="jitcell-bench-workers-")
        env = {"JITCELL_CACHE_DIR": os.path.join(caches, "w"), "PYTHONPATH": str(HERE)}
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      env=env) as cluster, distributed.Client(cluster) as client:
            client.wait_for_workers(2)
            order = [("jitcell", jit_collatz), ("numba", numba_collatz)]
            for i, (name, function) in enumerate(order if r % 2 == 0 else order[::-1]):
                if i:
                    env["JITCELL_CACHE_DIR"] = os.path.join(caches, f"w{r}")
                    client.restart()
                    client.wait_for_workers(2)
                times[name].append(first_results(client, function, 1000))
    return {name: {"median_s": statistics.median(t), "min_s": min(t), "rounds": t} for name, t in times.items()}


def threads(rounds: int) -> dict:
    import jitcell

    spin = jitcell.compile_cell(SPIN).functions["spin"]
    n = 50_000_000
    spin(1000)

    def one() -> float:
        started = time.perf_counter()
        spin(n)
        spin(n)
        return time.perf_counter() - started

    def two() -> float:
        workers = [threading.Thread(target=spin, args=(n,)) for _ in range(2)]
        started = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return time.perf_counter() - started

    serial, parallel = [], []
    for _ in range(rounds):
        serial.append(one())
        parallel.append(two())
    return {"one_thread_two_calls_s": min(serial), "two_threads_s": min(parallel),
            "speedup": min(serial) / min(parallel)}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    out = {"machine": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
           "load": os.getloadavg()[0], "scale_out": scale_out(rounds), "threads": threads(rounds)}
    (HERE / "results" / "scale_out.json").write_text(json.dumps(out, indent=1))
    s, t = out["scale_out"], out["threads"]
    ratio = s["jitcell"]["median_s"] / s["numba"]["median_s"]
    lines = [
        "# Scale-out: first results on two fresh Dask workers, and two threads",
        "",
        f"`python benchmarks/scale_out.py {rounds}`: {rounds} rounds, {out['cpus']} CPUs, load average "
        f"{out['load']:.2f} at the end. Time from the first `submit` to both results, on two fresh worker "
        "processes of a warm LocalCluster (jitcell: empty caches, the library comes in the pickle; Numba: "
        "`@njit(cache=True)`, its on-disk cache already filled).",
        "",
        "| | median | min | rounds |",
        "|---|---:|---:|---|",
        *[f"| {name} | {v['median_s'] * 1000:.0f} ms | {v['min_s'] * 1000:.0f} ms | "
          f"{', '.join(f'{x * 1000:.0f}' for x in v['rounds'])} |" for name, v in s.items()],
        "",
        f"jitcell / Numba (median): **{ratio:.2f}x**.",
        "",
        f"Two threads each calling a compiled loop: {t['two_threads_s']:.3f} s; one thread making both calls: "
        f"{t['one_thread_two_calls_s']:.3f} s; speed-up **{t['speedup']:.2f}x** on {out['cpus']} CPUs "
        "(a call runs without the GIL).",
        "",
    ]
    (HERE / "results" / "scale_out.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
