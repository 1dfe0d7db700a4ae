"""Values that may be None, defaults of every constant type and keyword arguments, at the boundary
and as compile errors (the semantics are differential: tests/programs/optional_values.py and
defaults_keywords.py).

    def f(xs: list[int] | None = None) -> int | None     f(), f(None), f([1, 2]), f(xs=[1])
"""

from __future__ import annotations

import inspect
import textwrap

import pytest

import jitcell
from jitcell import CompileError

CELL = textwrap.dedent('''
    from typing import Optional, Tuple

    def total(xs: list[int] | None = None, start: int = 0) -> int | None:
        if xs is None:
            return None
        xs.append(start)
        return sum(xs)

    def label(s: Optional[str], n: int | None = None, pair: Tuple[int, str] = (1, "a")) -> str:
        text = "-" if s is None else s
        return text + ("?" if n is None else str(n)) + str(pair[0]) + pair[1]

    def flag(b: bool | None) -> bool | None:
        return None if b is None else not b

    def ratio(x: float | None) -> float | None:
        return None if x is None else x / 2
''')


def test_none_and_values_cross_the_boundary_both_ways():
    lib = jitcell.compile_cell(CELL, cache=False)
    total, label, flag, ratio = (lib.functions[n] for n in ("total", "label", "flag", "ratio"))
    assert total() is None and total(None) is None
    xs = [1, 2]
    assert total(xs, 4) == 7 and xs == [1, 2, 4]  # a list passed in is written back, as always
    assert label(None) == "-?1a" and label("x", 3, (2, "b")) == "x32b"
    assert flag(None) is None and flag(True) is False and flag(False) is True
    assert ratio(None) is None and ratio(3.0) == 1.5 and type(ratio(1)) is float
    with pytest.raises(TypeError, match=r"label\(\) argument 'n' must be int, not str"):
        label("x", "3")


def test_keywords_from_python_with_cpythons_messages():
    lib = jitcell.compile_cell(CELL, cache=False)
    label = lib.functions["label"]
    assert label(n=5, s="k") == "k51a" and label("k", pair=(9, "z")) == "k?9z"
    for call, message in ((lambda: label("a", m=1), "label() got an unexpected keyword argument 'm'"),
                          (lambda: label("a", s="b"), "label() got multiple values for argument 's'"),
                          (lambda: label(), "label() missing 1 required positional argument: 's'")):
        with pytest.raises(TypeError) as caught:
            call()
        assert str(caught.value) == message


def test_tuple_and_none_defaults_survive_the_cache(fresh_cache):
    first = jitcell.compile_cell(CELL)
    again = jitcell.compile_cell(CELL)  # a hit: the defaults come back from the manifest's JSON
    assert again.path == first.path
    label = again.functions["label"]
    assert label("x") == "x?1a"
    params = inspect.signature(label).parameters
    assert params["pair"].default == (1, "a") and params["n"].default is None
    assert "pair: tuple[int, str] = (1, 'a')" in label.signature


def _errors(source: str) -> list[tuple[int, int, str]]:
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(textwrap.dedent(source).lstrip("\n"), cache=False)
    return [(d.loc.line, d.loc.col, d.message) for d in caught.value.diagnostics]


MAY_BE_NONE = "(it may be None: test 'x is not None' first)"
CASES = {
    "used before a test": ("def g(n: int) -> int:\n    return n\ndef f(x: int | None) -> int:\n    return g(x)\n",
                           4, 14, f"argument 'n' of g() must be int, not int | None {MAY_BE_NONE}"),
    "a loop that assigns None forgets the test": (
        "def f(x: int | None) -> int:\n    if x is None:\n        return 0\n    t = 0\n    for i in range(3):\n"
        "        t += x\n        x = None\n    return t\n", 6, 9,
        "unsupported operand types for +: 'int' and 'int | None'"),
    "a while loop too": (
        "def f(x: int | None) -> int:\n    t = 0\n    if x is not None:\n        while t < 3:\n            t += x\n"
        "            x = None\n    return t\n", 5, 13, "unsupported operand types for +: 'int' and 'int | None'"),
    "an except clause after the body assigned None": (
        "def f(x: int | None) -> int:\n    if x is None:\n        return 0\n    try:\n        x = None\n"
        "        y = 1 // 0\n    except ZeroDivisionError:\n        return x\n    return 0\n", 8, 16,
        f"return value of f() must be int, not int | None {MAY_BE_NONE}"),
    "a list default": ("def f(xs: list[int] = []) -> int:\n    return len(xs)\n", 1, 23,
                       "'xs' cannot have a list[int] default in jitcell: Python makes a default once and shares it "
                       "between calls; write 'xs: list[int] | None = None' and make it in the function"),
    "a dict default": ("def f(d: dict[str, int] = {}) -> int:\n    return len(d)\n", 1, 27,
                       "'d' cannot have a dict[str, int] default in jitcell: Python makes a default once and shares "
                       "it between calls; write 'd: dict[str, int] | None = None' and make it in the function"),
    "a default of the wrong type": ("def f(t: tuple[int, str] = (1, 2)) -> int:\n    return t[0]\n", 1, 28,
                                    "the default of 't', (1, 2), is not a tuple[int, str]"),
    "a set that may be None": ("def f(s: set[int] | None) -> int:\n    return 0\n", 1, 10,
                               "set[int] | None is not supported: jitcell's values that may be None are int, float, "
                               "bool, str, lists and dicts"),
    "a list of values that may be None": ("def f(s: list[int | None]) -> int:\n    return 0\n", 1, 10,
                                          "a list cannot hold values that may be None (int | None) in jitcell"),
    "a tuple holding one": ("def f(x: int | None) -> int:\n    t = (x, 1)\n    return 0\n", 2, 10,
                            "a tuple cannot hold a value that may be None (int | None) in jitcell"),
    "None without a declared type": ("def f() -> int:\n    x = None\n    return 0\n", 2, 9,
                                     "this gives None: 'x' can hold it if it is declared so, e.g. "
                                     "'x: int | None = None'"),
    "is between values": ("def f(a: str, b: str) -> bool:\n    return a is not b\n", 2, 12,
                          "'is not' compares identities, which jitcell's values (str and str) do not have; 'is' and "
                          "'is not' compare with None only (use == for values)"),
    "the truth of a value that may be None": (
        "def f(x: int | None) -> int:\n    if x:\n        return 1\n    return 0\n", 2, 8,
        "a value of type int | None has no truth value here"),
    "typing.Any": ("from typing import Any\ndef f() -> int:\n    return 0\n", 1, 1,
                   "typing.Any is not supported: jitcell gives every value one static type, so annotate with that "
                   "type (list[int], not list[Any]); jitcell reads Optional, List, Dict, Tuple, Set, Iterator, "
                   "Iterable, Generator and Callable from typing, as annotations only"),
}


