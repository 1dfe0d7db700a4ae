"""A class deriving from a class of an earlier cell (compiler/check/outer_bases.py): the same cells
run by CPython (one after the other in one namespace) and by jitcell (a Namespace) give the same
values; what jitcell cannot do correctly yet is a CompileError; a redefined base recompiles the
subclass's cell (and, with the protection switched off, the old code reads the new layout wrongly).
"""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import run_python
from point_cells import V1, V2

import jitcell
from jitcell.errors import CompileError, LinkageError
from jitcell.loader import namespace
from jitcell.loader.namespace import Namespace

POINT = '''
class Point:
    def __init__(self, x: float, y: float, label: str = "p"):
        self.x = x
        self.y = y
        self.label = label

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y

    def describe(self) -> str:
        return f"{self.label}({self.x}, {self.y})"

    @property
    def half_x(self) -> float:
        return self.x / 2

    def scale(self) -> float:
        return 1.0


def total(p: Point) -> float:
    return p.norm2() + p.half_x


def same(p: Point) -> Point:
    return p


def is_point(p: Point) -> bool:
    return isinstance(p, Point)
'''

POINT3 = '''
class Point3(Point):
    def __init__(self, x: float, y: float, z: float):
        super().__init__(x, y, "q")
        self.z = z

    def norm3(self) -> float:
        return self.norm2() + self.z * self.z

    def describe(self) -> str:
        return "3d " + super().describe() + f" z={self.z}"


class Flat(Point3):
    def norm3(self) -> float:
        return self.norm2()

    def scale(self) -> float:
        return 2.0 + super().scale()


def scale_of(p: Point3) -> float:
    return p.scale()  # Point3's is Point's, of the other cell: the table holds its thunk


class Tagged(Point):
    count: int = 7

    def bump(self, k: int = 1) -> int:
        self.count += k
        return self.count


def norm_of(p: Point3) -> float:
    return p.norm3()


def make(a: float, flat: bool) -> Point3:
    if flat:
        return Flat(a, a, a)
    return Point3(a, a, a)


def kinds(p: Point3) -> str:
    return f"{isinstance(p, Flat)} {isinstance(p, Point3)} {isinstance(p, Point)} {type(p) is Flat}"


def build() -> float:
    t = Tagged(1.0, 2.0)
    t.bump(2)
    return t.norm2() + t.count + t.half_x + len(t.describe())
'''

EXPRESSIONS = [
    "Point3(1.0, 2.0, 3.0).norm3()",
    "Point3(1.0, 2.0, 3.0).norm2()",
    "Point3(1.0, 2.0, 3.0).describe()",
    "Point3(1.0, 2.0, 3.0).half_x",
    "(Point3(1.0, 2.0, 3.0).label, Point3(1.0, 2.0, 3.0).z)",
    "total(Point3(1.0, 2.0, 3.0))",
    "total(Flat(1.0, 2.0, 3.0))",
    "type(same(Point3(1.0, 2.0, 3.0))).__name__",
    "type(same(Flat(1.0, 2.0, 3.0))).__name__",
    "same(Flat(1.0, 2.0, 3.0)).norm3()",
    "is_point(Flat(1.0, 2.0, 3.0))",
    "norm_of(Point3(1.0, 2.0, 3.0))",
    "norm_of(Flat(1.0, 2.0, 3.0))",
    "norm_of(make(2.0, True))",
    "norm_of(make(2.0, False))",
    "type(make(2.0, True)).__name__",
    "kinds(make(1.0, True))",
    "kinds(make(1.0, False))",
    "isinstance(Flat(1.0, 2.0, 3.0), Point)",
    "issubclass(Flat, Point) and issubclass(Tagged, Point) and not issubclass(Tagged, Point3)",
    "Tagged(1.0, 2.0).bump()",
    "Tagged(1.0, 2.0, label='t').describe()",
    "Tagged(3.0, 4.0).count",
    "build()",
    "make(1.5, True).describe()",
    "(scale_of(Point3(1.0, 2.0, 3.0)), scale_of(Flat(1.0, 2.0, 3.0)), Flat(1.0, 2.0, 3.0).scale())",
]


def cpython(*cells: str) -> dict:
    names: dict = {}
    for cell in cells:
        exec(compile(cell, "cell", "exec"), names)
    return names


def outcome(expression: str, names: dict):
    try:
        return ("value", eval(expression, dict(names)))
    except Exception as error:  # noqa: BLE001 - the same exception is the point
        return ("error", type(error).__name__, str(error))


