"""`return NotImplemented` in binary special methods (compiler/parse_declines.py, check/declines.py,
loader/classes.py), differentially: the cell runs under CPython and under jitcell, every call gives
the same value, printed text and exception (type and text); from Python, the compiled classes'
operators behave as CPython's classes do. Then what is refused, each a CompileError."""

from __future__ import annotations

import contextlib
import gc
import io
import sys
import textwrap
import types

import pytest

import jitcell
from jitcell import runtime
from jitcell.errors import CompileError

CELL = textwrap.dedent('''
    class Money:
        """Adds and orders amounts of one currency only; anything else is NotImplemented."""

        def __init__(self, cents: int, currency: str):
            self.cents = cents
            self.currency = currency

        def __add__(self, other: "Money") -> "Money":
            if not isinstance(other, Money) or other.currency != self.currency:
                return NotImplemented
            return Money(self.cents + other.cents, self.currency)

        def __radd__(self, other: int) -> "Money":
            if not isinstance(other, int) or other != 0:
                return NotImplemented
            return self

        def __iadd__(self, other: "Money") -> "Money":
            if not isinstance(other, Money) or other.cents < 0:
                return NotImplemented
            self.cents += other.cents
            return self

        def __eq__(self, other: "Money") -> bool:
            if not isinstance(other, Money) or other.currency != self.currency:
                return NotImplemented
            return self.cents == other.cents

        def __lt__(self, other: "Money") -> bool:
            if not isinstance(other, Money) or other.currency != self.currency:
                return NotImplemented
            return self.cents < other.cents

        def __repr__(self) -> str:
            return f"Money({self.cents}, {self.currency!r})"


    class Vec:
        def __init__(self, x: float, y: float):
            self.x = x
            self.y = y

        def __add__(self, other: "Vec") -> "Vec":
            if not isinstance(other, Vec3):
                return NotImplemented
            return Vec(self.x + other.x, self.y + other.y)

        def __eq__(self, other: "Vec") -> bool:
            if not isinstance(other, Vec) or other.x < 0:
                return NotImplemented
            return self.x == other.x and self.y == other.y

        def __repr__(self) -> str:
            return f"Vec({self.x!r}, {self.y!r})"


    class Vec3(Vec):
        def __init__(self, x: float, y: float, z: float):
            super().__init__(x, y)
            self.z = z

        def __repr__(self) -> str:
            return f"Vec3({self.x!r}, {self.y!r}, {self.z!r})"


    class Scale:
        def __init__(self, k: float):
            self.k = k

        def __mul__(self, v: Vec) -> Vec:
            if not isinstance(v, Vec) or self.k == 0.0:
                return NotImplemented
            return Vec(v.x * self.k, v.y * self.k)

        def __gt__(self, r: "Ruler") -> bool:
            if not isinstance(r, Ruler):
                return NotImplemented
            return self.k > r.n


    class Grid:
        def __init__(self, k: float):
            self.k = k

        def __mul__(self, r: "Ruler") -> Vec:
            if not isinstance(r, Ruler) or self.k == 0.0:
                return NotImplemented
            return Vec(self.k, 0.0)


    class Ruler:
        def __init__(self, n: int):
            self.n = n

        def __rmul__(self, s: Grid) -> Vec:
            if not isinstance(s, Grid):
                return NotImplemented
            return Vec(s.k, float(self.n))

        def __lt__(self, s: Scale) -> bool:
            if not isinstance(s, Scale) or self.n < 0:
                return NotImplemented
            return self.n < s.k


    class Tally:
        """A family whose + declines by value: CPython then tries the other class's __radd__."""

        def __init__(self, n: int):
            self.n = n

        def __add__(self, other: "Tally") -> int:
            if other.n < 0:
                return NotImplemented
            return 1

        def __radd__(self, other: "Tally") -> int:
            if other.n > 5:
                return NotImplemented
            return 3


    class SubTally(Tally):
        def __radd__(self, other: "Tally") -> int:
            if other.n > 5:
                return NotImplemented
            return 2


    class Purse:
        def __init__(self):
            self.m: Money = Money(1, "EUR")


    def places(k: int) -> str:
        """`op=` on a field, a list item and a dict value, whose __iadd__ declines for a negative amount."""
        p = Purse()
        p.m += Money(k, "EUR")
        ms = [Money(1, "EUR"), Money(2, "EUR")]
        ms[0] += Money(k, "EUR")
        d = {"a": Money(5, "EUR")}
        d["a"] += Money(k, "EUR")
        return f"{p.m!r} {ms!r} {d['a']!r}"


    def tally(a: Tally, b: Tally) -> int:
        return a + b


    def add(a: Money, b: Money) -> Money:
        return a + b


    def total(ms: list[Money]) -> Money:
        s = ms[0]
        for m in ms[1:]:
            s = s + m
        return s


    def from_zero(m: Money, k: int) -> Money:
        return k + m


    def grow(a: Money, b: Money) -> str:
        before = a
        a += b
        return f"{a!r} {a is before}"


    def same(a: Money, b: Money) -> str:
        return f"{a == b} {a != b} {a == a} {b != b}"


    def order(a: Money, b: Money) -> bool:
        print(a, b)
        return a < b


    def chained(a: Money, b: Money, c: Money) -> str:
        return f"{a < b < c} {a == b == c}"


    def vadd(a: Vec, b: Vec) -> Vec:
        return a + b


    def veq(a: Vec, b: Vec) -> str:
        return f"{a == b} {a != b} {b == a}"


    def scaled(s: Scale, v: Vec) -> Vec:
        return s * v


    def measured(g: Grid, r: Ruler) -> Vec:
        return g * r if r.n > 100 else Vec(0.0, 0.0)


    def shorter(r: Ruler, s: Scale) -> bool:
        return r < s
''')

