"""Teaching mode: watch the bug jitcell prevents, safely, in a child process.

    >>> crash = crash_in_child(total, 10)       # total: a JitFunction of this kernel
    >>> crash.signal, hex(crash.address), crash.slot
    ('SIGSEGV', '0x7f3a9c2e1570', 'jitcell.slot.rt.table_new')
    >>> print(crash)                            # what happened, in words

The child process loads the same cached library with slot patching switched off
(JITCELL_TEACHING_SKIP_PATCHING=1), exactly what a loader that silently skips
unexported globals does, and calls the function. Its slots still hold the addresses of
the session that built the library; ASLR put everything elsewhere in the child, so the
first call through a slot jumps into unmapped memory and the child dies. A signal
handler in the child reports the faulting address first, which is one of the baked
addresses. The kernel that asked only reads the child's exit status.

The other teaching switch breaks the library itself: `compile_cell(...,
break_linkage=...)` (targets.py) leaves a slot out of the export table, and the loader
refuses it with a LinkageError before any compiled code runs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from jitcell import abi
from jitcell.loader import load

__all__ = ["ChildCrash", "crash_in_child"]

_CHILD = r'''
import ctypes, json, os, signal, sys

class Sigaction(ctypes.Structure):
    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_uint64 * 16), ("flags", ctypes.c_int),
                ("restorer", ctypes.c_void_p)]

libc = ctypes.CDLL(None)
HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

def on_fault(number, info, context):
    address = ctypes.c_uint64.from_address(info + 16).value  # siginfo_t.si_addr on Linux
    os.write(2, f"\njitcell-fault {number} {address}\n".encode())
    libc.signal(number, 0)  # back to the default action: returning faults again, and the process dies

handler = HANDLER(on_fault)
action = Sigaction(handler=ctypes.cast(handler, ctypes.c_void_p).value, flags=4)  # SA_SIGINFO
for number in (signal.SIGSEGV, signal.SIGBUS, signal.SIGILL):
    libc.sigaction(number, ctypes.byref(action), None)

import warnings
warnings.simplefilter("ignore")
import jitcell
request = json.loads(sys.argv[1])
library = jitcell.compile_cell(request["source"], cache_dir=request["cache_dir"], **request["options"])
print(json.dumps({"hit": library.cache_hit, "pid": os.getpid(),
                  "slots": [[s.name, s.baked, s.patched] for s in library.slots]}), flush=True)
result = library.functions[request["name"]](*request["args"])
print(json.dumps({"result": repr(result)}), flush=True)
'''


@dataclass
class ChildCrash:
    function: str
    returncode: int
    signal: str | None  # "SIGSEGV", ... or None if the child survived
    address: int | None  # the faulting address the child's handler reported
    slot: str | None  # the slot whose baked address that is (or, for the native slot, the table at it)
    slots: list  # [name, baked, value in the child] of the child's library
    cache_hit: bool
    result: str | None  # repr of the result, if the call returned
    stderr: str

    @property
    def survived(self) -> bool:
        return self.signal is None and self.returncode == 0

    def __str__(self) -> str:
        if self.survived:
            return (f"the child called {self.function} with patching switched off and survived (result "
                    f"{self.result}): this function reaches nothing through a slot that the call used")
        where = f" at {self.address:#x}" if self.address is not None else ""
        if self.slot:
            baked = next(b for n, b, _ in self.slots if n == self.slot)
            inside = "" if self.address == baked else f" lies in the table at {baked:#x}, which"
            which = (f"{self.address:#x}{inside} is the address baked into {self.slot} by the session that built "
                     f"the library; in the child that memory holds nothing, because ASLR loaded everything elsewhere")
        else:
            which = "the address is not one of this library's baked slot addresses (another library's slot?)"
        return (f"the child process loaded the cached library ({'cache hit' if self.cache_hit else 'compiled'}) "
                f"with patching switched off, called {self.function}, and died of {self.signal or self.returncode}"
                f"{where}: {which}. The kernel is unaffected.")

    def _repr_html_(self) -> str:
        import html

        colour = "#1a7f37" if self.survived else "#cf222e"
        rows = "".join(f"<tr><td>{html.escape(n)}</td><td>{b:#x}</td><td>{v:#x}</td></tr>"
                       for n, b, v in self.slots)
        return (f"<div style='font-family:monospace'><div style='color:{colour}'>{html.escape(str(self))}</div>"
                f"<table><tr><th>slot</th><th>baked</th><th>in the child</th></tr>{rows}</table></div>")


def crash_in_child(function, *args, patching: bool = False, timeout: float = 120) -> ChildCrash:
    """Call the compiled `function(*args)` in a child process that loads its cached library
    without patching the slots, and report how the child died (or that it did not).
    `patching=True` runs the same child with the loader patching as always: the control."""
    library = function.library
    manifest = library.manifest
    if manifest.get("callees") or manifest.get("uses"):
        raise ValueError(f"{function.__name__}() uses functions or variables of other cells, which the child "
                         "process does not have; use a function whose cell stands alone")
    options = {k: v for k, v in manifest["options"].items()
               if k in ("opt", "wraparound", "first_line", "loop_versioning", "interrupt_checks", "boundscheck")}
    request = {"source": manifest["source"], "cache_dir": str(library.path.parents[2]), "options": options,
               "name": function.__name__, "args": list(args)}
    env = {**os.environ, "JITCELL_TEACHING_SKIP_PATCHING": "0" if patching else "1"}
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(request)], capture_output=True, text=True,
                          env=env, timeout=timeout)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    loaded: dict[str, Any] = next((line for line in lines if "slots" in line), {"slots": [], "hit": False})
    result = next((line["result"] for line in lines if "result" in line), None)
    fault = [line.split() for line in done.stderr.splitlines() if line.startswith("jitcell-fault ")]
    number = -done.returncode if done.returncode < 0 else (int(fault[0][1]) if fault else None)
    address = int(fault[0][2]) if fault else None
    slot = next((name for name, baked, _ in loaded["slots"] if address is not None and (baked == address or (
        name == abi.slot_symbol("native") and baked <= address < baked + 8 * len(load.TABLE)))), None)
    return ChildCrash(function.__name__, done.returncode, signal.Signals(number).name if number else None, address,
                      slot, loaded["slots"], loaded["hit"], result, done.stderr[-2000:])
