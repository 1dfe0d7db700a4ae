"""Compile errors: what is outside jitcell's language is reported with its exact place.

Every diagnostic has a 1-based line and column and a message naming the construct;
`str(CompileError)` renders each one like a C compiler does::

    cell:2:12: error: sets are not supported
        return {n}
               ^

All the errors of a cell are reported at once. Errors that can only be known at call
time (a str passed for an int, an int beyond 64 bits) raise TypeError or
OverflowError naming the parameter.
"""

from __future__ import annotations

import textwrap

import pytest

import jitcell
from jitcell import CompileError

KNOWN = ("jitcell knows int, float, bool, complex, str, tuple[...], list[...], dict[...], set[...] and NumPy arrays "
         "(float[:], int[:, :], ...)")


def compile_error(source: str, **options) -> CompileError:
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(textwrap.dedent(source).lstrip("\n"), cache=False, **options)
    return caught.value


KEYS = "int, str or a tuple of int, float, bool, complex and str"  # what a set element or dict key may be

# (source, line, column, message): the one diagnostic each cell gets
CASES = {
    # ---- constructs outside the subset
    "class inheritance": ("class A(B):\n    pass\n", 1, 9,
                          "class A: its base B is not a class defined before it in this cell or in an earlier cell; "
                          "jitcell's classes inherit from a class compiled by jitcell only (not from builtins such as "
                          "Exception)"),
    "top-level statement": ("print(5)\ndef f(n: int):\n    return n\n", 1, 1,
                            "only 'def', 'class', imports and constants such as 'N = 100' may appear at the top level "
                            "of a %%jit cell, not an expression statement"),
    "async def": ("async def f(n: int):\n    return n\n", 1, 1,
                  "only 'def', 'class', imports and constants such as 'N = 100' may appear at the top level of a "
                  "%%jit cell, not async functions"),
    # ---- a bare container annotation: a result's items are inferred, a parameter's are not
    "bare list result of another kind": ("def f(n: int) -> list:\n    return (n, 2)\n", 1, 18,
                                         "f() is annotated '-> list' but returns tuple[int, int]"),
    "bare list parameter": ("def f(xs: list) -> int:\n    return len(xs)\n", 1, 11,
                            "unsupported type for parameter 'xs'; jitcell knows int, float, bool, complex, str, "
                            "tuple[...], list[...], dict[...], set[...] and NumPy arrays (float[:], int[:, :], ...); "
                            "a bare 'list' does not say what it holds: name the item types, as in 'list[int]', "
                            "'dict[str, float]', 'set[int]' or 'tuple[int, float]' (a result may be a bare name: its "
                            "items are inferred)"),
    # ---- an empty dict takes its type from where it goes; where nothing gives it one, it is an error
    # ---- sets: int, str or tuple elements, one element type, other operands sets of it
    "empty set unannotated": ("def f() -> None:\n    s = set()\n", 2, 9,
                              "the type of an empty set() is not known: write 's: set[int] = set()' "
                              "(with its element type)"),
    "set of float parameter": ("def f(s: set[float]) -> None:\n    pass\n", 1, 10,
                               f"unsupported type for parameter 's': set elements may be {KEYS}, not float"),
    "set of tuples holding a list": ("def f() -> int:\n    s = {(1, [2])}\n    return len(s)\n", 2, 9,
                                     f"set elements must be {KEYS} in jitcell, not tuple[int, list[int]]"),
    "set of tuples wider than 16 words": ("def f(s: set[tuple[complex, complex, complex, complex, complex, complex, "
                                          "complex, complex, int]]) -> None:\n    pass\n", 1, 10,
                                          f"unsupported type for parameter 's': set elements may be {KEYS}, not "
                                          "tuple[complex, complex, complex, complex, complex, complex, complex, "
                                          "complex, int]"),
    "set of sets": ("def f(s: set[set[int]]) -> None:\n    pass\n", 1, 10,
                    f"unsupported type for parameter 's': set elements may be {KEYS}, not set[int]"),
    "maybe None as a dict value": ("def f(d: dict[str, int | None]) -> None:\n    pass\n", 1, 10,
                                   f"unsupported type for parameter 'd': dict keys may be {KEYS}, values anything "
                                   "but a value that may be None (T | None), a function, a range or a generator"),
    "setdefault without a default": ("def f(d: dict[str, int]) -> None:\n    d.setdefault('a')\n", 2, 5,
                                     "d.setdefault() takes a key and a default in jitcell: d.setdefault(key, "
                                     "default)"),
    "pop without a key": ("def f(d: dict[str, int]) -> int:\n    return d.pop()\n", 2, 12,
                          "pop expected at least 1 argument, got 0"),
    "ordering dicts": ("def f(d: dict[str, int]) -> bool:\n    return d < d\n", 2, 12,
                       "'<' not supported between instances of 'dict' and 'dict'"),
    "comparing dicts of arrays": ("def f(d: dict[str, float[:]]) -> bool:\n    return d == d\n", 2, 12,
                                  "comparing values of type dict[str, float[:]] is not supported: its values "
                                  "cannot be compared in jitcell"),
    "a range as a dict value": ("def f() -> int:\n    d = {1: range(3)}\n    return len(d)\n", 2, 9,
                                "dict values may be anything but a value that may be None (T | None), a function, "
                                "a range or a generator, not range"),
    "set of bool": ("def f() -> None:\n    x = {True}\n", 2, 9,
                    f"set elements must be {KEYS} in jitcell, not bool"),
    "mixed set literal": ("def f() -> int:\n    s = {1, 'a'}\n    return len(s)\n", 2, 9,
                          "the operands of a set literal have different types (int and str); Python would return "
                          "either, so convert them to one type, e.g. float(...)"),
    "set add of the wrong type": ("def f(s: set[int]) -> None:\n    s.add('x')\n", 2, 11,
                                  "an element of set[int] must be int, not str"),
    "set operands of two types": ("def f(s: set[int], t: set[str]) -> int:\n    return len(s | t)\n", 2, 20,
                                  "an operand of | must be set[int], not set[str]"),
    "set plus set": ("def f(s: set[int]) -> int:\n    return len(s + s)\n", 2, 16,
                     "unsupported operand type(s) for +: 'set[int]' and 'set[int]'"),
    "set in-place times": ("def f(s: set[int]) -> None:\n    s *= 2\n", 2, 5,
                           "unsupported operand type(s) for *=: 'set[int]' and 'int'"),
    "unknown set method": ("def f(s: set[int]) -> None:\n    s.sort()\n", 2, 5, "set has no method 'sort' in jitcell"),
    "set method arguments": ("def f(s: set[int]) -> None:\n    s.add()\n", 2, 5,
                             "set.add() takes exactly one argument (0 given)"),
    "set subscript": ("def f(s: set[int]) -> int:\n    return s[0]\n", 2, 12, "'set[int]' object is not subscriptable"),
    "chained set comparison": ("def f(s: set[int]) -> bool:\n    return s < s < s\n", 2, 12,
                               "chained comparisons of sets are not supported; compare two sets at a time"),
    "set of an int": ("def f() -> int:\n    s = set(5)\n    return len(s)\n", 2, 13,
                      "'int' object is not iterable in jitcell, which iterates over range(...), str, lists, 1-D "
                      "arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                      "enumerate(), zip(), reversed() and calls of generator functions"),
    "str in a set of int": ("def f(s: set[int]) -> bool:\n    return 'a' in s\n", 2, 12,
                            "an element of set[int] must be int, not str"),
    "empty dict statement": ("def f() -> None:\n    {}\n", 2, 5,
                             "the type of an empty dict is not known here: assign it to an annotated name first, "
                             "like 'd: dict[str, int] = {}'"),
    "empty dict in a tuple": ("def f() -> int:\n    x = ({}, 1)\n    return 1\n", 2, 10,
                              "the type of an empty dict is not known in a tuple: assign it to an annotated name "
                              "first, like 'd: dict[str, int] = {}'"),
    "empty dict returned": ("def f():\n    return {}\n", 2, 12,
                            "the type of an empty dict is not known: annotate the result, e.g. "
                            "'def f(...) -> dict[str, int]'"),
    "negative str tuple index": ("def f(n: int) -> int:\n    t = (n, n)\n    return t[-'a']\n", 3, 15,
                                 "unary '-' needs a number, not str"),
    "negative None tuple index": ("def f(n: int) -> int:\n    t = (n, 1.5)\n    return t[-None]\n", 3, 12,
                                  "a tuple index must be an int literal, unless all the tuple's items have one type "
                                  "(this one is tuple[int, float])"),
    "lambda": ("def f(x: int) -> int:\n    g = lambda y: y\n    return x\n", 2, 9,
               "lambda expressions are not supported"),
    # ---- generators: walked where they are called, values of one type
    "yield as a value": ("def f(n: int):\n    x = yield n\n", 2, 9,
                         "yield expressions used as values are not supported"),
    "yield from": ("def f(n: int):\n    yield from f(n)\n", 2, 5, "generators (yield from) are not supported"),
    "generator kept": ("def g(n: int):\n    yield n\n\ndef f(n: int) -> int:\n    x = g(n)\n    return 0\n",
                       5, 9,
                       "g() is a generator function: jitcell walks a generator where it is called, as the iterable of "
                       "a for loop or of sum(), min(), max(), any(), all(), enumerate() or zip(); it cannot be kept "
                       "or passed as a value"),
    "generator's len": ("def g(n: int):\n    yield n\n\ndef f(n: int) -> int:\n    return len(g(n))\n", 5, 16,
                        "g() is a generator function: jitcell walks a generator where it is called, as the iterable "
                        "of a for loop or of sum(), min(), max(), any(), all(), enumerate() or zip(); it cannot be "
                        "kept or passed as a value"),
    "return with a value in a generator": (
        "def g(n: int):\n    yield n\n    return n\n", 3, 5,
        "'return' with a value in a generator is not supported (Python hands the value to StopIteration); use a "
        "bare 'return' to stop"),
    "bare yield": ("def g(n: int):\n    yield\n", 2, 5,
                   "a generator of jitcell yields values of one type; 'yield' without a value (None) is not supported"),
    "generator annotated with a value type": (
        "def g(n: int) -> int:\n    yield n\n", 1, 18,
        "g() is a generator function (it yields): annotate its result as Iterator[T] (or Generator[T, None, None]), "
        "T the type of the values it yields, or leave it out"),
    "generator yielding two types": ("def g(n: int):\n    yield n\n    yield 'a'\n", 3, 5,
                                     "g() yields int elsewhere and str here; a generator yields values of one type"),
    "generator yielding int and float": ("def g(n: int):\n    yield n\n    yield 0.5\n", 3, 5,
                                         "g() yields int elsewhere and float here; annotate '-> Iterator[float]' or "
                                         "convert"),
    "generator yielding another type than annotated": ("def g(n: int) -> Iterator[int]:\n    yield 'a'\n", 2, 11,
                                                       "value g() yields must be int, not str"),
    "recursive generator without annotation": (
        "def g(n: int):\n    for x in g(n - 1):\n        yield x\n", 2, 14,
        "cannot infer the return type of 'g' (it depends on itself); annotate it: def g(...) -> Iterator[int]"),
    "reversed generator": ("def g(n: int):\n    yield n\n\ndef f(n: int) -> int:\n    return sum(reversed(g(n)))\n",
                           5, 25, "reversed() takes a range, a list, a str, a tuple, an array, a dict or a dict "
                           "view in jitcell"),
    "generator expression": ("def f(n: int):\n    g = (i for i in range(n))\n    return n\n", 2, 9,
                             "a generator expression is supported only as the argument of sum(), min(), max(), "
                             "any(), all(), sorted(), list(), tuple(), set() or str.join(); use a list comprehension"),
    "generator to len": ("def f(n: int):\n    return len(i for i in range(n))\n", 2, 15,
                         "a generator expression is supported only as the argument of sum(), min(), max(), "
                         "any(), all(), sorted(), list(), tuple(), set() or str.join(); use a list comprehension"),
    "comprehension of empty lists": ("def f(n: int):\n    return [[] for i in range(n)]\n", 2, 13,
                                     "the type of the items of this list comprehension is not known (an empty "
                                     "list, dict or set); annotate where it goes, e.g. 'rows: list[list[int]] = "
                                     "[[] for _ in range(n)]'"),
    "comprehension item types": ("def f(n: int):\n    return [i if i else 'a' for i in range(n)]\n", 2, 13,
                                 "the operands of a conditional expression have different types (int and str); "
                                 "Python would return either, so convert them to one type, e.g. float(...)"),
    "comprehension target": ("def f(xs: list[int]):\n    return [1 for xs[0] in xs]\n", 2, 12,
                             "a comprehension's targets must be names or tuples of names"),
    "try star": ("def f(n: int) -> int:\n    try:\n        return n\n    except* ValueError:\n        return 0\n",
                 2, 5, "except* clauses (exception groups) are not supported"),
    "with": ("def f(n: int) -> int:\n    with n:\n        pass\n    return n\n", 2, 5,
             "with statements are not supported"),
    "global": ("def f(n: int) -> int:\n    global x\n    return n\n", 1, 1,
               "'global x': a %%jit cell has no module variables (its top-level names are constants); the jitcell "
               "kernel has them"),
    "nonlocal": ("def f(n: int) -> int:\n    nonlocal x\n    return n\n", 2, 5,
                 "nonlocal declarations are not supported"),
    # a callee whose own errors keep its return type unknown: its errors only, not "depends on itself"
    "a callee with an undefined name": ("def g(n: int):\n    return undefined_name + n\n\ndef f(n: int) -> int:\n"
                                        "    return g(n) + 1\n", 2, 12, "name 'undefined_name' is not defined"),
    "a callee's callee with an error": ("def h(n: int):\n    return n.bit_length()\n\ndef g(n: int):\n"
                                        "    return h(n) * 2\n\ndef f(n: int) -> int:\n    return g(n) + 1\n", 2, 12,
                                        "'int' has no method 'bit_length' in jitcell"),
    "raise of a user-defined class": ("def f(n: int):\n    raise MyError('x')\n", 2, 11,
                                      "'MyError' is not a builtin exception class; jitcell raises and catches "
                                      "Python's builtin exceptions only (a class of the cell cannot derive from "
                                      "Exception yet)"),
    "except of a user-defined class": ("def f(n: int) -> int:\n    try:\n        return n\n    except Oops:\n"
                                       "        return 0\n", 4, 12,
                                       "'Oops' is not a builtin exception class; jitcell raises and catches "
                                       "Python's builtin exceptions only (a class of the cell cannot derive from "
                                       "Exception yet)"),
    "a caught exception used as a value": ("def f(n: int) -> int:\n    try:\n        return n\n    except "
                                           "KeyError as e:\n        return len(e)\n", 5, 20,
                                           "a caught exception ('e') can only be used as str(e), in print() or an "
                                           "f-string field, through e.args (len(e.args), e.args[i]), or raised again "
                                           "(raise e, raise ... from e)"),
    "a caught exception's args as a value": ("def f(n: int) -> int:\n    try:\n        return n\n    except "
                                             "KeyError as e:\n        t = e.args\n        return 0\n", 5, 13,
                                             "e.args holds values whose types are known only at run time; jitcell "
                                             "reads len(e.args), e.args[i] (a str) and str(e.args)"),
    "another attribute of a caught exception": ("def f(n: int) -> str:\n    try:\n        return str(n)\n    "
                                                "except KeyError as e:\n        return str(e.errno)\n", 5, 20,
                                                "a caught exception gives str(e), e.args, e.args[i] and len(e.args) "
                                                "in jitcell, not e.errno"),
    "a caught exception formatted with a spec": (
        "def f(n: int) -> str:\n    try:\n        return str(n)\n    except KeyError as e:\n"
        "        return f'{e:>5}'\n", 5, 19,
        "a caught exception ('e') can only be used as str(e), in print() or an f-string field, through e.args "
        "(len(e.args), e.args[i]), or raised again (raise e, raise ... from e)"),
    "bare raise outside a handler": ("def f(n: int):\n    raise\n", 2, 5,
                                     "a bare 'raise' outside an except clause is not supported"),
    "raise of an instance of a non-exception": ("def f(n: int):\n    raise n\n", 2, 11,
                                                "'n' is not a builtin exception class; jitcell raises and "
                                                "catches Python's builtin exceptions only (a class of the cell "
                                                "cannot derive from Exception yet)"),
    "raise with a keyword": ("def f(n: int):\n    raise ValueError(n, x=1)\n", 2, 25,
                             "ValueError() takes no keyword arguments"),
    "raise from an expression": ("def f(n: int):\n    raise ValueError(n) from KeyError(n)\n", 2, 30,
                                 "'raise ... from' takes None or the name of a caught exception in jitcell"),
    "return in finally": ("def f(n: int) -> int:\n    try:\n        n += 1\n    finally:\n        return n\n",
                          5, 9, "'return' in a finally block is not supported"),
    "break in finally": ("def f(n: int) -> int:\n    for i in range(n):\n        try:\n            n += 1\n"
                         "        finally:\n            break\n    return n\n", 6, 13,
                         "'break' in a finally block is not supported"),
    "a caught name that is also a variable": ("def f(n: int) -> int:\n    e = 1\n    try:\n        return n\n"
                                              "    except KeyError as e:\n        return 0\n", 5, 5,
                                              "'e' names a caught exception and a variable; use another name"),
    "an exception argument of a tuple": ("def f(n: int):\n    raise ValueError((n, n))\n", 2, 22,
                                         "an argument of an exception must be a str or a number in jitcell, not "
                                         "tuple[int, int]"),
    "del": ("def f(n: int):\n    del n\n    return 1\n", 2, 5, "only 'del d[key]' is supported"),
    "match": ("def f(n: int):\n    match n:\n        case 1:\n            return 1\n    return 0\n", 2, 5,
              "match statements are not supported"),
    "walrus": ("def f(n: int):\n    if (m := n) > 0:\n        return m\n    return 0\n", 2, 9,
               "assignment expressions (:=) are not supported"),
    "nested def": ("def f(n: int):\n    def g():\n        return 1\n    return n\n", 2, 5,
                   "nested functions are not supported; define 'g' at the top level of the cell"),
    "decorator": ("@foo\ndef f(n: int):\n    return n\n", 1, 2, "decorators are not supported on %%jit functions"),
    "varargs": ("def f(*a: int):\n    return 1\n", 1, 8, "*args and **kwargs are not supported"),
    "kwargs": ("def f(**a: int):\n    return 1\n", 1, 9, "*args and **kwargs are not supported"),
    "positional-only": ("def f(a: int, /):\n    return a\n", 1, 1, "positional-only parameters are not supported"),
    "two starred targets": ("def f(n: int):\n    *a, *b = n, n, n\n    return a\n", 2, 9,
                            "multiple starred expressions in assignment"),
    "starred target alone": ("def f(n: int):\n    for *a in [[n]]:\n        pass\n", 2, 9,
                             "starred assignment target must be in a list or tuple"),
    "starred target of nothing": ("def f(n: int):\n    a, *b = n,\n    return a\n", 2, 8,
                                  "the starred target gets no items here, so the type of its list is not known; "
                                  "annotate the name first, e.g. 'rest: list[int] = []'"),
    "starred target too few": ("def f(n: int):\n    a, *b, c = n,\n    return a\n", 2, 5,
                               "not enough values to unpack (expected at least 2, got 1)"),
    "tuple of arrays parameter": ("def f(rows: tuple[float[:], ...]) -> int:\n    return len(rows)\n",
                                  1, 7, "parameter 'rows' is tuple[float[:], ...]: a set or tuple[T, ...] holding "
                                  "NumPy arrays cannot be passed from Python yet; pass a list of them"),
    "tuple of a dict of arrays result": ("import numpy as np\ndef f(n: int):\n    return 1, {1: [np.zeros(n)]}\n",
                                         2, 1, "the return value of f() is tuple[int, dict[int, list[float[:]]]]: "
                                         "only a list or dict (of lists, dicts and tuples) holding NumPy arrays can "
                                         "be returned to Python"),
    "print a list of arrays": ("def f(a: float[:]) -> int:\n    print([a])\n    return 0\n", 2, 11,
                               "print() of list[float[:]] is not supported"),
    "unpack what failed": ("def f(n: int):\n    x = nothing\n    a, *b = x\n    for c, *d in x:\n        pass\n"
                           "    return a + c\n", 2, 9, "name 'nothing' is not defined"),
    "unpack a complex": ("def f(z: complex):\n    a, b = z\n    return a\n", 2, 5,
                         "cannot unpack complex into 2 targets: jitcell unpacks tuples, lists, str, arrays, sets, "
                         "dicts and dict views"),
    "unpack a number": ("def f(n: int):\n    a = b, c = n\n    return a\n", 2, 9,
                        "cannot unpack non-iterable int object"),
    "unpack too many": ("def f(n: int):\n    a, (b, c) = n, (n, n, n)\n    return a\n", 2, 8,
                        "too many values to unpack (expected 2)"),
    "zip of a number": ("def f(n: int):\n    for a, b in zip(n, range(3)):\n        pass\n", 2, 21,
                        "'int' object is not iterable in jitcell, which iterates over range(...), str, lists, 1-D "
                        "arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                        "enumerate(), zip(), reversed() and calls of generator functions"),
    "list of a number": ("def f(n: int) -> list[int]:\n    return list(n)\n", 2, 17,
                         "'int' object is not iterable in jitcell, which iterates over range(...), str, lists, 1-D "
                         "arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                         "enumerate(), zip(), reversed() and calls of generator functions"),
    "sorted of a number": ("def f(n: int) -> list[int]:\n    return sorted(n)\n", 2, 19,
                           "'int' object is not iterable in jitcell, which iterates over range(...), str, lists, 1-D "
                           "arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                           "enumerate(), zip(), reversed() and calls of generator functions"),
    "enumerate as a value": ("def f(n: int):\n    e = enumerate(range(n))\n", 2, 9,
                             "enumerate() is only supported as the iterable of a for loop or of sum(), min(), max(), "
                             "any(), all()"),
    "max default of another type": ("def f(n: int) -> int:\n    return max(range(n), default=0.5)\n", 2, 34,
                                    "the default of max() must have the items' type int, not float: a jitcell "
                                    "value has one type"),
    "max key not a function": ("def f(n: int) -> int:\n    return max(range(n), key=n)\n", 2, 30,
                               "max(key=...) takes the name of a function of this cell (or of an earlier one)"),
    "max default with several": ("def f(n: int) -> int:\n    return max(n, 1, default=0)\n", 2, 12,
                                 "Cannot specify a default for max() with multiple positional arguments"),
    "sum of strs": ("def f(d: dict[str, int]) -> int:\n    return sum(d)\n", 2, 12,
                    "sum() adds numbers in jitcell, not str"),
    "len of zip": ("def f(n: int) -> int:\n    return len(zip(range(n)))\n", 2, 12,
                   "object of type 'zip' has no len()"),
    "is": ("def f(n: int):\n    return n is 1\n", 2, 12, "'is' compares identities, which jitcell's values (int and "
           "int) do not have; 'is' and 'is not' compare with None only (use == for values)"),
    "not in": ("def f(n: int):\n    return n not in 1\n", 2, 21, "argument of type 'int' is not iterable here"),
    "matmul": ("def f(n: int):\n    return n @ n\n", 2, 12, "the '@' operator is not supported"),
    "attribute": ("def f(n: int):\n    return n.numerator\n", 2, 12,
                  "attribute access is not supported (only math.NAME, np.NAME and an array's shape, size and ndim)"),
    "tuple parameter holding a tuple of arrays": (
        "def f(p: tuple[int, tuple[float[:], ...]]) -> int:\n    return 1\n", 1, 7,
        "parameter 'p' is tuple[int, tuple[float[:], ...]]: a set or tuple[T, ...] holding NumPy arrays cannot be "
        "passed from Python yet; pass a list of them"),
    "tuple parameter holding an empty tuple": (
        "def f(t: tuple[int, tuple[()]]):\n    return 1\n", 1, 7,
        "a tuple parameter cannot hold an empty tuple in jitcell; pass the values of 't' as separate parameters"),
    "tuple index variable": ("def f(n: int):\n    t = (n, 'n')\n    return t[n]\n", 3, 12,
                             "a tuple index must be an int literal, unless all the tuple's items have one type "
                             "(this one is tuple[int, str])"),
    "tuple index float": ("def f(x: float):\n    t = (x, x)\n    return t[x]\n", 3, 14,
                          "tuple indices must be integers or slices, not float"),
    "tuple index range": ("def f(n: int):\n    t = (n, n)\n    return t[2]\n", 3, 14, "tuple index out of range"),
    "unpack count": ("def f(n: int):\n    t = (n, n, n)\n    a, b = t\n    return a\n", 3, 5,
                     "too many values to unpack (expected 2)"),
    "empty dict": ("def f(n: int):\n    d = {}\n    return n\n", 2, 9,
                   "the type of an empty dict is not known: write 'd: dict[str, int] = {}' (with its key and "
                   "value types)"),
    "dict key type": ("def f(n: float):\n    return {n: n}\n", 2, 12,
                      f"dict keys must be {KEYS}, not float"),
    "reversed set": ("def f(s: set[int]) -> int:\n    return sum(reversed(s))\n", 2, 25,
                     "'set' object is not reversible"),
    "dict of three": ("def f(p: list[tuple[int, int, int]]) -> dict[int, int]:\n    return dict(p)\n", 2, 12,
                      "too many values to unpack (expected 2)"),
    # ---- % formatting and str.format of a literal format string: CPython's errors, known from the types
    "percent too few": ("def f(n: int) -> str:\n    return '%d %d' % (n,)\n", 2, 12,
                        "not enough arguments for format string"),
    "percent too many": ("def f(n: int) -> str:\n    return 'x%dy' % (n, n)\n", 2, 12,
                         "not all arguments converted during string formatting"),
    "percent unknown character": ("def f(n: int) -> str:\n    return '%y' % n\n", 2, 12,
                                  "unsupported format character 'y' (0x79) at index 1"),
    "percent incomplete": ("def f(n: int) -> str:\n    return 'n %' % n\n", 2, 12, "incomplete format"),
    "percent x of float": ("def f(x: float) -> str:\n    return '%x' % x\n", 2, 12,
                           "%x format: an integer is required, not float"),
    "percent d of str": ("def f(s: str) -> str:\n    return '%d' % s\n", 2, 12,
                         "%d format: a real number is required, not str"),
    "percent f of complex": ("def f(z: complex) -> str:\n    return '%f' % z\n", 2, 12,
                             "must be real number, not complex"),
    "percent mapping": ("def f(n: int) -> str:\n    return '%(n)d' % n\n", 2, 12, "format requires a mapping"),
    "percent not literal": ("def f(s: str, n: int) -> str:\n    return s % n\n", 2, 12,
                            "'%' formatting needs a literal format string in jitcell (\"%d items\" % n); or write "
                            "an f-string"),
    "format index": ("def f(n: int) -> str:\n    return '{1}'.format(n)\n", 2, 12,
                     "Replacement index 1 out of range for positional args tuple"),
    "format name": ("def f(n: int) -> str:\n    return '{a}'.format(n)\n", 2, 12, "KeyError: 'a'"),
    "format switch": ("def f(n: int) -> str:\n    return '{}{0}'.format(n)\n", 2, 12,
                      "cannot switch from automatic field numbering to manual field specification"),
    "format brace": ("def f(n: int) -> str:\n    return '}'.format(n)\n", 2, 12,
                     "Single '}' encountered in format string"),
    "format not literal": ("def f(s: str, n: int) -> str:\n    return s.format(n)\n", 2, 12,
                           "str.format() needs a literal format string in jitcell (\"{}\".format(x)); or write an "
                           "f-string"),
    "format out of order": ("def g(n: int) -> int:\n    return n\ndef f(n: int) -> str:\n"
                            "    return '{1}{0}'.format(g(n), g(n))\n", 4, 12,
                            "str.format() here would use its arguments out of order, more than once or not at all: "
                            "jitcell needs them to be names or constants then (Python evaluates each once, in order)"),
    "dict missing default": ("def f(n: int):\n    d = {n: n}\n    return d.get(n)\n", 3, 12,
                             "d.get() takes a key and a default in jitcell: d.get(key, default)"),
    "dict key mismatch": ("def f(n: int):\n    d = {n: n}\n    return d['a']\n", 3, 14,
                          "a key of dict[int, int] must be int, not str"),
    "subscript": ("def f(n: int):\n    return n[0]\n", 2, 12, "'int' object is not subscriptable"),
    "tuple slice bound": ("def f(n: int):\n    t = (n, n)\n    return t[0:n]\n", 3, 16,
                          "a tuple slice takes int literal bounds (its result's type must be known when compiling)"),
    "list slice float": ("def f(xs: list[int]):\n    return xs[:2.0]\n", 2, 16,
                         "slice indices must be integers or None or have an __index__ method"),
    "list slice augmented": ("def f(xs: list[int]):\n    xs[1:] += [1]\n", 2, 5,
                             "'+=' on a slice of a list is not supported"),
    "list slice of str": ("def f(xs: list[int]):\n    xs[1:] = 'ab'\n", 2, 14,
                          "slice assignment to a list[int] takes a list[int] in jitcell, not str"),
    "list index tuple": ("def f(xs: list[int]):\n    return xs[1, 2]\n", 2, 12,
                         "list indices must be integers or slices, not tuple"),
    "f-string nested spec": ("def f(n: int):\n    print(f'{n:{n}}')\n", 2, 11,
                             "a format spec with {fields} inside is not supported"),
    "bytes": ("def f(x: float):\n    return b'a'\n", 2, 12, "bytes constants are not supported"),
    "complex order": ("def f(x: complex):\n    return x < 1j\n", 2, 12,
                      "'<' not supported between instances of 'complex' and 'complex'"),
    "str plus int": ("def f(n: int):\n    return 'n=' + n\n", 2, 12, 'can only concatenate str (not "int") to str'),
    "str compared with int": ("def f(n: int):\n    return 'a' < n\n", 2, 12,
                              "a str and a int are never ordered in jitcell: compare values of one type"),
    "starred call": ("def g(a: int) -> int:\n    return a\ndef f(n: int):\n    return g(*n)\n", 4, 14,
                     "*args in calls are not supported"),
    "import os": ("import os\ndef f():\n    return 1\n", 1, 1,
                  "only 'import math', 'import cmath', 'import numpy' and 'import random' are supported, not "
                  "'import os'"),
    "from os": ("from os import path\ndef f():\n    return 1\n", 1, 1,
                "only 'from math import ...', 'from cmath import ...', 'from numpy import ...' and 'from random import "
                "...' (and Optional, List, Dict, Tuple, Set, Iterator, Iterable, Generator, Callable from typing "
                "for annotations) are supported, not 'from os import ...'"),
    "from numpy import *": ("from numpy import *\ndef f(n: int):\n    return n\n", 1, 1,
                            "'from numpy import *' is not supported; name what you use"),
    "import in a function's if": ("def f(n: int):\n    if n:\n        import math\n    return n\n", 3, 9,
                                  "an import inside a function must be a statement of the function's body in "
                                  "jitcell, not inside an if, a loop or a try (Python binds its names only where it "
                                  "runs)"),
    "unknown math function": ("import math\ndef f(x: float):\n    return math.gamma(x)\n", 3, 12,
                              "math.gamma is not supported by jitcell"),
    "unknown math import": ("from math import gamma\ndef f(x: float):\n    return x\n", 1, 1,
                            "math.gamma is not supported by jitcell"),
    "for over a name": ("def f(n: int):\n    for i in n:\n        pass\n    return n\n", 2, 14,
                        "'int' object is not iterable in jitcell, which iterates over range(...), str, lists, 1-D "
                        "arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                        "enumerate(), zip(), reversed() and calls of generator functions"),
    "for with two targets": ("def f(n: int):\n    for a, b in range(3):\n        pass\n    return n\n", 2, 9,
                             "cannot unpack non-iterable int object"),
    "unpack into attribute": ("def f(n: int):\n    b = n\n    n.x, b = n, n\n    return b\n", 3, 5,
                              "assigning to an attribute ('.x = ...') is not supported on int: only the fields of a "
                              "class's instances can be assigned"),
    "annotation without value": ("def f(n: int):\n    x: int\n    return n\n", 2, 5,
                                 "'x' is declared without a value; write 'x: int = ...'"),
    "syntax error": ("def f(n: int)\n    return n\n", 1, 14, "invalid syntax: expected ':'"),
    "duplicate function": ("def f(n: int):\n    return n\ndef f(n: int):\n    return n\n", 3, 1,
                           "function 'f' is defined twice in this cell (first at line 1)"),
    "break outside a loop": ("def f(n: int):\n    break\n", 2, 5, "'break' outside a loop"),
    "continue outside a loop": ("def f(n: int):\n    if n:\n        continue\n    return n\n", 3, 9,
                                "'continue' outside a loop"),
    # ---- types
    "missing annotation": ("def f(n):\n    return n\n", 1, 7,
                           "parameter 'n' of f() needs a type, such as 'n: int', 'n: float', 'n: str' or "
                           f"'n: list[int]' ({KNOWN})"),
    "missing annotation of a list": ("def f(l):\n    return len(l)\n", 1, 7,
                                     "parameter 'l' of f() needs a type, such as 'l: int', 'l: float', 'l: str' or "
                                     f"'l: list[int]' ({KNOWN})"),
    "unsupported annotation": ("def f(n: bytes) -> int:\n    return 1\n", 1, 10,
                               f"unsupported type for parameter 'n'; {KNOWN}"),
    "None parameter": ("def f(n: None):\n    return 1\n", 1, 10,
                       f"unsupported type for parameter 'n'; {KNOWN}"),
    "unsupported return annotation": ("def f(n: int) -> bytes:\n    return n\n", 1, 18,
                                      f"unsupported type for the return value of f(); {KNOWN}, and None for a "
                                      "result"),
    "empty list without a type": ("def f(n: int) -> int:\n    result = []\n    return len(result)\n", 2, 14,
                                  "cannot infer the element type of 'result'; annotate it: result: list[int] = []"),
    "tuple holding a list of arrays": ("def f(a: float[:]) -> tuple[int, list[float[:]]]:\n    return 1, [a]\n",
                                       1, 23, "the return value of f() is tuple[int, list[float[:]]]: only a list "
                                       "or dict (of lists, dicts and tuples) holding NumPy arrays can be returned "
                                       "to Python"),
    "list index of another type": ("def f(xs: list[int]) -> int:\n    return xs[1.5]\n", 2, 15,
                                   "list indices must be integers, not float"),
    "list items of two types": ("def f(n: int) -> int:\n    xs = [1, 'a']\n    return n\n", 2, 10,
                                "the operands of a list literal have different types (int and str); Python would "
                                "return either, so convert them to one type, e.g. float(...)"),
    "list method unknown": ("def f(xs: list[int]) -> int:\n    return xs.sum()\n", 2, 12,
                            "'list' object has no attribute 'sum' in jitcell"),
    "sort key not a function": ("def f(xs: list[int]) -> None:\n    xs.sort(key=len)\n", 2, 17,
                                "key= must name a function of this cell (or be None)"),
    "int local gets a float": ("def f(n: int):\n    x = 1\n    x = 2.5\n    return x\n", 3, 9,
                               "'x' is int (from its first assignment) and cannot hold float "
                               "(write int(...) to truncate)"),
    "int parameter gets a float": ("def f(n: int):\n    n = 1.5\n    return n\n", 2, 9,
                                   "'n' is int (from its first assignment) and cannot hold float "
                                   "(write int(...) to truncate)"),
    "annotation disagrees": ("def f(n: int):\n    x = 1\n    x: float = 2.0\n    return x\n", 3, 5,
                             "'x' is already int; it cannot be declared float"),
    "augmented assignment to float": ("def f(n: int):\n    x = 1\n    x /= 2\n    return x\n", 3, 5,
                                      "'x' is int, but 'x /= ...' gives float; declare it as 'x: float = ...'"),
    "undefined name": ("def f(n: int):\n    return m\n", 2, 12, "name 'm' is not defined"),
    "math without import": ("def f(x: float):\n    return math.sqrt(x)\n", 2, 12,
                            "name 'math' is not defined; add 'import math' at the top of the cell"),
    "sqrt without import": ("def f(x: float):\n    return sqrt(x)\n", 2, 12,
                            "name 'sqrt' is not defined; add 'from math import sqrt' or write math.sqrt"),
    "function as a value": ("import math\ndef f(n: int):\n    x = math.sqrt\n    return n\n", 3, 9,
                            "functions are not values in jitcell; call math.sqrt(...)"),
    "calling a local": ("def f(n: int):\n    return n(1)\n", 2, 12,
                        "'n' is a local variable of type int, not a function"),
    "returns differ": ("def f(n: int):\n    if n:\n        return 1\n    return 2.5\n", 4, 5,
                       "f() returns int elsewhere and float here; annotate '-> float' or convert"),
    "end reachable": ("def f(n: int) -> int:\n    if n:\n        return 1\n", 1, 1,
                      "f() can reach its end without returning a value (Python would return None); end it "
                      "with a return statement"),
    "value from a None function": ("def f(n: int) -> None:\n    return n\n", 2, 5,
                                   "f() returns None but this returns int"),
    "bare return in an int function": ("def f(n: int) -> int:\n    if n:\n        return\n    return n\n", 3, 9,
                                       "f() returns int; a bare return would give None"),
    "recursion without annotation": ("def f(n: int):\n    return f(n - 1)\n", 2, 12,
                                     "cannot infer the return type of 'f' (it depends on itself); annotate it: "
                                     "def f(...) -> int"),
    "float & int": ("def f(x: float):\n    return x & 1\n", 2, 12,
                    "unsupported operand types for &: 'float' and 'int'"),
    "~float": ("def f(x: float):\n    return ~x\n", 2, 12, "bad operand type for unary ~: 'float'"),
    "int or float": ("def f(n: int, x: float):\n    return n or x\n", 2, 12,
                     "the operands of 'or' have different types (float and int); Python would return either, "
                     "so convert them to one type, e.g. float(...)"),
    "max of int and float": ("def f(n: int, x: float):\n    return max(n, x)\n", 2, 12,
                             "the operands of max() have different types (float and int); Python would return "
                             "either, so convert them to one type, e.g. float(...)"),
    "conditional of int and float": ("def f(n: int):\n    return 1 if n else 2.0\n", 2, 12,
                                     "the operands of a conditional expression have different types (float and "
                                     "int); Python would return either, so convert them to one type, e.g. "
                                     "float(...)"),
    "range of a float": ("def f(n: int):\n    for i in range(2.5):\n        pass\n    return n\n", 2, 20,
                         "'float' object cannot be interpreted as an integer"),
    "range keywords": ("def f(n: int):\n    for i in range(stop=3):\n        pass\n    return n\n", 2, 20,
                       "range() takes no keyword arguments"),
    "range without arguments": ("def f(n: int):\n    for i in range():\n        pass\n    return n\n", 2, 14,
                                "range expected at least 1 argument, got 0"),
    "range returned": ("def f(n: int):\n    return range(n)\n", 2, 12,
                       "a range cannot be returned in jitcell (it does not cross into Python); return list(r) or "
                       "tuple(r)"),
    "print of None": ("def g() -> None:\n    pass\ndef f():\n    print(g())\n", 4, 11,
                      "print() of None is not supported"),
    "None stored": ("def g() -> None:\n    pass\ndef f():\n    y = g()\n    return y\n", 4, 9,
                    "this gives None: 'y' can hold it if it is declared so, e.g. 'y: int | None = None'"),
    "print(file=...)": ("def f(n: int):\n    print(n, file=None)\n", 2, 14, "print() keyword 'file' is not supported"),
    "print(sep=variable)": ("def f(n: int):\n    print(n, sep=n)\n", 2, 14,
                            "print(sep=...) must be a literal in jitcell"),
    "round with a float for ndigits": ("def f(x: float):\n    return round(x, 2.0)\n", 2, 21,
                                       "'float' object cannot be interpreted as an integer"),
    "round with three arguments": ("def f(x: float):\n    return round(x, 2, 3)\n", 2, 12,
                                   "round() takes at most 2 arguments (3 given)"),
    "min of one value": ("def f(x: float):\n    return min(x)\n", 2, 16,
                         "'float' object is not iterable in jitcell, which iterates over range(...), str, lists, "
                         "1-D arrays, dicts (and their keys(), values(), items()), sets, tuples of one item type, "
                         "enumerate(), zip(), reversed() and calls of generator functions"),
    "int of a bad string": ("def f():\n    return int('abc')\n", 2, 12,
                            "invalid literal for int() with base 10: 'abc'"),
    "float of a bad string": ("def f():\n    return float('1,5')\n", 2, 12, "could not convert string to float: '1,5'"),
    "integer too large": ("def f():\n    return 18446744073709551616\n", 2, 12,
                          "the integer 18446744073709551616 does not fit in 64 bits"),
    "float default for an int": ("def f(n: int = 1.5):\n    return n\n", 1, 16,
                                 "the default of 'n', 1.5, is not an int"),
    "default too large": ("def f(n: int = 2**64):\n    return n\n", 1, 16,
                          "the default of 'n', 18446744073709551616, does not fit in 64 bits"),
    "default of a str parameter": ("def f(s: str = 3) -> str:\n    return s\n", 1, 16,
                                   "the default of 's', 3, is not a str"),
    "a loop bound read before the loop assigns it": (
        "def f(n: int) -> int:\n    for i in range(i):\n        pass\n    return 0\n", 1, 1,
        "the type of 'i' is unknown: it is read before anything assigns it (Python would raise UnboundLocalError)"),
    "default not constant": ("def f(n: int, m: int = n):\n    return m\n", 1, 24,
                             "the default of 'm' must be a constant: name 'n' is not defined"),
    "assert message": ("def f(n: int):\n    assert n, print(1)\n    return n\n", 2, 15,
                       "an assert message must be a str or a number"),
    "unpack count, a tuple display": ("def f(n: int):\n    a, b, c = n, n\n    return a\n", 2, 5,
                                      "not enough values to unpack (expected 3, got 2)"),
    "type unknown": ("def f(n: int):\n    for i in range(n):\n        x = y\n        y = x\n    return n\n", 3, 13,
                     "the type of 'y' is unknown here: it is assigned only later, from a value whose type depends "
                     "on it"),
    # ---- calls between functions
    "too many arguments": ("def g(a: int) -> int:\n    return a\ndef f(n: int):\n    return g(n, n)\n", 4, 12,
                           "g() takes 1 positional argument but 2 were given"),
    "unexpected keyword": ("def g(a: int) -> int:\n    return a\ndef f(n: int):\n    return g(b=n)\n", 4, 14,
                           "g() got an unexpected keyword argument 'b'"),
    "repeated argument": ("def g(a: int) -> int:\n    return a\ndef f(n: int):\n    return g(n, a=n)\n", 4, 17,
                          "g() got multiple values for argument 'a'"),
    "missing argument": ("def g(a: int, b: int) -> int:\n    return a\ndef f(n: int):\n    return g(n)\n", 4, 12,
                         "g() missing 1 required positional argument: 'b'"),
    "missing arguments": ("def g(a: int, b: int, c: int) -> int:\n    return a\ndef f(n: int):\n    return g()\n", 4,
                          12,
                          "g() missing 3 required positional arguments: 'a', 'b', and 'c'"),
    "float argument for an int": ("def g(a: int) -> int:\n    return a\ndef f(x: float):\n    return g(x)\n", 4, 14,
                                  "argument 'a' of g() must be int, not float (write int(...) to truncate)"),
    "math arity": ("import math\ndef f(x: float):\n    return math.sqrt(x, x)\n", 3, 12,
                   "math.sqrt() takes 1 argument, got 2"),
    "math keywords": ("import math\ndef f(x: float):\n    return math.sqrt(x=x)\n", 3, 22,
                      "math.sqrt() takes no keyword arguments"),
    # ---- what Python's own tools trip on: a CompileError with the place, never an internal error
    "lone surrogate in a string": ("def f() -> str:\n    return 'a\ud800'\n", 2, 14,
                                   "a lone surrogate character (U+D800) cannot be encoded in UTF-8, so Python cannot "
                                   "compile this cell; in a string literal, write it as the escape \\ud800"),
    "lone surrogate in a comment": ("def f() -> int:\n    x = 1  # \udfff\n    return x\n", 2, 14,
                                    "a lone surrogate character (U+DFFF) cannot be encoded in UTF-8, so Python cannot "
                                    "compile this cell; in a string literal, write it as the escape \\udfff"),
    "null character": ("def f() -> str:\n    x = 1\n    return 'a\0'\n", 3, 14,
                       "source code cannot contain null characters (U+0000); in a string literal, write it as the "
                       "escape \\x00"),
    "hex literal of 4000 digits": ("def f() -> int:\n    return 0x" + "f" * 4000 + "\n", 2, 12,
                                   "the integer 0xffffffff...ffff (16000 bits) does not fit in 64 bits"),
    "hex default of 4000 digits": ("def f(x: int = -0x1" + "0" * 4000 + ") -> int:\n    return x\n", 1, 16,
                                   "the default of 'x', -0x10000000...0000 (16001 bits), does not fit in 64 bits"),
    "U+2028 in a string before an error": ("def f() -> str:\n    s = 'a\u2028b'\n    return s @ s\n", 3, 12,
                                           "the '@' operator is not supported"),
    "U+2029 and a form feed in comments": ("def f() -> int:\n    # \u2029 \x0c\n    return y\n", 3, 12,
                                           "name 'y' is not defined"),
    # ---- what ast.parse accepts and Python's compiler refuses (found by tests/faults/test_mutated_cells.py:
    # a repeated parameter reached the manifest, and the loader's check called it a bug in jitcell)
    "duplicate parameter": ("def f(n: int, n: int) -> int:\n    return n\n", 1, 15,
                            "duplicate argument 'n' in function definition"),
    "duplicate parameter with defaults": ("def f(n: int, m: int = 1, m: int = 2) -> int:\n    return n\n", 1, 27,
                                          "duplicate argument 'm' in function definition"),
    # an empty tuple as a result reached the manifest as 'tuple[]', which the loader's check refused
    "empty tuple result annotated": ("def f(n: int) -> tuple[()]:\n    return ()\n", 1, 18,
                                     "the result of f() cannot be or hold an empty tuple (tuple[()]); return None, "
                                     "or a tuple of one value or more"),
    "empty tuple result inferred": ("def f(n: int):\n    return (n, ())\n", 2, 5,
                                    "the result of f() cannot be or hold an empty tuple (tuple[int, tuple[()]]); "
                                    "return None, or a tuple of one value or more"),
    # ---- strings: what Python would refuse for the types, and what jitcell does not have
    "str method unknown": ("def f(s: str):\n    return s.title()\n", 2, 12, "'str' has no method 'title' in jitcell"),
    "str splitlines": ("def f(s: str):\n    return s.splitlines()\n", 2, 12,
                       "str.splitlines() is not supported by jitcell yet"),
    "str split sep": ("def f(s: str):\n    return s.split(1)\n", 2, 20, "must be str or None, not int"),
    "str split keyword": ("def f(s: str):\n    return s.split(sp=',')\n", 2, 20,
                          "split() got an unexpected keyword argument 'sp'"),
    "str join ints list": ("def f(xs: list[int]):\n    return ','.join(xs)\n", 2, 21,
                           "sequence item 0: expected str instance, int found"),
    "str index float": ("def f(s: str):\n    return s[1.5]\n", 2, 14, "string indices must be integers, not 'float'"),
    "str slice float": ("def f(s: str):\n    return s[:2.0]\n", 2, 15, "slice indices must be integers, not 'float'"),
    "str index tuple": ("def f(s: str):\n    return s[1, 2]\n", 2, 12, "string indices must be integers, not 'tuple'"),
    "str method keyword": ("def f(s: str):\n    return s.find('a', start=1)\n", 2, 24,
                           "str.find() takes no keyword arguments"),
    "str method arity": ("def f(s: str):\n    return s.find()\n", 2, 12, "find() takes at least 1 argument (0 given)"),
    "str method argument": ("def f(s: str):\n    return s.count(1)\n", 2, 20, "must be str, not int"),
    "str startswith int": ("def f(s: str):\n    return s.startswith(1)\n", 2, 25,
                           "startswith first arg must be str or a tuple of str, not int"),
    "str join str": ("def f(s: str):\n    return ','.join(s)\n", 2, 21,
                     "str.join() of str is not supported: jitcell joins a list or a tuple of str"),
    "str join ints": ("def f(s: str):\n    return ','.join((s, 1))\n", 2, 21,
                      "sequence item 1: expected str instance, int found"),
    "str repeat float": ("def f(s: str):\n    return s * 2.0\n", 2, 12,
                         "can't multiply sequence by non-int of type 'float'"),
    "ord of int": ("def f(n: int):\n    return ord(n)\n", 2, 12, "ord() expected string of length 1, but int found"),
    "chr of float": ("def f(x: float):\n    return chr(x)\n", 2, 12,
                     "'float' object cannot be interpreted as an integer"),
    "int base of float": ("def f(x: float):\n    return int(x, 16)\n", 2, 12,
                          "int() can't convert non-string with explicit base"),
    "slice of a dict": ("def f(d: dict[int, int]):\n    return d[1:2]\n", 2, 14,
                        "a slice is not supported here (jitcell slices lists, tuples, str and NumPy arrays)"),
}

# the same for `global` in a kernel cell (script=True), where it declares a module variable: Python's
# compiler refuses these; jitcell compiled them, reading and writing the one or the other variable
SCRIPT_CASES = {
    "parameter declared global": ("x: int = 1\ndef f(x: int) -> int:\n    global x\n    return x\n", 3, 5,
                                  "name 'x' is parameter and global"),
    "used before global": ("x: int = 1\ndef f() -> int:\n    y = x\n    global x\n    x = 2\n    return y\n", 4, 5,
                           "name 'x' is used prior to global declaration"),
    "assigned before global": ("x: int = 1\ndef f() -> int:\n    x = 3\n    global x\n    return x\n", 4, 5,
                               "name 'x' is assigned to before global declaration"),
    "augmented before global": ("x: int = 1\ndef f() -> int:\n    x += 1\n    global x\n    return x\n", 4, 5,
                                "name 'x' is assigned to before global declaration"),
    "loop variable before global": ("x: int = 1\ndef f() -> int:\n    for x in range(3):\n        pass\n"
                                    "    global x\n    return x\n", 5, 5,
                                    "name 'x' is assigned to before global declaration"),
    "annotated after global": ("x: int = 1\ndef f() -> int:\n    global x\n    x: int = 3\n    return x\n", 4, 5,
                               "annotated name 'x' can't be global"),
    "yield at the top level": ("x: int = 1\nyield x\n", 2, 1, "'yield' outside function"),
}


@pytest.mark.parametrize("source, line, col, message", CASES.values(), ids=CASES.keys())
def test_diagnostic(source, line, col, message):
    error = compile_error(source)
    assert [(d.loc.line, d.loc.col, d.message) for d in error.diagnostics] == [(line, col, message)]
    assert (error.line, error.col, error.message) == (line, col, message)


@pytest.mark.parametrize("source, line, col, message", SCRIPT_CASES.values(), ids=SCRIPT_CASES.keys())
def test_diagnostic_in_a_kernel_cell(source, line, col, message):
    with pytest.raises(SyntaxError) as python:  # Python's own compiler says the same, at the same place
        compile(source, "cell", "exec")
    assert (python.value.msg, python.value.lineno, python.value.offset) == (message, line, col)
    error = compile_error(source, script=True)
    assert [(d.loc.line, d.loc.col, d.message) for d in error.diagnostics] == [(line, col, message)]


def test_a_generator_python_cannot_walk_raises_where_it_is_defined():
    """Compiled code walks a generator of lists; Python gets a function that says it cannot, at its def."""
    source = ("def f(n: int) -> int:\n    return sum(len(x) for x in rows(n))\n\n"
              "def rows(n: int) -> Iterator[list[int]]:\n    yield [n, n * n]\n")
    library = jitcell.compile_cell(source, cache=False)
    assert library.functions["f"](3) == 2 and list(library.functions) == ["f"]
    with pytest.raises(CompileError) as caught:
        library.generators["rows"](3)
    assert (caught.value.line, caught.value.col) == (4, 1)
    assert caught.value.message.startswith("rows() is a generator function whose parameters or items Python "
                                           "cannot pass yet")


def test_an_empty_tuple_as_a_cells_value():
    error = compile_error("t = ()\nt\n", script=True)
    assert [(d.loc.line, d.loc.col, d.message) for d in error.diagnostics] == [
        (2, 1, "the value of a cell cannot be or hold an empty tuple (tuple[()])")]


def test_rendering_points_at_the_column():
    error = compile_error("""
        def f(n: int):
            return n @ n
    """)
    assert str(error) == ("cell:2:12: error: the '@' operator is not supported\n"
                          "        return n @ n\n"
                          "               ^")


def test_columns_count_characters_not_bytes():
    error = compile_error("def f(n: int):\n    é = 'é'; return n @ n\n")
    assert (error.line, error.col) == (2, 21)
    assert str(error).splitlines()[1:] == ["        é = 'é'; return n @ n", "                        ^"]


def test_first_line_shifts_line_numbers():
    error = compile_error("def f(n: int):\n    return n @ n\n", first_line=5)
    assert (error.line, error.col) == (6, 12)
    assert str(error) == "cell:6:12: error: the '@' operator is not supported\n        return n @ n\n               ^"
    syntax = compile_error("def f(n: int)\n    return n\n", first_line=3)
    assert (syntax.line, syntax.col) == (3, 14)


def test_a_line_separator_inside_a_string_ends_no_line():
    """Python's tokenizer ends lines at \\n, \\r\\n and \\r only; str.splitlines() also at U+2028, which
    shifted the line shown under a later error (and the column, counted in that wrong line)."""
    error = compile_error("def f() -> str:\n    s = 'a\u2028b'\n    return s @ s\n")
    assert str(error) == "cell:3:12: error: the '@' operator is not supported\n        return s @ s\n               ^"
    error = compile_error("def f() -> str:\r\n    s = 'a\u2028b'\r    return s @ s\r\n")  # \r\n and \r end lines
    assert str(error) == "cell:3:12: error: the '@' operator is not supported\n        return s @ s\n               ^"


def test_an_error_at_run_time_shows_the_line_after_a_line_separator():
    f = jitcell.compile_cell("def f(n: int) -> int:\n    s = 'a\u2028b'\n    return 10 // n\n", cache=False)
    with pytest.raises(ZeroDivisionError) as caught:
        f.functions["f"](0)
    assert caught.value.__notes__ == ['  File "cell", line 3, column 12, in f (compiled by jitcell)\n'
                                      '    return 10 // n']


def test_a_lone_surrogate_is_shown_as_a_replacement_character():
    error = compile_error("def f() -> str:\n    return '\ud800' + 1\n")
    text = str(error)
    assert text.splitlines()[1:] == ["        return '\ufffd' + 1", "                ^"]
    text.encode("utf-8")  # printable: a lone surrogate in the text would make printing it fail


def test_all_errors_are_reported_at_once():
    error = compile_error("""
        class A(int):
            pass

        def f(n):
            return lambda: n

        def g(x: int):
            y = 1
            y = 2.5
            return x + undefined

        def h(x: float) -> int:
            return x
    """)
    assert [(d.loc.line, d.loc.col) for d in error.diagnostics] == [(1, 9), (4, 7), (5, 12), (9, 9), (10, 16), (13, 12)]
    assert [d.message.split(";")[0].split(" (")[0] for d in error.diagnostics] == [
        "class A: its base int is not a class defined before it in this cell or in an earlier cell",
        "parameter 'n' of f() needs a type, such as 'n: int', 'n: float', 'n: str' or 'n: list[int]'",
        "lambda expressions are not supported",  # a parse error: reported though f's parameter is untyped
        "'y' is int",
        "name 'undefined' is not defined",
        "return value of h() must be int, not float",
    ]
    rendered = str(error).split("\n")
    assert len(rendered) == 3 * 6 and all(line.startswith("cell:") for line in rendered[::3])


def test_errors_are_sorted_by_position():
    # the lambdas are found while parsing, before the attribute is checked
    error = compile_error("def f(n: int):\n    return n.x + m\n"
                          "def g(n: int):\n    return (lambda: n)() + (lambda: n)()\n")
    assert [(d.loc.line, d.loc.col, d.message) for d in error.diagnostics][:2] == [
        (2, 12, "attribute access is not supported (only math.NAME, np.NAME and an array's shape, size and ndim)"),
        (2, 18, "name 'm' is not defined")]


def test_one_mistake_is_reported_once():
    error = compile_error("def f(n: int):\n    x = undefined + 1\n    y = x * 2\n    return y - x\n")
    assert [d.message for d in error.diagnostics] == ["name 'undefined' is not defined"]


def test_very_deep_nesting_is_a_compile_error_not_a_crash():
    ok = jitcell.compile_cell("def f(x: int) -> int:\n    return " + " + ".join(["x"] * 150) + "\n", cache=False)
    assert ok.functions["f"](2) == 300
    message = ("this is nested more than 200 levels deep, which jitcell does not compile; split it into several "
               "statements")
    error = compile_error("def f(x: int) -> int:\n    return " + " + ".join(["x"] * 300) + "\n")
    assert error.line == 2 and error.message == message
    error = compile_error("def f(x: int) -> int:\n    return " + " + ".join(["x"] * 3000) + "\n")  # beyond ast's limit
    assert error.line == 1 and error.message == message


def test_compile_error_is_a_jit_error():
    error = compile_error("def f(n: int):\n    return n @ n\n")
    assert isinstance(error, jitcell.JitError)
    lines = error._render_traceback_()
    assert "1 error in cell" in lines[0] and lines[1].startswith("cell:2:12: error:")


# ---- errors at call time ----------------------------------------------------------

@pytest.fixture(scope="module")
def lib():
    return jitcell.compile_cell(textwrap.dedent("""
        def scale(n: int, x: float = 2.0) -> float:
            return n * x

        def flag(b: bool) -> bool:
            return not b

        def ident(n: int) -> int:
            return n
    """), cache=False)


@pytest.mark.parametrize("call, error, message", [
    ("scale('3')", TypeError, "scale() argument 'n' must be int, not str"),
    ("scale(1.0)", TypeError, "scale() argument 'n' must be int, not float"),
    ("scale(1, '2')", TypeError, "scale() argument 'x' must be float, not str"),
    ("scale(1, x=None)", TypeError, "scale() argument 'x' must be float, not NoneType"),
    ("scale(1, 1j)", TypeError, "scale() argument 'x' must be float, not complex"),
    ("flag(1)", TypeError, "flag() argument 'b' must be bool, not int"),
    ("flag(None)", TypeError, "flag() argument 'b' must be bool, not NoneType"),
    ("ident(2**63)", OverflowError, "ident() argument 'n' = 9223372036854775808 does not fit in a 64-bit int"),
    ("ident(-2**63 - 1)", OverflowError, "ident() argument 'n' = -9223372036854775809 does not fit in a 64-bit int"),
    ("scale(2**64)", OverflowError, "scale() argument 'n' = 18446744073709551616 does not fit in a 64-bit int"),
    ("scale()", TypeError, "scale() missing 1 required positional argument: 'n'"),
    ("scale(1, 2.0, 3.0)", TypeError, "scale() takes from 1 to 2 positional arguments but 3 were given"),
    ("scale(1, y=2.0)", TypeError, "scale() got an unexpected keyword argument 'y'"),
    ("scale(1, n=2)", TypeError, "scale() got multiple values for argument 'n'"),
    ("flag()", TypeError, "flag() missing 1 required positional argument: 'b'"),
])
def test_call_time_errors_name_the_parameter(lib, call, error, message):
    with pytest.raises(error) as caught:
        eval(call, dict(lib.functions))
    assert str(caught.value) == message


def test_call_time_conversions(lib):
    import numpy as np

    f = lib.functions
    assert f["scale"](True) == 2.0  # bool is an int
    assert f["scale"](np.int64(3), np.float32(0.5)) == 1.5
    assert f["ident"](2**63 - 1) == 2**63 - 1 and f["ident"](-2**63) == -2**63
    assert f["flag"](np.bool_(True)) is False
    assert type(f["scale"](1, 2)) is float  # an int for a float parameter arrives as a float


def test_a_default_on_a_parameter_of_an_unknown_type_reports_the_type_only():
    """The annotation's error is the one reported; no placeholder type leaks into another message."""
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell("def f(b: bytes = 3) -> int:\n    return 1\n")
    text = str(caught.value)
    assert "unsupported type for parameter 'b'" in text
    assert "<error>" not in text and "default" not in text
