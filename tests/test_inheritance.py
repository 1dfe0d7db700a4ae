"""Single inheritance between the classes of a cell (check/inheritance.py, lower/inheritance.py,
loader/classes.py).

The programs in tests/inheritance/ run under CPython and under jitcell as tests/test_differential.py
runs its own (same values, printed text and exceptions, no runtime object outliving a call); the
tests below them look at the classes from Python, at what is refused, and at the manifest.
"""

from __future__ import annotations

import gc
import textwrap
from pathlib import Path

import pytest
from conftest import run_python
from test_differential import _directives, check_directive

import jitcell
from jitcell import runtime
from jitcell.errors import CompileError
from jitcell.loader.namespace import Namespace

PROGRAMS = sorted((Path(__file__).parent / "inheritance").glob("*.py"))
DIRECTIVES = [d for path in PROGRAMS for d in _directives(path)]


@pytest.mark.parametrize("directive", DIRECTIVES, ids=lambda d: f"{d.path.stem}:{d.line}")
def test_program(directive):
    check_directive(directive)


SHAPES = textwrap.dedent('''
    class Shape:
        def __init__(self, name: str):
            self.name = name

        def area(self) -> float:
            return 0.0

        def describe(self) -> str:
            return self.name + " " + str(self.area())

    class Circle(Shape):
        def __init__(self, r: float):
            super().__init__("circle")
            self.r = r

        def area(self) -> float:
            return 3.0 * self.r * self.r

    class Ring(Circle):
        inner: float = 0.5

        @classmethod
        def unit(cls) -> "Ring":
            return cls(1.0)

    class Band(Ring):
        pass

    class Holder:
        @classmethod
        def empty(cls) -> "Holder":
            return cls(Shape("empty"))

        def __init__(self, shape: Shape):
            self.shape = shape

    def area(s: Shape) -> float:
        return s.area()

    def radius(c: Circle) -> float:
        return c.r

    def biggest(r: float) -> Shape:
        return Circle(r) if r > 0 else Shape("none")

    def maybe(s: Shape | None) -> str:
        return "none" if s is None else s.name
''')


@pytest.fixture(scope="module")
def lib():
    return jitcell.compile_cell(SHAPES)


def test_python_classes_are_subclasses(lib):
    Shape, Circle, Ring = (lib.classes[n] for n in ("Shape", "Circle", "Ring"))
    assert issubclass(Circle, Shape) and issubclass(Ring, Circle) and not issubclass(Shape, Circle)
    c = Circle(2.0)
    assert isinstance(c, Shape) and type(c) is Circle and repr(c) == "Circle(name='circle', r=2.0)"
    assert (c.name, c.r, c.area(), c.describe()) == ("circle", 2.0, 12.0, "circle 12.0")  # own and inherited
    ring = Ring(1.0)
    assert (ring.inner, ring.area(), ring.describe()) == (0.5, 3.0, "circle 3.0") and isinstance(ring, Circle)
    assert Shape("s").describe() == "s 0.0"
    c.name = "renamed"  # a field of the base, written from Python
    assert c.describe() == "renamed 12.0"


def test_instances_pass_where_their_base_is_declared(lib):
    Shape, Circle, Holder = lib.classes["Shape"], lib.classes["Circle"], lib.classes["Holder"]
    area, radius = lib.functions["area"], lib.functions["radius"]
    c = Circle(1.0)
    assert area(c) == 3.0 and area(Shape("s")) == 0.0 and area(lib.classes["Ring"](2.0)) == 12.0
    assert radius(c) == 1.0 and lib.functions["maybe"](c) == "circle" and lib.functions["maybe"](None) == "none"
    with pytest.raises(TypeError, match=r"radius\(\) argument 'c' must be Circle, not Shape"):
        radius(Shape("s"))
    with pytest.raises(TypeError, match=r"area\(\) argument 's' must be Shape, not Holder"):
        area(Holder(c))
    h = Holder(c)
    assert h.shape is c and type(h.shape) is Circle  # a Shape field holding a Circle reads as the Circle
    h.shape = Shape("plain")
    assert type(h.shape) is Shape
    with pytest.raises(TypeError, match="field 'shape' of Holder must be Shape, not Holder"):
        h.shape = h


def test_an_inherited_classmethod_is_refused_from_python_too(lib):
    """In CPython, Band.unit() would make a Band; jitcell's Ring.unit makes a Ring, so it refuses."""
    Ring, Band = lib.classes["Ring"], lib.classes["Band"]
    assert type(Ring.unit()) is Ring and Ring.unit().r == 1.0
    with pytest.raises(TypeError, match=r"Band.unit\(\) is a @classmethod of Ring: calling it on a subclass is not "
                                        r"supported yet by jitcell"):
        Band.unit()
    assert lib.classes["Holder"].empty().shape.name == "empty"


