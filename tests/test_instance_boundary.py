"""Lists, tuples and dicts of instances between Python and compiled code (runtime/lists.py,
loader/classes.Instances), differentially: each snippet runs under CPython (the cell as Python) and
with jitcell's functions and classes, and its outcome (values by repr, identities, the exception and
its text, printed text) must be the same; the runtime's count of live objects comes back once the
snippet's objects are gone. Then what only jitcell checks: items of the wrong type or of an
earlier layout of the class, named by their path."""

from __future__ import annotations

import contextlib
import gc
import io
import sys
import textwrap
import types

import pytest

import jitcell
from jitcell import runtime
from jitcell.loader.namespace import Namespace

CELL = textwrap.dedent('''
    class Vec:
        def __init__(self, x: float, y: float):
            self.x = x
            self.y = y

        def norm(self) -> float:
            return (self.x * self.x + self.y * self.y) ** 0.5

        def __repr__(self) -> str:
            return f"Vec({self.x!r}, {self.y!r})"


    class Vec3(Vec):
        def __init__(self, x: float, y: float, z: float):
            super().__init__(x, y)
            self.z = z

        def norm(self) -> float:
            return (self.x * self.x + self.y * self.y + self.z * self.z) ** 0.5

        def __repr__(self) -> str:
            return f"Vec3({self.x!r}, {self.y!r}, {self.z!r})"


    class Path:
        def __init__(self, n: int):
            self.pts: list[Vec] = [Vec(float(i), 1.0) for i in range(n)]
            self.named: dict[str, Vec] = {}
            self.grid: list[list[Vec]] = [self.pts, []]
            self.ends: tuple[Vec, int] = (self.pts[0], n)


    def longest(vs: list[Vec]) -> float:
        return max(v.norm() for v in vs)


    def grow(vs: list[Vec], k: float) -> list[Vec]:
        vs.append(Vec(k, k))
        vs[0].x *= k
        return vs


    def rotate(vs: list[Vec]) -> None:
        first = vs.pop(0)
        vs.append(first)


    def make(n: int) -> list[Vec]:
        return [Vec(float(i), -1.0) if i % 2 == 0 else Vec3(1.0, 2.0, float(i)) for i in range(n)]


    def kinds(vs: list[Vec]) -> str:
        return ",".join("3" if isinstance(v, Vec3) else "2" for v in vs)


    def pair(v: Vec, n: int) -> tuple[Vec, int]:
        return v, n + 1


    def both(t: tuple[Vec, int]) -> float:
        v, n = t
        return v.x * n


    def firsts(t: tuple[Vec, ...]) -> tuple[Vec, ...]:
        return (t[-1], t[0])


    def by_length(d: dict[str, Vec]) -> dict[int, Vec]:
        out: dict[int, Vec] = {}
        for k in d:
            out[len(k)] = d[k]
        return out


    def renamed(d: dict[int, Vec]) -> None:
        d[len(d)] = Vec3(0.0, 0.0, 1.0)


    def rows(g: list[list[Vec]]) -> list[list[Vec]]:
        g[0].append(Vec(7.0, 7.0))
        g.append([g[0][0]])
        return g


    def fault(vs: list[Vec], i: int) -> float:
        vs.append(Vec(5.0, 5.0))
        print(len(vs))
        return vs[i].x


    def gather(p: Path) -> list[Vec]:
        return p.pts + p.grid[1]
''')

