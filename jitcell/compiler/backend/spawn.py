"""Running a program (the linker) from the compiling process, cheaply.

    >>> run(["ld", "--version"], timeout=10)[0]
    0
    >>> running = start(["ld", ...], timeout=120)   # returns at once: the caller works meanwhile
    >>> running.wait()                              # (status, output); running.stop() if not needed

`subprocess` starts a child by fork+exec from a process that holds LLVM (about 100 MB mapped): that
took 4-9 ms a cell, more than the link itself. `os.posix_spawn` starts it with glibc's
clone(CLONE_VM | CLONE_VFORK), which copies no page tables: about 1 ms. The child's stdout and stderr
go to one pipe, read to the end before waiting (a long error cannot fill the pipe and block it).
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from collections.abc import Sequence

__all__ = ["run", "start", "Running"]


class Running:
    """A started program: `wait` for its exit status and output, or `stop` it (killed and reaped)."""

    def __init__(self, command: Sequence[str], timeout: float) -> None:
        self.command = list(command)
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.pid: int | None = None
        self.read: int | None = None
        self.process: subprocess.Popen | None = None
        if not hasattr(os, "posix_spawnp"):  # not a POSIX system
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            return
        read, write = os.pipe()
        try:
            self.pid = os.posix_spawnp(self.command[0], self.command, os.environ,
                                       file_actions=[(os.POSIX_SPAWN_DUP2, write, 1),
                                                     (os.POSIX_SPAWN_DUP2, write, 2)])
        except BaseException:
            os.close(read)
            raise
        finally:
            os.close(write)
        self.read = read

    def wait(self) -> tuple[int, str]:
        """Its exit status and its output (stdout and stderr together); subprocess.TimeoutExpired
        (killed) once `timeout` seconds have passed since it started."""
        if self.process is not None:
            try:
                output, _ = self.process.communicate(timeout=max(0.0, self.deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()
                raise subprocess.TimeoutExpired(self.command, self.timeout) from None
            return self.process.returncode, output.decode(errors="replace")
        assert self.pid is not None and self.read is not None, "waited for twice"
        chunks = []
        read, self.read = self.read, None
        try:
            with os.fdopen(read, "rb") as output, selectors.DefaultSelector() as selector:
                selector.register(output, selectors.EVENT_READ)
                while True:
                    left = self.deadline - time.monotonic()
                    if left <= 0 or not selector.select(left):
                        raise subprocess.TimeoutExpired(self.command, self.timeout)
                    chunk = os.read(read, 65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
        except BaseException:  # past its timeout, or interrupted (KeyboardInterrupt): not left running
            self.stop()
            raise
        pid, self.pid = self.pid, None
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), b"".join(chunks).decode(errors="replace")

    def stop(self) -> None:
        """Kill it and reap it, if it was not waited for (what it was doing is not needed)."""
        if self.process is not None:
            if self.process.returncode is None:
                self.process.kill()
                self.process.communicate()
            return
        if self.read is not None:
            os.close(self.read)
            self.read = None
        if self.pid is not None:
            pid, self.pid = self.pid, None
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def start(command: Sequence[str], timeout: float) -> Running:
    """Start `command` (its program found on PATH) and return at once. Raises OSError if it cannot
    start."""
    return Running(command, timeout)


def run(command: Sequence[str], timeout: float) -> tuple[int, str]:
    """Run `command` (its program found on PATH); its exit status and its output (stdout and stderr
    together). Raises OSError if it cannot start, subprocess.TimeoutExpired (killed) after `timeout`."""
    return start(command, timeout).wait()
