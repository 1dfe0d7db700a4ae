"""Generated programs: random expressions and random control flow, jitcell against CPython.

Expressions are random typed trees over `a, b: int`, `x, y: float` and `p: bool`::

    def e0(a: int, b: int, x: float, y: float, p: bool):
        return ((a // (-7)) if (x < b <= 2.5) else abs((b ** 3)))

Each example compiles one cell of several such functions and calls each on several
inputs, edge values included. The expected outcome comes from evaluating the same
tree in Python, operation by operation, with jitcell's documented deviations: an int
result beyond 64 bits raises OverflowError, int ** negative int and a complex result
raise ValueError. Everything else (values bit for bit, exception types and messages)
must be CPython's.

Control-flow programs are random nests of if/elif/else, while and for loops with
break, continue, early returns, prints, and locals that may be unbound. Their int
values stay small by construction, so they are run directly by CPython.

The unmarked tests are short; the @pytest.mark.slow variants run many more examples.
"""

from __future__ import annotations

import contextlib
import io
import math
import operator
import struct
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jitcell

INT_MIN, INT_MAX = -(2**63), 2**63 - 1

INT_EDGES = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 64, 63, 65, 2**31, -(2**31), 2**32, 3037000499, 3037000500,
             2**53, 2**53 + 1, -(2**53) - 1, 2**62, -(2**62), INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1]
FLOAT_EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.1, 2.5, -2.5, 3.0, 1e-300, -1e-300, 5e-324, 2.2250738585072014e-308,
               1e300, -1e300, 1.7976931348623157e308, 2.0**53, 2.0**53 + 2.0, 2.0**63, -(2.0**63),
               9.2233720368547748e18,
               math.pi, 710.0, -745.5, math.inf, -math.inf, math.nan]


class Deviation(Exception):
    """jitcell raises `kind` here by design, where CPython would give a big int or a float."""

    def __init__(self, kind: type[BaseException]):
        super().__init__(kind.__name__)
        self.kind = kind


_MODE = {"wraparound": False}  # how the oracle treats an int beyond 64 bits: raise, or wrap


def _wrap(value: int) -> int:
    return (value + 2**63) % 2**64 - 2**63


def _checked(value):
    if type(value) is int and not INT_MIN <= value <= INT_MAX:
        if _MODE["wraparound"]:
            return _wrap(value)
        raise Deviation(OverflowError)
    if type(value) is complex:
        raise Deviation(ValueError)
    return value


def _power(a, b):
    if type(a) in (int, bool) and type(b) in (int, bool):
        if b < 0:
            raise Deviation(ValueError)
        if _MODE["wraparound"]:
            return _wrap(pow(a, b, 2**64))
        if abs(a) > 1 and b > 64:
            raise Deviation(OverflowError)  # without computing it
    return _checked(a ** b)


def _lshift(a, n):
    if n > 64 and a != 0:
        if _MODE["wraparound"]:
            return 0
        raise Deviation(OverflowError)
    return _checked(a << n)


def _from_float(fn):
    """int(x), round(x), math.floor(x)...: beyond 64 bits they raise, wraparound or not."""
    def convert(x):
        value = fn(x)
        if not INT_MIN <= value <= INT_MAX:
            raise Deviation(OverflowError)
        return value

    return convert


_BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "//": operator.floordiv, "%": operator.mod, "**": _power, "&": operator.and_,
    "|": operator.or_, "^": operator.xor, "<<": _lshift, ">>": operator.rshift,
}
_EXACT = {**_BINARY, "**": operator.pow, "<<": operator.lshift}
_UNARY = {"-": operator.neg, "~": operator.invert, "+": operator.pos}
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
            "==": operator.eq, "!=": operator.ne}
_MATH1 = ["sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
          "cosh", "tanh", "expm1", "log1p", "fabs", "degrees", "radians"]
_MATH2 = ["atan2", "hypot", "fmod", "pow", "copysign", "log"]
_ROUNDING = ["int", "round", "math.floor", "math.ceil", "math.trunc"]


