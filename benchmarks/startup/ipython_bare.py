# Fresh process: create an IPython shell and nothing else (the baseline of the IPython rows).
import time

t0 = time.perf_counter()
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
t1 = time.perf_counter()
print("@@BENCH", repr({"shell_ms": (t1 - t0) * 1e3}))
