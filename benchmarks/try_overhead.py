"""A try around a loop costs nothing where nothing is raised: the same float loop with and without
one (results in benchmarks/results/try_overhead.md)."""

import time

import jitcell

CELL = '''
def plain(n: int) -> float:
    s = 0.0
    for i in range(1, n):
        s += 1.0 / i
    return s

def guarded(n: int) -> float:
    s = 0.0
    try:
        for i in range(1, n):
            s += 1.0 / i
    except ZeroDivisionError:
        return -1.0
    return s

def guarded_inside(n: int) -> float:
    s = 0.0
    for i in range(1, n):
        try:
            s += 1.0 / i
        except ZeroDivisionError:
            s = -1.0
    return s
'''


def best(f, n: int, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f(n)
        times.append(time.perf_counter() - start)
    return min(times)


if __name__ == "__main__":
    functions = jitcell.compile_cell(CELL).functions
    n = 10_000_000
    for name in ("plain", "guarded", "guarded_inside"):
        print(f"{name}: {best(functions[name], n) * 1e3:.2f} ms for n = {n:,}")
