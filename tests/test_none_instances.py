"""Classes (issue 14, pyperformance's bm_float): field types from the values `__init__` assigns,
lists of None that hold instances later (`list[C | None]`), and a `C | None` used as a C, which
raises CPython's AttributeError at run time. Their values and exceptions are compared with CPython
in tests/programs/class_inferred_fields.py and class_none_instances.py; here, what is refused (with
the CompileError that says why) and where the null check is left out."""

from __future__ import annotations

import pytest

import jitcell
from jitcell import runtime
from jitcell.compiler import driver
from jitcell.errors import CompileError
from jitcell.options import Options

REFUSED = [
    ("class A:\n    def __init__(self, n: int):\n        self.k = n * 2\n        if n > 3:\n            self.k = 1.5\n",
     "field 'k' of A is assigned a float here and an int at line 3, which gave its type; declare the type it "
     "holds in the class body ('k: float')", "5:13"),
    ("class A:\n    def __init__(self, n: int):\n        self.k = n * 2\n    def half(self) -> None:\n"
     "        self.k = self.k / 2\n",
     "field 'k' of A is assigned a float here and an int at line 3", "5:9"),
    ("class A:\n    def __init__(self, n: int):\n        self.k = n * 2\n    def half(self) -> None:\n"
     "        self.k /= 2\n",
     "field 'k' of A is assigned a float here and an int at line 3", "5:9"),
    ("class A:\n    def __init__(self, n: int):\n        self.items = []\n",
     "the type of field 'items' of A is not known: its value in __init__, an empty list, has no type of its own; "
     "declare it in the class body ('items: list[int]')", "3:9"),
    ("import numpy as np\nclass A:\n    def __init__(self, n: int):\n        self.a = np.zeros(n)\n",
     "field 'a' of A: a field of type float[:] is not supported yet", "4:9"),
    ("import numpy as np\nclass A:\n    def __init__(self, n: int):\n        self.a = np.zeros(n)\n"
     "class B(A):\n    pass\n",  # once
     "field 'a' of A: a field of type float[:] is not supported yet", "4:9"),
    ("class T:\n    def __init__(self, n: int):\n        self.slots = [None] * n\n",
     "the type of field 'slots' of T is not known: its value in __init__, a list of None, has no type of its own; "
     "declare it in the class body ('slots: list[Node | None]')", "3:9"),
    ("def f(n: int) -> int:\n    xs = [None] * n\n    return len(xs)\n",
     "'xs' is a list of None whose items are never assigned an instance of a class in this function", "2:10"),
    ("def f(n: int) -> int:\n    xs = [None] * n\n    xs[0] = 1.5\n    return len(xs)\n",
     "'xs' is a list of None whose items are never assigned an instance of a class in this function", "2:10"),
    ("class A:\n    x: int = 0\nclass B:\n    y: int = 0\ndef f(n: int) -> int:\n    xs = [None] * n\n"
     "    xs[0] = A()\n    xs[1] = B()\n    return len(xs)\n",
     "an item of list[A | None] must be A | None, not B", "8:13"),
    ("def f(n: int) -> list[int | None]:\n    return [None] * n\n",
     "a list cannot hold values that may be None (int | None) in jitcell", "1:18"),
    ("class A:\n    x: int = 0\n    n: 'A | None' = None\n    @staticmethod\n    def s() -> int:\n        return 1\n"
     "def f(a: A) -> int:\n    return a.n.s()\n",
     "this value may be None (A | None): test it with 'is not None' before calling its static method s()", "8:12"),
    ("class A:\n    x: int = 0\ndef f(a: A | None) -> A:\n    return a\n",  # mypy's rule, beyond attributes
     "may be None", "4:12"),
    ("class A:\n    x: int = 0\ndef f(n: int) -> int:\n    xs = [None] * n\n    xs[0] = A()\n    print(xs[0])\n"
     "    return 0\n", "the text of a A | None is supported for a name or a field (it is read twice): assign it to "
     "a name first", "6:11"),
    ("def f(s: str | None) -> int:\n    return s.count('a')\n", "str | None", "2:12"),
]


@pytest.mark.parametrize("source, message, where", REFUSED)
def test_refused_with_a_compile_error(source, message, where):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source)
    assert [d.message for d in caught.value.diagnostics if message in d.message] != []
    assert [f"{d.loc.line}:{d.loc.col}" for d in caught.value.diagnostics] == [where]  # and no other error


NARROWED = """
class P:
    def __init__(self, i: int):
        self.v = i * 0.5

def total(ps: list[P | None]) -> float:
    t = 0.0
    for p in ps:
        if p is not None:
            t += p.v
    return t
"""

UNTESTED = NARROWED.replace("        if p is not None:\n            t += p.v", "        t += p.v")


def test_the_null_check_is_left_out_where_a_test_proves_the_value_is_not_none():
    """Only a use that no test covers has the check (and its message): narrowing reads the pointer."""
    message = "'NoneType' object has no attribute 'v'"
    _, lowered, _ = driver.front_end(NARROWED, Options(), tag=1)
    assert message not in str(lowered)
    _, lowered, _ = driver.front_end(UNTESTED, Options(), tag=1)
    assert message in str(lowered)


def test_field_types_are_in_the_layout():
    lib = jitcell.compile_cell("from math import sin\nclass P:\n    def __init__(self, i: int):\n"
                               "        self.x = x = sin(i)\n        self.n = i // 2\n        self.s = str(x)\n"
                               "        self.q = P2(i)\nclass P2:\n    def __init__(self, i: int):\n"
                               "        self.k = [i]\n")
    rows = {row["name"]: row for row in lib.manifest["classes"]}
    assert rows["P"]["fields"] == [["x", "float"], ["n", "int"], ["s", "str"], ["q", "P2"]]
    assert rows["P2"]["fields"] == [["k", "list[int]"]]
    p = lib.classes["P"](3)
    assert (p.n, p.q.k) == (1, [3])


def test_a_list_of_instances_that_may_be_none_crosses_from_python():
    """As lists of instances do (runtime/lists.py): None items are null words, instances keep their
    identity, the caller's list is written back, a bad item is refused with its index, nothing leaks."""
    source = ("class P:\n    def __init__(self, i: int):\n        self.v = i * 0.5\n"
              "def count(ps: list[P | None]) -> int:\n    return len(ps)\n"
              "def fill(ps: list[P | None]) -> list[P | None]:\n    for i in range(len(ps)):\n"
              "        if ps[i] is None:\n            ps[i] = P(i)\n    ps.append(None)\n    return ps\n")
    lib = jitcell.compile_cell(source, cache=False)
    python: dict = {}
    exec(source, python)
    before = runtime.call("live_objects")
    for ns, make in ((lib.functions, lib.classes["P"]), (python, python["P"])):
        a = make(7)
        xs = [None, a, None]
        result = ns["fill"](xs)
        assert result is xs and xs[1] is a and ns["count"]([None]) == 1
        shown = [None if x is None else (type(x) is make, x.v) for x in xs]
        assert shown == [(True, 0.0), (True, 3.5), (True, 1.0), None]
    with pytest.raises(TypeError, match=r"count\(\) argument 'ps' must be list\[P \| None\], not list containing "
                                        r"int at index 0"):
        lib.functions["count"]([1])
    del a, xs, result
    assert runtime.call("live_objects") == before
