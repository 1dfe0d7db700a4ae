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
                  "dtype must be float, int, bool or complex (or np.float64, np.int64, np.bool_, np.complex128)"),
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