def test_a_result_is_of_the_object_s_own_class(lib):
    big = lib.functions["biggest"](2.0)
    assert type(big) is lib.classes["Circle"] and big.r == 2.0 and big.area() == 12.0
    assert type(lib.functions["biggest"](-1.0)) is lib.classes["Shape"]


def test_instances_of_subclasses_are_released(lib):
    Circle = lib.classes["Circle"]
    live = runtime.call("live_objects")
    for _ in range(100):
        Circle(1.0).describe()
    gc.collect()
    assert runtime.call("live_objects") == live


def test_the_manifest_says_each_base(lib):
    rows = {row["name"]: row for row in lib.manifest["classes"]}
    assert "base" not in rows["Shape"] and rows["Circle"]["base"] == "Shape" and rows["Ring"]["base"] == "Circle"
    assert rows["Circle"]["fields"][:1] == rows["Shape"]["fields"] == [["name", "str"]]
    assert [rows[n].get("tag", 0) for n in ("Shape", "Circle", "Ring", "Band", "Holder")] == [0, 1, 2, 3, 0]
    assert rows["Ring"]["classmethods"] == ["Ring.unit"] and "classmethods" not in rows["Band"]


def test_a_damaged_base_makes_the_entry_corrupt(lib):
    from jitcell.loader.manifest import problem

    assert problem(lib.manifest, lib.key) is None

    def damaged(change) -> str:
        manifest = dict(lib.manifest)
        manifest["classes"] = [change(dict(row)) for row in lib.manifest["classes"]]
        return problem(manifest, lib.key) or ""

    def rebased(row, base):
        return {**row, "base": base} if row["name"] == "Circle" else row

    assert "not a class declared before it" in damaged(lambda row: rebased(row, "Holder"))
    assert "not a class declared before it" in damaged(lambda row: rebased(row, "Ring"))
    assert "does not begin with the fields of its base Shape" in damaged(
        lambda row: {**row, "fields": row["fields"][1:]} if row["name"] == "Circle" else row)
    assert "the number of another class of its family" in damaged(
        lambda row: {**row, "tag": 1} if row["name"] == "Ring" else row)
    assert "the classes deriving from Shape are not numbered 0..3" in damaged(
        lambda row: {**row, "tag": 5} if row["name"] == "Ring" else row)
    assert "not the number of a subclass" in damaged(
        lambda row: {k: v for k, v in row.items() if k != "tag"} if row["name"] == "Ring" else row)


@pytest.mark.parametrize("source, message, where", [
    ("class A:\n    x: int = 0\nclass B:\n    y: int = 0\nclass C(A, B):\n    pass\n",
     "class C: multiple inheritance (A, B) is not supported yet by jitcell; a class has one base", "5:12"),
    ("class M:\n    x: int = 0\nclass A(metaclass=M):\n    pass\n",
     "class A: keyword arguments in the class line (metaclass=...: metaclasses) are not supported yet", "3:9"),
    ("class E(Exception):\n    pass\n", "class E: its base Exception is not a class defined before it in this cell",
     "1:9"),
    ("class B(A):\n    pass\nclass A:\n    x: int = 0\n", "class B: its base A is not a class defined before it",
     "1:9"),
    ("class A:\n    def f(self, x: int) -> int:\n        return x\nclass B(A):\n    def f(self, x: float) -> int:\n"
     "        return 1\n", "B.f overrides A.f with another signature, (x: float) -> int where the base has "
                          "(x: int) -> int", "4:1"),
    ("class A:\n    def f(self) -> int:\n        return 1\nclass B(A):\n    def f(self) -> float:\n"
     "        return 1.0\n", "B.f overrides A.f with another signature", "4:1"),
    ("class A:\n    def f(self) -> int:\n        return 1\nclass B(A):\n    @property\n    def f(self) -> int:\n"
     "        return 2\n", "B.f overrides A.f but is a @property, not a method as the method it overrides", "4:1"),
    ("class A:\n    def __init__(self, x: int):\n        self.x = x\nclass B(A):\n    def __init__(self):\n"
     "        self.y = 1\n", "field 'x' of B (from A) has no value once B.__init__ returns: call "
                            "'super().__init__(...)'", "4:1"),
    ("class A:\n    x: int = 0\nclass B(A):\n    x: float = 1.0\n",
     "field 'x' of B is a int in its base A: a subclass keeps the types of its base's fields (not float)", "4:5"),
    ("class A:\n    x: int = 0\n    @classmethod\n    def make(cls) -> 'A':\n        return cls()\nclass B(A):\n"
     "    pass\ndef f() -> A:\n    return B.make()\n",
     "B.make() is a @classmethod of A: calling it on a subclass is not supported yet", "9:12"),
    ("from dataclasses import dataclass\n@dataclass\nclass A:\n    x: int\nclass B(A):\n    pass\n"
     "def f(a: A, b: A) -> bool:\n    return a == b\n",
     "== between A values, which may be instances of its subclasses", "8:12"),
    ("from dataclasses import dataclass\n@dataclass\nclass A:\n    x: int = 0\n@dataclass\nclass B(A):\n    y: int\n",
     "class B: non-default argument 'y' follows default argument 'x'", "6:1"),
    ("class A:\n    x: int = 0\nclass B(A):\n    def x(self) -> int:\n        return 1\n",
     "'x' is both a field and a method of B (a field of A)", "3:1"),
    ("class A:\n    @staticmethod\n    def f() -> int:\n        return 1\nclass B(A):\n    @staticmethod\n"
     "    def f() -> int:\n        return 2\ndef g(a: A) -> int:\n    return a.f()\n",
     "f() is overridden in a subclass of A: calling a @staticmethod or @classmethod on an instance is not "
     "supported yet there; call A.f()", "10:12"),
    ("class A:\n    x: int = 0\ndef f() -> int:\n    return super().f()\n",
     "super() is supported in the methods of a class", "4:12"),
    ("class A:\n    x: int = 0\nclass B(A):\n    def f(self) -> int:\n        return super().g()\n",
     "'super' object has no attribute 'g'", "5:16"),
])
def test_what_is_refused(source, message, where):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source)
    found = [d for d in caught.value.diagnostics if message in d.message]
    assert found, [d.message for d in caught.value.diagnostics]
    assert f"{found[0].loc.line}:{found[0].loc.col}" == where


