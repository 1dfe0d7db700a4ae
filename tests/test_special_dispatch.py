"""What special methods with subclasses still refuse (check/special_dispatch.py), each a CompileError
naming the construct; the supported forms run differentially in tests/inheritance/ (specials.py,
reflected.py, truth.py, lengths.py) and tests/programs/class_chains.py, class_texts.py."""

from __future__ import annotations

import textwrap

import pytest

import jitcell
from jitcell.errors import CompileError

BASE = '''
class A:
    def __init__(self, x: int):
        self.x = x
'''

REFUSED = {
    "__eq__ in some classes only": ('''
class B(A):
    def __eq__(self, other: A) -> bool:
        return self.x == other.x

def f(a: A, b: A) -> bool:
    return a == b
''', "'==' between instances of A, some of whose subclasses define __eq__ and others not"),
    "an operator only a subclass defines": ('''
class B(A):
    def __add__(self, other: A) -> A:
        return A(self.x + other.x)

def f(a: A, b: A) -> A:
    return a + b
''', r"unsupported operand type\(s\) for \+: 'A' and 'A' \(B define __add__, which A does not"),
    "__eq__ with another signature": ('''
    def __eq__(self, other: "A") -> bool:
        return self.x == other.x

class B(A):
    def __eq__(self, other: "B") -> bool:
        return self.x == other.x

def f(a: A, b: A) -> bool:
    return a.__eq__(b)
''', "B.__eq__ and A.__eq__ take other parameters or return another type"),
    "== with another signature of __eq__": ('''
    def __eq__(self, other: "A") -> bool:
        return self.x == other.x

class B(A):
    def __eq__(self, other: "B") -> bool:
        return self.x == other.x

def f(a: A, b: A) -> bool:
    return a == b
''', "== between A values, which may be instances of its subclasses whose __eq__ take other parameters"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused(name, fresh_cache):
    tail, message = REFUSED[name]
    source = BASE + textwrap.dedent(tail) if not tail.startswith("\n    def") else BASE.rstrip("\n") + tail
    with pytest.raises(CompileError, match=message):
        jitcell.compile_cell(source)
