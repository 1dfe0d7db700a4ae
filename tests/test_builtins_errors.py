"""Compile errors of isinstance(), type(), callable(), pow(), imports in functions and builtins jitcell
has not: each names the construct at its line:col (the values are tested differentially in
tests/programs/builtins_isinstance.py, builtins_pow.py and builtins_imports.py)."""

from __future__ import annotations

import textwrap

import pytest

import jitcell
from jitcell import CompileError


def compile_error(source: str) -> CompileError:
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(textwrap.dedent(source).lstrip("\n"), cache=False)
    return caught.value


# (source, line, column, message): the one diagnostic each cell gets
CASES = {
    "isinstance of a non-class": ("def f(n: int) -> bool:\n    return isinstance(n, 5)\n", 2, 26,
                                  "isinstance() arg 2 must be a type, a tuple of types, or a union (jitcell folds "
                                  "isinstance() with builtin classes such as int, float, str, list, tuple, dict, set)"),
    "isinstance arity": ("def f(n: int) -> bool:\n    return isinstance(n)\n", 2, 12,
                         "isinstance expected 2 arguments, got 1"),
    "type as a value": ("def f(n: int) -> int:\n    t = type(n)\n    return 0\n", 2, 9,
                        "type(x) is supported where it is compared with a class (type(x) is int, type(x) == float) "
                        "or shown as text (str(type(x)), an f-string field)"),
    "type compared with a tuple": ("def f(n: int) -> bool:\n    return type(n) == (int, float)\n", 2, 23,
                                   "type(x) is compared with a builtin class in jitcell (type(x) is int)"),
    "callable arity": ("def f(n: int) -> bool:\n    return callable(n, n)\n", 2, 12,
                       "callable() takes exactly one argument (2 given)"),
    "pow of floats with a modulus": ("def f(x: float) -> float:\n    return pow(x, 2, 5)\n", 2, 12,
                                     "pow() 3rd argument not allowed unless all arguments are integers"),
    "pow of a str": ("def f(s: str) -> int:\n    return pow(s, 2, 5)\n", 2, 12,
                     "unsupported operand type(s) for pow(): 'str', 'int', 'int'"),
    "pow without an exponent": ("def f(n: int) -> int:\n    return pow(n)\n", 2, 12,
                                "pow() missing required argument 'exp' (pos 2)"),
    "pow with four arguments": ("def f(n: int) -> int:\n    return pow(n, 1, 2, 3)\n", 2, 12,
                                "pow() takes at most 3 arguments (4 given)"),
    "import of another module in a function": (
        "def f() -> None:\n    import timeit\n", 2, 5,
        "only 'import math', 'import cmath', 'import numpy' and 'import random' are supported, not 'import timeit'"),
    "a function's import is its own": (
        "def f(x: float) -> float:\n    import math\n    return math.sqrt(x)\n\ndef g(x: float) -> float:\n"
        "    return math.sqrt(x)\n", 6, 12, "name 'math' is not defined; add 'import math' at the top of the cell"),
    "an unknown math name imported in a function": (
        "def f(x: float) -> float:\n    from math import nope\n    return x\n", 2, 5,
        "math.nope is not supported by jitcell"),
    "import inside an if": ("def f(x: float) -> float:\n    if x > 0:\n        import math\n    return x\n", 3, 9,
                            "an import inside a function must be a statement of the function's body in jitcell, not "
                            "inside an if, a loop or a try (Python binds its names only where it runs)"),
    "used before a function's import": (
        "def f(x: float) -> float:\n    y = math.sqrt(x)\n    import math\n    return y\n", 3, 5,
        "'math' is used before this import (Python would raise UnboundLocalError there)"),
    "open": ("def f() -> int:\n    open('x')\n    return 0\n", 2, 5, "the builtin open() is not supported by jitcell: "
             "compiled code does not open files; read the file in Python and pass its contents"),
    "typing.Any imported": ("from typing import Any\ndef f(n: int) -> int:\n    return n\n", 1, 1,
                            "typing.Any is not supported: jitcell gives every value one static type, so annotate with "
                            "that type (list[int], not list[Any]); jitcell reads Optional, List, Dict, Tuple, Set, "
                            "Iterator, Iterable, Generator and Callable from typing, as annotations only"),
    "list of None": ("def f(n: int) -> int:\n    xs = [None] * n\n    return 0\n", 2, 10,
                     "'xs' is a list of None whose items are never assigned an instance of a class in this "
                     "function; a jitcell list holds values of one type: annotate it ('xs: list[Node | None] = "
                     "...') or build it from its values ([f(i) for i in range(n)])"),
    "top-level dict": ("BODIES = {'sun': ([0.0], 1.0)}\ndef f() -> int:\n    return 0\n", 1, 10,
                       "a top-level dict is not a constant: a %%jit cell's top-level names are constants compiled "
                       "into its code, and a list, dict or set that functions share and change would be module "
                       "state, which jitcell does not keep; make it in a function, or pass it in as an argument"),
    "top-level list in a tuple": ("PAIR = ([1, 2], 3)\ndef f() -> int:\n    return 0\n", 1, 9,
                                  "a top-level list is not a constant: a %%jit cell's top-level names are constants "
                                  "compiled into its code, and a list, dict or set that functions share and change "
                                  "would be module state, which jitcell does not keep; make it in a function, or "
                                  "pass it in as an argument"),
    # ---- range objects as values: they stay in compiled code
    "range returned": ("def f(n: int):\n    return range(n)\n", 2, 12,
                       "a range cannot be returned in jitcell (it does not cross into Python); return list(r) or "
                       "tuple(r)"),
    "range in a list": ("def f(n: int) -> int:\n    xs = [range(n)]\n    return 0\n", 2, 10,
                        "a list cannot hold a range in jitcell; make a list of its items: list(r)"),
    "range in a tuple": ("def f(n: int) -> int:\n    t = (range(n), 1)\n    return 0\n", 2, 10,
                         "a tuple cannot hold a range in jitcell; make a list or tuple of its items: tuple(r)"),
    "range sliced": ("def f(n: int) -> int:\n    r = range(n)\n    return r[1:][0]\n", 3, 12,
                     "a range is indexed by one int in jitcell (slices of a range are not supported)"),
    "float in a range": ("def f(n: int) -> bool:\n    r = range(n)\n    return 1.5 in r\n", 3, 12,
                         "'in' of a range takes an int in jitcell, not float"),
    "range of a float": ("def f(x: float) -> int:\n    r = range(x)\n    return len(r)\n", 2, 15,
                         "'float' object cannot be interpreted as an integer"),
    "range printed": ("def f(n: int) -> None:\n    r = range(n)\n    print(r)\n", 3, 11,
                      "print() of range is not supported"),
    "range attribute": ("def f(n: int) -> int:\n    r = range(n)\n    return r.count(1)\n", 3, 12,
                        "'range' has no method 'count' in jitcell"),
}