# Each snippet sets `out`; both runs must agree on it (by repr), on what it printed, or on its exception.
SNIPPETS = {
    "list argument": "a, b = Vec(3.0, 4.0), Vec3(1.0, 2.0, 2.0); out = longest([a, b])",
    "written back, same objects": "a = Vec(1.0, 2.0); vs = [a]; r = grow(vs, 2.0)\n"
                                  "out = (r is vs, vs[0] is a, a.x, vs, type(vs[1]).__name__)",
    "subclass keeps its class": "c = Vec3(1.0, 1.0, 1.0); vs = [c, Vec(0.0, 0.0)]; rotate(vs)\n"
                                "out = (vs, vs[1] is c, type(vs[1]).__name__, kinds(vs))",
    "made in compiled code": "vs = make(4); out = (vs, [type(v).__name__ for v in vs], vs[1] is vs[1], kinds(vs))",
    "empty list": "out = (make(0), kinds([]))",
    "tuple result": "a = Vec(1.0, 0.0); t = pair(a, 2); out = (t, t[0] is a)",
    "tuple argument": "out = both((Vec(2.0, 0.0), 3))",
    "variable tuple": "a, b = Vec(1.0, 1.0), Vec3(2.0, 2.0, 2.0); t = firsts((a, Vec(0.0, 0.0), b))\n"
                      "out = (t, t[0] is b, t[1] is a)",
    "dict argument and result": "a, b = Vec(1.0, 0.0), Vec3(0.0, 1.0, 0.0); d = {'ab': a, 'c': b}; r = by_length(d)\n"
                                "out = (r, r[2] is a, r[1] is b, d)",
    "dict written back": "d = {5: Vec(1.0, 1.0)}; renamed(d); out = (d, type(d[1]).__name__)",
    "nested lists": "a = Vec(1.0, 0.0); inner = [a]; g = [inner, []]; r = rows(g)\n"
                    "out = (r is g, g[0] is inner, g, g[2][0] is a, g[0][1] is inner[1])",
    "written back on a fault": "vs = [Vec(1.0, 1.0)]\ntry:\n    fault(vs, 9)\nexcept IndexError as e:\n"
                               "    out = (str(e), vs)",
    "fields": "p = Path(3); out = (p.pts, p.pts[0] is p.pts[0], p.named, p.grid, gather(p), p.ends, "
              "p.ends[0] is p.pts[0])",
    "same instance twice": "a = Vec(2.0, 2.0); vs = [a, a]; grow(vs, 3.0); out = (vs, vs[0] is vs[1], a.x)",
}


def _run(snippet: str, namespace: dict) -> tuple:
    scope = dict(namespace)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(snippet, scope)
        outcome = ("value", repr(scope["out"]))
    except Exception as e:  # the exception is the outcome compared
        outcome = ("error", type(e).__name__, str(e))
    return outcome, printed.getvalue()


@pytest.fixture(scope="module")
def python() -> dict:
    module = types.ModuleType("instance_boundary_cell")
    sys.modules[module.__name__] = module
    exec(CELL, module.__dict__)
    return module.__dict__


@pytest.fixture(scope="module", params=[2, 0], ids=["opt2", "opt0"])
def jit(request) -> dict:
    library = jitcell.compile_cell(CELL, opt=request.param)
    return {**library.functions, **library.classes}


