"""Running a program (the linker) from the compiling process, cheaply.

    >>> run(["ld", "--version"], timeout=10)[0]
    0

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

__all__ = ["run"]


def run(command: Sequence[str], timeout: float) -> tuple[int, str]:
    """Run `command` (its program found on PATH); its exit status and its output (stdout and stderr
    together). Raises OSError if it cannot start, subprocess.TimeoutExpired (killed) after `timeout`."""
    if not hasattr(os, "posix_spawnp"):  # not a POSIX system
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=timeout)
        return done.returncode, done.stdout + done.stderr
    read, write = os.pipe()
    try:
        pid = os.posix_spawnp(command[0], list(command), os.environ,
                              file_actions=[(os.POSIX_SPAWN_DUP2, write, 1), (os.POSIX_SPAWN_DUP2, write, 2)])
    except BaseException:
        os.close(read)
        raise
    finally:
        os.close(write)
    chunks = []
    deadline = time.monotonic() + timeout
    with os.fdopen(read, "rb") as output, selectors.DefaultSelector() as selector:
        selector.register(output, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise subprocess.TimeoutExpired(list(command), timeout)
            chunk = os.read(read, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), b"".join(chunks).decode(errors="replace")
