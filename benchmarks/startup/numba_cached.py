# Fresh process: import Numba, define an @njit(cache=True) function, call once.
# With a warm NUMBA_CACHE_DIR the call loads the cached machine code; with an
# empty one it compiles (and writes the cache): the first compile in a fresh process.
import time

t0 = time.perf_counter()
from numba import njit

t1 = time.perf_counter()


@njit(cache=True)
def total(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


result = total(1000)
t2 = time.perf_counter()
print("@@BENCH", repr({
    "result": result, "cache_hit": sum(total.stats.cache_hits.values()) > 0,
    "import_ms": (t1 - t0) * 1e3, "first_call_ms": (t2 - t1) * 1e3,
}))
