"""A real IPython kernel: compile a %%jit cell, restart the kernel, load the cell from the cache.

The restarted kernel is a new process with a new memory layout. The test checks the
cache hit and that every slot was patched to the new process's addresses, and then
shows that the same check fails when the loader's patching is switched off (the
kernel calls an address from the previous process and dies, or misbehaves).
"""

from __future__ import annotations

import pytest

from jitcell.demo import _QUERY, CELL
from jitcell.kernel.session import KernelSession
from jitcell.options import SKIP_PATCHING_ENV

pytestmark = pytest.mark.kernel

CALL = "print('->', harmonic(10), chunks(10, 3))"
# the callbacks; the interrupt counter harmonic's loop checks, and the runtime's check_signals, which
# runs Python's signal handlers before compiled code calls into Python, in the main thread only
# (runtime/source.py; jitcell/interrupts.py); the table of CPython functions and objects that the
# native entries of harmonic and chunks use (loader/bind.py)
DEMO_SLOTS = {"jitcell.slot.print", "jitcell.slot.raise", "jitcell.slot.interrupts", "jitcell.slot.rt.check_signals",
              "jitcell.slot.native"}


def run_in(kernel: KernelSession) -> dict:
    kernel.execute("%load_ext jitcell")
    reply = kernel.execute(CELL)
    assert reply.status == "ok", reply.error
    info = kernel.evaluate(_QUERY)  # before any compiled code runs in this process
    info["summary"] = reply.displays[0]["text/plain"]
    call = kernel.execute(CALL)
    info["call_status"], info["output"] = call.status, call.stdout
    return info


def restart_scenario(cache, env_after_restart: dict | None = None) -> tuple[dict, dict]:
    with KernelSession(env={"JITCELL_CACHE_DIR": str(cache)}) as kernel:
        first = run_in(kernel)
        pid = kernel.pid
        kernel.restart(env=env_after_restart)
        assert kernel.pid != pid
        second = run_in(kernel)
    return first, second


def check_restart(first: dict, second: dict) -> None:
    assert not first["hit"] and first["compile"] is not None
    assert second["hit"] and second["compile"] is None
    assert second["key"] == first["key"]
    assert "cache miss" in first["summary"] and "cache hit" in second["summary"]
    for info in (first, second):
        assert info["call_status"] == "ok", info
    assert first["output"] == second["output"] == "harmonic 10 = 2.9289682539682538\n-> 2.9289682539682538 4\n"
    slots = {name: (baked, patched) for name, _, baked, patched in second["slots"]}
    assert set(slots) == DEMO_SLOTS
    for name, _, baked, patched in first["slots"]:
        assert patched == baked, f"{name}: the compiling kernel's own addresses are baked in"
    for name, (baked, patched) in slots.items():
        assert patched != baked, f"{name} still holds the address from the kernel that built it"


def test_restart_is_a_cache_hit_with_every_slot_patched(tmp_path):
    first, second = restart_scenario(tmp_path / "cache")
    check_restart(first, second)


def test_the_check_fails_when_patching_is_switched_off(tmp_path):
    first, second = restart_scenario(tmp_path / "cache", env_after_restart={SKIP_PATCHING_ENV: "1"})
    with pytest.raises(AssertionError):
        check_restart(first, second)
    # the slots kept the first kernel's addresses, and calling through them did not work
    assert [s[2:] for s in second["slots"]] == [[baked, baked] for *_, baked, _ in second["slots"]]
    assert second["call_status"] == "died" or second["output"] != first["output"]


def test_a_runtime_fault_keeps_the_kernel_and_its_state(tmp_path):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path / "cache")}) as kernel:
        kernel.execute("%load_ext jitcell\nkept = 'still here'")
        assert kernel.execute(CELL).status == "ok"
        reply = kernel.execute("chunks(10, 0)")
        assert reply.status == "error"
        assert reply.error["ename"] == "ZeroDivisionError"
        assert reply.error["evalue"] == "integer division or modulo by zero"
        assert kernel.evaluate("kept") == "still here"
        assert kernel.evaluate("chunks(10, 3)") == 4


def test_compiled_print_interleaves_with_python_print(tmp_path):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path / "cache")}) as kernel:
        kernel.execute("%load_ext jitcell")
        kernel.execute(CELL)
        reply = kernel.execute("print('before')\nharmonic(3)\nprint('after')")
        assert reply.stdout == "before\nharmonic 3 = 1.8333333333333333\nafter\n"


def test_compile_error_fails_the_cell_without_internal_traceback(tmp_path):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(tmp_path / "cache")}) as kernel:
        kernel.execute("%load_ext jitcell")
        reply = kernel.execute("%%jit\ndef f(n: int) -> int:\n    return n + undefined_name\n")
        assert reply.status == "error" and reply.error["ename"] == "CompileError"
        text = "\n".join(reply.error["traceback"])
        assert "cell:3:16: error: name 'undefined_name' is not defined" in text
        assert "pipeline.py" not in text and "Traceback" not in text
