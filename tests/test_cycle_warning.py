"""The warning a cell's compile gives for a class whose instances can form a cycle (check/cycles.py):
reference counting never frees such a cycle, which tests/test_classes.py shows leaking."""

from __future__ import annotations

import textwrap
import warnings

import pytest

import jitcell

LINKED = textwrap.dedent('''
    class Node:
        def __init__(self, key: int):
            self.key = key
            self.next: Node | None = None

    class Tree:
        def __init__(self):
            self.kids: list[Tree] = []

    class A:
        def __init__(self):
            self.b: B | None = None

    class B:
        def __init__(self):
            self.a: A | None = None

    class Shape:
        def __init__(self):
            self.n = 1

    class Circle(Shape):
        def __init__(self, inner: Shape):
            super().__init__()
            self.inner = inner
''')

ACYCLIC = textwrap.dedent('''
    class Flat:
        def __init__(self, x: int):
            self.x = x
            self.names: list[str] = []

    class Holder:
        def __init__(self, f: Flat):
            self.f = f
            self.more: dict[str, list[Flat]] = {}

    class Square(Flat):
        def __init__(self, x: int, side: int):
            super().__init__(x)
            self.side = side
''')


def test_classes_that_can_reach_themselves_are_warned(fresh_cache):
    with pytest.warns(UserWarning) as caught:
        jitcell.compile_cell(LINKED)
    messages = sorted(str(w.message) for w in caught if "cycle" in str(w.message))
    assert [m.split(":")[0] for m in messages] == ["class A", "class B", "class Circle", "class Node", "class Tree"]
    node = next(m for m in messages if m.startswith("class Node"))
    assert node.startswith("class Node: its fields can reach an instance of Node (Node.next: Node | None); Node "
                           "instances that form a cycle are never freed")
    assert "(A.b: B | None -> B.a: A | None)" in next(m for m in messages if m.startswith("class A"))
    assert "(Circle.inner: Shape)" in next(m for m in messages if m.startswith("class Circle"))
    assert {(w.filename, w.lineno) for w in caught if "class Node" in str(w.message)} == {("cell", 2)}


def test_classes_without_a_way_back_are_not_warned(fresh_cache):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the compile
        library = jitcell.compile_cell(ACYCLIC)
    assert library.classes["Holder"](library.classes["Flat"](3)).f.x == 3
