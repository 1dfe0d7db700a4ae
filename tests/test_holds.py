"""files.flock, libc's flock(2) through ctypes: the locks it takes are the ones fcntl.flock sees
(the same kernel locks), it raises as fcntl.flock does, and a call a signal interrupts is made again
after Python's handler ran. The eviction tests (faults/test_cache_eviction.py) show what the locks
protect, across processes."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import threading
import time

import pytest

from jitcell.loader import files


@pytest.fixture
def two_descriptors(tmp_path):
    path = tmp_path / "library.so"
    path.write_bytes(b"\0" * 64)
    first, second = os.open(path, os.O_RDONLY), os.open(path, os.O_RDONLY)
    yield first, second
    os.close(first)
    os.close(second)


def test_the_flags_are_the_systems():
    assert (files.LOCK_SH, files.LOCK_EX, files.LOCK_NB) == (fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB)


def test_a_shared_lock_keeps_out_an_exclusive_one_until_it_goes(two_descriptors):
    first, second = two_descriptors
    assert files.flock(first, files.LOCK_SH) is True
    with pytest.raises(BlockingIOError):  # fcntl sees the lock files.flock took
        fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with pytest.raises(OSError) as raised:  # and files.flock raises as fcntl.flock does
        files.flock(second, files.LOCK_EX | files.LOCK_NB)
    assert raised.value.errno == errno.EWOULDBLOCK and type(raised.value) is BlockingIOError
    assert files.exclusive(second) is False
    assert files.flock(second, files.LOCK_SH) is True  # shared locks share
    os.close(os.dup(first))  # a duplicate closed: the lock belongs to the open file, and stays
    assert files.exclusive(second) is False
    fcntl.flock(first, fcntl.LOCK_UN)
    assert files.exclusive(second) is True  # its own shared lock is converted


def test_an_exclusive_lock_keeps_out_a_shared_one(two_descriptors):
    first, second = two_descriptors
    fcntl.flock(first, fcntl.LOCK_EX)
    with pytest.raises(BlockingIOError):
        files.flock(second, files.LOCK_SH | files.LOCK_NB)


def test_a_bad_descriptor_raises(tmp_path):
    with pytest.raises(OSError) as raised:
        files.flock(10_000, files.LOCK_SH)
    assert raised.value.errno == errno.EBADF


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")
def test_a_wait_a_signal_interrupts_goes_on_after_the_handler(two_descriptors):
    """A blocking LOCK_EX waits while another descriptor holds the file; SIGALRM interrupts the wait
    (Python's handlers are installed without SA_RESTART: flock fails with EINTR), Python's handler runs,
    and the wait goes on until the holder lets go. A handler that raises ends the wait with its error."""
    first, second = two_descriptors
    fcntl.flock(first, fcntl.LOCK_SH)
    seen = []
    previous = signal.signal(signal.SIGALRM, lambda *_: seen.append(time.monotonic()))
    releaser = threading.Timer(0.5, fcntl.flock, (first, fcntl.LOCK_UN))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1, 0.1)
        releaser.start()
        started = time.monotonic()
        assert files.flock(second, files.LOCK_EX) is True
        waited = time.monotonic() - started
        signal.setitimer(signal.ITIMER_REAL, 0)
        assert seen and waited >= 0.45  # interrupted, handled, and waited on for the holder
        fcntl.flock(second, fcntl.LOCK_UN)

        fcntl.flock(first, fcntl.LOCK_SH)

        def interrupt(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        with pytest.raises(KeyboardInterrupt):
            files.flock(second, files.LOCK_EX)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        releaser.cancel()


def test_without_flock_nothing_is_held(two_descriptors, monkeypatch):
    """Where libc has no flock (Windows), a hold is an open file and eviction is never kept out."""
    first, second = two_descriptors
    monkeypatch.setattr(files, "_flock", [None])
    assert files.flock(first, files.LOCK_SH) is False
    assert files.exclusive(second) is True
    fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nothing was locked
