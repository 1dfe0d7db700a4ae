"""Loop versioning is an optimization that must never change a result.

Every program here is compiled twice, with and without loop versioning, and run on
inputs chosen to sit on both sides of 64-bit overflow: the two must agree exactly,
values and exceptions alike. Generated programs (hypothesis) stress the same property.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jitcell

BIG = 2**62
EDGES = [0, 1, -1, 2, 3, 7, -5, 1000, 3037000499, 3037000500, 2**31, -(2**31), BIG, -BIG, 2**63 - 1, -(2**63)]


def both(source: str):
    fast = jitcell.compile_cell(source, cache=False)
    slow = jitcell.compile_cell(source, cache=False, loop_versioning=False)
    return fast.functions, slow.functions


def outcome(function, *args):
    try:
        return ("value", function(*args))
    except Exception as error:  # noqa: BLE001 - the exception is the outcome being compared
        return (type(error).__name__, str(error))


PROGRAMS = {
    "sum_of_squares": ("""
        def f(n: int) -> int:
            s = 0
            for i in range(n):
                s += i * i
            return s
        """, [(0,), (10,), (2_000_000,), (3_037_000,), (4_000_000,), (-5,)]),
    "quarter_circle": ("""
        def f(n: int) -> int:
            count = 0
            for i in range(n):
                for j in range(n):
                    if i * i + j * j < n * n:
                        count += 1
            return count
        """, [(0,), (1,), (50,), (300,)]),
    "scaled_sum": ("""
        def f(a: int, b: int) -> int:
            s = a
            for i in range(-3, 4):
                s -= i * b
                s += b // 3
            return s
        """, [(a, b) for a in EDGES for b in EDGES]),
    "triangle_dependent_bounds": ("""
        def f(n: int, k: int) -> int:
            total = 0
            for i in range(n):
                for j in range(i, n):
                    total += (j - i) * k
            return total
        """, [(n, k) for n in (0, 3, 40) for k in EDGES]),
    "temporaries_and_break": ("""
        def f(n: int, k: int) -> int:
            best = -1
            for i in range(n):
                t = i * k
                u = t - i
                if u > best:
                    best = u
                if best > 1000000:
                    break
            return best
        """, [(n, k) for n in (0, 5, 1000) for k in EDGES]),
    "negative_steps": ("""
        def f(start: int, k: int) -> int:
            acc = 0
            for i in range(start, start - 50, -7):
                acc += i * k - abs(i)
            return acc
        """, [(s, k) for s in (0, 100, BIG, -BIG, 2**63 - 1) for k in (0, 1, -1, 3, 2**40)]),
    "huge_strides": ("""
        def f(step: int, k: int) -> int:
            acc = 0
            for i in range(0, 2**62, step):
                acc += i // 1024 + k
            return acc
        """, [(s, k) for s in (2**60, 2**61, 2**62) for k in (0, 1, 2**61, -(2**62))]),
    "calls_and_floats": ("""
        def g(x: int) -> int:
            return x * 3

        def f(n: int, k: int) -> float:
            acc = 0
            x = 0.0
            for i in range(n):
                acc += g(i) + k
                x += float(i * k) / 2.0
            return x + acc
        """, [(n, k) for n in (0, 10) for k in EDGES]),
    "loop_variable_reassigned": ("""
        def f(n: int, k: int) -> int:
            s = 0
            for i in range(n):
                s += i
                i = i * k
                s += i
            return s
        """, [(n, k) for n in (0, 4, 100) for k in EDGES]),
    "for_else_and_min_max": ("""
        def f(n: int, k: int) -> int:
            m = 0
            for i in range(n):
                m = max(m, i * k) - min(i, k)
            else:
                m += n * k
            return m
        """, [(n, k) for n in (0, 3, 30) for k in EDGES]),
}


@pytest.mark.parametrize("name", PROGRAMS)
def test_versioned_loops_compute_exactly_what_checked_loops_do(name):
    source, inputs = PROGRAMS[name]
    fast, slow = both(textwrap.dedent(source))
    for args in inputs:
        assert outcome(fast["f"], *args) == outcome(slow["f"], *args), args


def test_sum_of_squares_overflow_is_still_reported():
    fast, _ = both(textwrap.dedent(PROGRAMS["sum_of_squares"][0]))
    assert fast["f"](3_000_000) == sum(i * i for i in range(3_000_000))
    with pytest.raises(OverflowError, match="does not fit in a 64-bit int"):
        fast["f"](4_000_000)


def test_the_fast_copy_has_no_overflow_checks_and_is_vectorized():
    from jitcell import machine
    from jitcell.check import check
    from jitcell.lower import lower
    from jitcell.parse import parse

    source = textwrap.dedent(PROGRAMS["quarter_circle"][0])

    def optimized_ir(versioning):
        lowered = lower(check(parse(source), source), tag=1, wraparound=False, loop_versioning=versioning)
        return str(machine.optimize(lowered.module, 2))

    with_versions, without = optimized_ir(True), optimized_ir(False)
    assert "x i64>" in with_versions and "x i64>" not in without  # vector code only when versioned
    assert "with.overflow" in with_versions  # the checked copy is still there


# ---- generated programs ---------------------------------------------------------------

_VARS = ["i", "j", "a", "b", "s"]


@st.composite
def int_expressions(draw, depth=0):
    if depth > 2 or draw(st.integers(0, 2)) == 0:
        if draw(st.booleans()):
            return draw(st.sampled_from(_VARS))
        return str(draw(st.sampled_from([0, 1, 2, 3, -1, 7, 1000, 2**31, 2**40, 2**62])))
    op = draw(st.sampled_from(["+", "-", "*", "//", "%"]))
    left, right = draw(int_expressions(depth + 1)), draw(int_expressions(depth + 1))
    if op in ("//", "%"):
        right = str(draw(st.sampled_from([1, 2, 3, 10, 1024])))
    return f"({left} {op} {right})"


@st.composite
def loop_programs(draw):
    body = []  # statements of the inner loop, one list of lines each
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["acc", "dec", "tmp", "cond"]))
        e = draw(int_expressions())
        if kind == "acc":
            body.append([f"s += {e}"])
        elif kind == "dec":
            body.append([f"s -= {e}"])
        elif kind == "tmp":
            body.append([f"t = {e}", "s += t"])
        else:
            body.append([f"if {e} > {draw(int_expressions())}:", "    s += 1"])
    start, stop = draw(st.sampled_from([(0, 5), (-3, 4), (0, 40), (10, 0)]))
    step = draw(st.sampled_from([1, 2, -1, 3]))
    lines = ["def f(a: int, b: int) -> int:", "    s = 0", "    t = 0",
             f"    for i in range({start}, {stop}, {step}):", "        for j in range(i, i + 3):"]
    lines += ["            " + line for statement in body for line in statement]
    lines.append("    return s")
    return "\n".join(lines) + "\n"


@settings(max_examples=int(__import__("os").environ.get("JITCELL_HYPOTHESIS_EXAMPLES", 25)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loop_programs(), st.lists(st.tuples(st.sampled_from(EDGES), st.sampled_from(EDGES)), min_size=4, max_size=8))
def test_generated_loops_agree_with_and_without_versioning(source, inputs):
    fast, slow = both(source)
    for a, b in inputs:
        assert outcome(fast["f"], a, b) == outcome(slow["f"], a, b), (source, a, b)
