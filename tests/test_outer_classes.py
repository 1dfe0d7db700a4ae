"""A class of another cell used in a later cell (loader/outer_classes.py, compiler/check/outer_classes.py):
annotations, constructors, fields, methods, properties, operators, isinstance() and dispatch to the
subclasses of the class's own cell. The same cells run by CPython (one after the other in one namespace)
and by jitcell (a Namespace) give the same values, in one process, in a fresh one loading from the
cache, and in real kernels; a class run again with another layout recompiles the cells using it (and,
with the protection switched off, their old code reads the new layout wrongly); what jitcell does not
take is a CompileError (or, from Python, a TypeError), never a wrong method.
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
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y

    def name(self) -> str:
        return "point"

    @property
    def half(self) -> float:
        return self.x / 2

    @half.setter
    def half(self, v: float) -> None:
        self.x = 2 * v

    @staticmethod
    def origin() -> "Point":
        return Point(0.0, 0.0)

    @classmethod
    def diagonal(cls, v: float) -> "Point":
        return cls(v, v)

    def __add__(self, other: "Point") -> "Point":
        return Point(self.x + other.x, self.y + other.y)

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.y})"


class Labeled(Point):
    def __init__(self, x: float, y: float, label: str):
        super().__init__(x, y)
        self.label = label

    def name(self) -> str:
        return "labeled " + self.label
'''

USES = '''
class Segment:
    def __init__(self, a: Point, b: Point):
        self.a = a
        self.b = b

    def length2(self) -> float:
        d = self.b + Point(-self.a.x, -self.a.y)
        return d.norm2()


def norm_of(p: Point) -> float:
    return p.norm2()


def make(x: float) -> Point:
    q = Point(x, 2.0)
    q.x += 1
    return q


def same(p: Point) -> Point:
    return p


def total(ps: list[Point]) -> float:
    s = 0.0
    for p in ps:
        s += p.norm2()
    return s


def names() -> list[str]:
    ps: list[Point] = [Point(1.0, 2.0), Labeled(3.0, 4.0, "L"), Point.origin(), Point.diagonal(2.0)]
    return [p.name() for p in ps]


def kinds(p: Point) -> str:
    return f"{isinstance(p, Labeled)} {isinstance(p, Point)}"


def halves(x: float) -> float:
    p = Point(x, 1.0)
    p.half = 5.0
    return p.half + p.x


def summed(a: Point, b: Point) -> Point:
    return a + b


def seg(x: float) -> float:
    return Segment(Point(0.0, 0.0), Point(x, 1.0)).length2()


def shown(p: Point) -> str:
    return repr(p) + " " + str(p) + f" {p}"


def label_of(p: Point) -> str:
    if isinstance(p, Labeled):
        return p.label
    return "none"


def in_tuple(x: float) -> float:
    t = (Point(x, 1.0), 2.0)
    return t[0].norm2() + t[1]


def first_label(n: int) -> str:
    ls = [Labeled(float(i), 0.0, str(i)) for i in range(n)]
    return ls[n - 1].name()
'''

THIRD = '''
def via(x: float) -> float:
    return norm_of(make(x)) + total([make(1.0), Point(1.0, 1.0)])


def far(p: Point) -> Point:
    return summed(p, make(0.0))


def seg_of(x: float) -> float:
    s = Segment(make(x), Point.origin())
    return s.length2() + s.a.x
'''

EXPRESSIONS = [
    "norm_of(Point(3.0, 4.0))", "norm_of(Labeled(3.0, 4.0, 'a'))", "make(1.0).x", "type(make(1.0)).__name__",
    "isinstance(make(1.0), Point)", "repr(make(1.0))", "names()", "kinds(Labeled(1.0, 1.0, 'x'))",
    "kinds(Point(1.0, 1.0))", "halves(3.0)", "repr(summed(Point(1.0, 2.0), Labeled(1.0, 1.0, 'z')))", "seg(3.0)",
    "shown(Labeled(1.0, 2.0, 'q'))", "label_of(Labeled(1.0, 2.0, 'q'))", "label_of(Point(1.0, 2.0))",
    "in_tuple(2.0)", "first_label(3)", "via(2.0)", "repr(far(Point(1.0, 1.0)))", "seg_of(2.0)",
    "(lambda p: same(p) is p)(Labeled(1.0, 2.0, 'i'))", "type(same(Labeled(1.0, 2.0, 'i'))).__name__",
    "type(far(Point(1.0, 1.0))) is Point", "type(Segment(Point(1.0, 2.0), Labeled(0.0, 0.0, 'k')).b).__name__",
    "Segment(Point(1.0, 2.0), Point(0.0, 0.0)).a.y",
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
        return ("error", type(error).__name__)


def test_classes_of_another_cell_used_in_two_later_cells_against_cpython(fresh_cache):
    ns = Namespace()
    for cell in (POINT, USES, THIRD):
        jitcell.compile_cell(cell, callees=ns)
    python = cpython(POINT, USES, THIRD)
    for expression in EXPRESSIONS:
        assert outcome(expression, ns.names) == outcome(expression, python), expression


def test_instances_cross_without_conversion_and_fields_of_a_later_class_take_them(fresh_cache):
    ns = Namespace()
    for cell in (POINT, USES):
        jitcell.compile_cell(cell, callees=ns)
    p = ns.names["Labeled"](1.0, 2.0, "a")
    assert ns.names["same"](p) is p  # the same wrapper: the object's address went in and came back
    results = []
    for names in (ns.names, cpython(POINT, USES)):
        point, labeled, segment = names["Point"], names["Labeled"], names["Segment"]
        q = labeled(1.0, 2.0, "a")
        s = segment(point(1.0, 2.0), q)
        assert s.b is q and type(s.b) is labeled
        s.a = labeled(5.0, 7.0, "z")  # a field of the later cell's class, typed with the first cell's class
        results.append((s.a.label, s.length2(), s.a.half, repr(s.b)))
    assert results[0] == results[1]
    with pytest.raises(TypeError, match="field 'a' of Segment must be Point, not float"):
        s_jit = ns.names["Segment"](ns.names["Point"](1.0, 2.0), p)
        s_jit.a = 1.0


DATA = '''
from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str = "EUR"


class Scaled:
    FACTOR = 3

    def __init__(self, v: int):
        self.v = v
'''

DATA_USES = '''
def price(a: float) -> Money:
    return Money(a * 2)


def same_price(a: Money, b: Money) -> bool:
    return a == b


def scaled(v: int) -> int:
    return Scaled.FACTOR * Scaled(v).v
'''


def test_a_frozen_dataclass_and_class_constants_of_another_cell_against_cpython(fresh_cache):
    ns = Namespace()
    for cell in (DATA, DATA_USES):
        jitcell.compile_cell(cell, callees=ns)
    python = cpython(DATA, DATA_USES)
    for expression in ["repr(price(1.5))", "same_price(price(1.0), Money(2.0))",
                       "same_price(price(1.0), Money(2.0, 'USD'))", "scaled(4)", "hash(price(1.0)) == hash(Money(2.0))",
                       "type(price(1.0)) is Money"]:
        assert outcome(expression, ns.names) == outcome(expression, python), expression
    with pytest.raises(CompileError, match="cannot assign to field 'amount' \\(Money is a frozen dataclass"):
        jitcell.compile_cell("def f() -> float:\n    m = Money(1.0)\n    m.amount = 2.0\n    return m.amount\n",
                             callees=ns)


def test_a_third_cell_using_a_class_whose_fields_hold_the_first_cells_classes(fresh_cache):
    """Segment (USES) holds Points; a third cell naming only Segment gets Point's family too."""
    only_segment = "def g(s: Segment) -> str:\n    return f'{s.a.norm2()} {s.length2()} {s.b.name()} {s.b}'\n"
    ns = Namespace()
    for cell in (POINT, USES, only_segment):
        jitcell.compile_cell(cell, callees=ns)
    python = cpython(POINT, USES, only_segment)
    expression = "g(Segment(Point(1.0, 2.0), Labeled(0.5, 0.0, 'b')))"
    assert outcome(expression, ns.names) == outcome(expression, python)


