"""Class constants (`MDIG = 32` in a class body), `__slots__` and property setters: constants are
compiled as literals, set on the Python class and validated when a manifest is read back; the
differential programs are tests/programs/class_constants.py and class_properties.py."""

from __future__ import annotations

import pytest

import jitcell
from jitcell.errors import CompileError
from jitcell.loader.manifest import problem

SOURCE = '''
class Grid:
    __slots__ = ("n",)
    SIDE = 4
    CELLS = SIDE * SIDE
    LABELS = ("x", "y")
    EPS = 1e-9

    def __init__(self, n: int):
        self.n = n

    def area(self) -> int:
        return self.CELLS * self.n


def cells() -> int:
    return Grid.CELLS
'''


@pytest.fixture(scope="module")
def lib():
    return jitcell.compile_cell(SOURCE)


def test_the_python_class_and_its_instances_have_the_constants(lib):
    Grid = lib.classes["Grid"]
    assert (Grid.SIDE, Grid.CELLS, Grid.LABELS, Grid.EPS) == (4, 16, ("x", "y"), 1e-9)
    g = Grid(3)
    assert (g.CELLS, g.area(), lib.functions["cells"]()) == (16, 48, 16)


def test_the_manifest_records_each_constant_and_a_damaged_one_is_refused(lib):
    row = next(r for r in lib.manifest["classes"] if r["name"] == "Grid")
    assert row["constants"] == [["SIDE", 4], ["CELLS", 16], ["LABELS", ["x", "y"]], ["EPS", 1e-9]]
    assert problem(dict(lib.manifest), lib.key) is None
    for damaged in ([["SIDE", 2**70]], [["SIDE", None]], [["not a name", 1]], [["SIDE", {"a": 1}]],
                    [["SIDE", 1, 2]], "SIDE"):
        rows = [{**r, "constants": damaged} if r["name"] == "Grid" else r for r in lib.manifest["classes"]]
        assert "constants" in problem({**lib.manifest, "classes": rows}, lib.key), damaged


ERRORS = {
    "class A:\n    K = 1\n    K += 1\n":
        (3, 5, "a class attribute of jitcell is a constant, 'NAME = value' (in class A), assigned once; for a value "
               "of each instance declare a field, 'count: int = 0'"),
    "class A:\n    K = 1\ndef f() -> int:\n    A.K = 2\n    return A.K\n":
        (4, 5, "cannot assign A.K: jitcell's class attributes are constants, assigned once in the class body"),
    "class A:\n    K = 1\n    def __init__(self, x: int):\n        self.x = x\n        self.K = 2\n":
        (2, 5, "'K' is both a class constant and a field of A"),
    "class A:\n    K = 1\nclass B(A):\n    K = 2\n":
        (4, 5, "class constant 'K' of B is one of its base A too: jitcell's subclasses inherit class constants, "
               "they do not assign them again"),
    "class A:\n    __slots__ = ('x',)\n    def __init__(self, x: int, y: int):\n        self.x = x\n"
    "        self.y = y\n":
        (1, 1, "field 'y' of A is not in its __slots__ ('x',): Python would raise AttributeError: 'A' object has "
               "no attribute 'y'"),
    "class A:\n    __slots__ = 5\n": (2, 17, "__slots__ of A must be a tuple or list of field names (str literals) in "
                                          "jitcell"),
    "class A:\n    __slots__ = ('x', 'K')\n    K = 1\n    def __init__(self, x: int):\n        self.x = x\n":
        (1, 1, "'K' in __slots__ conflicts with class variable"),
    "class A:\n    K = 1\ndef f() -> int:\n    return A.J\n": (4, 12, "type object 'A' has no attribute 'J'"),
    "class A:\n    K = 1\ndef f() -> int:\n    return A().K\n":
        (4, 12, "read the class constant 'K' from its class: A.K"),
    "class A:\n    K = 1 / 0\n": (2, 9, "computing this constant raised ZeroDivisionError: division by zero"),
}


@pytest.mark.parametrize("source", ERRORS, ids=range(len(ERRORS)))
def test_what_does_not_compile(source):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source, cache=False)
    assert [(d.loc.line, d.loc.col, d.message) for d in caught.value.diagnostics] == [ERRORS[source]]


def test_slots_that_name_every_field_change_nothing():
    with_slots = jitcell.compile_cell(SOURCE, cache=False).classes["Grid"]
    without = jitcell.compile_cell(SOURCE.replace('    __slots__ = ("n",)\n', ""), cache=False).classes["Grid"]
    assert with_slots(2).area() == without(2).area() == 32


def test_a_property_setter_runs_from_python_and_a_property_without_one_refuses():
    library = jitcell.compile_cell('''
class Box:
    def __init__(self, side: float):
        self._side = side

    @property
    def side(self) -> float:
        return self._side

    @side.setter
    def side(self, value: float) -> None:
        self._side = abs(value)

    @property
    def area(self) -> float:
        return self._side * self._side
''', cache=False)
    box = library.classes["Box"](2.0)
    box.side = -3.0
    assert (box.side, box.area) == (3.0, 9.0)
    with pytest.raises(AttributeError):
        box.area = 1.0
    with pytest.raises(TypeError, match="must be float, not str"):
        box.side = "wide"
    with pytest.raises(CompileError, match="@side.setter must follow the @property side it sets"):
        jitcell.compile_cell("class A:\n    x: int = 0\n    @side.setter\n    def side(self, v: int) -> None:\n"
                             "        self.x = v\n", cache=False)
