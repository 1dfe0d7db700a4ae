"""Names a %%jit cell reads from the notebook are frozen into its code (loader/frozen.py).

The magic in an in-process IPython shell: a Python cell sets N, a %%jit cell reads it; the value
is compiled in (changing N later does not change the compiled function), it is part of the cache
key (re-running the %%jit cell after N changed compiles again and says why), and only names the
cell really reads from outside are frozen (a local or constant of the same name is not).
"""

from __future__ import annotations

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

import jitcell
from jitcell.errors import CompileError
from jitcell.loader import frozen

READS_N = "%%jit\ndef scaled(x: int) -> int:\n    return N * x\n"


@pytest.fixture
def shell(fresh_cache):
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    shell.user_ns["__session__"] = "frozen.ipynb"
    yield shell
    for name in ("__session__", "scaled", "N", "f", "g", "L", "SCALE", "WORDS"):
        shell.user_ns.pop(name, None)


def run(shell, cell: str) -> str:
    """Run a cell that must succeed; the first line of what it displayed (the summary), if any."""
    with capture_output() as captured:
        result = shell.run_cell(cell)
    assert result.success, captured.stdout + captured.stderr
    return captured.outputs[0].data["text/plain"].splitlines()[0] if captured.outputs else ""


def test_a_global_is_frozen_and_a_new_value_recompiles_with_the_reason(shell):
    run(shell, "N = 100")
    run(shell, READS_N)
    assert shell.user_ns["scaled"](3) == 300
    run(shell, "N = 200")
    assert shell.user_ns["scaled"](3) == 300  # frozen: the compiled code holds 100
    summary = run(shell, READS_N)
    assert "cache miss: the global N changed: 100 -> 200" in summary, summary
    assert shell.user_ns["scaled"](3) == 600
    library = shell.user_ns["scaled"].library
    assert library.manifest["frozen"] == [{"name": "N", "value": "200"}]
    run(shell, READS_N)
    assert shell.user_ns["scaled"].library.cache_hit  # the same value: the same entry
    run(shell, "N = 100")
    run(shell, READS_N)
    assert shell.user_ns["scaled"].library.cache_hit and shell.user_ns["scaled"](3) == 300  # the first entry


def test_a_new_type_is_a_new_value(shell):
    run(shell, "N = 2")
    run(shell, "%%jit\ndef f() -> float:\n    return N / 4\n")
    run(shell, "N = 2.0")
    summary = run(shell, "%%jit\ndef f() -> float:\n    return N / 4\n")
    assert "the global N changed: 2 -> 2.0" in summary, summary


def test_only_names_the_cell_reads_from_outside_are_frozen(shell):
    """A local, a parameter or a constant of the cell with the name of a notebook value does not
    put that value in the key: changing it leaves the entry as it was."""
    cell = ("%%jit\nSCALE = 3\ndef g(N: int) -> int:\n    return N * SCALE\n"
            "def f() -> int:\n    WORDS = 2\n    return WORDS\n")
    run(shell, "N = 1\nSCALE = 10\nWORDS = 5")
    run(shell, cell)
    assert shell.user_ns["g"](2) == 6 and shell.user_ns["f"]() == 2
    run(shell, "N = 7\nSCALE = 11\nWORDS = 6")
    run(shell, cell)
    assert shell.user_ns["g"].library.cache_hit
    assert "frozen" not in shell.user_ns["g"].library.manifest


def test_a_value_that_cannot_be_frozen_is_undefined(shell):
    run(shell, "L = [1, 2]")
    with capture_output() as captured:
        result = shell.run_cell("%%jit\ndef f() -> int:\n    return L[0]\n")
    assert not result.success
    assert "name 'L' is not defined" in captured.stdout + captured.stderr


@pytest.mark.parametrize("value", [7, -2.5, True, "héllo", (1, 2.5, "x"), ((1, 2), 3), 2**63 - 1, float("nan")])
def test_every_kind_of_value_is_frozen_exactly(value, fresh_cache):
    source = "def f():\n    return V\n"
    got = jitcell.compile_cell(source, globals={"V": value}).functions["f"]()
    assert repr(got) == repr(value)


def test_values_jitcell_cannot_hold_are_not_frozen():
    names = {"BIG": 2**64, "EMPTY": (), "ARR_NAME": [1], "NONE": None, "NP": np.float32(1.0), "OK": 1}
    assert frozen.resolve(names, "def f():\n    return BIG + EMPTY + ARR_NAME + NONE + NP + OK\n") == {"OK": 1}


def test_frozen_names_are_exactly_the_free_ones():
    source = ("import math\nA = 1\ndef f(p: int) -> int:\n    q = 2\n    return p + q + A + B + math.floor(C)\n"
              "def g() -> int:\n    global D\n    return D\n")
    names = {n: 1 for n in ("p", "q", "A", "B", "C", "D", "E", "math", "f")}
    assert frozen.resolve(names, source) == {"B": 1, "C": 1, "D": 1}


def test_a_frozen_global_cannot_be_assigned(fresh_cache):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell("def f() -> int:\n    global N\n    N = 2\n    return N\n", globals={"N": 1})
    assert "'N' is a constant, compiled into the cell's code" in str(caught.value)
