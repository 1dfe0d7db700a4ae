"""Tuple and complex fields of compiled classes (each held in a box: lower/classes.py) from Python:
read, written (type checked, converted as a list argument's item is), shown, compared by a
dataclass, pickled, and freed: no object outlives its instance. Compiled code's side is the
differential program tests/programs/class_tuple_fields.py."""

from __future__ import annotations

import pickle

import pytest

import jitcell
from jitcell import runtime

CELL = '''
from dataclasses import dataclass


class Particle:
    label: tuple[str, int] = ("p", 0)

    def __init__(self, pos: tuple[float, float], phase: complex):
        self.pos = pos
        self.phase = phase

    def step(self) -> None:
        x, y = self.pos
        self.pos = (x + 1.0, y)
        self.phase *= 1j


@dataclass(frozen=True)
class Sample:
    where: tuple[int, int]
    value: complex


def make(n: int) -> Particle:
    p = Particle((0.0, 0.0), 1 + 0j)
    for _ in range(n):
        p.step()
    return p
'''


@pytest.fixture(scope="module")
def cell():
    return jitcell.compile_cell(CELL, cache=False)


def test_python_reads_and_writes_tuple_and_complex_fields(cell):
    p = cell.classes["Particle"]((1.0, 2.0), 3j)
    assert (p.pos, p.phase, p.label) == ((1.0, 2.0), 3j, ("p", 0))
    p.step()
    assert (p.pos, p.phase) == ((2.0, 2.0), -3 + 0j)
    p.pos, p.phase, p.label = (5, 6), 2, ("q", 7)  # converted as the annotations say
    assert (p.pos, p.phase, p.label) == ((5.0, 6.0), 2 + 0j, ("q", 7))
    assert type(p.pos[0]) is float and type(p.phase) is complex
    assert repr(p) == "Particle(label=('q', 7), pos=(5.0, 6.0), phase=(2+0j))"
    made = cell.functions["make"](2)
    assert (made.pos, made.phase) == ((2.0, 0.0), -1 + 0j)


@pytest.mark.parametrize("field, value, message", [
    ("pos", (1.0, "a"), "field 'pos' of Particle must be tuple[float, float], not tuple[float, str]"),
    ("pos", (1.0, 2.0, 3.0), "field 'pos' of Particle must be tuple[float, float], not tuple[float, float, float]"),
    ("pos", [1.0, 2.0], "field 'pos' of Particle must be tuple[float, float], not list"),
    ("phase", "1j", "field 'phase' of Particle must be complex, not str"),
    ("label", ("p", 1.5), "field 'label' of Particle must be tuple[str, int], not tuple[str, float]"),
])
def test_a_wrong_value_is_refused_and_the_field_keeps_its_value(cell, field, value, message):
    p = cell.classes["Particle"]((1.0, 2.0), 3j)
    before = getattr(p, field)
    with pytest.raises(TypeError) as caught:
        setattr(p, field, value)
    assert str(caught.value) == message
    assert getattr(p, field) == before


def test_a_dataclass_compares_hashes_and_pickles_them(cell):
    sample = cell.classes["Sample"]
    a, b, c = sample((1, 2), 1j), sample((1, 2), 1j), sample((1, 3), 1j)
    assert a == b and a != c and hash(a) == hash(b)
    assert repr(a) == "Sample(where=(1, 2), value=1j)"
    copy = pickle.loads(pickle.dumps(a))
    assert copy == a and copy is not a
    p = pickle.loads(pickle.dumps(cell.classes["Particle"]((1.5, 2.5), 2 - 1j)))
    assert (p.pos, p.phase, p.label) == ((1.5, 2.5), 2 - 1j, ("p", 0))


def test_no_box_outlives_its_instance(cell):
    particle = cell.classes["Particle"]
    before = runtime.call("live_objects")
    for k in range(200):
        p = particle((1.0, 2.0), 1j)
        p.pos = (float(k), 0.0)
        p.label = ("x" * (k % 5 + 20), k)  # a str in the box: released with it
        p.step()
        _ = p.pos, p.label, p.phase
        del p
    made = cell.functions["make"](3)
    del made
    assert runtime.call("live_objects") == before