def test_a_subclass_of_another_cells_class_against_cpython(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(POINT, callees=ns)
    jitcell.compile_cell(POINT3, callees=ns)
    python = cpython(POINT, POINT3)
    for expression in EXPRESSIONS:
        assert outcome(expression, ns.names) == outcome(expression, python), expression


SHAPES = '''
class Shape:
    def __init__(self, name: str):
        self.name = name

    def area(self) -> float:
        return 0.0


class Circle(Shape):
    def __init__(self, r: float):
        super().__init__("circle")
        self.r = r

    def area(self) -> float:
        return 3.0 * self.r * self.r


def area_of(s: Shape) -> float:
    return s.area()


def is_circle(s: Shape) -> bool:
    return isinstance(s, Circle)
'''

RINGS = '''
class Ring(Circle):
    def __init__(self, r: float, inner: float):
        super().__init__(r)
        self.inner = inner

    def hole(self) -> float:
        return 3.0 * self.inner * self.inner


class Square(Shape):
    side: float = 2.0


def ring_hole(r: Ring) -> float:
    return r.area() - r.hole()
'''


def test_a_family_with_a_dispatch_table_in_the_base_cell(fresh_cache):
    """Ring derives from Circle, which derives from Shape in the same earlier cell: that cell's table
    for area() takes a Ring as a Circle, and its isinstance() as one too."""
    ns = Namespace()
    jitcell.compile_cell(SHAPES, callees=ns)
    jitcell.compile_cell(RINGS, callees=ns)
    python = cpython(SHAPES, RINGS)
    for expression in ["area_of(Ring(2.0, 1.0))", "is_circle(Ring(2.0, 1.0))", "is_circle(Square('sq'))",
                       "area_of(Square('sq'))", "ring_hole(Ring(2.0, 1.0))", "Ring(2.0, 1.0).name",
                       "type(Ring(2.0, 1.0)).__mro__[1].__name__", "Square('s').side"]:
        assert outcome(expression, ns.names) == outcome(expression, python), expression


@pytest.mark.parametrize("base, sub, message", [
    ("class P:\n    x: float = 0.0\n\n    def f(self) -> float:\n        return self.x\n\n"
     "def use(p: P) -> float:\n    return p.f()\n",
     "class Q(P):\n    def f(self) -> float:\n        return 1.0\n",
     "Q.f overrides P.f, which the cell that defines P calls"),
    ("class P:\n    x: float = 0.0\n\ndef exact(p: P) -> bool:\n    return type(p) is P\n",
     "class Q(P):\n    pass\n", "a class of another cell cannot derive from P yet: its cell tests type(...) is P"),
    ("from dataclasses import dataclass\n\n@dataclass\nclass P:\n    x: float\n",
     "class Q(P):\n    pass\n", "its @dataclass __eq__ compares the class"),
    ("class P:\n    x: float = 0.0\n    other: 'P | None' = None\n",
     "class Q(P):\n    pass\n", "has a field holding instances (other: P | None)"),
    ("class P:\n    x: float = 0.0\n", "class Q(P):\n    pass\n\ndef f() -> float:\n    return P().x\n",
     "P is a class of another cell: a class of this cell derives from P's family"),
])
def test_what_is_refused(fresh_cache, base, sub, message):
    ns = Namespace()
    jitcell.compile_cell(base, callees=ns)
    with pytest.raises(CompileError, match=message.replace("(", r"\(").replace(")", r"\)").replace("|", r"\|")):
        jitcell.compile_cell(sub, callees=ns)


def test_a_third_cell_cannot_derive_from_a_subclass_of_another_cells_class(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell("class P:\n    x: float = 0.0\n", callees=ns)
    jitcell.compile_cell("class Q(P):\n    y: float = 1.0\n", callees=ns)
    with pytest.raises(CompileError, match="its base Q derives from a class of another cell itself"):
        jitcell.compile_cell("class R(Q):\n    pass\n", callees=ns)


SUB = '''
class Point3(Point):
    def __init__(self, x: float, y: float, z: float):
        super().__init__(x, y)
        self.z = z

    def total(self) -> float:
        return self.x + self.y + self.z
'''


def redefined() -> tuple[list, list, list[str]]:
    """The base redefined with another layout after the subclass's cell: the subclass's values
    under jitcell and CPython, and what the Namespace did."""
    ns = Namespace()
    jitcell.compile_cell(V1, callees=ns)
    jitcell.compile_cell(SUB, callees=ns)
    library = jitcell.compile_cell(V2, callees=ns)
    python = cpython(V1, SUB, V2, SUB)  # CPython runs the subclass's cell again: what jitcell must do
    expressions = ["Point3(1.0, 2.0, 3.0).total()", "Point3(1.0, 2.0, 3.0).norm2()", "Point3(1.0, 2.0, 3.0).w"]
    return ([outcome(e, ns.names) for e in expressions], [outcome(e, python) for e in expressions],
            [r.kind for r in library.relinked])


def test_a_redefined_base_recompiles_the_subclass(fresh_cache):
    jit, python, kinds = redefined()
    assert kinds == ["recompiled"]
    assert jit == python


def test_without_the_protection_the_old_subclass_reads_the_new_layout(fresh_cache, monkeypatch):
    """The same test with the base's family taken out of its methods' signatures: the subclass's
    cell is re-patched onto the new __init__, which writes the new layout into an instance its old
    code reads with the old one (x reads w): the values differ from CPython's."""
    monkeypatch.setattr(namespace, "CLASS_IDENTITY", False)
    jit, python, kinds = redefined()
    assert kinds == []  # re-patched silently
    assert jit != python
    assert jit[0] == ("value", 104.0)  # w + x + z: 100 + 1 + 3, where CPython says 1 + 2 + 3


def test_an_old_subclass_instance_stays_consistent_and_its_constructor_raises(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(V1, callees=ns)
    jitcell.compile_cell(SUB, callees=ns)
    old_class = ns.names["Point3"]
    old = old_class(1.0, 2.0, 3.0)
    jitcell.compile_cell(V2, callees=ns)
    assert (old.total(), old.norm2()) == (6.0, 5.0)  # its own layout, through its own cell's code
    with pytest.raises(LinkageError, match="Point.__init__ has a new signature"):
        old_class(1.0, 2.0, 3.0)
    assert ns.names["Point3"](1.0, 2.0, 3.0).w == 100.0


EXPRESSIONS_HIT = ("norm_of(make(2.0, True))", "total(Flat(1.0, 2.0, 3.0))", "type(same(Flat(1.0, 2.0, 3.0))).__name__",
                   "kinds(make(1.0, True))", "Point3(1.0, 2.0, 3.0).describe()")


def test_a_fresh_process_loads_both_cells_from_the_cache(fresh_cache):
    code = textwrap.dedent(f'''
        import json
        import jitcell
        from jitcell.loader.namespace import Namespace
        ns = Namespace()
        libs = [jitcell.compile_cell(cell, callees=ns) for cell in ({POINT!r}, {POINT3!r})]
        values = [eval(e, dict(ns.names)) for e in {EXPRESSIONS_HIT!r}]
        print(json.dumps([[lib.cache_hit for lib in libs], values]))
    ''')
    runs = [json.loads(run_python(code).stdout.splitlines()[-1]) for _ in range(2)]
    python = cpython(POINT, POINT3)
    expected = [eval(e, dict(python)) for e in EXPRESSIONS_HIT]
    assert runs[0] == [[False, False], expected]
    assert runs[1] == [[True, True], expected]


KERNEL_QUERY = ("[[norm_of(make(2.0, True)), total(Flat(1.0, 2.0, 3.0)), type(same(Flat(1.0, 2.0, 3.0))).__name__, "
                "kinds(make(1.0, True)), build()], [type(Point3(1.0, 2.0, 3.0)).__mro__[1] is Point]]")


@pytest.mark.kernel
@pytest.mark.parametrize("kernel_name, prefix", [("python3", "%%jit\n"), ("jitcell", "")])
def test_kernel_cells_and_a_restart_load_both_cells_from_the_cache(fresh_cache, kernel_name, prefix):
    """A real kernel (IPython with %%jit, and the jitcell kernel): In [2] derives from In [1]'s
    class; after a restart both cells are cache hits and give the same values as CPython."""
    from jitcell.kernel.session import KernelSession

    python = cpython(POINT, POINT3)
    values = []
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel=kernel_name) as kernel:
        for attempt in range(2):
            if prefix:
                kernel.execute("%load_ext jitcell")
            replies = [kernel.execute(prefix + cell) for cell in (POINT, POINT3)]
            for reply in replies:
                assert reply.status == "ok", reply.error
            shown = " ".join(d.get("text/plain", "") for r in replies for d in r.displays) + \
                " ".join(r.stdout for r in replies)
            assert shown.count("cache hit" if attempt else "cache miss") >= 2, shown
            python_cell = "" if prefix else "%%python\n"
            reply = kernel.execute(f"{python_cell}import json\nprint(json.dumps({KERNEL_QUERY}))")
            assert reply.status == "ok", reply.error
            values.append(json.loads(reply.stdout.strip().splitlines()[-1]))
            if not attempt:
                kernel.restart()
    want = json.loads(json.dumps(eval(KERNEL_QUERY, dict(python))))
    assert values[0] == values[1] == want


def test_a_base_cell_that_starts_calling_an_override_makes_the_subclass_stale(fresh_cache):
    """The base's cell run again with the same layout, now calling describe(), which the subclass
    overrides: the subclass's cell no longer compiles, so it stays stale, and the new cell's
    functions refuse the old subclass's instances (their override would not be called)."""
    base = ("class P:\n    def __init__(self, x: float):\n        self.x = x\n\n    def describe(self) -> str:\n"
            "        return 'P'\n")
    calls = base + "\ndef show(p: P) -> str:\n    return p.describe()\n"
    quiet = base + "\ndef show(p: P) -> str:\n    return 'quiet'\n"
    ns = Namespace()
    jitcell.compile_cell(quiet, callees=ns)
    jitcell.compile_cell("class Q(P):\n    def describe(self) -> str:\n        return 'Q'\n", callees=ns)
    q = ns.names["Q"](1.0)
    assert (q.describe(), ns.names["show"](q)) == ("Q", "quiet")
    library = jitcell.compile_cell(calls, callees=ns)
    assert [r.kind for r in library.relinked] == ["stale"]
    assert "Q.describe overrides P.describe, which the cell that defines P calls" in library.relinked[0].error
    with pytest.raises(TypeError, match="show\\(\\) argument 'p' must be P, not Q: Q, of a later cell, was "
                                        "compiled against another definition of P"):
        ns.names["show"](q)
    with pytest.raises(LinkageError, match="P.__init__ has a new signature"):
        ns.names["Q"](2.0)
    assert ns.names["show"](ns.names["P"](1.0)) == "P"


BAG = '''
class Bag:
    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __mul__(self, k: float) -> float:
        return self.n * k

    def __eq__(self, other: "Bag") -> bool:
        return self.n == other.n

    def __str__(self) -> str:
        return f"bag of {self.n}"

    def bigger(self, other: "Bag") -> bool:
        return self.n > other.n
'''
BOX = '''
class Box(Bag):
    def extra(self) -> int:
        return len(self) + 1


def use(b: Box, c: Box) -> str:
    return f"{b * 2.0} {b} {len(b)} {b == c} {b != c} {b.bigger(c)} {c.extra()}"
'''


def test_special_methods_and_parameters_of_the_base_family(fresh_cache):
    """Box inherits Bag's operators; a parameter typed Bag takes a Box (no value typed Bag is made
    in the later cell, which would have to be dispatched without knowing its class)."""
    ns = Namespace()
    jitcell.compile_cell(BAG, callees=ns)
    jitcell.compile_cell(BOX, callees=ns)
    python = cpython(BAG, BOX)
    for expression in ["use(Box(3), Box(3))", "use(Box(3), Box(2))", "len(Box(4))", "Box(2) * 3.0", "str(Box(2))",
                       "Box(2) == Box(2)", "Box(5).bigger(Bag(1))"]:
        assert outcome(expression, ns.names) == outcome(expression, python), expression


def test_a_method_returning_the_base_is_refused_where_called(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell("class P:\n    x: float = 1.0\n\n    def me(self) -> 'P':\n        return self\n", callees=ns)
    with pytest.raises(CompileError, match=r"P.me\(\) of another cell uses the type P"):
        jitcell.compile_cell("class Q(P):\n    def twice(self) -> float:\n        return self.me().x * 2\n",
                             callees=ns)


def test_class_constants_and_pickling_of_a_subclass_of_another_cells_class(fresh_cache):
    """The base's class constants read in the later cell; an instance pickles and comes back (in
    this process) with its header's numbers, so the base's cell takes it as before."""
    import pickle

    base = ("class P:\n    K = 3\n\n    def __init__(self, x: float):\n        self.x = x\n\n"
            "    def times(self) -> float:\n        return self.x * self.K\n\n"
            "def f(p: P) -> float:\n    return p.times()\n")
    sub = ("class Q(P):\n    def __init__(self, x: float, y: float):\n        super().__init__(x)\n"
           "        self.y = y\n\n    def more(self) -> float:\n        return self.y + self.K\n")
    ns = Namespace()
    jitcell.compile_cell(base, callees=ns)
    jitcell.compile_cell(sub, callees=ns)
    python = cpython(base, sub)  # CPython cannot pickle a class made by exec(): the values before pickling
    expression = "[(type(r).__name__, r.x, r.y, r.more(), f(r)) for r in [{}]]"
    assert outcome(expression.format("pickle.loads(pickle.dumps(Q(1.5, 2.0)))"), {**ns.names, "pickle": pickle}) \
        == outcome(expression.format("Q(1.5, 2.0)"), python) == ("value", [("Q", 1.5, 2.0, 5.0, 4.5)])


def test_the_diagnostics_show_both_numbers(fresh_cache):
    from jitcell.report import diagnostics

    ns = Namespace()
    jitcell.compile_cell("class P:\n    x: float = 1.0\n", callees=ns)
    library = jitcell.compile_cell("class Q(P):\n    y: float = 2.0\n", callees=ns)
    rows = {r[0]: r[1] for r in diagnostics._class_rows(library.manifest, [])}
    ext = next(r["ext"] for r in library.manifest["classes"] if r["name"] == "Q")
    assert rows["P"].endswith("a class of another cell, number 0 there")
    assert rows["Q"].endswith(f"class number 0 of P's cell and extension {ext} (base P)")
