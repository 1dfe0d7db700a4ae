"""SIGINT (Kernel > Interrupt, Ctrl-C) stops compiled loops with one KeyboardInterrupt (jitcell/interrupts.py).

In this process the signal is sent with os.kill from a timer thread while the main thread
runs compiled code; the kernel tests press Interrupt on a real ipykernel through
jupyter_client, where SIGINT reaches Python only after the native call returns.
"""

from __future__ import annotations

import _signal
import os
import signal
import textwrap
import threading
import time

import pytest
from compiled_loops import FOREVER, LOOPS

import jitcell
from jitcell.kernel.session import KernelSession
from jitcell.runtime import interrupts

pytestmark = pytest.mark.skipif(not interrupts.supported(), reason="SIGINT handler for Linux x86-64/AArch64")


@pytest.fixture(scope="module")
def loops():
    # Python installs its SIGINT handler only when SIGINT is not ignored at its start, as it is for a job
    # a non-interactive shell sends to the background (`./dev test &`): set it as an ordinary start does
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    return jitcell.compile_cell(LOOPS).functions


def sigint_after(seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


def interrupted(function, *args, after: float = 0.2) -> tuple[BaseException | None, float]:
    """Call with a SIGINT `after` seconds in; the exception and the seconds from the signal to it."""
    timer = sigint_after(after)
    started = time.monotonic()
    try:
        function(*args)
    except BaseException as error:  # noqa: BLE001 - KeyboardInterrupt is the point
        return error, time.monotonic() - started - after
    finally:
        timer.join()
    return None, time.monotonic() - started - after


@pytest.mark.timeout(60, method="thread")  # an uninterruptible loop would hang the signal method too
@pytest.mark.parametrize("name", list(FOREVER))
def test_sigint_stops_an_endless_loop_with_keyboard_interrupt(loops, name):
    error, latency = interrupted(loops[name], FOREVER[name])
    assert isinstance(error, KeyboardInterrupt), error
    assert latency < 1.0
    note = "\n".join(error.__notes__)
    assert f"in {name} (compiled by jitcell)" in note
    # a loop back-edge noticed it, or (chatty) the print callback, which runs Python's handlers first
    lines = {"spin": ["while True:"], "chatty": ["for i in range(n):", 'print("at", i)']}
    assert any(line in note for line in lines.get(name, ["for i in range(n):"])), note
    # the next call runs normally: the interrupt was consumed, none is pending
    assert loops[name](10) == {"spin": 10, "parity": 5, "grid": 3334, "chatty": 24}[name]
    time.sleep(0.05)  # a second KeyboardInterrupt pending in Python would be raised around here


@pytest.mark.timeout(60, method="thread")
def test_a_printing_loop_gives_one_keyboard_interrupt_and_no_lost_one(loops, capfd):
    for _ in range(3):
        error, latency = interrupted(loops["chatty"], FOREVER["chatty"], after=0.1)
        assert isinstance(error, KeyboardInterrupt) and latency < 1.0
    err = capfd.readouterr().err
    assert "Exception ignored" not in err and "KeyboardInterrupt" not in err  # none dropped in a callback


def test_a_sigint_python_already_handled_does_not_stop_the_next_call(loops):
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # Python's handler raises here
    before = interrupts.count()
    assert loops["spin"](1000) == 1000 and loops["parity"](100) == 50
    assert interrupts.count() == before


def test_without_checks_the_loop_runs_to_its_end(loops):
    unchecked = jitcell.compile_cell(LOOPS, interrupt_checks=False)
    assert "jitcell.slot.interrupts" not in {s.name for s in unchecked.slots}
    assert unchecked.key != loops["newton"].library.key
    assert unchecked.manifest["options"]["interrupt_checks"] is False
    newton = unchecked.functions["newton"]
    n = 10**5
    while True:  # a loop of about half a second
        started = time.monotonic()
        expected = newton(n)
        took = time.monotonic() - started
        if took > 0.4:
            break
        n = int(n * min(0.5 / max(took, 1e-4), 100))
    error, latency = interrupted(newton, n, after=0.05)
    assert isinstance(error, KeyboardInterrupt)  # by Python, after the call returned
    assert latency > 0.5 * took  # the loop was not stopped early
    assert loops["newton"](n) == expected  # with checks: the same result


def test_a_loop_in_another_thread_is_not_interrupted(loops):
    results = {}

    def work():
        results["value"] = loops["newton"](5 * 10**7)

    worker = threading.Thread(target=work)
    worker.start()
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        worker.join()  # Python raises in the main thread, as for any Python code
    worker.join()
    assert results["value"] == loops["newton"](5 * 10**7)  # the whole loop ran


def test_the_handler_is_installed_and_rearmed_after_python_replaces_it(loops):
    assert interrupts.installed() and interrupts.follows_signal()
    python_signal = _signal.signal.__wrapped__  # CPython's own, which jitcell's wrapper (and signal.signal) calls
    previous = python_signal(signal.SIGINT, signal.default_int_handler)  # displaces jitcell's
    try:
        assert not interrupts.installed()
        jitcell.compile_cell(LOOPS)  # loading a library that checks re-arms it
        assert interrupts.installed()
        python_signal(signal.SIGINT, signal.default_int_handler)
        assert not interrupts.installed()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the wrapper re-arms it at once
        assert interrupts.installed()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # nothing to chain to: not installed
        assert signal.SIGINT not in interrupts.install() and not interrupts.installed()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        assert signal.SIGINT in interrupts.install() and signal.SIGINT in interrupts.install()  # idempotent
        python_signal(signal.SIGINT, signal.default_int_handler)
        result = {}
        thread = threading.Thread(target=lambda: result.setdefault("installed", interrupts.install()))
        thread.start()
        thread.join()
        assert signal.SIGINT in result["installed"] and interrupts.installed()  # sigaction is process-wide
    finally:
        signal.signal(signal.SIGINT, previous)
        interrupts.install()


def test_checks_stay_out_of_innermost_loops_which_still_vectorize():
    """The inner loop of a nest runs in chunks; its body has no check and is vectorized; a loop
    with a constant small trip count has no check at all."""
    from jitcell.compiler.backend import machine
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

    def optimized(source, checks):
        lowered = lower(check(parse(source), source), tag=1, wraparound=False, interrupt_checks=checks)
        return str(machine.optimize(lowered.module, 2))

    nested = textwrap.dedent("""
        def quarter_circle(n: int) -> int:
            count = 0
            for i in range(n):
                for j in range(n):
                    if i * i + j * j < n * n:
                        count += 1
            return count
    """)
    with_checks, without = optimized(nested, True), optimized(nested, False)
    assert "load atomic" in with_checks and "load atomic" not in without
    assert "x i64>" in with_checks and "x i64>" in without  # vector code with the checks too
    small = "def f(x: float) -> float:\n    for k in range(20):\n        x = 0.5 * (x + 2.0 / x)\n    return x\n"
    assert "load atomic" not in optimized(small, True)


def test_the_magic_option_turns_checks_off(fresh_cache):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    assert "--no-interrupt" in shell.find_cell_magic("jit").__doc__
    cell = "def count(n: int) -> int:\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n"
    shell.run_cell_magic("jit", "-q --no-interrupt", cell)
    assert shell.user_ns["count"].library.manifest["options"]["interrupt_checks"] is False
    shell.run_cell_magic("jit", "-q", cell)
    assert shell.user_ns["count"].library.manifest["options"]["interrupt_checks"] is True
    assert interrupts._before_cell in shell.events.callbacks["pre_execute"]


# ---- a real kernel ---------------------------------------------------------------------------

KERNEL_CELL = "%%jit\n" + LOOPS
CALIBRATE = """
import time
n = 10**5
while True:  # newton(n) takes about a second
    t0 = time.perf_counter()
    newton(n)
    took = time.perf_counter() - t0
    if took > 0.8:
        break
    n = int(n * min(1.0 / max(took, 1e-4), 100))
"""


def interrupt_cell(kernel: KernelSession, code: str, after: float = 0.5) -> tuple[dict, float]:
    started = time.monotonic()
    reply = kernel.execute(code, timeout=60, interrupt_after=after)
    latency = time.monotonic() - started - after
    assert reply.status == "error", (reply.status, reply.stdout[-300:], reply.stderr[-300:])
    return reply.error, latency


@pytest.mark.kernel
def test_kernel_interrupt_stops_compiled_loops_and_keeps_the_kernel(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}) as kernel:
        kernel.execute("%load_ext jitcell\nkept = 41")
        assert kernel.execute(KERNEL_CELL).status == "ok"
        pid = kernel.pid
        for call in ("spin(-1)", "parity(10**18)"):
            error, latency = interrupt_cell(kernel, call)
            assert error["ename"] == "KeyboardInterrupt", error
            assert latency < 2.0, latency
            assert "compiled by jitcell" in "\n".join(error["traceback"])
        assert kernel.is_alive() and kernel.pid == pid
        assert kernel.evaluate("kept + 1") == 42  # the kernel and its state survived
        assert kernel.evaluate("spin(5) + parity(10)") == 10


