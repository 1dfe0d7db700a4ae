"""Running a program (the linker) from the compiling process, cheaply.

    >>> run(["ld", "--version"], timeout=10)[0]
    0
    >>> running = start(["ld", ...], timeout=120)   # returns at once: the caller works meanwhile
    >>> running.wait()                              # (status, output); running.stop() if not needed

`subprocess` starts a child by fork+exec from a process that holds LLVM (about 100 MB mapped): that
took 4-9 ms a cell, more than the link itself. `os.posix_spawn` starts it with glibc's
clone(CLONE_VM | CLONE_VFORK), which copies no page tables: about 1 ms. The child's stdout and stderr
go to one pipe, read to the end before waiting (a long error cannot fill the pipe and block it).
`start(command, timeout, feed_fd=3)` also gives the child a pipe as its file descriptor 3, which
`send` fills and closes: the child may start and then wait there for what it needs (link.py).
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

    def __init__(self, command: Sequence[str], timeout: float, feed_fd: int | None = None) -> None:
        self.command = list(command)
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.pid: int | None = None
        self.read: int | None = None
        self.feed: int | None = None  # the write end of the child's descriptor `feed_fd`
        self.process: subprocess.Popen | None = None
        if not hasattr(os, "posix_spawnp"):  # not a POSIX system
            assert feed_fd is None, "feeding a child needs posix_spawn"
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            return
        targets = (1, 2) if feed_fd is None else (1, 2, feed_fd)
        read, write = os.pipe()  # both close on exec: the child gets only what it is given below
        write = _apart(write, targets)
        fed, feed = os.pipe() if feed_fd is not None else (None, None)
        actions = [(os.POSIX_SPAWN_DUP2, write, 1), (os.POSIX_SPAWN_DUP2, write, 2)]
        if fed is not None and feed_fd is not None:
            fed = _apart(fed, targets)
            actions.append((os.POSIX_SPAWN_DUP2, fed, feed_fd))
        try:
            self.pid = os.posix_spawnp(self.command[0], self.command, os.environ, file_actions=actions)
        except BaseException:
            os.close(read)
            if feed is not None:
                os.close(feed)
            raise
        finally:
            os.close(write)
            if fed is not None:
                os.close(fed)
        self.read, self.feed = read, feed

    def send(self, data: bytes) -> None:
        """Write `data` to the child's fed descriptor and close it (the child reads to its end). A
        child that has already exited reads nothing: `wait` then reports its status and output."""
        feed, self.feed = self.feed, None
        assert feed is not None, "not started with feed_fd, or already sent"
        self.deadline = time.monotonic() + self.timeout  # the timeout is for the work it is given now
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(feed, view):]
        except BrokenPipeError:
            pass
        finally:
            os.close(feed)

    def wait(self) -> tuple[int, str]:
        """Its exit status and its output (stdout and stderr together); subprocess.TimeoutExpired
        (killed) once `timeout` seconds have passed since it started (since `send`, for a fed child)."""
        if self.process is not None:
            try:
                output, _ = self.process.communicate(timeout=max(0.0, self.deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()
                raise subprocess.TimeoutExpired(self.command, self.timeout) from None
            return self.process.returncode, output.decode(errors="replace")
        assert self.pid is not None and self.read is not None, "waited for twice"
        if self.feed is not None:  # never sent: the child reads an empty input, not a wait forever
            os.close(self.feed)
            self.feed = None
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
        if self.feed is not None:
            os.close(self.feed)
            self.feed = None
        if self.pid is not None:
            pid, self.pid = self.pid, None
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _apart(fd: int, targets: tuple[int, ...]) -> int:
    """`fd`, or a close-on-exec copy of it numbered above `targets` (then `fd` is closed): a descriptor
    the child is given by dup2 must not be one of the numbers it is given as, which a process whose
    stdout or stderr is closed can get from os.pipe (dup2 onto itself keeps close-on-exec set, and
    onto another target it would be overwritten before its own dup2)."""
    if fd not in targets:
        return fd
    import fcntl  # rare: only with a standard descriptor closed

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, max(targets) + 1)
    os.close(fd)
    return moved


def start(command: Sequence[str], timeout: float, feed_fd: int | None = None) -> Running:
    """Start `command` (its program found on PATH) and return at once. Raises OSError if it cannot
    start. `feed_fd`: the child's descriptor of that number is a pipe that `Running.send` fills."""
    return Running(command, timeout, feed_fd)


def run(command: Sequence[str], timeout: float) -> tuple[int, str]:
    """Run `command` (its program found on PATH); its exit status and its output (stdout and stderr
    together). Raises OSError if it cannot start, subprocess.TimeoutExpired (killed) after `timeout`."""
    return start(command, timeout).wait()