MAKER = '''
def make(x: float) -> Point:
    q = Point(x, 2.0)
    q.x += 1
    return q


def getx(p: Point) -> float:
    return p.x
'''
READER = '''
def gety(p: Point) -> float:
    return p.y
'''  # no call of Point's cell at all: only its layout


def redefined() -> tuple[list, list, list[str]]:
    """Point run again with another layout after the cells using it: their values under jitcell and
    CPython, and what the Namespace did."""
    ns = Namespace()
    for cell in (V1, MAKER, READER):
        jitcell.compile_cell(cell, callees=ns)
    library = jitcell.compile_cell(V2, callees=ns)
    python = cpython(V1, MAKER, READER, V2)
    expressions = ["make(1.0).x", "make(1.0).w", "getx(make(1.0))", "getx(Point(1.0, 2.0))", "gety(Point(1.0, 2.0))"]
    return ([outcome(e, ns.names) for e in expressions], [outcome(e, python) for e in expressions],
            [r.kind for r in library.relinked])


def test_a_class_run_again_with_another_layout_recompiles_the_cells_using_it(fresh_cache):
    jit, python, kinds = redefined()
    assert kinds == ["recompiled", "recompiled"]  # MAKER through its slots, READER through its class rows
    assert jit == python


def test_without_the_protection_old_code_reads_the_new_layout(fresh_cache, monkeypatch):
    """The same test with the class's family taken out of the signatures and the cache key: MAKER's
    cell is re-patched onto the new constructor, which writes the new layout into an instance that
    its old code reads with the old one (x reads w)."""
    monkeypatch.setattr(namespace, "CLASS_IDENTITY", False)
    jit, python, kinds = redefined()
    assert "recompiled" not in kinds
    assert jit[0] == ("value", 101.0) != python[0] == ("value", 2.0)  # make(1.0).x: `q.x += 1` wrote w
    assert jit[2] == ("value", 101.0) != python[2]  # getx(make(1.0)): old code, new layout
    assert jit[4] == ("error", "TypeError")  # Python's guard (classes.LAYOUT_IDENTITY) still refuses the new Point


