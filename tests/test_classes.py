"""Classes of a cell (check/classes.py, lower/classes.py, loader/classes.py): instances seen from
Python, their memory, what is refused at compile time, and a redefined layout never read with the
old one. The language itself is tested differentially (tests/programs/class_*.py)."""

from __future__ import annotations

import gc
import textwrap

import pytest
from conftest import run_python

import jitcell
from jitcell import runtime
from jitcell.errors import CompileError
from jitcell.loader import classes
from jitcell.loader.namespace import Namespace

POINT = textwrap.dedent('''
    class Point:
        """A point."""
        tag: str = "p"

        def __init__(self, x: float, y: float):
            self.x = x
            self.y = y

        def norm2(self) -> float:
            return self.x * self.x + self.y * self.y

        def shifted(self, dx: float) -> "Point":
            return Point(self.x + dx, self.y)

        @staticmethod
        def origin() -> "Point":
            return Point(0.0, 0.0)

        @property
        def half(self) -> "Point":
            return Point(self.x / 2, self.y / 2)

    class Segment:
        def __init__(self, a: Point, b: Point):
            self.a = a
            self.b = b
            self.next: Segment | None = None

    def make(x: float, y: float) -> Point:
        return Point(x, y)

    def getx(p: Point) -> float:
        return p.x

    def maybe(p: Point | None) -> str:
        if p is None:
            return "none"
        return p.tag

    def segment(a: Point, b: Point) -> Segment:
        return Segment(a, b)

    def points(n: int) -> list[Point]:
        return [Point(float(i), 0.0) for i in range(n)]

    def total(ps: list[Point]) -> float:
        return sum(p.x for p in ps)

    def pair() -> tuple[Point, int]:
        return Point(1.0, 1.0), 2

    def unpacked() -> float:
        p, k = pair()
        return p.x + k + total(points(4))
''')


@pytest.fixture(scope="module")
def lib():
    return jitcell.compile_cell(POINT)


def test_an_instance_from_python(lib):
    Point = lib.classes["Point"]
    p = lib.functions["make"](1.0, 2.0)
    assert isinstance(p, Point) and type(p) is Point and Point.__name__ == "Point"
    assert repr(p) == "Point(tag='p', x=1.0, y=2.0)"
    assert (p.x, p.y, p.tag) == (1.0, 2.0, "p")
    assert p.norm2() == 5.0 and p.shifted(1.5).x == 2.5
    assert repr(Point.origin()) == "Point(tag='p', x=0.0, y=0.0)" and p.half.x == 0.5  # a @property
    assert "make" in lib.functions and "Point" not in lib.functions and "Point.norm2" not in lib.functions


def test_calling_the_class_runs_the_compiled_constructor(lib):
    Point = lib.classes["Point"]
    p = Point(3, y=4.0)  # an int where a float goes: converted, as an argument of a compiled function
    assert (p.x, p.y) == (3.0, 4.0) and type(p.x) is float
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'y'"):
        Point(1.0)
    with pytest.raises(TypeError, match=r"argument 'x' must be float, not str"):
        Point("a", 1.0)


def test_fields_write_type_checked(lib):
    p = lib.classes["Point"](1.0, 2.0)
    p.x = 7
    p.tag = "moved"
    assert repr(p) == "Point(tag='moved', x=7.0, y=2.0)" and lib.functions["getx"](p) == 7.0
    with pytest.raises(TypeError, match="field 'x' of Point must be float, not str"):
        p.x = "a"
    with pytest.raises(TypeError, match="field 'tag' of Point must be str, not int"):
        p.tag = 3
    with pytest.raises(AttributeError, match="'Point' object has no field 'z'"):
        p.z = 1.0
    with pytest.raises(AttributeError, match="'Point' object has no attribute 'z'"):
        p.z  # noqa: B018
    assert p.x == 7.0 and p.tag == "moved"