CALLS = [
    "add(Money(1, 'EUR'), Money(2, 'EUR'))",
    "add(Money(1, 'EUR'), Money(2, 'USD'))",
    "total([Money(1, 'EUR'), Money(2, 'EUR'), Money(3, 'EUR')])",
    "total([Money(1, 'EUR'), Money(2, 'EUR'), Money(3, 'USD')])",
    "from_zero(Money(5, 'EUR'), 0)",
    "from_zero(Money(5, 'EUR'), 1)",
    "grow(Money(1, 'EUR'), Money(2, 'EUR'))",
    "grow(Money(1, 'EUR'), Money(-2, 'EUR'))",
    "grow(Money(1, 'EUR'), Money(-2, 'USD'))",
    "same(Money(1, 'EUR'), Money(1, 'EUR'))",
    "same(Money(1, 'EUR'), Money(1, 'USD'))",
    "order(Money(1, 'EUR'), Money(2, 'EUR'))",
    "order(Money(1, 'EUR'), Money(2, 'USD'))",
    "chained(Money(1, 'EUR'), Money(2, 'EUR'), Money(3, 'EUR'))",
    "chained(Money(1, 'EUR'), Money(2, 'EUR'), Money(3, 'USD'))",
    "chained(Money(3, 'EUR'), Money(2, 'EUR'), Money(3, 'USD'))",
    "chained(Money(1, 'EUR'), Money(1, 'EUR'), Money(1, 'EUR'))",
    "chained(Money(1, 'EUR'), Money(1, 'USD'), Money(1, 'EUR'))",
    "vadd(Vec(1.0, 2.0), Vec3(1.0, 1.0, 1.0))",
    "vadd(Vec(1.0, 2.0), Vec(1.0, 1.0))",
    "vadd(Vec3(1.0, 2.0, 3.0), Vec(1.0, 1.0))",
    "veq(Vec(1.0, 2.0), Vec(1.0, 2.0))",
    "veq(Vec(-1.0, 2.0), Vec(-1.0, 2.0))",
    "veq(Vec(1.0, 2.0), Vec(-1.0, 2.0))",
    "veq(Vec(-1.0, 2.0), Vec3(-1.0, 2.0, 0.0))",
    "veq(Vec(1.0, 2.0), Vec3(1.0, 2.0, 0.0))",
    "scaled(Scale(2.0), Vec(1.0, 2.0))",
    "scaled(Scale(0.0), Vec(1.0, 2.0))",
    "measured(Grid(0.0), Ruler(200))",
    "measured(Grid(2.0), Ruler(200))",
    "measured(Grid(0.0), Ruler(2))",
    "shorter(Ruler(1), Scale(2.0))",
    "shorter(Ruler(-1), Scale(2.0))",
    "shorter(Ruler(-1), Scale(-2.0))",
    "places(3)", "places(-3)",
    *(f"tally({a}, {b})" for a in ("Tally(1)", "SubTally(1)", "Tally(7)", "SubTally(-1)", "Tally(-1)")
      for b in ("Tally(1)", "SubTally(1)", "Tally(7)", "SubTally(-1)", "Tally(-1)")),
]