def test_object_is_no_base():
    lib = jitcell.compile_cell("class P(object):\n    x: int = 1\n\ndef f() -> int:\n    return P().x\n")
    assert lib.functions["f"]() == 1 and "base" not in lib.manifest["classes"][0]


BASE_V1 = textwrap.dedent('''
    class Base:
        def __init__(self, x: float):
            self.x = x

    class Sub(Base):
        def __init__(self, x: float, y: float):
            super().__init__(x)
            self.y = y

    def gety(s: Sub) -> float:
        return s.y

    def getx(b: Base) -> float:
        return b.x
''')
BASE_V2 = BASE_V1.replace("self.x = x", "self.w = 7\n        self.x = x").replace("def gety", "def unused")
OTHER_BASE = BASE_V1.replace("class Sub(Base):", "class Other:\n    x: float = 0.0\n\nclass Sub(Other):").replace(
    "def gety", "def unused").replace("super().__init__(x)", "self.x = x")


def test_a_changed_base_is_never_read_with_the_old_layout():
    """Old code keeps taking the instances of its own classes; a new cell that changes the base's
    fields (so every subclass's layout), or gives Sub another base with the same fields, makes new
    classes, and the old functions refuse their instances rather than read them at the old offsets."""
    ns = Namespace()
    jitcell.compile_cell(BASE_V1, callees=ns)
    gety, getx, old = ns.names["gety"], ns.names["getx"], ns.names["Sub"](1.0, 2.0)
    assert gety(old) == 2.0 and getx(old) == 1.0
    v2 = jitcell.compile_cell(BASE_V2, callees=ns)
    new = ns.names["Sub"](1.0, 2.0)
    assert [list(f) for f in type(new)._jc_layout] == [["w", "int"], ["x", "float"], ["y", "float"]]
    assert type(new) is not type(old) and not isinstance(new, type(old)) and v2.functions["getx"](new) == 1.0
    with pytest.raises(TypeError, match=r"gety\(\) argument 's' must be Sub, not an instance of an earlier "
                                        r"definition of Sub whose fields differ"):
        gety(new)
    with pytest.raises(TypeError, match=r"getx\(\) argument 'b' must be Base, not Sub"):
        getx(new)
    assert gety(old) == 2.0 and old.y == 2.0  # the old instance still reads with its own layout
    jitcell.compile_cell(OTHER_BASE, callees=ns)
    moved = ns.names["Sub"](1.0, 2.0)
    assert type(moved)._jc_layout == type(old)._jc_layout and type(moved) is not type(old)
    with pytest.raises(TypeError, match=r"gety\(\) argument 's' must be Sub"):
        gety(moved)


_BASE_PROCESS = f'''
import jitcell
from jitcell.loader.namespace import Namespace
ns = Namespace()
v1 = jitcell.compile_cell({BASE_V1!r}, callees=ns)
gety = ns.names["gety"]
print(gety(ns.names["Sub"](1.0, 2.0)))
v2 = jitcell.compile_cell({BASE_V2!r}, callees=ns)
print(v1.cache_hit, v2.cache_hit)
try:
    print(gety(ns.names["Sub"](1.0, 2.0)))
except TypeError as e:
    print("TypeError:", e)
'''


def test_a_changed_base_across_processes(fresh_cache):
    """Two processes sharing a cache: the second loads both libraries from it, validated, and the
    old function still refuses the instance of the changed layout."""
    for attempt, hit in enumerate(("False False", "True True")):
        done = run_python(_BASE_PROCESS)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0] == "2.0" and lines[1] == hit, (attempt, lines)
        assert lines[2].startswith("TypeError: gety() argument 's' must be Sub, not an instance of an earlier")