@pytest.mark.kernel
@pytest.mark.slow
def test_kernel_interrupts_again_and_again(fresh_cache):
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}) as kernel:
        kernel.execute("%load_ext jitcell\nkept = [1, 2, 3]")
        assert kernel.execute(KERNEL_CELL).status == "ok"
        for _ in range(3):
            for name, arg in FOREVER.items():
                error, latency = interrupt_cell(kernel, f"{name}({arg})", after=0.3)
                assert error["ename"] == "KeyboardInterrupt" and latency < 2.0, (name, error, latency)
            reply = kernel.execute("import time\ntime.sleep(30)", timeout=60, interrupt_after=0.3)
            assert reply.error["ename"] == "KeyboardInterrupt"  # Python code still interrupts too
        # a cell compiled with --no-interrupt runs to its end, then Python raises
        assert kernel.execute("%%jit -q --no-interrupt\n" + LOOPS).status == "ok"
        assert kernel.execute(CALIBRATE).status == "ok"
        took = kernel.evaluate("took")
        started = time.monotonic()
        reply = kernel.execute("newton(n)", timeout=120, interrupt_after=0.2)
        assert reply.error["ename"] == "KeyboardInterrupt"
        assert time.monotonic() - started > 0.2 + 0.5 * took
        assert kernel.evaluate("sum(kept) + spin(3)") == 9


