"""Linking with the real linkers on this machine, and the errors when there is none or it fails."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
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


def _record_started(monkeypatch) -> list:
    """The programs spawn.start starts from now on (the linkers of a compile), as they are started."""
    started = []
    real_start = spawn.start

    def recorded(command, timeout, feed_fd=None):
        started.append(real_start(command, timeout, feed_fd))
        return started[-1]

    monkeypatch.setattr(spawn, "start", recorded)
    return started


def test_a_failure_while_the_linker_runs_stops_it(monkeypatch):
    """build starts the linker, describes the code while it runs, then waits: if describing fails,
    the linker is stopped and reaped, not left running."""
    from jitcell.compiler import driver

    def broken(*args, **kwargs):
        raise RuntimeError("describing failed")

    started = _record_started(monkeypatch)
    monkeypatch.setattr(driver, "_describe", broken)
    with pytest.raises(RuntimeError, match="describing failed"):
        jitcell.compile_cell("def f(x: int) -> int:\n    return x + 1\n", cache=False)
    assert len(started) == 1 and started[0].command[0] == link.find_linker().program[0]
    assert started[0].pid is None and started[0].read is None  # killed and reaped, its pipe closed
    assert started[0].feed is None


def test_a_failure_before_the_prestarted_linker_has_its_objects_stops_it(monkeypatch):
    """GNU ld starts while LLVM emits (link.prestart): if emitting fails, the waiting linker is
    stopped and reaped, and its script pipe closed."""
    from jitcell.compiler import driver

    def broken(*args, **kwargs):
        raise RuntimeError("emitting failed")

    started = _record_started(monkeypatch)
    monkeypatch.setattr(driver.machine, "emit", broken)
    with pytest.raises(RuntimeError, match="emitting failed"):
        jitcell.compile_cell("def f(x: int) -> int:\n    return x + 1\n", cache=False)
    assert [r.command[-2:] for r in started] == [["-T", "/dev/fd/3"]]
    assert started[0].pid is None and started[0].read is None and started[0].feed is None


@pytest.mark.parametrize("source", [SOURCE, "def g(x: int) -> int:\n    return x + 1\n"],
                         ids=["libm", "no-library"])
def test_the_prestarted_linker_makes_the_library_the_ordinary_link_makes(source, tmp_path, monkeypatch):
    """The prestarted ld reads ld's default script and the inputs from a pipe: the library is the
    same, byte for byte, as `ld -shared ... cell.o -lm` makes (the command the manifest records),
    also in a folder whose name has a space. Without its default script, jitcell links as before."""
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(tmp_path / "a cache"))
    fed = []
    real_start = spawn.start

    def recorded(command, timeout, feed_fd=None):
        if "--verbose" not in command:  # (ld printing its default script, once per process)
            fed.append(feed_fd)
        return real_start(command, timeout, feed_fd)

    monkeypatch.setattr(spawn, "start", recorded)
    prestarted = jitcell.compile_cell(source)
    assert fed == [3]
    link._default_script.cache_clear()
    monkeypatch.setattr(link.spawn, "run", lambda command, timeout: (1, "no script"))
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(tmp_path / "b cache"))
    ordinary = jitcell.compile_cell(source)
    assert fed == [3, None]
    link._default_script.cache_clear()
    assert prestarted.manifest["key"] == ordinary.manifest["key"]
    assert not prestarted.cache_hit and not ordinary.cache_hit
    assert prestarted.manifest["library"] == ordinary.manifest["library"]  # digest, size and command
    libm = link.system_libraries()["m"]  # this process's own libm.so.6, not ld's -lm (libm.so, a script)
    assert (libm in ordinary.manifest["library"]["linker"]) == (source == SOURCE)
    assert not any(arg.startswith("-l") for arg in ordinary.manifest["library"]["linker"])
    assert prestarted.path.read_bytes() == ordinary.path.read_bytes()


def test_a_fed_program_reads_what_is_sent_and_an_empty_input_if_nothing_is():
    """spawn.start(..., feed_fd=3): the child's descriptor 3 is a pipe `send` fills and closes; a
    child waited for without a send reads its end at once (no wait forever)."""
    reader = [sys.executable, "-c", "import os, sys; sys.stdout.write(repr(os.read(3, 100) + os.read(3, 100)))"]
    running = spawn.start(reader, timeout=60, feed_fd=3)
    running.send(b"the script")
    assert running.wait() == (0, "b'the script'")
    assert spawn.start(reader, timeout=60, feed_fd=3).wait() == (0, "b''")
    exited = spawn.start([sys.executable, "-c", "pass"], timeout=60, feed_fd=3)
    time.sleep(0.5)
    exited.send(b"x" * 300000)  # more than a pipe holds, to a child that is gone: no error, no hang
    assert exited.wait() == (0, "")


def test_a_program_is_fed_and_heard_from_a_process_whose_standard_descriptors_are_closed():
    """With descriptors 0, 1 and 2 closed, os.pipe hands them out (the fed pipe's read end is 2): the
    child still gets its output pipe as 1 and 2 and its fed pipe as 3 (spawn._apart), in a real process."""
    code = textwrap.dedent("""
        import os, sys
        from jitcell.compiler.backend import spawn
        out = os.dup(1)
        os.close(0)
        os.close(1)
        os.close(2)
        running = spawn.start([sys.executable, "-c", "import os, sys; print(os.read(3, 100)); "
                               "print('err', file=sys.stderr)"], timeout=60, feed_fd=3)
        running.send(b"fed")
        os.write(out, repr(running.wait()).encode())
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == repr((0, "b'fed'\nerr\n"))


def test_a_folder_a_linker_script_cannot_name_is_linked_the_ordinary_way(tmp_path, monkeypatch):
    """A library folder whose name holds a double quote or a newline cannot be named in ld's script,
    and without /dev/fd ld cannot open the pipe: no linker is prestarted then, and the cell links
    with the ordinary command."""
    for name in ('a"b', "a\nb"):
        assert link.prestart(tmp_path / name / "cell.so") is None
    prestarted = link.prestart(tmp_path / "cell.so")
    assert prestarted is not None
    prestarted.stop()
    monkeypatch.setattr(link, "_descriptor_paths", lambda: False)  # no /proc: ld could not open /dev/fd/3
    assert link.prestart(tmp_path / "cell.so") is None
    monkeypatch.undo()
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(tmp_path / 'quoted "cache"'))
    lib = jitcell.compile_cell(SOURCE)
    assert not lib.cache_hit and lib.functions["f"](0.5) == 2.0 * __import__("math").expm1(0.5)
    assert lib.manifest["library"]["linker"][-2] == "cell.o"