@dataclass(frozen=True)
class E:
    """A generated expression: its source and its evaluation with jitcell's semantics.

    `const` is the exact value of an int constant expression: jitcell computes those
    at compile time, as CPython does, so `1 // (1 << 66)` is 0 and not an overflow.
    """

    src: str
    ev: Callable[[dict], object]
    const: int | None = None


def _folded(e: E) -> E:
    if e.const is None or not INT_MIN <= e.const <= INT_MAX:
        return e
    return E(e.src, lambda env: e.const, e.const)


def _fold(op: str, *values: int | None) -> int | None:
    if any(v is None for v in values):
        return None
    if op == "**" and (values[1] < 0 or (abs(values[0]) > 1 and values[1] * values[0].bit_length() > 4096)):
        return None
    if op == "<<" and values[1] > 4096:
        return None
    try:
        result = _UNARY[op](*values) if len(values) == 1 else _EXACT[op](*values)
    except (ZeroDivisionError, ValueError):
        return None
    return result if result.bit_length() <= 4096 else None


def _literal(value) -> E:
    if isinstance(value, float) and not math.isfinite(value):
        text = f"float('{value}')"
    else:
        text = f"({value!r})" if repr(value).startswith("-") else repr(value)  # -2 ** 2 is -(2 ** 2)
    return E(text, lambda env: value, value if type(value) is int else None)


def _var(name: str) -> E:
    return E(name, lambda env: env[name])


def _binary(op: str, left: E, right: E) -> E:
    fn = _BINARY[op]
    const = _fold(op, left.const, right.const) if op != "/" else None
    return _folded(E(f"({left.src} {op} {right.src})", lambda env: _checked(fn(left.ev(env), right.ev(env))), const))


def _unary(op: str, operand: E) -> E:
    fn = _UNARY[op]
    return _folded(E(f"({op}{operand.src})", lambda env: _checked(fn(operand.ev(env))), _fold(op, operand.const)))


def _call(name: str, fn: Callable, *args: E) -> E:
    return E(f"{name}({', '.join(a.src for a in args)})", lambda env: _checked(fn(*(a.ev(env) for a in args))))


def _logical(op: str, left: E, right: E) -> E:
    if op == "and":
        return E(f"({left.src} and {right.src})", lambda env: left.ev(env) and right.ev(env))
    return E(f"({left.src} or {right.src})", lambda env: left.ev(env) or right.ev(env))


def _ifexp(test: E, body: E, orelse: E) -> E:
    return E(f"({body.src} if {test.src} else {orelse.src})",
             lambda env: body.ev(env) if test.ev(env) else orelse.ev(env))


def _compare(ops: list[str], operands: list[E]) -> E:
    src = operands[0].src + "".join(f" {op} {e.src}" for op, e in zip(ops, operands[1:], strict=True))

    def ev(env):
        left = operands[0].ev(env)
        for op, e in zip(ops, operands[1:], strict=True):
            right = e.ev(env)
            if not _COMPARE[op](left, right):
                return False
            left = right
        return True

    return E(f"({src})", ev)


ints = st.one_of(st.sampled_from(INT_EDGES), st.integers(-20, 20), st.integers(INT_MIN, INT_MAX))
floats = st.one_of(st.sampled_from(FLOAT_EDGES), st.floats(-10.0, 10.0), st.floats(allow_nan=True))
small_exponents = st.integers(0, 5).map(_literal)