TRYING = textwrap.dedent('''
    def failing_forever(d: int) -> int:
        caught = 0
        while True:
            try:
                caught += 1 // d
            except Exception:
                caught += 1

    def guarded(limit: int) -> int:
        try:
            count = 0
            while True:
                count += 1
                if count == limit:
                    break
            return count
        except Exception:
            return -1

    def swallowing(limit: int) -> int:
        try:
            count = 0
            while True:
                count += 1
                if count == limit:
                    break
            return count
        except:  # noqa: E722
            return -1
''')


def interrupted_repeatedly(function, *args, every: float = 0.25, limit: int = 40) -> tuple[BaseException | None, int]:
    """Call, sending SIGINT every `every` seconds until the call ends (a user pressing Interrupt
    again); the exception and how many signals it took."""
    done, sent = threading.Event(), [0]

    def press() -> None:
        while not done.wait(every) and sent[0] < limit:
            sent[0] += 1
            os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press)
    presser.start()
    try:
        function(*args)
    except BaseException as error:  # noqa: BLE001 - KeyboardInterrupt is the point
        return error, sent[0]
    finally:
        done.set()
        presser.join()
    return None, sent[0]


@pytest.mark.timeout(60, method="thread")
def test_except_exception_does_not_catch_the_interrupt():
    """KeyboardInterrupt is a BaseException: `except Exception` lets it through, whether the loop
    raises and catches an exception at every iteration or the try is around the loop.

    A loop that calls back into Python at every turn (failing_forever raises and catches at each
    one) may get the SIGINT's KeyboardInterrupt as a callback's function starts, before its `try`:
    the runtime's callback hands that one over as the pending error (runtime/source.py, hand_over).
    The loop is sent SIGINT until it stops, and must stop with KeyboardInterrupt."""
    functions = jitcell.compile_cell(TRYING).functions
    error, presses = interrupted_repeatedly(functions["failing_forever"], 0)
    assert isinstance(error, KeyboardInterrupt), ("failing_forever", error, presses)
    error, latency = interrupted(functions["guarded"], -1)
    assert isinstance(error, KeyboardInterrupt), ("guarded", error)
    assert latency < 1.0
    # a bare except catches it, as in Python: the same loop returns instead of stopping
    error, _ = interrupted(functions["swallowing"], -1)
    assert error is None
    assert functions["swallowing"](5) == 5
