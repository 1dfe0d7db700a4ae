"""Loop versioning is an optimization that must never change a result.

Every program here is compiled twice, with and without loop versioning, and run on
inputs chosen to sit on both sides of 64-bit overflow: the two must agree exactly,
values and exceptions alike. Generated programs (hypothesis) stress the same property.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
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
    "powers_of_a_literal": ("""
        def f(n: int, k: int) -> int:
            s = 0
            t = 0
            for i in range(-n, n + 1):
                s += i**2 + i**3 - k**2
                t -= (i - k) ** 4 // 7 + i**0 + k**1
            return s + t
        """, [(n, k) for n in (0, 3, 1000, 46340, 55109) for k in EDGES]),
    "powers_not_of_a_literal": ("""
        def f(n: int, k: int) -> int:
            s = 0
            for i in range(n):
                s += i ** (k % 3) + i**9
            return s
        """, [(n, k) for n in (0, 3, 100, 200) for k in (0, 1, 2, -1)]),
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


def test_a_literal_power_keeps_its_overflow_error_and_lets_llvm_close_the_loop():
    """euler_006's `s += i**2`: versioned, the loop becomes a closed form; past 64 bits the
    checked copy still raises CPython's text (4294967296 ** 2 is OverflowError, as i * i is)."""
    source = "def f(n: int) -> int:\n    s = 0\n    for i in range(1, n + 1):\n        s += i**2\n    return s\n"
    fast, slow = both(source)
    assert fast["f"](3_000_000) == slow["f"](3_000_000) == sum(i**2 for i in range(1, 3_000_001))
    for n in (4_000_000, 2**32 + 1):
        assert outcome(fast["f"], n) == outcome(slow["f"], n) and outcome(fast["f"], n)[0] == "OverflowError"


def test_the_fast_copy_has_no_overflow_checks_and_is_vectorized():
    from jitcell.compiler.backend import machine
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

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