@st.composite
def int_expr(draw, depth: int) -> E:
    if depth <= 0 or draw(st.integers(0, 4)) == 0:
        return draw(st.one_of(st.sampled_from([_var("a"), _var("b")]), ints.map(_literal)))
    d = depth - 1
    kind = draw(st.integers(0, 11))
    if kind <= 2:
        op = draw(st.sampled_from(["+", "-", "*", "//", "%", "&", "|", "^"]))
        return _binary(op, draw(int_expr(d)), draw(int_expr(d)))
    if kind == 3:
        exponent = draw(st.one_of(small_exponents, int_expr(d)))
        return _binary("**", draw(int_expr(d)), exponent)
    if kind == 4:
        shift = draw(st.one_of(st.integers(0, 66).map(_literal), int_expr(d)))
        return _binary(draw(st.sampled_from(["<<", ">>"])), draw(int_expr(d)), shift)
    if kind == 5:
        return _unary(draw(st.sampled_from(["-", "~", "+"])), draw(int_expr(d)))
    if kind == 6:
        name = draw(st.sampled_from(["abs", "min", "max"]))
        args = [draw(int_expr(d)) for _ in range(1 if name == "abs" else draw(st.integers(2, 3)))]
        return _call(name, {"abs": abs, "min": min, "max": max}[name], *args)
    if kind == 7:
        name = draw(st.sampled_from(_ROUNDING))
        fn = {"int": int, "round": round}.get(name) or getattr(math, name[5:])
        return _call(name, _from_float(fn), draw(float_expr(d)))
    if kind == 8:
        return _ifexp(draw(bool_expr(d)), draw(int_expr(d)), draw(int_expr(d)))
    if kind == 9:
        return _logical(draw(st.sampled_from(["and", "or"])), draw(int_expr(d)), draw(int_expr(d)))
    if kind == 10:  # bools in arithmetic are ints
        op = draw(st.sampled_from(["+", "-", "*", "//", "%", "<<", ">>"]))
        return _binary(op, draw(bool_expr(d)), draw(st.one_of(bool_expr(d), int_expr(d))))
    return _call("int", int, draw(st.one_of(int_expr(d), bool_expr(d))))


@st.composite
def float_expr(draw, depth: int) -> E:
    if depth <= 0 or draw(st.integers(0, 4)) == 0:
        return draw(st.one_of(st.sampled_from([_var("x"), _var("y")]), floats.map(_literal)))
    d = depth - 1
    kind = draw(st.integers(0, 10))
    if kind <= 2:
        op = draw(st.sampled_from(["+", "-", "*", "/", "//", "%", "**"]))
        left, right = draw(st.sampled_from([("f", "f"), ("f", "f"), ("i", "f"), ("f", "i")]))
        pick = {"f": float_expr(d), "i": int_expr(d)}
        return _binary(op, draw(pick[left]), draw(pick[right]))
    if kind == 3:
        return _binary("/", draw(int_expr(d)), draw(int_expr(d)))
    if kind == 4:
        return _unary("-", draw(float_expr(d)))
    if kind == 5:
        name = draw(st.sampled_from(["abs", "min", "max", "float"]))
        count = 1 if name in ("abs", "float") else draw(st.integers(2, 3))
        args = [draw(int_expr(d) if name == "float" else float_expr(d)) for _ in range(count)]
        return _call(name, {"abs": abs, "min": min, "max": max, "float": float}[name], *args)
    if kind == 6:
        name = draw(st.sampled_from(_MATH1))
        return _call(f"math.{name}", getattr(math, name), draw(st.one_of(float_expr(d), int_expr(d))))
    if kind == 7:
        name = draw(st.sampled_from(_MATH2))
        return _call(f"math.{name}", getattr(math, name), draw(float_expr(d)), draw(float_expr(d)))
    if kind == 8:
        return _ifexp(draw(bool_expr(d)), draw(float_expr(d)), draw(float_expr(d)))
    if kind == 9:
        return _logical(draw(st.sampled_from(["and", "or"])), draw(float_expr(d)), draw(float_expr(d)))
    return _binary("**", draw(float_expr(d)), draw(small_exponents))


