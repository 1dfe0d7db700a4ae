"""Python signal handlers run during compiled loops, as between bytecodes (runtime/interrupts.py).

jitcell's C-level handler sits in front of Python's for every signal Python handles (not only
SIGINT), installed from whatever thread loads the first library that checks, and again after
each `signal.signal`: a compiled loop sees the count move and runs Python's handlers at its
next check, in the main thread. Each test runs in a real process and sends real signals
(signal.alarm, setitimer, os.kill).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from compiled_loops import LOOPS

import jitcell
from jitcell.runtime import interrupts

pytestmark = pytest.mark.skipif(not interrupts.supported(), reason="signal handler for Linux x86-64/AArch64")


# Common to the children: the cell (a cache hit, LOOPS unless CELL says otherwise), `timed` and
# a calibration that finds a newton(n) of about `seconds`.
PRELUDE = textwrap.dedent(r'''
    import _signal, json, os, signal, sys, threading, time
    import jitcell
    from jitcell.runtime import interrupts
    # Python installs its SIGINT handler only when SIGINT is not ignored at its start, as it is for
    # a job a non-interactive shell sends to the background: set it as an ordinary start does
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def load(**options):
        return jitcell.compile_cell(os.environ["CELL"], **options).functions

    def timed(function, *args):
        started = time.monotonic()
        try:
            return ["returned", function(*args), round(time.monotonic() - started, 2)]
        except BaseException as error:
            notes = getattr(error, "__notes__", [])
            return [type(error).__name__, str(error), round(time.monotonic() - started, 2), "\n".join(notes)]

    def calibrate(newton, seconds):
        n = 10**5
        while True:
            started = time.monotonic()
            newton(n)
            took = time.monotonic() - started
            if took > seconds / 2:
                return int(n * seconds / took)
            n = int(n * min(seconds / max(took, 1e-4), 100))
''')


def run(code: str, cell: str = LOOPS, timeout: float = 60) -> list:
    """Run PRELUDE + code in a child; its last line of output is JSON."""
    done = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "CELL": cell})
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-3000:])
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module", autouse=True)
def compiled():
    jitcell.compile_cell(LOOPS)  # children hit the cache (conftest's private cache, in the environment)
    jitcell.compile_cell(LOOPS, interrupt_checks=False)


def raising_alarm_handler_result(found: list, line: str) -> None:
    kind, message, seconds, notes = found
    assert (kind, message) == ("TimeoutError", "too slow")
    assert 0.9 <= seconds < 1.6, seconds  # alarm(1), noticed at the loop's next check
    assert line in notes and "(compiled by jitcell)" in notes


def test_an_alarm_handler_that_raises_stops_an_endless_loop():
    """The handler is set after the library was loaded: the wrapped signal.signal puts jitcell's
    handler in front of it (and before: the load installs it)."""
    found = run('''
        def too_slow(signum, frame):
            raise TimeoutError("too slow")

        f = load()
        results = []
        signal.signal(signal.SIGALRM, too_slow)  # after the load
        assert interrupts.installed(signal.SIGALRM)
        signal.alarm(1)
        results.append(timed(f["spin"], -1))
        signal.alarm(1)
        results.append(timed(f["parity"], 10**18))  # chunks of CHUNK iterations between checks
        print(json.dumps(results))
    ''')
    raising_alarm_handler_result(found[0], "while True:")
    raising_alarm_handler_result(found[1], "for i in range(n):")


def test_the_handler_set_before_the_first_load_is_installed_by_the_load():
    found = run('''
        def too_slow(signum, frame):
            raise TimeoutError("too slow")

        signal.signal(signal.SIGALRM, too_slow)  # before jitcell's runtime exists: nothing wraps it yet
        f = load()
        signal.alarm(1)
        print(json.dumps(timed(f["spin"], -1)))
    ''')
    raising_alarm_handler_result(found, "while True:")


def test_without_checks_or_without_jitcells_handler_the_alarm_waits_for_the_loop_to_end():
    """An alarm 0.3 s into a loop of about a second: with interrupt_checks=False, or with Python's
    handler set by the unwrapped signal.signal (jitcell's handler not in front), it is handled
    only after the call returns; the control stops at once."""
    found = run('''
        def too_slow(signum, frame):
            raise TimeoutError("too slow")

        f, unchecked = load(), load(interrupt_checks=False)
        n = calibrate(f["newton"], 1.0)
        results = []
        signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        results.append(timed(unchecked["newton"], n))
        _signal.signal.__wrapped__(signal.SIGALRM, too_slow)  # CPython's own: displaces jitcell's handler
        assert not interrupts.installed(signal.SIGALRM)
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        results.append(timed(f["newton"], n))
        signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        results.append(timed(f["newton"], n))  # the control
        print(json.dumps(results))
    ''')
    assert [(kind, message) for kind, message, *_ in found] == [("TimeoutError", "too slow")] * 3, found
    assert [seconds > 0.6 for _, _, seconds, _ in found] == [True, True, False], found
    assert ["compiled by jitcell" in notes for *_, notes in found] == [False, False, True], found


def test_a_handler_that_returns_runs_during_the_loop_which_goes_on():
    found = run('''
        ticks = []
        signal.signal(signal.SIGALRM, lambda signum, frame: ticks.append(time.monotonic()))
        f = load()
        n = calibrate(f["newton"], 0.5)
        expected = f["newton"](n)
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
        started = time.monotonic()
        value = f["newton"](n)
        ended = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, 0)
        during = [t for t in ticks if started < t < ended]
        print(json.dumps([value == expected, len(during), ended - started]))
    ''')
    same, during, seconds = found
    assert same and during >= 0.5 * seconds / 0.05, found  # Python's handler ran all along the call


def test_a_cell_first_loaded_in_a_worker_thread_is_interruptible_in_the_main_thread():
    found = run('''
        box = {}
        worker = threading.Thread(target=lambda: box.setdefault("f", load()))
        worker.start()
        worker.join()
        installed = interrupts.installed()  # by the worker: sigaction is process-wide
        threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
        print(json.dumps([installed, timed(box["f"]["spin"], -1)]))
    ''')
    installed, (kind, message, seconds, notes) = found
    assert installed and kind == "KeyboardInterrupt"
    assert 0.4 <= seconds < 1.5 and "while True:" in notes


def test_a_loop_in_a_worker_thread_leaves_the_handler_to_the_main_thread():
    """The worker's loop sees the count move and goes on without running Python's handlers (only the
    main thread may); the main thread, waiting for it, runs the handler, which raises there."""
    found = run('''
        def too_slow(signum, frame):
            raise TimeoutError(threading.current_thread().name)

        f = load()
        n = calibrate(f["newton"], 1.0)
        expected = f["newton"](n)
        signal.signal(signal.SIGALRM, too_slow)
        box, done = {}, threading.Event()

        def work():
            box["value"] = timed(f["newton"], n)
            done.set()

        worker = threading.Thread(target=work, name="worker")
        before = interrupts.count()
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        worker.start()
        in_main = timed(done.wait)
        done.wait()  # (not join(): a join interrupted by an exception marks the thread as stopped)
        print(json.dumps([in_main, box["value"][0] == "returned" and box["value"][1] == expected,
                          interrupts.count() - before]))
    ''')
    (kind, message, seconds, _), worker_finished, counted = found
    assert (kind, message) == ("TimeoutError", "MainThread") and worker_finished and counted >= 1, found