@pytest.mark.parametrize("source, line, col, message", CASES.values(), ids=CASES.keys())
def test_error(source: str, line: int, col: int, message: str):
    error = compile_error(source)
    assert [(d.loc.line, d.loc.col, d.message) for d in error.diagnostics] == [(line, col, message)]


def test_any_in_an_annotation_says_what_to_write():
    error = compile_error("def f(xs: list[Any]) -> int:\n    return 0\n")
    (diagnostic,) = error.diagnostics
    assert (diagnostic.loc.line, diagnostic.loc.col) == (1, 16)
    assert diagnostic.message.startswith("unsupported type for parameter 'xs'; jitcell knows")
    assert diagnostic.message.endswith("; typing.Any is no type jitcell can compile: each value has one static "
                                       "type, so name it (list[int], list[float], list[str], ...)")


def test_a_range_parameter_of_a_function_python_calls():
    error = compile_error("def f(r: range) -> int:\n    return len(r)\n")
    (diagnostic,) = error.diagnostics
    assert (diagnostic.loc.line, diagnostic.loc.col) == (1, 10)
    assert diagnostic.message.endswith("; a range does not cross between Python and compiled code: pass its bounds "
                                       "(ints), or a list or tuple of ints (a generator function, which compiled "
                                       "code alone calls, may take a range)")


def test_a_dead_branch_is_checked_without_a_folded_isinstance():
    """The branch a folded isinstance() rules out is not checked; the same branch under a test that is
    not folded is, and its error is reported."""
    dead = "def f(n: int) -> int:\n    if isinstance(n, str):\n        return n.upper()\n    return n\n"
    assert jitcell.compile_cell(dead, cache=False).functions["f"](4) == 4
    error = compile_error(dead.replace("isinstance(n, str)", "n > 100"))
    assert [(d.loc.line, d.message) for d in error.diagnostics] == [(3, "'int' has no method 'upper' in jitcell")]