@st.composite
def bool_expr(draw, depth: int) -> E:
    if depth <= 0 or draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from([_var("p"), _literal(True), _literal(False)]))
    d = depth - 1
    kind = draw(st.integers(0, 6))
    if kind <= 2:
        count = draw(st.integers(2, 4))
        operands = [draw(st.one_of(int_expr(d), float_expr(d))) for _ in range(count)]
        ops = [draw(st.sampled_from(list(_COMPARE))) for _ in range(count - 1)]
        return _compare(ops, operands)
    if kind == 3:
        operand = draw(bool_expr(d))
        return E(f"(not {operand.src})", lambda env: not operand.ev(env))
    if kind == 4:
        return _logical(draw(st.sampled_from(["and", "or"])), draw(bool_expr(d)), draw(bool_expr(d)))
    if kind == 5:
        return _binary(draw(st.sampled_from(["&", "|", "^"])), draw(bool_expr(d)), draw(bool_expr(d)))
    name = draw(st.sampled_from(["bool", "math.isnan", "math.isinf", "math.isfinite"]))
    fn = bool if name == "bool" else getattr(math, name[5:])
    return _call(name, fn, draw(st.one_of(float_expr(d), int_expr(d))))


PARAMS = "a: int, b: int, x: float, y: float, p: bool"
inputs = st.fixed_dictionaries({"a": ints, "b": ints, "x": floats, "y": floats, "p": st.booleans()})


@st.composite
def expression_batches(draw, count: int = 10, calls: int = 6):
    exprs = [draw(draw(st.sampled_from([int_expr, float_expr, bool_expr]))(draw(st.integers(1, 4))))
             for _ in range(count)]
    envs = draw(st.lists(inputs, min_size=calls, max_size=calls))
    return exprs, envs, draw(st.sampled_from([2, 0]))


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or struct.pack("<d", a) == struct.pack("<d", b)
    return a == b


def _expected(e: E, env: dict):
    try:
        return "value", e.ev(env)
    except Deviation as d:
        return "deviation", d.kind
    except Exception as error:  # CPython's own error
        return "error", error


def check_expressions(exprs: list[E], envs: list[dict], opt: int, wraparound: bool = False) -> None:
    source = "import math\n\n" + "".join(f"\ndef e{i}({PARAMS}):\n    return {e.src}\n" for i, e in enumerate(exprs))
    functions = jitcell.compile_cell(source, opt=opt, wraparound=wraparound, cache=False).functions
    for i, e in enumerate(exprs):
        for env in envs:
            _MODE["wraparound"] = wraparound
            try:
                kind, expected = _expected(e, env)
            finally:
                _MODE["wraparound"] = False
            where = f"e{i}(**{env}) at opt={opt}, wraparound={wraparound}: {e.src}"
            try:
                got = functions[f"e{i}"](**env)
            except Exception as error:  # compared below
                if kind == "deviation":
                    assert type(error) is expected, f"{where}: expected {expected.__name__}, got {error!r}"
                else:
                    assert kind == "error", f"{where}: CPython gives {expected!r}, jitcell raised {error!r}"
                    assert (type(error), str(error)) == (type(expected), str(expected)), \
                        f"{where}: CPython raises {expected!r}, jitcell {error!r}"
                continue
            assert kind == "value", f"{where}: expected {kind} {expected!r}, jitcell returned {got!r}"
            assert _same(got, expected), f"{where}: CPython gives {expected!r}, jitcell {got!r}"


_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=25, **_SETTINGS)
@given(expression_batches())
def test_expressions(batch):
    check_expressions(*batch)


@pytest.mark.slow
@settings(max_examples=500, **_SETTINGS)
@given(expression_batches(count=20, calls=12))
def test_expressions_long(batch):
    check_expressions(*batch)


@settings(max_examples=15, **_SETTINGS)
@given(expression_batches())
def test_expressions_wraparound(batch):
    """With wraparound=True every int result wraps modulo 2**64; conversions from float still raise."""
    check_expressions(*batch, wraparound=True)


@pytest.mark.slow
@settings(max_examples=300, **_SETTINGS)
@given(expression_batches(count=20, calls=12))
def test_expressions_wraparound_long(batch):
    check_expressions(*batch, wraparound=True)


# ---- control flow ----------------------------------------------------------------

MOD = 10007  # int locals stay below MOD in size, so no int ever needs more than 64 bits