# sorted() of instances (its helper compares with `<`), in a cell of its own: a class whose `<` takes
# another class (Ruler's) has no sort helper
SORTING = CELL[:CELL.index("class Vec:")] + textwrap.dedent('''
    def ordered(ms: list[Money]) -> list[Money]:
        return sorted(ms)


    def least(ms: list[Money]) -> Money:
        return min(ms)
''')
SORTING_CALLS = [
    "ordered([Money(3, 'EUR'), Money(1, 'EUR'), Money(2, 'EUR')])",
    "ordered([Money(3, 'EUR'), Money(1, 'USD')])",
    "least([Money(3, 'EUR'), Money(1, 'EUR')])",
    "least([Money(3, 'EUR'), Money(1, 'USD')])",
]


def _run(call: str, namespace: dict) -> tuple:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            value = eval(call, dict(namespace))
        return ("value", repr(value)), out.getvalue()
    except Exception as e:  # the exception is the outcome compared
        return ("error", type(e).__name__, str(e)), out.getvalue()


def _python(source: str, name: str) -> dict:
    module = types.ModuleType(name)
    sys.modules[module.__name__] = module
    exec(source, module.__dict__)
    return module.__dict__


def _jit(source: str, opt: int) -> dict:
    library = jitcell.compile_cell(source, opt=opt)
    return {**library.functions, **library.classes}


@pytest.fixture(scope="module")
def python() -> dict:
    return _python(CELL, "not_implemented_cell")


@pytest.fixture(scope="module", params=[2, 0], ids=["opt2", "opt0"])
def jit(request) -> dict:
    return _jit(CELL, request.param)


def _same(call: str, python: dict, jit: dict) -> None:
    gc.collect()
    live = runtime.call("live_objects")
    expected = _run(call, python)
    got = _run(call, jit)
    assert got == expected
    gc.collect()
    assert runtime.call("live_objects") == live  # the operands and a declined try's leftovers are released


@pytest.mark.parametrize("call", CALLS)
def test_same_as_cpython(call, python, jit):
    _same(call, python, jit)


@pytest.fixture(scope="module")
def sorting() -> tuple[dict, dict]:
    return _python(SORTING, "not_implemented_sorting"), _jit(SORTING, 2)


@pytest.mark.parametrize("call", SORTING_CALLS)
def test_sorting_same_as_cpython(call, sorting):
    _same(call, *sorting)