def test_instances_pass_back_without_conversion(lib):
    Point, Segment = lib.classes["Point"], lib.classes["Segment"]
    a, b = Point(1.0, 2.0), Point(3.0, 4.0)
    s = lib.functions["segment"](a, b)
    assert s.a is a and s.b is b  # the same objects: one wrapper per runtime object while one lives
    assert s.next is None and isinstance(s, Segment)
    s.next = lib.functions["segment"](b, a)
    assert s.next.a is b and s.next.next is None
    with pytest.raises(TypeError, match="field 'next' of Segment must be Segment | None, not Point"):
        s.next = a
    assert lib.functions["maybe"](None) == "none" and lib.functions["maybe"](a) == "p"
    with pytest.raises(TypeError, match=r"getx\(\) argument 'p' must be Point, not Segment"):
        lib.functions["getx"](s)
    with pytest.raises(TypeError, match=r"getx\(\) argument 'p' must be Point, not NoneType"):
        lib.functions["getx"](None)


def test_containers_of_instances_cross_from_python(lib):
    """Lists and tuples of instances cross as other containers do (tests/test_instance_boundary.py)."""
    gc.collect()
    before = runtime.call("live_objects")
    ps = lib.functions["points"](3)
    assert [p.x for p in ps] == [0.0, 1.0, 2.0] and all(type(p) is lib.classes["Point"] for p in ps)
    assert lib.functions["total"](ps) == 3.0 and lib.functions["total"]([]) == 0
    p, k = lib.functions["pair"]()
    assert (p.x, k) == (1.0, 2)
    del ps, p
    gc.collect()
    assert runtime.call("live_objects") == before


def test_compiled_callers_pass_containers_and_tuples_of_instances(lib):
    assert lib.functions["unpacked"]() == 9.0


def test_instances_are_released(lib):
    """Build and drop 10,000 instances (each with a str and two linked ones) from Python and in
    compiled code: the runtime's count of live objects comes back to where it was."""
    gc.collect()
    before = runtime.call("live_objects")
    Point, make, segment = lib.classes["Point"], lib.functions["make"], lib.functions["segment"]
    kept = []
    for i in range(10_000):
        p = make(float(i), 1.0)
        p.tag = f"t{i}"
        kept.append(segment(p, Point(0.0, float(i))))
    assert runtime.call("live_objects") - before >= 30_000
    assert kept[9_999].a.tag == "t9999"
    del kept, p
    gc.collect()
    assert runtime.call("live_objects") == before


def test_a_leaked_instance_is_seen_by_the_count(lib):
    """The count above can fail: a reference taken and never given back shows up in it."""
    before = runtime.call("live_objects")
    p = lib.classes["Point"](1.0, 2.0)
    runtime.call("obj_retain", p._jc_address)  # a leak, on purpose
    address = p._jc_address
    del p
    gc.collect()
    assert runtime.call("live_objects") == before + 1
    runtime.call("obj_release", address)
    assert runtime.call("live_objects") == before


CYCLE = textwrap.dedent('''
    class Ring:
        def __init__(self, n: int):
            self.n = n
            self.next: Ring | None = None

    def ring(k: int) -> int:
        first = Ring(0)
        last = first
        for i in range(1, k):
            node = Ring(i)
            last.next = node
            last = node
        last.next = first   # a cycle: reference counting alone never frees it
        return last.n
''')


def test_a_cycle_of_instances_leaks_as_documented():
    """Documented limitation (docs/guide/language.md, Classes): instances are reference counted with
    no cycle collector, so a cycle outlives its last reference. When a collector or weak references
    come, this test must change to expect 0."""
    lib = jitcell.compile_cell(CYCLE)
    before = runtime.call("live_objects")
    assert lib.functions["ring"](5) == 4
    assert runtime.call("live_objects") - before == 5