def test_users_that_no_longer_compile_stay_stale_and_say_why(fresh_cache):
    ns = Namespace()
    for cell in (V1, MAKER, READER):
        jitcell.compile_cell(cell, callees=ns)
    v3 = "class Point:\n    def __init__(self, a: float, b: float):\n        self.a = a\n        self.b = b\n"
    library = jitcell.compile_cell(v3, callees=ns)
    assert [r.kind for r in library.relinked] == ["stale", "stale"]
    with pytest.raises(LinkageError, match="Point has a new signature(.|\n)*'Point' has no field 'x'"):
        ns.names["make"](1.0)
    with pytest.raises(LinkageError, match="gety uses the class Point of another cell, which (.|\n)*'Point' object "
                                           "has no attribute 'y'"):
        ns.names["gety"](ns.names["Point"](1.0, 2.0))


def test_the_same_layout_again_repatches_and_keeps_the_users(fresh_cache):
    ns = Namespace()
    for cell in (V1, MAKER, READER):
        jitcell.compile_cell(cell, callees=ns)
    gety = ns.names["gety"]
    library = jitcell.compile_cell(V1 + "\n\n# again\n", callees=ns)
    assert "recompiled" not in [r.kind for r in library.relinked]
    assert ns.names["gety"] is gety and ns.names["make"](1.0).x == 2.0


EXPRESSIONS_HIT = ("names()", "via(2.0)", "repr(far(Point(1.0, 1.0)))", "kinds(Labeled(1.0, 1.0, 'x'))",
                   "type(make(1.0)) is Point", "seg_of(2.0)")


def test_a_fresh_process_loads_the_three_cells_from_the_cache(fresh_cache):
    code = textwrap.dedent(f'''
        import json
        import jitcell
        from jitcell.loader.namespace import Namespace
        ns = Namespace()
        libs = [jitcell.compile_cell(cell, callees=ns) for cell in ({POINT!r}, {USES!r}, {THIRD!r})]
        values = [eval(e, dict(ns.names)) for e in {EXPRESSIONS_HIT!r}]
        print(json.dumps([[lib.cache_hit for lib in libs], values]))
    ''')
    runs = [json.loads(run_python(code).stdout.splitlines()[-1]) for _ in range(2)]
    python = cpython(POINT, USES, THIRD)
    expected = json.loads(json.dumps([eval(e, dict(python)) for e in EXPRESSIONS_HIT]))
    assert runs[0] == [[False, False, False], expected]
    assert runs[1] == [[True, True, True], expected]


KERNEL_QUERY = "[names(), via(2.0), repr(far(Point(1.0, 1.0))), type(make(1.0)) is Point, seg_of(2.0)]"


@pytest.mark.kernel
@pytest.mark.parametrize("kernel_name, prefix", [("python3", "%%jit\n"), ("jitcell", "")])
def test_kernel_cells_and_a_restart_load_the_cells_from_the_cache(fresh_cache, kernel_name, prefix):
    """Real kernels (IPython with %%jit, and the jitcell kernel): In [2] and In [3] use In [1]'s classes;
    after a restart the three cells are cache hits and give CPython's values."""
    from jitcell.kernel.session import KernelSession

    values = []
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel=kernel_name) as kernel:
        for attempt in range(2):
            if prefix:
                kernel.execute("%load_ext jitcell")
            replies = [kernel.execute(prefix + cell) for cell in (POINT, USES, THIRD)]
            for reply in replies:
                assert reply.status == "ok", reply.error
            shown = " ".join(d.get("text/plain", "") for r in replies for d in r.displays) + \
                " ".join(r.stdout for r in replies)
            assert shown.count("cache hit" if attempt else "cache miss") >= 3, shown
            python_cell = "" if prefix else "%%python\n"
            reply = kernel.execute(f"{python_cell}import json\nprint(json.dumps({KERNEL_QUERY}))")
            assert reply.status == "ok", reply.error
            values.append(json.loads(reply.stdout.strip().splitlines()[-1]))
            if not attempt:
                kernel.restart()
    want = json.loads(json.dumps(eval(KERNEL_QUERY, dict(cpython(POINT, USES, THIRD)))))
    assert values[0] == values[1] == want