class _Program:
    """Builds one random function. `ints` and `floats` are the locals a read may name: their
    type is known from an earlier assignment, though Python may still find them unbound."""

    def __init__(self, draw):
        self.draw = draw
        self.lines: list[str] = []
        self.ints = ["n", "m"]  # int locals with a known type
        self.floats = ["f"]
        self.loops = 0
        self.counters = 0

    def emit(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def pick(self, names: list[str]) -> str:
        """A local; the parameters (always bound) half of the time."""
        return self.draw(st.sampled_from(names[:2] if self.draw(st.booleans()) else names))

    def int_operand(self) -> str:
        d = self.draw
        choice = d(st.integers(0, 7))
        if choice == 0:  # a call with keywords or a default; the helper may print
            a, b = self.pick(self.ints), self.pick(self.ints)
            return d(st.sampled_from([f"helper({a}, {b})", f"helper(b={b}, a={a})", f"helper({a})"]))
        if choice <= 4:
            return self.pick(self.ints)
        return f"({d(st.integers(-9, 9))})"

    def int_value(self) -> str:
        d = self.draw
        a, b, c = self.int_operand(), self.int_operand(), self.int_operand()
        form = d(st.integers(0, 4))
        if form == 0:
            return f"({a} * {b} + {c}) % {MOD}"
        if form == 1:
            return f"({a} - {b} * {c}) % {-MOD}"
        if form == 2:
            return f"{a} // ({b} % 5 - 2)"  # may divide by zero
        if form == 3:
            return f"({a} if {self.condition()} else {b}) % {MOD}"
        return f"{a} % ({b} % 3)"  # may divide by zero

    def float_value(self) -> str:
        d = self.draw
        f, n = self.pick(self.floats), self.pick(self.ints)
        form = d(st.integers(0, 3))
        if form == 0:
            return f"{f} * 0.5 + {n} / 7"
        if form == 1:
            return f"{f} - {n} * 0.1"
        if form == 2:
            return f"({f} + 1.5) % ({n} % 4 + 0.5)"
        return f"{f} / ({n} % 3)"  # may divide by zero

    def condition(self) -> str:
        d = self.draw
        a, b = self.int_operand(), self.int_operand()
        op = d(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        form = d(st.integers(0, 3))
        if form == 0:
            return f"{a} {op} {b}"
        if form == 1:
            return f"{a} % 3 {op} {b} % 2 and {self.pick(self.floats)} > {d(st.integers(-5, 5))}"
        if form == 2:
            return f"not {a} {op} {b} or {a} % 2 == 0"
        return f"{a} % 4"

    def block(self, indent: int, depth: int, most: int = 3) -> None:
        count = self.draw(st.integers(1, most))
        for _ in range(count):
            self.statement(indent, depth)

    def statement(self, indent: int, depth: int) -> None:
        d = self.draw
        kinds = ["assign", "assign", "float", "print", "new", "augmented", "assert"]
        kinds += ["if", "while", "for"] * 2 if depth > 0 else []
        if self.loops:
            kinds += ["break", "continue"]
        kinds += ["return"]
        kind = d(st.sampled_from(kinds))
        if kind == "assign":
            self.emit(indent, f"{self.pick(self.ints)} = {self.int_value()}")
        elif kind == "augmented":
            op = d(st.sampled_from(["+=", "-=", "//=", "%="]))
            self.emit(indent, f"{self.pick(self.ints)} {op} {self.int_operand()} % {MOD}")
        elif kind == "assert":
            self.emit(indent, f"assert {self.condition()}, {self.pick(self.ints)}")
        elif kind == "float":
            self.emit(indent, f"{self.pick(self.floats)} = {self.float_value()}")
        elif kind == "new":  # a new local, first bound here (maybe only on some paths)
            if d(st.booleans()):
                name = f"v{len(self.ints)}"
                self.emit(indent, f"{name} = {self.int_value()}")
                self.ints.append(name)
            else:
                name = f"g{len(self.floats)}"
                self.emit(indent, f"{name} = {self.float_value()}")
                self.floats.append(name)
        elif kind == "print":
            items = d(st.lists(st.sampled_from(self.ints + self.floats + ["'text'"]), min_size=0, max_size=3))
            items += d(st.sampled_from([[], ["sep=','"], ["end=';\\n'"], ["sep=''", "end=''"]]))
            self.emit(indent, f"print({', '.join(items)})")
        elif kind == "if":
            self.emit(indent, f"if {self.condition()}:")
            self.block(indent + 1, depth - 1)
            for _ in range(d(st.integers(0, 2))):
                self.emit(indent, f"elif {self.condition()}:")
                self.block(indent + 1, depth - 1)
            if d(st.booleans()):
                self.emit(indent, "else:")
                self.block(indent + 1, depth - 1)
        elif kind == "while":
            counter = f"k{self.counters}"
            self.counters += 1
            self.emit(indent, f"{counter} = 0")
            self.emit(indent, f"while {counter} < {d(st.integers(0, 6))} and ({self.condition()}):")
            self.emit(indent + 1, f"{counter} += 1")
            self.loop_body(indent, depth)
        elif kind == "for":
            var = f"i{self.counters}"
            self.counters += 1
            args = d(st.sampled_from(["{a}", "{a}, {b}", "{a}, {b}, {s}"])).format(
                a=d(st.integers(-3, 6)), b=d(st.integers(-6, 6)), s=d(st.sampled_from([1, 2, -1, -2, 3])))
            self.emit(indent, f"for {var} in range({args}):")
            self.ints.append(var)
            self.loop_body(indent, depth)
        elif kind == "return":
            self.emit(indent, f"return {self.pick(self.ints)} + {self.pick(self.floats)}")
        else:
            self.emit(indent, kind)

    def loop_body(self, indent: int, depth: int) -> None:
        self.loops += 1
        self.block(indent + 1, depth - 1)
        self.loops -= 1
        if self.draw(st.booleans()):
            self.emit(indent, "else:")
            self.block(indent + 1, depth - 1)


HELPER = """\
def helper(a: int, b: int = 3) -> int:
    if a % 7 == 0:
        print("helper", a, b)
    return (a * 31 + b) % 10007 - 5000

"""


@st.composite
def programs(draw):
    program = _Program(draw)
    program.lines += HELPER.splitlines()
    program.emit(0, "def run(n: int, m: int, f: float) -> float:")
    program.block(1, draw(st.integers(1, 3)), most=6)
    program.emit(1, "return n * 1.0 + m - f")
    args = draw(st.lists(st.tuples(st.integers(-50, 50), st.integers(-50, 50),
                                   st.sampled_from([0.0, -0.0, 1.5, -2.25, 1e300, math.inf, math.nan])),
                         min_size=3, max_size=3))
    return "\n".join(program.lines) + "\n", args, draw(st.sampled_from([2, 0]))


def _outcome(fn, args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            return "value", fn(*args), out.getvalue()
        except Exception as error:  # compared by type and message
            return "error", (type(error), str(error)), out.getvalue()


def check_program(source: str, args: list, opt: int) -> None:
    namespace: dict = {}
    exec(source, namespace)
    run = jitcell.compile_cell(source, opt=opt, cache=False).functions["run"]
    for call in args:
        expected, got = _outcome(namespace["run"], call), _outcome(run, call)
        message = f"run{call} at opt={opt}\n{source}\nCPython: {expected}\njitcell: {got}"
        assert expected[0] == got[0] and expected[2] == got[2], message
        if expected[0] == "value":
            assert _same(expected[1], got[1]), message
        else:
            assert expected[1] == got[1], message


@settings(max_examples=25, **_SETTINGS)
@given(programs())
def test_control_flow(program):
    check_program(*program)


@pytest.mark.slow
@settings(max_examples=400, **_SETTINGS)
@given(programs())
def test_control_flow_long(program):
    check_program(*program)