@pytest.mark.parametrize("snippet", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_same_as_cpython(snippet, python, jit):
    gc.collect()
    live = runtime.call("live_objects")
    expected = _run(snippet, python)
    got = _run(snippet, jit)
    assert got == expected
    gc.collect()
    assert runtime.call("live_objects") == live  # every instance, list and table made was released


def test_the_count_sees_an_item_kept_too_long(jit):
    """The count above can fail: an instance the boundary retained once more stays alive."""
    gc.collect()
    live = runtime.call("live_objects")
    a = jit["Vec"](1.0, 1.0)
    jit["grow"]([a], 1.0)
    runtime.call("obj_retain", a._jc_address)  # a leak, on purpose
    address = a._jc_address
    del a
    gc.collect()
    assert runtime.call("live_objects") == live + 1
    runtime.call("obj_release", address)
    assert runtime.call("live_objects") == live


def test_references_after_many_calls(jit):
    """10,000 round trips through a list, a dict and a tuple keep no object alive."""
    gc.collect()
    live = runtime.call("live_objects")
    Vec, grow, by_length, firsts = jit["Vec"], jit["grow"], jit["by_length"], jit["firsts"]
    keep = Vec(1.0, 1.0)
    for i in range(10_000):
        vs = grow([keep, Vec(float(i), 0.0)], 1.0)
        by_length({"a": vs[1], "bb": vs[2]})
        firsts(tuple(vs))
    del vs, keep
    gc.collect()
    assert runtime.call("live_objects") == live


def test_the_wrappers_map_forgets_dead_wrappers(jit):
    """One wrapper per instance: the class's map of them loses each entry when its wrapper dies, also
    when the wrapper dies in a cycle that the garbage collector frees (weak references cleared first)."""
    Vec, make = jit["Vec"], jit["make"]
    gc.collect()
    def known() -> int:
        return len(Vec._jc_wrappers) + len(jit["Vec3"]._jc_wrappers)

    live, before = runtime.call("live_objects"), known()
    vs = make(1_000)
    assert known() == before + 1_000
    cycle: list = [vs[0]]
    cycle.append(cycle)
    del vs, cycle
    gc.collect()
    assert known() == before and runtime.call("live_objects") == live


BAD = {
    "None in a list": ("longest([Vec(1.0, 1.0), None])",
                       "longest() argument 'vs' must be list[Vec], not list containing NoneType at index 1"),
    "an int in a nested list": ("rows([[Vec(1.0, 1.0)], [Vec(1.0, 1.0), 3]])",
                                "rows() argument 'g' must be list[list[Vec]], not list containing int at g[1][1]"),
    "a dict value": ("by_length({'x': 1})",
                     "by_length() argument 'd' must be dict[str, Vec], not dict containing int at d['x']"),
    "a tuple item": ("firsts((Vec(1.0, 1.0), 'v'))",
                     "firsts() argument 't' must be tuple[Vec, ...], not tuple containing str at index 1"),
    "a fixed tuple's item": ("both(('v', 1))", "both() argument 't[0]' must be Vec, not str"),
    "not a list": ("longest((Vec(1.0, 1.0),))", "longest() argument 'vs' must be list[Vec], not tuple"),
    "a base where a subclass is declared": ("longest([Path(1)])",
                                            "longest() argument 'vs' must be list[Vec], not list containing Path "
                                            "at index 0"),
}


@pytest.mark.parametrize("call,message", BAD.values(), ids=BAD.keys())
def test_items_are_checked(call, message, jit):
    """A TypeError naming the item's path, before the call: nothing is made or kept."""
    gc.collect()
    live = runtime.call("live_objects")
    with pytest.raises(TypeError) as raised:
        eval(call, dict(jit))
    assert str(raised.value) == message
    del raised  # its traceback's frames hold the argument
    gc.collect()
    assert runtime.call("live_objects") == live


V1 = "class P:\n    def __init__(self, x: float):\n        self.x = x\n" \
     "def total(ps: list[P]) -> float:\n    return sum(p.x for p in ps)\n"
V2 = V1.replace("x: float", "x: int")


def test_an_instance_of_an_earlier_layout_is_refused_inside_a_list():
    ns = Namespace()
    jitcell.compile_cell(V1, callees=ns)
    old = ns.names["P"](1.5)
    assert ns.names["total"]([old, old]) == 3.0
    jitcell.compile_cell(V2, callees=ns)
    assert ns.names["total"]([ns.names["P"](2)]) == 2
    with pytest.raises(TypeError) as raised:
        ns.names["total"]([ns.names["P"](2), old])
    assert str(raised.value) == ("total() argument 'ps' must be list[P], not list containing an instance of an earlier "
                                 "definition of P whose fields differ (x: float; now x: int) at index 1")
    assert old.x == 1.5


def test_a_list_that_may_hold_none_at_the_boundary(jit):
    """list[Vec | None], which the compiler does not make yet (check/lists.py): the boundary takes None
    items as null words and gives them back as None, the instances as themselves."""
    from jitcell.loader.classes import Instances
    from jitcell.loader.typenames import parse_type
    from jitcell.runtime.lists import Boundary

    assert parse_type("list[Vec | None]") == ("list", ("optional", ("class", "Vec")))
    instances = Instances({"Vec": jit["Vec"], "Vec3": jit["Vec3"]}, {})
    gc.collect()
    live = runtime.call("live_objects")
    a, c = jit["Vec"](1.0, 1.0), jit["Vec3"](1.0, 2.0, 3.0)
    call = Boundary("f", instances)
    made = call.argument([a, None, c], "list[Vec | None]", "vs")
    runtime.call("obj_retain", made)  # result() releases the reference it reads
    back = Boundary("f", instances).result(made, "list[Vec | None]")
    call.close()
    assert back == [a, None, c] and back[0] is a and back[2] is c
    with pytest.raises(TypeError) as raised:
        Boundary("f", instances).argument([a, 3], "list[Vec | None]", "vs")
    assert str(raised.value) == "f() argument 'vs' must be list[Vec | None], not list containing int at index 1"
    del a, c, back, raised, call  # the boundary keeps the argument list until it is dropped
    gc.collect()
    assert runtime.call("live_objects") == live


def test_a_tuple_field_holding_an_instance_from_python(jit):
    """A tuple field (a box) holding an instance: read as the instance itself, written checked."""
    Path, Vec = jit["Path"], jit["Vec"]
    gc.collect()
    live = runtime.call("live_objects")
    p, a = Path(2), Vec(5.0, 5.0)
    p.ends = (a, 7)
    assert p.ends[0] is a and p.ends[1] == 7
    with pytest.raises(TypeError) as raised:
        p.ends = (7, a)
    assert str(raised.value) == "field 'ends' of Path must be tuple[Vec, int], not tuple[int, Vec]"
    assert repr(p.ends) == "(Vec(5.0, 5.0), 7)"
    del p, a, raised
    gc.collect()
    assert runtime.call("live_objects") == live