@pytest.mark.parametrize("source, message, where", [
    ("class A:\n    x: int = 0\nclass B:\n    y: int = 0\nclass C(A, B):\n    pass\n",
     "class C: multiple inheritance (A, B) is not supported yet by jitcell", "5:12"),
    ("from dataclasses import dataclass\n@dataclass(slots=True)\nclass A:\n    x: int\n",
     "@dataclass(slots=...) is not supported yet by jitcell", "2:12"),
    ("class A:\n    x: int = 0\n    def __hash__(self) -> int:\n        return 1\n",
     "A.__hash__: hash() of instances is not supported yet by jitcell", "3:5"),
    ("class A:\n    def __init__(self, x: int):\n        self.x = x\n    def m(self) -> None:\n        self.y = 1\n",
     "'A' has no field 'y': jitcell's instances hold the fields their class declares", "5:9"),
    ("class A:\n    x = []\n", "a class attribute of A holding a list is not a constant", "2:9"),
    ("class A:\n    x: int\n", "field 'x' of A has no value once __init__ returns", "2:5"),
    ("class A:\n    def __init__(self, x: int):\n        self.x = None\n",
     "the type of field 'x' of A is not known: its value in __init__, None, has no type of its own", "3:9"),
    ("class A:\n    x: tuple[int, float[:]]\n", "a field of type tuple[int, float[:]] is not supported yet", "2:5"),
    ("class A:\n    x: int = 0\ndef f() -> int:\n    a = A\n    return 0\n", "'A' is not a value in jitcell", "4:9"),
    ("class A:\n    x: int = 0\ndef f() -> int:\n    return A().y\n", "'A' object has no attribute 'y'", "4:12"),
    ("class A:\n    def __init__(self, x: int):\n        self.x = x\ndef f() -> int:\n    return A(1, 2).x\n",
     "A.__init__() takes 2 positional arguments but 3 were given", "5:12"),
    ("class A:\n    x: int = 0\n    n: 'A | None' = None\n    @staticmethod\n    def s() -> int:\n        return 1\n"
     "def f(a: A) -> int:\n    return a.n.s()\n",
     "this value may be None (A | None): test it with 'is not None' before calling its static method s()", "8:12"),
    ("class A:\n    x: int = 0\ndef A() -> int:\n    return 1\n", "'A' is defined twice in this cell", "1:1"),
    ("import math\nclass A:\n    x: int = 0\n    @math.cache\n    def y(self) -> int:\n        return 1\n",
     "only @staticmethod, @classmethod and @property (a getter) are supported yet on a method in jitcell (not "
     "@math.cache)", "4:6"),
    ("class A:\n    x: int = 0\n    @property\n    def y(self) -> int:\n        return 1\n"
     "def f(a: A) -> None:\n    a.y = 2\n", "property 'y' of 'A' object has no setter", "7:5"),
    ("class A:\n    x: int = 0\n    def m() -> int:\n        return 1\n",
     "method A.m() must take the instance as its first parameter (self)", "3:5"),
    ("def f() -> int:\n    class B:\n        pass\n    return 1\n", "classes (nested ones) are not supported", "2:5"),
    ("class A:\n    x: int = 0\ndef f(a: A) -> None:\n    a.x, a.y = 1, 2\n",
     "'A' has no field 'y': jitcell's instances hold the fields their class declares", "4:10"),
    ("class A:\n    x: int = 0\ndef f() -> int:\n    return A.x\n", "type object 'A' has no attribute 'x'", "4:12"),
])
def test_what_is_not_supported_yet_is_a_compile_error(source, message, where):
    with pytest.raises(CompileError) as caught:
        jitcell.compile_cell(source)
    assert message in str(caught.value) and f"cell:{where}:" in str(caught.value)


def test_reading_a_field_before_init_assigns_it_raises_attribute_error():
    lib = jitcell.compile_cell(textwrap.dedent('''
        class Named:
            def __init__(self, name: str):
                print(self.describe())
                self.name = name

            def describe(self) -> str:
                return self.name
    '''))
    with pytest.raises(AttributeError, match="'Named' object has no attribute 'name'"):
        lib.classes["Named"]("x")


V1 = "class P:\n    def __init__(self, x: float):\n        self.x = x\n\ndef getx(p: P) -> float:\n    return p.x\n"
V2 = "class P:\n    def __init__(self, x: int):\n        self.x = x\n\ndef getx(p: P) -> int:\n    return p.x\n"


