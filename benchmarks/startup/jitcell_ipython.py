# Fresh process: create an IPython shell, `%load_ext jitcell`, run the `%%jit` cell, call once.
import time

t0 = time.perf_counter()
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
t1 = time.perf_counter()
CELL = '''\
%%jit
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s
'''
for code in ("%load_ext jitcell", CELL, "result = total(1000)"):
    outcome = shell.run_cell(code)
    outcome.raise_error()
t2 = time.perf_counter()

import sys

library = shell.user_ns["total"].library
print("@@BENCH", repr({
    "result": shell.user_ns["result"], "cache_hit": library.cache_hit,
    "llvmlite_imported": "llvmlite" in sys.modules,
    "shell_ms": (t1 - t0) * 1e3, "after_shell_ms": (t2 - t1) * 1e3,
    "compile_ms": None if library.compile_seconds is None else library.compile_seconds * 1e3,
}))