SUB = '''
class Deep(Point):
    def __init__(self, x: float, y: float, z: float):
        super().__init__(x, y)
        self.z = z

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y + self.z * self.z
'''


def test_a_later_cells_subclass_never_reaches_a_user_compiled_without_it(fresh_cache):
    """Deep (a later cell) overrides norm2, which the cell using Point calls directly: that cell's
    function refuses a Deep from Python (a TypeError, where calling Point.norm2 would be wrong), and
    a cell deriving from Point cannot call it."""
    ns = Namespace()
    for cell in (V1, "def norm_of(p: Point) -> float:\n    return p.norm2()\n", SUB):
        jitcell.compile_cell(cell, callees=ns)
    assert ns.names["norm_of"](ns.names["Point"](3.0, 4.0)) == 25.0
    with pytest.raises(TypeError, match="norm_of\\(\\) argument 'p' must be Point, not Deep: Deep derives from "
                                        "Point in another cell"):
        ns.names["norm_of"](ns.names["Deep"](1.0, 2.0, 3.0))
    with pytest.raises(CompileError, match="norm_of\\(\\) of another cell takes or returns Point: a class of this "
                                           "cell derives from Point's family"):
        jitcell.compile_cell(SUB + "\n\ndef f() -> float:\n    return norm_of(Deep(1.0, 2.0, 3.0))\n",
                             callees=ns)


@pytest.mark.parametrize("cells, use, message", [
    ([V1, SUB], "def f(p: Deep) -> float:\n    return p.z\n",
     "Deep is a class of another cell: its family reaches into a third cell"),
    ([V1], "class Q(Point):\n    pass\n\n\ndef f(p: Point) -> float:\n    return p.x\n",
     "Point is a class of another cell: a class of this cell derives from Point's family"),
    (["from dataclasses import dataclass\n\n@dataclass\nclass Card:\n    rank: int\n"],
     "def f() -> str:\n    return repr(Card(1))\n",
     "Card is a class of another cell, whose cell compiled only the helpers its own code uses"),
    ([V1, "def make() -> Point:\n    return Point(1.0, 2.0)\n", V2], "def f() -> float:\n    return make().x\n",
     None),  # the user of the old Point was compiled again: this one is fine
])
def test_what_is_refused(fresh_cache, cells, use, message):
    ns = Namespace()
    for cell in cells:
        jitcell.compile_cell(cell, callees=ns)
    if message is None:
        jitcell.compile_cell(use, callees=ns)
        assert ns.names["f"]() == 1.0
        return
    with pytest.raises(CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        jitcell.compile_cell(use, callees=ns)


def test_a_class_under_another_name_is_refused(fresh_cache):
    ns = Namespace()
    jitcell.compile_cell(V1, callees=ns)
    ns.names["Alias"] = ns.names["Point"]
    with pytest.raises(CompileError, match="Alias names the class Point of another cell, which jitcell takes by its "
                                           "own name only"):
        jitcell.compile_cell("def f() -> float:\n    return Alias(1.0, 2.0).x\n", callees=ns)


def test_a_function_compiled_against_another_class_of_the_same_name_is_refused(fresh_cache):
    """keep() takes In [1]'s Point; a cell defining a Point of its own cannot pass it one."""
    ns = Namespace()
    for cell in (V1, "def keep(p: Point) -> Point:\n    return p\n"):
        jitcell.compile_cell(cell, callees=ns)
    with pytest.raises(CompileError, match="keep\\(\\) of another cell takes or returns Point as it was defined when "
                                           "keep's cell was compiled, which is not the Point this cell sees"):
        jitcell.compile_cell(V2 + "\n\ndef f() -> float:\n    return keep(Point(1.0, 2.0)).x\n", callees=ns)


def test_a_stale_user_says_why_to_a_later_cell(fresh_cache):
    """A Namespace that leaves stale cells stale: the functions of the cell using the old Point raise
    LinkageError, and a later cell calling one is told why."""
    ns = Namespace(recompile=False)
    for cell in (V1, "def keep(p: Point) -> Point:\n    return p\n", V2):
        library = jitcell.compile_cell(cell, callees=ns)
    assert [r.kind for r in library.relinked] == ["stale"]
    with pytest.raises(LinkageError, match="uses the class Point of another cell, which"):
        ns.names["keep"](ns.names["Point"](1.0, 2.0))
    with pytest.raises(CompileError, match="keep\\(\\) of another cell cannot be called: .* uses the class Point"):
        jitcell.compile_cell("def f() -> float:\n    return keep(Point(1.0, 2.0)).x\n", callees=ns)