def test_a_redefined_layout_is_never_read_with_the_old_one():
    ns = Namespace()
    jitcell.compile_cell(V1, callees=ns)
    old = ns.names["P"](1.5)
    again = jitcell.compile_cell(V1, callees=ns)  # the same layout: the same class, old instances pass
    assert again.classes["P"] is type(old) and ns.names["getx"](old) == 1.5
    jitcell.compile_cell(V2, callees=ns)
    assert ns.names["P"] is not type(old) and ns.names["getx"](ns.names["P"](3)) == 3
    with pytest.raises(TypeError, match=r"getx\(\) argument 'p' must be P, not an instance of an earlier definition "
                                        r"of P whose fields differ \(x: float; now x: int\)"):
        ns.names["getx"](old)
    assert old.x == 1.5  # the old instance still reads with its own layout


def test_a_method_the_cell_no_longer_defines_is_gone_from_the_shared_class():
    """Run again with the same layout, a cell's class is the same Python class; what the earlier
    library attached to it (a method, a static method, a property, an operator) goes with it."""
    ns = Namespace()
    first = jitcell.compile_cell(V1 + "\n" + textwrap.dedent('''
        class Q:
            def __init__(self, x: float):
                self.x = x

            def old(self) -> float:
                return self.x

            @staticmethod
            def make() -> "Q":
                return Q(1.0)

            @property
            def twice(self) -> float:
                return 2 * self.x

            def __add__(self, other: "Q") -> "Q":
                return Q(self.x + other.x)
    '''), callees=ns)
    q = first.classes["Q"](2.0)
    assert (q.old(), q.twice, (q + q).x, first.classes["Q"].make().x) == (2.0, 4.0, 4.0, 1.0)
    again = jitcell.compile_cell(V1 + "\nclass Q:\n    def __init__(self, x: float):\n        self.x = x\n", callees=ns)
    assert again.classes["Q"] is type(q)
    assert not any(hasattr(q, name) for name in ("old", "make", "twice"))
    with pytest.raises(TypeError, match="unsupported operand"):
        q + q


_LAYOUT_PROCESS = f'''
import jitcell
from jitcell.loader import classes
from jitcell.loader.namespace import Namespace
classes.LAYOUT_IDENTITY = {{identity}}
ns = Namespace()
v1 = jitcell.compile_cell({V1!r}, callees=ns)
old = ns.names["P"](1.5)
v2 = jitcell.compile_cell({V2!r}, callees=ns)
print(v1.cache_hit, v2.cache_hit)
try:
    print(ns.names["getx"](old))
except TypeError as e:
    print("TypeError:", e)
'''


def test_layouts_across_processes(fresh_cache):
    """Real processes sharing one cache: the first compiles both layouts, the second loads both from
    the cache and still refuses the old instance; with the layout out of the class's identity (the
    protection off) the new code reads the old float's bits as an int."""
    first = run_python(_LAYOUT_PROCESS.format(identity=True))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "False False"
    second = run_python(_LAYOUT_PROCESS.format(identity=True))
    assert second.returncode == 0, second.stderr
    lines = second.stdout.splitlines()
    assert lines[0] == "True True" and lines[1].startswith("TypeError: getx() argument 'p' must be P, not an instance")
    unprotected = run_python(_LAYOUT_PROCESS.format(identity=False))
    assert unprotected.returncode == 0, unprotected.stderr
    assert unprotected.stdout.splitlines()[1] == "4609434218613702656"  # the bits of 1.5, read as an int


def test_the_manifest_declares_the_layout(lib):
    rows = {row["name"]: row for row in lib.manifest["classes"]}
    assert rows["Point"] == {"name": "Point", "fields": [["tag", "str"], ["x", "float"], ["y", "float"]],
                             "static": ["Point.origin"], "properties": ["Point.half"],
                             "defaults": {"tag": "p"}}  # for a class of a later cell deriving from it
    assert rows["Segment"]["fields"] == [["a", "Point"], ["b", "Point"], ["next", "Segment | None"]]


