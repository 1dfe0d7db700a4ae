"""Instances of compiled classes pickle (loader/classes.py `JitInstance.__reduce__`): the class
travels as its constructor, a JitFunction that brings its cell's library (loader/parcels.py), and
the fields travel as state, set after a blank instance exists, so shared and cyclic references
arrive as one graph. Checked in this process and in a fresh interpreter with an empty cache."""

from __future__ import annotations

import ctypes
import pickle

import pytest
from test_scale_out import in_child

import jitcell

CELL = '''
from dataclasses import dataclass


class Node:
    def __init__(self, key: int, name: str):
        self.key = key
        self.name = name
        self.next: Node | None = None
        self.weight = 0.5

    def total(self) -> int:
        t = 0
        m: Node | None = self
        while m is not None:
            t += m.key
            m = m.next
        return t


class Marked(Node):
    def __init__(self, key: int):
        super().__init__(key, "marked")
        self.flag = True


@dataclass(frozen=True)
class Point:
    x: float
    label: str


class Holder:
    def __init__(self, n: int):
        self.items: list[int] = [n]
'''


@pytest.fixture(scope="module")
def classes():
    return jitcell.compile_cell(CELL).classes


def test_an_instance_round_trips_with_its_subclass_fields_and_a_frozen_dataclass(classes):
    a = classes["Node"](1, "a")
    a.next = classes["Marked"](2)
    copy = pickle.loads(pickle.dumps(a))
    assert copy is not a and type(copy) is classes["Node"] and type(copy.next) is classes["Marked"]
    assert repr(copy) == repr(a) and copy.total() == 3
    point = pickle.loads(pickle.dumps(classes["Point"](1.5, "p")))
    assert point == classes["Point"](1.5, "p") and hash(point) == hash(classes["Point"](1.5, "p"))


def test_the_blank_instance_has_the_constructors_object_mask_and_class_number(classes):
    made = classes["Marked"](7)
    copy = pickle.loads(pickle.dumps(made))
    for offset in (16, 24):  # the object mask; the field count with the class's number above it
        assert ctypes.c_int64.from_address(copy._jc_address + offset).value == \
            ctypes.c_int64.from_address(made._jc_address + offset).value


def test_shared_and_cyclic_references_arrive_as_one_graph(classes):
    a, b = classes["Node"](1, "a"), classes["Node"](2, "b")
    a.next, b.next = b, a
    copy = pickle.loads(pickle.dumps(a))
    assert copy.next.next is copy and copy.next is not b
    a.next = None  # break the cycles: instances have no cycle collector
    copy.next = None


def test_a_field_python_cannot_read_refuses_to_pickle(classes):
    with pytest.raises(pickle.PicklingError, match="field 'items' is a list\\[int\\], which Python cannot read"):
        pickle.dumps(classes["Holder"](3))


def test_a_damaged_state_is_refused_by_the_field_checks(classes):
    blank, args, _ = classes["Node"](1, "a").__reduce__()
    node = blank(*args)
    with pytest.raises(TypeError, match="field 'key' of Node must be int, not str"):
        node.__setstate__(("one", "a", None, 0.5))
    with pytest.raises(TypeError, match="does not match its fields"):
        node.__setstate__((1,))


def test_an_instance_arrives_in_a_fresh_process_with_an_empty_cache(classes, tmp_path):
    a = classes["Node"](5, "five")
    a.next = classes["Marked"](6)
    lines = in_child("print(type(f).__name__, type(f.next).__name__, f.total(), f.next.flag, f)",
                     pickle.dumps(a), str(tmp_path / "cache"))
    assert lines == ["Node Marked 11 True Node(key=5, name='five', next=Marked(key=6, name='marked', next=None, "
                     "weight=0.5, flag=True), weight=0.5)"]