@pytest.mark.parametrize("name", CASES)
def test_diagnostic(name):
    source, line, col, message = CASES[name]
    assert _errors(source) == [(line, col, message)]


def test_narrowing_that_holds_compiles():
    """The cases above fail only for what they change: without the assignment, each compiles."""
    lib = jitcell.compile_cell(textwrap.dedent('''
        def f(x: int | None) -> int:
            if x is None:
                return 0
            t = 0
            for i in range(3):
                t += x
            while t < 10:
                t += x + 1
            try:
                y = 1 // 0
            except ZeroDivisionError:
                return x + t
            return 0
    '''), cache=False)
    assert lib.functions["f"](2) == 14 and lib.functions["f"](None) == 0


def test_another_cell_takes_and_gives_values_that_may_be_none(fresh_cache):
    """Across cells the impl's own ABI carries `T | None` ({present, value}, or a null object)."""
    callee = jitcell.compile_cell(CELL)
    caller = jitcell.compile_cell(textwrap.dedent('''
        def use(n: int) -> str:
            r = ratio(None if n < 0 else float(n))
            t = total(None if n < 0 else [n, 1], start=2)
            return label(None if r is None else str(r), n=t, pair=(0, "!"))
    '''), callees={name: callee.functions[name] for name in ("ratio", "total", "label")})
    use = caller.functions["use"]
    assert use(4) == "2.070!" and use(-1) == "-?0!"


OBJECTS = textwrap.dedent('''
    def pair(n: int) -> list[int] | None:
        if n < 0:
            return None
        return [n, n]

    def churn(n: int, d: dict[str, int] | None = None, s: str | None = None) -> int:
        xs: list[int] | None = None
        for i in range(n):
            xs = pair(i - 1)
            if i % 3 == 0:
                xs = None
        t = 0 if s is None else len(s + s)
        if d is not None:
            d["k"] = t
        if xs is None:
            return -1
        return len(xs) // (n - 5) + t
''')


@pytest.mark.parametrize("call", ["churn(0)", "churn(3, {}, 'ab')", "churn(8, None, 'x')", "churn(5, {'a': 1})",
                                  "pair(-1)", "pair(3)"])
def test_no_object_outlives_a_call_or_a_fault(call):
    """Null objects are None: retained only when present, released as null (lower/optional.py)."""
    from jitcell import runtime

    functions = jitcell.compile_cell(OBJECTS, cache=False).functions
    before = runtime.call("live_objects")
    if call == "churn(5, {'a': 1})":  # a fault with a list, a dict and a str held
        with pytest.raises(ZeroDivisionError):
            eval(call, dict(functions))
    else:
        eval(call, dict(functions))
    assert runtime.call("live_objects") == before


def test_keyword_only_parameters_across_cells_and_the_cache(fresh_cache):
    source = "def f(a: int, *, m: float, n: int = 3) -> float:\n    return a * n + m\n"
    jitcell.compile_cell(source)
    callee = jitcell.compile_cell(source)  # a hit: keyword_only comes back from the manifest
    f = callee.functions["f"]
    assert f.signature == "(a: int, *, m: float, n: int = 3) -> float"
    assert str(inspect.signature(f)) == "(a: int, *, m: float, n: int = 3) -> float"
    caller = jitcell.compile_cell("def g(x: int) -> float:\n    return f(x, m=0.5, n=1)\n", callees={"f": f})
    assert caller.functions["g"](2) == 2.5
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell("def g(x: int) -> float:\n    return f(x, 0.5)\n", callees={"f": f})
    assert [(d.loc.line, d.loc.col, d.message) for d in caught.value.diagnostics] == [
        (2, 12, "f() takes 1 positional argument but 2 were given")]
