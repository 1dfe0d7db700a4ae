"""Linking with the real linkers on this machine, and the errors when there is none or it fails."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import jitcell
from jitcell.compiler.backend import link, spawn
from jitcell.errors import LinkError, ToolchainError

SOURCE = "import math\ndef f(x: float) -> float:\n    return math.expm1(x) * 2.0\n"


@pytest.fixture(autouse=True)
def forget_the_chosen_linker():
    link.find_linker.cache_clear()
    yield
    link.find_linker.cache_clear()


@pytest.mark.parametrize("name", ["ld", "cc", "zig"])
def test_each_linker_builds_a_working_library(name, monkeypatch, fresh_cache):
    if link._candidates()[name] is None:
        pytest.skip(f"no {name} on this machine")
    monkeypatch.setenv("JITCELL_LINKER", name)
    lib = jitcell.compile_cell(SOURCE, cache=False)
    assert lib.manifest["library"]["linker"][0] == link._candidates()[name][0]
    assert lib.functions["f"](0.5) == 2.0 * __import__("math").expm1(0.5)
    assert {i["name"] for i in lib.imports} == {"expm1"}


def test_default_is_the_system_ld_when_present():
    assert link.find_linker().name == "ld"


def test_no_linker_says_how_to_get_one(monkeypatch):
    monkeypatch.setattr(link, "_candidates", lambda: {"ld": None, "cc": None, "zig": None})
    with pytest.raises(ToolchainError) as caught:
        jitcell.compile_cell(SOURCE, cache=False)
    assert "no linker" in str(caught.value) and "pip install ziglang" in str(caught.value)


def test_unknown_linker_choice(monkeypatch):
    monkeypatch.setenv("JITCELL_LINKER", "gold")
    with pytest.raises(ToolchainError, match="choose one of ld, cc, zig"):
        link.find_linker()


def test_a_link_failure_shows_the_linker_output(tmp_path):
    bad = tmp_path / "cell.o"
    bad.write_bytes(b"this is not an object file")
    with pytest.raises(LinkError) as caught:
        link.link(bad, tmp_path / "cell.so")
    message = str(caught.value)
    assert "the linker failed" in message and str(bad) in message
    assert "file format not recognized" in message  # ld's own words


def test_the_linker_runs_through_posix_spawn_with_its_status_output_and_timeout():
    """spawn.run (how link() starts the linker): the exit status, stdout and stderr together, a
    program that does not exist is an OSError, and one past its timeout is killed."""
    status, output = spawn.run([sys.executable, "-c", "import sys; print('out'); print('err', file=sys.stderr); "
                                                      "sys.exit(3)"], timeout=60)
    assert (status, sorted(output.split())) == (3, ["err", "out"])
    big = spawn.run([sys.executable, "-c", "print('x' * 300000)"], timeout=60)  # more than a pipe holds
    assert big == (0, "x" * 300000 + "\n")
    with pytest.raises(OSError):
        spawn.run(["jitcell-no-such-program"], timeout=60)
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        spawn.run([sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
    assert time.monotonic() - started < 30  # killed, not waited for


def test_a_linker_that_cannot_start_is_a_toolchain_error(tmp_path, monkeypatch):
    monkeypatch.setattr(link, "find_linker", lambda: link.Linker("ld", ("jitcell-no-such-linker",)))
    with pytest.raises(ToolchainError, match="could not run the linker jitcell-no-such-linker"):
        link.link(tmp_path / "cell.o", tmp_path / "cell.so")


def test_a_started_program_runs_while_the_caller_works_and_can_be_stopped():
    """spawn.start returns while the program runs (link.start: the compiler writes the manifest
    meanwhile); `stop` kills and reaps one that is not needed any more."""
    started = time.monotonic()
    running = spawn.start([sys.executable, "-c", "import time; time.sleep(60)"], timeout=60)
    assert time.monotonic() - started < 30
    pid = running.pid
    running.stop()
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(pid, os.WNOHANG)
    done = spawn.start([sys.executable, "-c", "print('done')"], timeout=60)
    assert done.wait() == (0, "done\n")


def test_a_failure_while_the_linker_runs_stops_it(monkeypatch):
    """build starts the linker, describes the code while it runs, then waits: if describing fails,
    the linker is stopped and reaped, not left running."""
    from jitcell.compiler import driver

    started = []
    real_start = spawn.start

    def recorded(command, timeout):
        started.append(real_start(command, timeout))
        return started[-1]

    def broken(*args, **kwargs):
        raise RuntimeError("describing failed")

    monkeypatch.setattr(spawn, "start", recorded)
    monkeypatch.setattr(driver, "_describe", broken)
    with pytest.raises(RuntimeError, match="describing failed"):
        jitcell.compile_cell("def f(x: int) -> int:\n    return x + 1\n", cache=False)
    assert len(started) == 1 and started[0].command[0] == link.find_linker().program[0]
    assert started[0].pid is None and started[0].read is None  # killed and reaped, its pipe closed
