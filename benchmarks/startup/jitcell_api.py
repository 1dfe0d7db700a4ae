# Fresh process: import jitcell, compile_cell (a cache hit when the cache is warm), call once.
# run.py times the whole process from outside; the timings below only break it down.
import time

t0 = time.perf_counter()
import jitcell

t1 = time.perf_counter()
SOURCE = '''\
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s
'''
library = jitcell.compile_cell(SOURCE)
t2 = time.perf_counter()
result = library.functions["total"](1000)
t3 = time.perf_counter()

import sys

print("@@BENCH", repr({
    "result": result, "cache_hit": library.cache_hit, "llvmlite_imported": "llvmlite" in sys.modules,
    "import_ms": (t1 - t0) * 1e3, "compile_cell_ms": (t2 - t1) * 1e3, "call_ms": (t3 - t2) * 1e3,
    "compile_ms": None if library.compile_seconds is None else library.compile_seconds * 1e3,
    "load_ms": library.load_seconds * 1e3, "stages_ms": {k: v * 1e3 for k, v in library.timings.items()},
}))