FROM_PYTHON = [
    "Money(1, 'EUR') + Money(2, 'EUR')",
    "Money(1, 'EUR') + Money(2, 'USD')",
    "Money(1, 'EUR') + 1",
    "0 + Money(1, 'EUR')",
    "1 + Money(1, 'EUR')",
    "sum([Money(1, 'EUR'), Money(2, 'EUR')])",
    "sum([Money(1, 'EUR'), Money(2, 'USD')])",
    "Money(1, 'EUR') == Money(1, 'USD')",
    "Money(1, 'EUR') != Money(1, 'USD')",
    "Money(1, 'EUR') == Money(1, 'EUR')",
    "Money(1, 'EUR') == 1",
    "Money(1, 'EUR') < Money(2, 'USD')",
    "Money(1, 'EUR') < 2",
    "sorted([Money(2, 'EUR'), Money(1, 'EUR')])",
    "Vec(1.0, 2.0) + Vec3(1.0, 1.0, 1.0)",
    "Vec(1.0, 2.0) + Vec(1.0, 1.0)",
    "Vec(1.0, 2.0) + 1",
    "Scale(0.0) * Vec(1.0, 2.0)",
    "Grid(0.0) * Ruler(3)",
    "Grid(1.0) * Ruler(3)",
    "Ruler(-1) < Scale(0.0)",
    "Ruler(-1) < Scale(-3.0)",
]


def _grown(namespace: dict) -> tuple:
    m = namespace["Money"](1, "EUR")
    kept = m
    m += namespace["Money"](-1, "EUR")  # __iadd__ declines: m = m + other
    return repr(m), m is kept


@pytest.mark.parametrize("expression", FROM_PYTHON)
def test_the_operators_from_python(expression, python, jit):
    """The compiled classes' methods return NotImplemented where their compiled code does, so Python's
    own dispatch tries the reflected method and raises CPython's TypeError."""
    assert _run(expression, jit) == _run(expression, python)


def test_augmented_assignment_from_python(python, jit):
    assert _grown(jit) == _grown(python) == ("Money(0, 'EUR')", False)


REFUSED = {
    "no return type": ("class V:\n    def __add__(self, o: 'V'):\n        return NotImplemented\n",
                       "V.__add__ returns NotImplemented: annotate its return type, which may not be None", "2:5"),
    "None among the results": ("class V:\n    def __eq__(self, o: 'V') -> bool | None:\n"
                               "        return NotImplemented\n",
                               "V.__eq__ returns NotImplemented: annotate its return type, which may not be None",
                               "2:5"),
    "a return of None": ("class V:\n    def __eq__(self, o: 'V') -> bool:\n        if o is self:\n"
                         "            return NotImplemented\n        return\n",
                         "V.__eq__ returns None and NotImplemented: not supported by jitcell", "2:5"),
    "another method": ("class V:\n    def f(self) -> int:\n        return NotImplemented\n",
                       "the builtin 'NotImplemented' is", "3:16"),
    "a value": ("class V:\n    def __add__(self, o: 'V') -> 'V':\n        x = NotImplemented\n        return o\n",
                "the builtin 'NotImplemented' is", "3:13"),
    "an override that declines": ("class V:\n    def __add__(self, o: 'V') -> int:\n        return 1\n"
                                  "class W(V):\n    def __add__(self, o: 'V') -> int:\n        return NotImplemented\n",
                                  "W.__add__ returns NotImplemented, and V.__add__, which it overrides, does not",
                                  "5:5"),
    "results of two types": ("class V:\n    def __add__(self, o: 'W') -> int:\n        return NotImplemented\n"
                             "class W:\n    def __radd__(self, o: V) -> str:\n        return 'w'\n"
                             "def f(v: V, w: W) -> int:\n    return v + w\n",
                             "V.__add__ may return NotImplemented, and then 'W.__radd__' gives a str, not a int",
                             "8:12"),
}


@pytest.mark.parametrize("source,message,where", REFUSED.values(), ids=REFUSED.keys())
def test_what_is_refused(source, message, where):
    with pytest.raises(CompileError) as error:
        jitcell.compile_cell(source)
    text = str(error.value)
    assert message in text and f":{where}:" in text, text
