"""complex beyond the differential corpus (tests/programs/complex_*.py): what does not compile
gets a CompileError naming the construct at its line:col, and the boundary takes what Python's
complex() takes for a complex parameter and refuses the rest, naming the parameter."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import jitcell
from jitcell import CompileError

# (source, line, column, message)
ERRORS = {
    "order": ("def f(z: complex) -> bool:\n    return z < 1j\n", 2, 12,
              "'<' not supported between instances of 'complex' and 'complex'"),
    "order with a float": ("def f(z: complex, x: float) -> bool:\n    return x >= z\n", 2, 12,
                           "'>=' not supported between instances of 'float' and 'complex'"),
    "floor division": ("def f(z: complex):\n    return z // 2\n", 2, 12,
                       "unsupported operand type(s) for //: 'complex' and 'int'"),
    "modulo": ("def f(z: complex):\n    return 2.0 % z\n", 2, 12,
               "unsupported operand type(s) for %: 'float' and 'complex'"),
    "invert": ("def f(z: complex):\n    return ~z\n", 2, 12, "bad operand type for unary ~: 'complex'"),
    "int of complex": ("def f(z: complex):\n    return int(z)\n", 2, 16, "int() needs a number, not complex"),
    "round": ("def f(z: complex):\n    return round(z)\n", 2, 12, "type complex doesn't define __round__ method"),
    "math of complex": ("import math\ndef f(z: complex):\n    return math.sqrt(z)\n", 3, 22,
                        "math.sqrt() needs a number, not complex"),
    "max": ("def f(z: complex):\n    return max(z, z)\n", 2, 16, "max() needs a number, not complex"),
    "cmath unknown": ("import cmath\ndef f(z: complex):\n    return cmath.foo(z)\n", 3, 12,
                      "cmath.foo is not supported by jitcell"),
    "cmath star": ("from cmath import *\ndef f(z: complex):\n    return z\n", 1, 1,
                   "'from cmath import *' is not supported; name what you use"),
    "cmath as value": ("import cmath\ndef f():\n    g = cmath.sqrt\n", 3, 9,
                       "functions are not values in jitcell; call cmath.sqrt(...)"),
    "rect of complex": ("import cmath\ndef f(z: complex):\n    return cmath.rect(z, 1.0)\n", 3, 23,
                        "must be real number, not complex"),
    "cmath arity": ("import cmath\ndef f(z: complex):\n    return cmath.log(z, 2, 3)\n", 3, 12,
                    "cmath.log() takes 1 or 2 arguments, got 3"),
    "method": ("def f(z: complex):\n    return z.foo()\n", 2, 12, "'complex' has no method 'foo' in jitcell"),
    "malformed literal": ("def f():\n    return complex('abc')\n", 2, 12, "complex() arg is a malformed string"),
    "three arguments": ("def f():\n    return complex(1, 2, 3)\n", 2, 12,
                        "complex() takes at most 2 arguments (3 given)"),
    "str argument": ("def f(s: str):\n    return complex(1.0, s)\n", 2, 25,
                     "complex() second argument must be a number, not 'str'"),
    "sorted complex": ("def f(xs: list[complex]):\n    xs.sort()\n", 2, 5,
                       "sorting a list[complex] needs key=: its items cannot be ordered in jitcell"),
    "list order": ("def f(xs: list[complex]) -> bool:\n    return xs < xs\n", 2, 12,
                   "comparing values of type list[complex] is not supported: its items cannot be ordered in jitcell"),
    "complex ones": ("import numpy as np\ndef f(n: int):\n    return np.ones(n, dtype=np.complex128)\n", 3, 12,
                     "np.ones() of complex numbers is not supported yet; use np.zeros and assign the elements"),
    "complex fill": ("def f(a: complex[:]):\n    a[1:] = 1j\n", 2, 5,
                     "assigning one complex number to every element of a view is not supported yet; write a loop"),
    "bad dtype": ("import numpy as np\ndef f(n: int):\n    return np.zeros(n, dtype=np.complex64)\n", 3, 30,
                  "dtype must be float, int, bool or complex, np.NAME or 'NAME' of a NumPy dtype jitcell supports "
                  "(float64, float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8, bool, complex128)"),
    "complex and str": ("def f(z: complex) -> bool:\n    return z == 'a'\n", 2, 12,
                        "a str and a complex are never equal in jitcell: compare values of one type"),
    "mixed conditional": ("def f(z: complex, c: bool):\n    return z if c else 1.0\n", 2, 12,
                          "the operands of a conditional expression have different types (complex and float); "
                          "Python would return either, so convert them to one type, e.g. float(...)"),
    "int local": ("def f() -> complex:\n    x = 0\n    x += 1j\n    return x\n", 3, 5,
                  "'x' is int, but 'x += ...' gives complex"),
}


@pytest.mark.parametrize("source, line, col, message", ERRORS.values(), ids=ERRORS.keys())
def test_what_does_not_compile_is_a_compile_error(source, line, col, message):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source, cache=False)
    assert [(d.loc.line, d.loc.col, d.message) for d in caught.value.diagnostics] == [(line, col, message)]


@pytest.fixture(scope="module")
def lib():
    return jitcell.compile_cell(textwrap.dedent("""
        def twice(z: complex) -> complex:
            return 2 * z

        def parts(z: complex) -> tuple[float, complex]:
            return z.imag, z

        def doubled(xs: list[complex]) -> None:
            for i in range(len(xs)):
                xs[i] = 2 * xs[i]
    """), cache=False)


@pytest.mark.parametrize("argument, expected", [
    (1 + 2j, 2 + 4j), (3, 6 + 0j), (1.5, 3 + 0j), (True, 2 + 0j), (np.complex128(1 - 1j), 2 - 2j),
    (np.float64(0.25), 0.5 + 0j), (np.int64(-3), -6 + 0j),
])
def test_a_complex_parameter_takes_numbers(lib, argument, expected):
    result = lib.functions["twice"](argument)
    assert type(result) is complex and result == expected


@pytest.mark.parametrize("argument, kind", [("1j", "str"), (None, "NoneType"), (b"1", "bytes"), ([1j], "list")])
def test_a_complex_parameter_refuses_other_values(lib, argument, kind):
    with pytest.raises(TypeError, match=rf"^twice\(\) argument 'z' must be complex, not {kind}$"):
        lib.functions["twice"](argument)


def test_complex_items_of_a_tuple_result(lib):
    imag, z = lib.functions["parts"](complex(-0.0, -0.0))
    assert type(z) is complex and str(z) == "(-0-0j)" and str(imag) == "-0.0"


def test_a_list_of_complex_is_checked_copied_in_and_written_back(lib):
    xs = [1j, 2, np.complex128(-1 - 1j), 0.5]
    lib.functions["doubled"](xs)
    assert [(type(z), z) for z in xs] == [(complex, 2j), (complex, 4 + 0j), (complex, -2 - 2j), (complex, 1 + 0j)]
    bad = [1j, "2"]
    with pytest.raises(TypeError, match=r"^doubled\(\) argument 'xs' must be list\[complex\], not list containing str "
                                        r"at index 1$"):
        lib.functions["doubled"](bad)
    assert bad == [1j, "2"]


_PARTS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -3.5, 1e-310, -5e-324, 2.2250738585072014e-308, 1e-300, 1e300,
          -1.7976931348623157e308, 708.0, 708.5, 709.9, -745.5, 3.141592653589793, 100.0, float("inf"), float("-inf"),
          float("nan")]


def _values() -> list[complex]:
    import random

    rng = random.Random(13)
    values = [complex(re, im) for re in _PARTS for im in _PARTS]
    for _ in range(2000):
        values.append(complex(rng.uniform(-1, 1) * 10 ** rng.randint(-20, 20),
                              rng.uniform(-1, 1) * 10 ** rng.randint(-20, 20)))
    return values


def _outcome(function, *args):
    try:
        value = function(*args)
    except (ValueError, OverflowError, ZeroDivisionError) as error:
        return type(error).__name__, str(error)
    return repr(value)  # repr is exact: -0.0, nan and every bit of a double show


@pytest.fixture(scope="module")
def kernels():
    source = textwrap.dedent("""
        import cmath

        def exp(z: complex) -> complex:
            return cmath.exp(z)

        def sqrt(z: complex) -> complex:
            return cmath.sqrt(z)

        def phase(z: complex) -> float:
            return cmath.phase(z)

        def polar(z: complex) -> tuple[float, float]:
            return cmath.polar(z)

        def rect(r: float, phi: float) -> complex:
            return cmath.rect(r, phi)

        def tests(z: complex) -> tuple[bool, bool, bool]:
            return cmath.isnan(z), cmath.isinf(z), cmath.isfinite(z)

        def div(a: complex, b: complex) -> complex:
            return a / b

        def power(a: complex, b: complex) -> complex:
            return a ** b

        def magnitude(z: complex) -> float:
            return abs(z)
    """)
    python: dict = {}
    exec(source, python)
    return python, jitcell.compile_cell(source, cache=False).functions


@pytest.mark.parametrize("name", ["exp", "sqrt", "phase", "polar", "tests", "magnitude"])
def test_inline_functions_of_one_complex_match_cpython_bit_for_bit(kernels, name):
    """exp, sqrt, phase and polar are computed inline for finite values (CPython's cmath for the
    rest): thousands of values, signed zeros, subnormals, infinities and NaNs among them."""
    python, jit = kernels
    mismatches = [z for z in _values() if _outcome(python[name], z) != _outcome(jit[name], z)]
    assert mismatches == []


def test_rect_matches_cpython_bit_for_bit(kernels):
    python, jit = kernels
    pairs = [(r, phi) for r in _PARTS for phi in _PARTS] + [(z.real, z.imag) for z in _values()[-500:]]
    assert [p for p in pairs if _outcome(python["rect"], *p) != _outcome(jit["rect"], *p)] == []


@pytest.mark.parametrize("name", ["div", "power"])
def test_division_and_power_match_cpython_bit_for_bit(kernels, name):
    """Smith's method and complex_pow (c_powi for integral exponents up to 100, _Py_c_pow otherwise)."""
    python, jit = kernels
    values = _values()
    exponents = [complex(n, 0) for n in (-101, -100, -7, -2, -1, 0, 1, 2, 3, 13, 100, 101)] + \
        [0.5 + 0j, -2.5 + 0j, 1j, 1 - 1j, complex(float("nan"), 0), complex(0, float("inf"))]
    pairs = [(a, b) for a in values[::7] for b in (exponents if name == "power" else values[::97])]
    assert [p for p in pairs if _outcome(python[name], *p) != _outcome(jit[name], *p)] == []
