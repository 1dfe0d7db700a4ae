"""A local array bound once, at the top of a function, has its header words read once, where it is
bound (lower/arrays.py, `fixed_local`): accesses in loops and branches then reuse them, as LLVM
cannot hoist a header load out of a conditional block on its own. Rebound locals, locals bound
inside a loop or a branch, and prange bodies (functions of their own) read the header at each use.
Every case must compute what NumPy and CPython compute; and math.sqrt's check is x < 0 alone."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pytest

import jitcell


def _lowered(source: str) -> str:
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

    return str(lower(check(parse(source), source), tag=1, wraparound=False).module)


def _header_loads(source: str) -> int:
    """Loads the lowered IR tags as reading an array's header."""
    ir_text = _lowered(source)
    tag = next(line.split(" = ")[0] for line in ir_text.splitlines()
               if line.startswith("!") and "!{ !2, !2, i64 0 }" in line)
    assert '!2 = !{ !"array header"' in ir_text
    return sum(1 for line in ir_text.splitlines() if " = load " in line and line.rstrip().endswith(f"!tbaa {tag}"))


def _cell(accesses: int, rebound: bool = False) -> str:
    reads = " + ".join(f"a[i, {k % 3}]" for k in range(accesses))
    again = "    a = np.ones((n, 3))\n" if rebound else ""
    return textwrap.dedent("""\
        import numpy as np
        def f(n: int) -> float:
            a = np.zeros((n, 3))
        """) + again + textwrap.indent(textwrap.dedent(f"""\
        s = 0.0
        for i in range(n):
            if i % 2 == 0:
                s += {reads}
        return s
        """), "    ")


def test_a_local_array_bound_once_reads_its_header_where_it_is_bound():
    once = [_header_loads(_cell(k)) for k in (2, 6)]
    assert once[0] == once[1]  # more accesses, no more header loads
    rebound = [_header_loads(_cell(k, rebound=True)) for k in (2, 6)]
    assert rebound[1] > rebound[0]  # a local bound twice reads its header at each access
    for rebound_too in (False, True):
        assert jitcell.compile_cell(_cell(4, rebound_too), cache=False).functions["f"](7) == (4.0 * 4 if rebound_too
                                                                                          else 0.0)


CASES = textwrap.dedent("""\
    import numpy as np
    from jitcell import prange

    def fixed(n: int) -> float:
        pos = np.zeros((n, 3))
        for i in range(n):
            for d in range(3):
                pos[i, d] = i * 3 + d
        total = 0.0
        for i in range(n):
            for j in range(n):
                if i != j:
                    total += pos[j, 0] - pos[i, 2]
        return total

    def in_a_branch(n: int, flag: bool) -> float:
        if flag:
            a = np.ones(n)
        else:
            a = np.zeros(n)
        s = 0.0
        for i in range(n):
            s += a[i]
        return s

    def in_a_loop(n: int) -> float:
        s = 0.0
        for k in range(3):
            a = np.full(n, float(k))
            for i in range(n):
                s += a[i]
        return s

    def parallel(n: int) -> float:
        a = np.ones(n)
        out = np.zeros(n)
        for i in prange(n):
            out[i] = a[i] * 2.0
        s = 0.0
        for i in range(n):
            s += out[i]
        return s

    def early_read(n: int, early: bool) -> float:
        if early:
            return 0.0
        a = np.ones(n)
        return a[n - 1] + a[0]

    def generator(n: int):
        a = np.ones(n)
        for i in range(n):
            yield a[i] * i

    def walk(n: int) -> float:
        s = 0.0
        for x in generator(n):
            s += x
        return s
    """)


@pytest.mark.parametrize("parallel", [False, True])
def test_local_arrays_compute_what_python_computes(parallel):
    functions = jitcell.compile_cell(CASES, cache=False, parallel=parallel).functions
    namespace: dict = {"prange": range, "np": np}
    exec(CASES.replace("from jitcell import prange\n", ""), namespace)  # noqa: S102 - the same cell as Python
    for name, args in [("fixed", (6,)), ("in_a_branch", (5, True)), ("in_a_branch", (5, False)),
                       ("in_a_loop", (4,)), ("parallel", (9,)), ("early_read", (3, False)), ("early_read", (3, True)),
                       ("walk", (6,))]:
        assert functions[name](*args) == namespace[name](*args), name


@pytest.mark.parametrize("x", [4.0, 2.0, 0.0, -0.0, 1e-320, 1e308, math.inf, math.nan, -1.0, -1e-320, -math.inf])
def test_sqrt_raises_where_python_raises_and_nowhere_else(x):
    sqrt = jitcell.compile_cell("import math\ndef s(x: float) -> float:\n    return math.sqrt(x)\n").functions["s"]
    try:
        expected = ("value", repr(math.sqrt(x)))
    except ValueError as error:
        expected = ("ValueError", str(error))
    try:
        found = ("value", repr(sqrt(x)))
    except ValueError as error:
        found = ("ValueError", str(error))
    assert found == expected
