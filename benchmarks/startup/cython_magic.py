# Fresh process: create an IPython shell, `%load_ext cython`, run the `%%cython` cell, call once.
# The magic builds into $XDG_CACHE_HOME/ipython/cython: warm, it reuses the built module;
# empty, it runs Cython and the C compiler (the first compile in a fresh process).
import time

t0 = time.perf_counter()
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
t1 = time.perf_counter()
CELL = '''\
%%cython
def total(long n):
    cdef long s = 0
    cdef long i
    for i in range(n):
        s += i * i
    return s
'''
import os

from IPython.paths import get_ipython_cache_dir

lib_dir = os.path.join(get_ipython_cache_dir(), "cython")
before = sorted(os.listdir(lib_dir)) if os.path.isdir(lib_dir) else []
for code in ("%load_ext cython", CELL, "result = total(1000)"):
    outcome = shell.run_cell(code)
    outcome.raise_error()
t2 = time.perf_counter()
after = sorted(os.listdir(lib_dir))
print("@@BENCH", repr({
    "result": shell.user_ns["result"], "cache_hit": bool(before) and before == after,
    "shell_ms": (t1 - t0) * 1e3, "after_shell_ms": (t2 - t1) * 1e3,
}))
