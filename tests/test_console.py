"""`jupyter console --kernel jitcell` in a real terminal (a pty), typed into as a user types.

`%%python` alone waits for its body (the console asks the kernel whether a cell is complete),
a compiled function defined over two lines is callable on the next prompt, and `exit` ends the
console and the kernel.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.kernel

JUPYTER = Path(sys.executable).with_name("jupyter")


class Terminal:
    """A program on a pseudo-terminal: what it printed (without terminal codes) and what to type."""

    def __init__(self, argv: list[str], env: dict):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the program, on the pty
            os.execve(argv[0], argv, env)
        self.output = ""

    def read_until(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output):
            if time.monotonic() > deadline:
                raise AssertionError(f"no {pattern!r} within {timeout} s; the terminal shows:\n{self.output}")
            if not self._drain(0.2):
                break
        return self.output

    def _drain(self, wait: float) -> bool:
        """Read what the program printed within `wait` seconds; False once it has ended."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                chunk = os.read(self.fd, 65536).decode(errors="replace")
            except OSError:
                return False
            self.output += re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]|\r", "", chunk)
        return True

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def exited(self, timeout: float = 30) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            self._drain(0.1)  # a full pty would stop the program
        return None

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


@pytest.fixture
def console(tmp_path):
    if not JUPYTER.exists() or shutil.which("jupyter-console", path=str(JUPYTER.parent)) is None:
        pytest.fail('jupyter-console is needed: pip install "jitcell[console]" (the test extra has it)')
    prefix = tmp_path / "prefix"
    subprocess.run([sys.executable, "-m", "jitcell.kernel", "install", "--prefix", str(prefix)], check=True,
                   capture_output=True)
    env = {**os.environ, "JITCELL_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm",
           "JUPYTER_PATH": str(prefix / "share" / "jupyter"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    terminal = Terminal([str(JUPYTER), "console", "--kernel", "jitcell"], env)
    try:
        yield terminal
    finally:
        terminal.close()


def test_a_session_in_the_console(console):
    console.read_until(r"In \[1\]: ")
    console.type("%%python\r")
    console.read_until(r"\.\.\.: ")  # not run yet: the cell magic waits for its body
    console.type("print(6 * 7)\r\r")
    console.read_until(r"\n42\n")
    console.type("def twice(n: int) -> int:\r")
    console.read_until(r"\.\.\.: +$")
    console.type("return 2 * n\r\r")
    console.read_until(r"jitcell: bound twice")
    console.type("twice(21)\r")
    console.read_until(r"Out\[\d+\]: 42")
    console.type("exit\r")
    assert console.exited() == 0, console.output
