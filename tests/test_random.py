"""Random numbers beyond what the differential programs show (tests/programs/random_*.py
compare the numbers themselves with CPython's and NumPy's for the same seeds):

- each thread has its own generators, seeded from the OS's entropy at its first draw;
- they are not Python's: seeding or drawing on one side leaves the other's state alone;
- a forked child reseeds the random module's, as CPython does;
- what jitcell does not draw is a CompileError at its place.
"""

from __future__ import annotations

import os
import random
import struct
import textwrap
import threading

import numpy as np
import pytest

import jitcell
from jitcell import CompileError

CELL = """
import random
import numpy as np


def seed(n: int) -> None:
    random.seed(n)


def draw() -> float:
    return random.random()


def np_seed(n: int) -> None:
    np.random.seed(n)


def np_draw() -> float:
    return np.random.random()


def reseed() -> float:
    random.seed()
    return random.random()
"""


@pytest.fixture(scope="module")
def cell():
    return jitcell.compile_cell(CELL).functions


def in_thread(function):
    """What `function()` returns when run in a new thread."""
    out = []
    thread = threading.Thread(target=lambda: out.append(function()))
    thread.start()
    thread.join()
    return out[0]


def test_each_thread_draws_from_its_own_generator(cell):
    cell["seed"](1)
    cell["np_seed"](1)
    others = in_thread(lambda: (cell["seed"](2), [cell["draw"]() for _ in range(3)])[1])
    expected = random.Random(2)
    assert others == [expected.random() for _ in range(3)]
    # the thread's seeding and drawing left this thread's generators where seed(1) put them
    assert cell["draw"]() == random.Random(1).random()
    assert cell["np_draw"]() == np.random.RandomState(1).random_sample()


def test_a_new_thread_is_seeded_from_entropy(cell):
    first = [in_thread(cell["draw"]) for _ in range(4)]
    assert len(set(first)) == 4  # four fresh threads, four different streams
    assert all(0.0 <= x < 1.0 for x in first)
    np_first = [in_thread(cell["np_draw"]) for _ in range(4)]
    assert len(set(np_first)) == 4


def test_seed_without_an_argument_reseeds_from_entropy(cell):
    cell["seed"](7)
    again = [cell["reseed"]() for _ in range(3)]
    assert len(set(again)) == 3
    assert random.Random(7).random() not in again


def test_the_generators_are_not_pythons(cell):
    python_state = random.getstate()
    numpy_state = np.random.get_state()[1].copy()
    cell["seed"](5)
    cell["np_seed"](5)
    for _ in range(10):
        cell["draw"]()
        cell["np_draw"]()
    assert random.getstate() == python_state
    assert (np.random.get_state()[1] == numpy_state).all()
    random.seed(99)
    np.random.seed(99)
    expected = random.Random(5)
    for _ in range(10):
        expected.random()
    assert cell["draw"]() == expected.random()


ERRORS = {
    "unsupported function": ("import random\ndef f(xs: list[int]) -> list[int]:\n    return random.sample(xs, 2)\n",
                             3, 12, "random.sample is not supported by jitcell (these are: random.seed, random.random, "
                                    "random.uniform, random.randint, random.randrange, random.choice, random.shuffle, "
                                    "random.gauss, random.normalvariate, random.expovariate)"),
    "unsupported import": ("from random import sample\ndef f() -> int:\n    return 1\n", 1, 1,
                           "random.sample is not supported by jitcell"),
    "star import": ("from random import *\ndef f() -> int:\n    return 1\n", 1, 1,
                    "'from random import *' is not supported; name what you use"),
    "choice of a str": ("import random\ndef f(s: str) -> str:\n    return random.choice(s)\n", 3, 26,
                        "random.choice() takes a list in jitcell, not str"),
    "step without stop": ("import random\ndef f() -> int:\n    return random.randrange(1, step=2)\n", 3, 12,
                          "Missing a non-None stop argument"),
    "float for an int": ("import random\ndef f() -> int:\n    return random.randint(1.5, 3)\n", 3, 27,
                         "argument 'a' of random.randint() must be int, not float (write int(...) to truncate)"),
    "numpy function": ("import numpy as np\ndef f() -> float:\n    return np.random.beta(1.0, 2.0)\n", 3, 12,
                       "np.random.beta is not supported by jitcell (these are: np.random.seed, np.random.random, "
                       "np.random.random_sample, np.random.rand, np.random.randint, np.random.normal, "
                       "np.random.uniform, np.random.standard_normal, np.random.randn)"),
    "missing argument": ("import random\ndef f() -> float:\n    return random.expovariate()\n", 3, 12,
                         "expovariate() missing required argument 'lambd'"),
    "unknown keyword": ("import numpy as np\ndef f() -> float:\n    return np.random.normal(mean=1.0)\n", 3, 29,
                        "normal() got an unexpected keyword argument 'mean'"),
}


@pytest.mark.parametrize("source, line, col, message", ERRORS.values(), ids=ERRORS.keys())
def test_what_jitcell_does_not_draw_is_a_compile_error(source, line, col, message):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(textwrap.dedent(source), cache=False)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.loc.line, diagnostic.loc.col) == (line, col)
    assert diagnostic.message == message


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_reseeds_the_random_module_as_cpython_does(cell):
    """After fork, CPython reseeds its random module in the child (NumPy does not): so do the
    compiled generators. NumPy's, left alone, shows what an unreseeded generator gives: the
    parent's numbers."""
    cell["seed"](21)
    cell["np_seed"](21)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next draws, to the parent
        try:
            os.write(write, struct.pack("dd", cell["draw"](), cell["np_draw"]()))
        finally:
            os._exit(0)
    os.close(write)
    child_draw, child_np_draw = struct.unpack("dd", os.read(read, 16))
    os.close(read)
    os.waitpid(pid, 0)
    assert child_np_draw == cell["np_draw"]()  # not reseeded: the same number in both
    assert child_draw != cell["draw"]()  # reseeded from entropy in the child


def resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads /proc/self/statm")
def test_a_threads_random_state_is_freed_when_it_exits(cell):
    """3,000 threads that each draw once: without the pthread key's destructor their states (5 KB
    each, 15 MB) would stay allocated."""
    for _ in range(200):  # the allocator's and threading's own first growth
        in_thread(cell["draw"])
    before = resident_bytes()
    for _ in range(3000):
        in_thread(cell["draw"])
    assert resident_bytes() - before < 4_000_000