@settings(max_examples=int(__import__("os").environ.get("JITCELL_HYPOTHESIS_EXAMPLES", 25)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(loop_programs(), st.lists(st.tuples(st.sampled_from(EDGES), st.sampled_from(EDGES)), min_size=4, max_size=8))
def test_generated_loops_agree_with_and_without_versioning(source, inputs):
    fast, slow = both(source)
    for a, b in inputs:
        assert outcome(fast["f"], a, b) == outcome(slow["f"], a, b), (source, a, b)


# ---- array bounds checks ----------------------------------------------------------------------
#
# The guard also proves array indices in range (0 <= index < length), and the fast copy then
# leaves their checks out. The same comparison as above, on arrays: with and without versioning,
# values, exceptions (IndexError at the same index) and the arrays' contents afterwards agree.

ARRAY_PROGRAMS = {
    "sum_range": ("""
        def f(a: float[:], lo: int, hi: int) -> float:
            s = 0.0
            for i in range(lo, hi):
                s += a[i]
            return s
        """, [(n, lo, hi) for n in (0, 1, 5) for lo in (-6, -1, 0, 2) for hi in (0, 1, 5, 6)]),
    "shifted": ("""
        def f(a: float[:], k: int) -> float:
            s = 0.0
            for i in range(len(a)):
                s += a[i + k] * 2.0
            return s
        """, [(n, k) for n in (0, 4, 9) for k in (-10, -9, -4, -1, 0, 1, 3, 2**62, -(2**62), 2**63 - 1)]),
    "stencil": ("""
        def f(m: float[:, :], extra: int) -> float:
            out = 0.0
            for i in range(1, m.shape[0] - 1 + extra):
                for j in range(1, m.shape[1] - 1):
                    out += m[i - 1, j] + m[i + 1, j] - m[i, j - 1] * m[i, j + 1]
            return out
        """, [((r, c), e) for r in (1, 3, 6) for c in (2, 5) for e in (-1, 0, 1, 2)]),
    "int_accumulate": ("""
        def f(a: int[:], k: int) -> int:
            s = 0
            for i in range(len(a)):
                s += a[i] * k + i
            return s
        """, [(n, k) for n in (0, 3, 10) for k in (0, 1, -7, 2**40, 2**61, -(2**62))]),
    "writes": ("""
        def f(a: float[:], b: float[:], step: int, off: int) -> float:
            for i in range(len(a)):
                b[i * step + off] = a[i] + 1.0
            return b[0]
        """, [(n, step, off) for n in (0, 3, 5) for step in (0, 1, 2, -1) for off in (-3, 0, 1, 4)]),
    "triangle": ("""
        def f(m: int[:, :], n: int) -> int:
            t = 0
            for i in range(n):
                for j in range(i, n):
                    t += m[i, j - i] - m[j, i]
            return t
        """, [((r, c), n) for r in (3, 5) for c in (3, 5) for n in (0, 2, 3, 4, 6)]),
    "loop_variable_reassigned": ("""
        def f(a: float[:], k: int) -> float:
            s = 0.0
            for i in range(len(a)):
                i = i * k
                s += a[i]
            return s
        """, [(n, k) for n in (0, 4, 7) for k in (-1, 0, 1, 2)]),
    "array_rebound": ("""
        def f(a: float[:], b: float[:], n: int) -> float:
            s = 0.0
            for i in range(n):
                s += a[i]
                if i == 1:
                    a = b
            return s
        """, [(n, m) for n in (2, 4) for m in (0, 2, 3, 5)]),
    "temporaries_break_else": ("""
        def f(a: float[:], k: int) -> float:
            s = 0.0
            j = 0
            for i in range(len(a)):
                j = i + k
                s += a[j] + a[-1]
                if s > 100.0:
                    break
            else:
                s += a[i] * 10.0
            return s + a[j]
        """, [(n, k) for n in (1, 3, 8) for k in (-3, -1, 0, 1, 2)]),
    "clamped_and_modulo": ("""
        def f(a: int[:], k: int, d: int) -> int:
            s = 0
            for i in range(2 * len(a)):
                s += a[min(i + k, len(a) - 1)] + a[(i * 7) % 5] + a[i % d if d > 0 else 0]
            return s
        """, [(n, k, d) for n in (1, 5, 6) for k in (-9, -2, 0, 3) for d in (0, 1, 5, 7)]),
    "for_x_in_inside": ("""
        def f(a: float[:], b: float[:], k: int) -> float:
            s = 0.0
            for i in range(len(a)):
                for x in b:
                    s += x * a[i + k]
            return s
        """, [(n, m, k) for n in (0, 3) for m in (0, 2) for k in (-1, 0, 1)]),
}


def _array_args(args):
    """Shapes (ints or tuples) become arrays with distinct values; other arguments pass."""
    out = []
    for i, a in enumerate(args):
        if i < 2 and isinstance(a, tuple) or (i == 0 and isinstance(a, int)):
            shape = a if isinstance(a, tuple) else (a,)
            out.append(np.arange(1, 1 + int(np.prod(shape)), dtype=np.float64).reshape(shape) / 4)
        else:
            out.append(a)
    return out


def array_outcome(function, args):
    args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    result = outcome(function, *args)
    return result, [a.tolist() for a in args if isinstance(a, np.ndarray)]


def _typed(source: str, args: list) -> list:
    """Convert float arrays to int arrays where the source says int[...]"""
    first_line = source.strip().splitlines()[0]
    params = re.split(r",\s*(?![^\[]*\])", first_line[first_line.index("(") + 1:first_line.index(")")])
    out = []
    for p, a in zip(params, args, strict=True):
        if isinstance(a, np.ndarray) and "int[" in p:
            a = (a * 4).astype(np.int64)
        out.append(a)
    return out


@pytest.mark.parametrize("name", ARRAY_PROGRAMS)
def test_versioned_loops_check_array_bounds_exactly_as_checked_loops(name):
    source, inputs = ARRAY_PROGRAMS[name]
    source = textwrap.dedent(source)
    fast, slow = both(source)
    for raw in inputs:
        if name in ("writes", "for_x_in_inside", "array_rebound"):  # two arrays
            n = raw[0]
            args = [np.arange(1.0, n + 1.0), np.zeros(max(n, 1) + 2), *raw[1:]] if name == "writes" else \
                [np.arange(1.0, n + 1.0), np.arange(1.0, raw[1] + 1.0), *raw[2:]] if name == "for_x_in_inside" else \
                [np.arange(1.0, n + 1.0), np.arange(1.0, raw[1] + 1.0), n]
        else:
            args = _array_args(raw)
        args = _typed(source, args)
        assert array_outcome(fast["f"], args) == array_outcome(slow["f"], args), (name, raw)


def test_both_sides_of_the_bounds_are_exercised():
    """The inputs above reach the IndexError and the normal result: the checks matter."""
    fast, _ = both(textwrap.dedent(ARRAY_PROGRAMS["shifted"][0]))
    assert fast["f"](np.arange(4.0), 0) == 12.0
    with pytest.raises(IndexError, match="index 4 is out of bounds for axis 0 with size 4"):
        fast["f"](np.arange(4.0), 1)
    assert fast["f"](np.arange(4.0), -4) == 12.0  # negative indices: the checked copy wraps them
    with pytest.raises(IndexError, match="index -5 is out of bounds"):
        fast["f"](np.arange(4.0), -5)


def _optimized_ir(source: str, versioning: bool, **options) -> str:
    from jitcell.compiler.backend import machine
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

    lowered = lower(check(parse(source), source), tag=1, wraparound=False, loop_versioning=versioning, **options)
    return str(machine.optimize(lowered.module, 2))


def test_the_fast_copy_has_no_bounds_checks_and_is_vectorized():
    source = textwrap.dedent("""\
        def axpy(x: float[:], y: float[:], k: float) -> None:
            for i in range(len(x)):
                y[i] = y[i] + k * x[i]
        """)
    with_versions, without = _optimized_ir(source, True), _optimized_ir(source, False)
    assert "x double>" in with_versions and "x double>" not in without
    # without checks the guard still proves the indices non-negative: no wrap from the end either
    assert "x double>" in _optimized_ir(source, True, boundscheck=False)


def test_an_unbounded_accumulator_keeps_its_overflow_checks_but_loses_the_bounds_checks():
    """`s += a[i]` over ints: the guard cannot bound s, so a copy with overflow checks and no
    bounds checks runs (three copies of the loop: none, overflow only, all)."""
    source = textwrap.dedent(ARRAY_PROGRAMS["int_accumulate"][0])
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

    lowered = lower(check(parse(source), source), tag=1, wraparound=False)
    text = str(lowered.module)
    assert text.count("for.fast") >= 2
    fast, _ = both(source)
    assert fast["f"](np.arange(5), 3) == 40
    with pytest.raises(OverflowError):
        fast["f"](np.full(3, 2**62), 2)


@st.composite
def array_loop_programs(draw):
    def index(depth=0):
        if depth > 1 or draw(st.integers(0, 2)) == 0:
            return draw(st.sampled_from(["i", "j", "k", "0", "1", "2", "-1", "n"]))
        op = draw(st.sampled_from(["+", "-", "*", "//", "%"]))
        right = str(draw(st.sampled_from([1, 2, 3]))) if op in ("//", "%") else index(depth + 1)
        return f"({index(depth + 1)} {op} {right})"

    body = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["read", "write", "update", "read2"]))
        if kind == "read":
            body.append(f"s += a[{index()}]")
        elif kind == "write":
            body.append(f"a[{index()}] = s")
        elif kind == "update":
            body.append(f"a[{index()}] += 1.0")
        else:
            body.append(f"s += m[{index()}, {index()}]")
    start, stop = draw(st.sampled_from([("0", "n"), ("1", "n - 1"), ("0", "n + 1"), ("-2", "n"), ("k", "n")]))
    lines = ["def f(a: float[:], m: float[:, :], k: int) -> float:", "    s = 0.0", "    n = len(a)",
             f"    for i in range({start}, {stop}):", "        for j in range(i, n):"]
    lines += ["            " + line for line in body]
    lines.append("    return s")
    return "\n".join(lines) + "\n"