def test_a_damaged_class_row_makes_the_entry_corrupt(lib):
    from jitcell.loader.manifest import problem

    manifest = dict(lib.manifest)
    assert problem(manifest, lib.key) is None
    manifest["classes"] = [row for row in lib.manifest["classes"] if row["name"] != "Segment"]
    assert "the class Segment is not declared in this manifest" in problem(manifest, lib.key)
    manifest["classes"] = [{**row, "fields": row["fields"] + [["x", "int"]]} for row in lib.manifest["classes"]]
    assert "not a [name, type] pair of a new field" in problem(manifest, lib.key)
    assert classes.is_class_type("Point | None") and not classes.is_class_type("list[int]")


KERNEL_CELLS = [
    "class Acc:\n    total: float = 0.0\n    n: int = 0\n    def add(self, x: float) -> None:\n"
    "        self.total += x\n        self.n += 1\n\ndef filled(k: int) -> Acc:\n    a = Acc()\n"
    "    for i in range(k):\n        a.add(float(i))\n    return a\nfilled(4)",
    "%%python\na = filled(3)\na.add(10.0)\nprint(a, isinstance(a, Acc), Acc().n)",
]


@pytest.mark.kernel
def test_a_class_in_the_jitcell_kernel_and_after_a_restart(fresh_cache):
    """A real kernel: a cell's class and its instances from Python; after a restart the cell is a
    cache hit and the class works the same."""
    from jitcell.kernel.session import KernelSession

    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        outputs = []
        for attempt in range(2):
            reply = kernel.execute(KERNEL_CELLS[0])
            assert reply.status == "ok", reply.error
            shown = [d["text/plain"] for d in reply.displays]
            assert ("cache hit" if attempt else "cache miss") in shown[0]
            outputs.append((shown[-1], kernel.execute(KERNEL_CELLS[1]).stdout))
            if not attempt:
                kernel.restart()
        assert outputs[0] == outputs[1] == ("Acc(total=6.0, n=4)", "Acc(total=13.0, n=4) True 0\n")


def test_a_class_of_another_cell_is_used_by_a_later_cell():
    """(tests/test_outer_classes.py tests this at length.)"""
    ns = Namespace()
    jitcell.compile_cell(V1, callees=ns)
    jitcell.compile_cell("def make() -> float:\n    return P(1.0).x\n", callees=ns)
    jitcell.compile_cell("def again(x: float) -> float:\n    return getx(P(x))\n", callees=ns)
    assert (ns.names["make"](), ns.names["again"](2.5)) == (1.0, 2.5)


def test_a_dataclass_from_python():
    lib = jitcell.compile_cell("from dataclasses import dataclass\n\n@dataclass\nclass Pt:\n    x: float\n"
                               "    y: float = 0.0\n")
    Pt = lib.classes["Pt"]
    a = Pt(1.0)
    assert repr(a) == "Pt(x=1.0, y=0.0)" and a == Pt(1, y=0.0) and a != Pt(1.0, 2.0)
    assert (a == 3) is False and Pt.__hash__ is None  # NotImplemented for other types; unhashable, as @dataclass
    with pytest.raises(TypeError, match="unhashable type: 'Pt'"):
        hash(a)


def test_a_chain_of_a_million_nodes_is_freed_without_recursion():
    """Instances that die with another are freed by a loop (runtime inst_destroy): destroying them by
    recursion, one call per node, died of SIGSEGV on a chain of 10^5 (the main thread's 8 MiB stack)."""
    code = textwrap.dedent(f'''
        import jitcell
        from jitcell import runtime
        lib = jitcell.compile_cell({CHAIN!r})
        before = runtime.call("live_objects")
        print(lib.functions["chain"](1_000_000), runtime.call("live_objects") - before)
    ''')
    done = run_python(code, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(sum(range(1_000_000))), "0"]


CHAIN = """
class Node:
    def __init__(self, key: int, next: "Node | None"):
        self.key = key
        self.label: str = str(key)
        self.next = next

def chain(n: int) -> int:
    head: Node | None = None
    for i in range(n):
        head = Node(i, head)
    total = 0
    walker = head
    while walker is not None:
        total += walker.key
        walker = walker.next
    return total
"""
