"""The callbacks into Python are the runtime library's C functions (runtime/source.py, "callbacks"):
each calls the Python function callbacks.py stored in a state word of the library, with the GIL
held. These tests reach those words: what the C side does with what the Python side returns or
raises, including an exception raised before the function's own `try` (a KeyboardInterrupt from a
signal handler that runs as the function starts), which is handed over as the pending error."""

from __future__ import annotations

import ctypes

import pytest

import jitcell
from jitcell import runtime
from jitcell.abi import CALLBACK_TARGETS
from jitcell.runtime import callbacks

CELL = """
def shout(n: int) -> int:
    print("n is", n)
    return n + 1
"""


@pytest.fixture
def print_word():
    """The state word of the print callback's function; put back as it was afterwards."""
    words = ctypes.CFUNCTYPE(ctypes.c_int64)(runtime.address("callback_functions"))()
    word = ctypes.c_void_p.from_address(words + 8 * (1 + CALLBACK_TARGETS.index("print")))
    saved = word.value
    assert saved == id(callbacks._on_print)  # what the runtime's print calls
    yield word
    word.value = saved


def test_a_print_goes_through_the_runtime_to_callbacks_py(capsys):
    shout = jitcell.compile_cell(CELL).functions["shout"]
    assert shout(4) == 5 and capsys.readouterr().out == "n is 4\n"
    slot = next(s for s in shout.library.slots if s.target == "print")
    assert slot.patched == runtime.address("callback_print") == callbacks.address("print")


def test_an_exception_raised_as_the_callback_starts_is_the_pending_error(print_word, capsys):
    """As a signal handler's KeyboardInterrupt at the first instruction of _on_print would be: the
    function raises without catching. Without the hand-over the error would be lost, and the call
    would end with "none is pending"."""
    shout = jitcell.compile_cell(CELL).functions["shout"]

    def interrupted(tag: int, site: int, values: int) -> int:
        raise KeyboardInterrupt

    print_word.value = id(interrupted)
    with pytest.raises(KeyboardInterrupt):
        shout(1)
    assert capsys.readouterr().out == ""
    print_word.value = id(callbacks._on_print)
    assert shout(2) == 3 and capsys.readouterr().out == "n is 2\n"  # nothing left pending


def test_without_the_hand_over_the_exception_is_lost(print_word):
    """The control: a hand-over that takes nothing (state word 43 pointing at a function that
    returns 1) leaves the compiled code's error status with no pending error."""
    shout = jitcell.compile_cell(CELL).functions["shout"]
    words = ctypes.CFUNCTYPE(ctypes.c_int64)(runtime.address("callback_functions"))()
    hand_over = ctypes.c_void_p.from_address(words)
    saved = hand_over.value

    def interrupted(tag: int, site: int, values: int) -> int:
        raise KeyboardInterrupt

    def takes_nothing(callback: int, tag: int, site: int, refs: int) -> int:
        return 1

    print_word.value = id(interrupted)
    hand_over.value = id(takes_nothing)
    try:
        with pytest.raises(SystemError, match="none is pending"):
            shout(1)
    finally:
        hand_over.value = saved