@settings(max_examples=int(__import__("os").environ.get("JITCELL_HYPOTHESIS_EXAMPLES", 25)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(array_loop_programs(), st.lists(st.tuples(st.integers(0, 6), st.integers(-8, 8)), min_size=3, max_size=6))
def test_generated_array_loops_agree_with_and_without_versioning(source, inputs):
    fast, slow = both(source)
    for n, k in inputs:
        args = [np.arange(n, dtype=np.float64), np.arange(36.0).reshape(6, 6)[:n, :], k]
        assert array_outcome(fast["f"], args) == array_outcome(slow["f"], args), (source, n, k)


def _layouts(n: int) -> dict[str, list]:
    """The same values as a contiguous vector and matrix, and as strided views of bigger arrays."""
    vector, matrix = np.arange(n, dtype=np.float64), np.arange(36.0).reshape(6, 6)[:n, :]
    wide, tall = np.zeros(2 * n), np.zeros((12, 6))
    wide[::2], tall[::2] = vector, np.arange(36.0).reshape(6, 6)
    transposed = np.ascontiguousarray(matrix.T).T  # the same values, column-major
    return {"contiguous": [vector, matrix], "strided": [wide[::2], tall[::2][:n, :]],
            "column-major": [vector, transposed]}


@settings(max_examples=int(__import__("os").environ.get("JITCELL_HYPOTHESIS_EXAMPLES", 25)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(array_loop_programs(), st.lists(st.tuples(st.integers(0, 6), st.integers(-8, 8)), min_size=2, max_size=4))
def test_generated_array_loops_agree_for_every_layout(source, inputs):
    """The fast copy has a twin for arrays whose last axis is contiguous (its addresses skip the
    stride): views with other strides must take the other twin and give the same values, errors
    and writes. The arrays are not copied here, since a copy would make them contiguous."""
    fast, slow = both(source)
    for n, k in inputs:
        outcomes = {}
        for layout in ("contiguous", "strided", "column-major"):
            for name, functions in (("fast", fast), ("slow", slow)):
                args = _layouts(n)[layout]
                outcomes[layout, name] = (outcome(functions["f"], *args, k), [a.tolist() for a in args])
        assert len({repr(o) for o in outcomes.values()}) == 1, (source, n, k, outcomes)


def test_a_loop_over_contiguous_arrays_skips_the_stride():
    """A C-order array takes the contiguous twin: its loop loads consecutive doubles (vectorized
    without the stride's multiplication); a strided view takes the other twin."""
    source = textwrap.dedent("""\
        def scale(x: float[:], y: float[:], k: float) -> None:
            for i in range(len(x)):
                y[i] = k * x[i]
        """)
    ir_text = _optimized_ir(source, True)
    assert "for.contiguous" in str(_lowered_ir(source)) and "for.strided" in str(_lowered_ir(source))
    assert "load <" in ir_text or "x double>" in ir_text
    scale = jitcell.compile_cell(source, cache=False).functions["scale"]
    x, y = np.arange(10.0), np.zeros(20)
    scale(x, y[::2], 3.0)
    assert y.tolist() == [3.0 * (i // 2) if i % 2 == 0 else 0.0 for i in range(20)]
    scale(x[::-1], y[:10], 1.0)
    assert y[:10].tolist() == x[::-1].tolist()


def _lowered_ir(source: str) -> str:
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

    return str(lower(check(parse(source), source), tag=1, wraparound=False).module)


def test_the_checked_copy_of_a_versioned_loop_does_not_version_its_nested_loops():
    """Versions of versions would grow exponentially with the depth of a loop nest (and so the
    compile time): only the fast copies version the loops inside them."""
    from jitcell.compiler.check.program import check
    from jitcell.compiler.lower.program import lower
    from jitcell.compiler.parse import parse

    source = textwrap.dedent("""
        import numpy as np

        def heat(n: int, steps: int) -> float[:, :]:
            t = np.zeros((n, n))
            new = np.zeros((n, n))
            for step in range(steps):
                for i in range(1, n - 1):
                    for j in range(1, n - 1):
                        new[i, j] = 0.25 * (t[i - 1, j] + t[i + 1, j] + t[i, j - 1] + t[i, j + 1])
                for i in range(1, n - 1):
                    for j in range(1, n - 1):
                        t[i, j] = new[i, j]
            return t
    """)
    text = str(lower(check(parse(source), source), tag=1, wraparound=False).module)
    fast_copies = len(re.findall(r'^"?for\.fast(\.\d+)?"?:', text, re.MULTILINE))
    assert 0 < fast_copies <= 10, fast_copies  # 28 when checked copies versioned their loops again
    heat = jitcell.compile_cell(source).functions["heat"]
    assert heat(6, 3)[1, 1] == 0.0 and heat(6, 3).shape == (6, 6)
