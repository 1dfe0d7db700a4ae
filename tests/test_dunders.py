"""Special methods of classes (check/dunders.py, parse_dunders.py, loader/classes.py), differentially:
one cell runs under CPython and under jitcell, and every call must give the same value (compared by
repr), the same printed text and the same exception (type and message). Then the same classes from
Python (operators on instances of the compiled classes), and what is refused, at its line with
CPython's own message where CPython raises a TypeError that the types decide."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import sys
import textwrap
import types

import pytest

import jitcell
from jitcell import runtime
from jitcell.errors import CompileError

CELL = textwrap.dedent('''
    import math
    from dataclasses import dataclass


    class Vector:
        """A 2-D vector: arithmetic, a dot product as @, a norm as abs()."""

        def __init__(self, x: float, y: float):
            self.x = x
            self.y = y

        def __add__(self, other: "Vector") -> "Vector":
            return Vector(self.x + other.x, self.y + other.y)

        def __sub__(self, other: "Vector") -> "Vector":
            return Vector(self.x - other.x, self.y - other.y)

        def __mul__(self, k: float) -> "Vector":
            return Vector(self.x * k, self.y * k)

        def __rmul__(self, k: float) -> "Vector":
            return Vector(k * self.x, k * self.y)

        def __truediv__(self, k: float) -> "Vector":
            return Vector(self.x / k, self.y / k)

        def __matmul__(self, other: "Vector") -> float:
            return self.x * other.x + self.y * other.y

        def __iadd__(self, other: "Vector") -> "Vector":
            self.x += other.x
            self.y += other.y
            return self

        def __neg__(self) -> "Vector":
            return Vector(-self.x, -self.y)

        def __pos__(self) -> "Vector":
            return Vector(self.x, self.y)

        def __abs__(self) -> float:
            return math.hypot(self.x, self.y)

        def __eq__(self, other: "Vector") -> bool:
            return self.x == other.x and self.y == other.y

        def __len__(self) -> int:
            return 2

        def __getitem__(self, i: int) -> float:
            if i == 0 or i == -2:
                return self.x
            if i == 1 or i == -1:
                return self.y
            raise IndexError("Vector index out of range")

        def __bool__(self) -> bool:
            return self.x != 0.0 or self.y != 0.0

        def __repr__(self) -> str:
            return f"Vector({self.x!r}, {self.y!r})"


    def gcd(a: int, b: int) -> int:
        while b:
            a, b = b, a % b
        return abs(a)


    class Frac:
        """A fraction in lowest terms, ordered; str() shows 'n/d', repr() 'Frac(n, d)'."""

        def __init__(self, n: int, d: int = 1):
            if d == 0:
                raise ZeroDivisionError(f"Frac({n}, 0)")
            g = gcd(n, d)
            if d < 0:
                g = -g
            self.n: int = n // g
            self.d: int = d // g

        def __add__(self, o: "Frac") -> "Frac":
            return Frac(self.n * o.d + o.n * self.d, self.d * o.d)

        def __radd__(self, k: int) -> "Frac":
            return Frac(k * self.d + self.n, self.d)

        def __sub__(self, o: "Frac") -> "Frac":
            return Frac(self.n * o.d - o.n * self.d, self.d * o.d)

        def __rsub__(self, k: int) -> "Frac":
            return Frac(k * self.d - self.n, self.d)

        def __mul__(self, o: "Frac") -> "Frac":
            return Frac(self.n * o.n, self.d * o.d)

        def __truediv__(self, o: "Frac") -> "Frac":
            return Frac(self.n * o.d, self.d * o.n)

        def __floordiv__(self, o: "Frac") -> int:
            return (self.n * o.d) // (self.d * o.n)

        def __mod__(self, o: "Frac") -> "Frac":
            return self - o * Frac(self // o)

        def __pow__(self, k: int) -> "Frac":
            if k < 0:
                return Frac(self.d ** -k, self.n ** -k)
            return Frac(self.n ** k, self.d ** k)

        def __neg__(self) -> "Frac":
            return Frac(-self.n, self.d)

        def __abs__(self) -> "Frac":
            return Frac(abs(self.n), self.d)

        def __eq__(self, o: "Frac") -> bool:
            return self.n == o.n and self.d == o.d

        def __lt__(self, o: "Frac") -> bool:
            return self.n * o.d < o.n * self.d

        def __le__(self, o: "Frac") -> bool:
            return self.n * o.d <= o.n * self.d

        def __bool__(self) -> bool:
            return self.n != 0

        def __str__(self) -> str:
            return f"{self.n}/{self.d}"

        def __repr__(self) -> str:
            return f"Frac({self.n}, {self.d})"


    class Matrix:
        """A dense matrix of floats: m[i, j], len(m) rows, m @ other."""

        def __init__(self, rows: int, cols: int):
            self.rows = rows
            self.cols = cols
            self.data: list[float] = [0.0] * (rows * cols)

        def __getitem__(self, ij: tuple[int, int]) -> float:
            i, j = ij
            if not (0 <= i < self.rows and 0 <= j < self.cols):
                raise IndexError(f"matrix index ({i}, {j}) out of range")
            return self.data[i * self.cols + j]

        def __setitem__(self, ij: tuple[int, int], value: float) -> None:
            i, j = ij
            if not (0 <= i < self.rows and 0 <= j < self.cols):
                raise IndexError(f"matrix index ({i}, {j}) out of range")
            self.data[i * self.cols + j] = value

        def __len__(self) -> int:
            return self.rows

        def __matmul__(self, other: "Matrix") -> "Matrix":
            if self.cols != other.rows:
                raise ValueError(f"shapes ({self.rows}, {self.cols}) and ({other.rows}, {other.cols}) not aligned")
            out = Matrix(self.rows, other.cols)
            for i in range(self.rows):
                for j in range(other.cols):
                    total = 0.0
                    for k in range(self.cols):
                        total += self[i, k] * other[k, j]
                    out[i, j] = total
            return out

        def __eq__(self, other: "Matrix") -> bool:
            return self.rows == other.rows and self.cols == other.cols and self.data == other.data

        def __repr__(self) -> str:
            lines = []
            for i in range(self.rows):
                lines.append(" ".join([f"{self[i, j]:6.2f}" for j in range(self.cols)]))
            return "\\n".join(lines)


    class Bag:
        """Protocols without arithmetic: `in`, len() (and so truth), a call."""

        def __init__(self):
            self.items: list[str] = []

        def __contains__(self, item: str) -> bool:
            return item in self.items

        def __len__(self) -> int:
            return len(self.items)

        def __call__(self, item: str, times: int = 1) -> int:
            for _ in range(times):
                self.items.append(item)
            return len(self.items)


    class Span:
        def __init__(self, lo: int, hi: int):
            self.lo = lo
            self.hi = hi

        def __len__(self) -> int:
            return self.hi - self.lo


    def span(lo: int, hi: int) -> str:
        s = Span(lo, hi)
        return "empty" if not s else f"{len(s)} long"


    class Task:
        """Only __lt__, on the priority: sorting is stable, `>` is the reflected `<`."""

        def __init__(self, priority: int, name: str):
            self.priority = priority
            self.name = name

        def __lt__(self, other: "Task") -> bool:
            return self.priority < other.priority

        def __repr__(self) -> str:
            return f"{self.name}:{self.priority}"


    class Plain:
        def __init__(self, k: int):
            self.k = k


    @dataclass
    class Item:
        name: str
        price: float
        count: int = 1


    @dataclass(eq=False)
    class Line:
        item: Item
        note: str | None = None
        next: Item | None = None


    @dataclass(order=True)
    class Version:
        major: int
        minor: int = 0
        patch: int = 0


    @dataclass(frozen=True)
    class Point:
        x: float
        y: float

        def moved(self, dx: float) -> "Point":
            return Point(self.x + dx, self.y)


    def vectors(a: float, b: float) -> Vector:
        v = Vector(a, b)
        w = Vector(1.0, -2.0)
        print(v + w, v - w, v * 2, 3 * v, 0.5 * w, v / 4.0, v @ w, -v, +w, abs(v))
        print(len(v), v[0], v[-1], v == w, v != w, v == Vector(a, b), bool(v), bool(Vector(0.0, 0.0)))
        u = v
        u += w
        print(u is v, v, u)
        u -= w
        print(u is v, v, u)
        return v * 2.0 + w


    class Body:
        def __init__(self, p: Vector, v: Vector):
            self.p = p
            self.v = v

        def step(self, dt: float) -> None:
            self.p += self.v * dt  # Vector.__iadd__ on a field


    def bodies(n: int) -> str:
        bs = [Body(Vector(float(i), 0.0), Vector(1.0, float(i))) for i in range(n)]
        for b in bs:
            b.step(0.5)
        ps = [b.p for b in bs]
        ps[0] += Vector(10.0, 10.0)  # on a list item: the same object, changed in place
        print(bs[0].p, ps[0] is bs[0].p)
        return str(ps)


    def vector_index(i: int) -> float:
        return Vector(1.0, 2.0)[i]


    def fractions(n: int) -> str:
        xs = [Frac(k * 7 % 11 - 5, k + 1) for k in range(n)]
        total = Frac(0)
        for x in xs:
            total = total + x
        print(xs)
        print(sorted(xs))
        print(min(xs), max(xs), max(xs[0], xs[1], xs[-1]), total)
        ys = xs.copy()
        ys.sort(reverse=True)
        print(ys, sorted(xs, reverse=True) == ys, xs == ys, xs != ys, Frac(1, 3) in xs, Frac(-2, 1) not in ys)
        a, b = Frac(1, 3), Frac(1, 2)
        print(a in [b, a], a not in [b, Frac(2, 6)], [a, b] == [Frac(2, 6), Frac(3, 6)])
        print(a + b, a - b, a * b, a / b, b // a, b % a, a ** 2, a ** -3, 1 + a, 2 - b, -a, abs(-b))
        print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == Frac(2, 6), a if Frac(0) else b, not Frac(0))
        return f"{total} {total!r} {str(a)} {repr(b)} [{a!s:>6}] [{b!r:<12}]"


    def frac(n: int, d: int) -> Frac:
        return Frac(n, d) + Frac(1, d)


    def matrices(n: int) -> str:
        a = Matrix(n, n)
        b = Matrix(n, 2)
        for i in range(n):
            for j in range(n):
                a[i, j] = float(i + 2 * j)
            b[i, 0] = 1.0
            b[i, 1] = float(i)
        c = a @ b
        for i in range(n):
            c[i, 0] += 0.5  # c[i, 0] = c[i, 0] + 0.5
            c[n - 1 - i, 1] *= -1.0
        print(c)
        print(len(a), len(c), c[n - 1, 1], c == a @ b, c == b, a @ b == a @ b)
        return repr(c)


    def matrix_mismatch() -> Matrix:
        return Matrix(2, 3) @ Matrix(2, 3)


    def matrix_out_of_range(i: int, j: int) -> float:
        m = Matrix(2, 2)
        m[i, j] = 1.0
        return m[i, j]


    def bags(words: list[str]) -> int:
        bag = Bag()
        if not bag:
            print("empty", len(bag))
        for w in words:
            bag(w)
        n = bag("z", times=2)
        print("a" in bag, "q" in bag, "q" not in bag, len(bag), bool(bag))
        return n


    def tasks() -> str:
        ts = [Task(3, "c"), Task(1, "a"), Task(2, "b1"), Task(1, "a2"), Task(2, "b2"), Task(3, "c2")]
        print(sorted(ts), sorted(ts, reverse=True))
        print(min(ts), max(ts), ts[0] > ts[1], ts[1] > ts[0])
        return repr(ts)


    def identity() -> str:
        p = Plain(1)
        q = Plain(1)
        r = p
        return f"{p == q} {p == r} {p != q} {p != r} {bool(p)} {not q} {'yes' if r else 'no'}"


    def records(n: int) -> str:
        item = Item("tea", 2.5, n)
        line = Line(item)
        other = Line(Item("tea", 2.5, n), "gift", item)
        print(item, line, other)
        print(line == Line(Item("tea", 2.5, n)), line == line, item == Item("tea", 2.5, n), item != Item("tea", 2.5))
        return repr(other) + f" {item}"


    def versions() -> str:
        vs = [Version(1, 2, 3), Version(1, 10), Version(0, 9, 9), Version(1, 2), Version(1, 2, 3)]
        vs.sort()
        print(vs)
        print(Version(1, 2) < Version(1, 2, 1), Version(2) >= Version(1, 99), Version(1) <= Version(1),
              Version(1) > Version(1), max(vs), min(vs))
        return str(sorted(vs, reverse=True))


    def points(k: float) -> Point:
        p = Point(1.0, k)
        print(p, p.moved(2.0), p == Point(1.0, k))
        return p.moved(k)


    def reprs(x: float, s: str, xs: list[int]) -> str:
        return repr(x) + " " + repr(s) + " " + repr(xs) + " " + repr(x > 1.0)


    def no_min() -> Frac:
        xs: list[Frac] = []
        return min(xs)
''')

CALLS = ["vectors(3.0, 4.0)", "bodies(3)", "vectors(0.0, 0.0)", "vector_index(1)", "vector_index(-2)",
         "vector_index(2)",
         "fractions(6)", "fractions(1)", "frac(1, 0)", "frac(3, 4)", "matrices(3)", "matrix_mismatch()",
         "matrix_out_of_range(1, 1)", "matrix_out_of_range(2, 0)", "bags(['a', 'b'])", "bags([])", "tasks()",
         "identity()", "records(3)", "span(2, 5)", "span(3, 3)", "span(5, 2)", "versions()", "points(0.5)", "no_min()",
         "reprs(0.1, \"it's\", [1, -2])"]


def _run(call: str, namespace: dict) -> tuple:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            value = eval(call, namespace)
        return ("value", type(value).__name__, repr(value)), out.getvalue()
    except Exception as e:  # the exception is the outcome compared
        return ("error", type(e).__name__, str(e)), out.getvalue()


@pytest.fixture(scope="module")
def python() -> dict:
    module = types.ModuleType("dunders_cell")  # a module of its own: @dataclass looks its class up there
    sys.modules[module.__name__] = module
    exec(CELL, module.__dict__)
    return module.__dict__


@pytest.fixture(scope="module", params=[2, 0], ids=["opt2", "opt0"])
def jit(request) -> dict:
    library = jitcell.compile_cell(CELL, opt=request.param)
    return {**library.functions, **library.classes}


@pytest.mark.parametrize("call", CALLS)
def test_same_as_cpython(call, python, jit):
    live = runtime.call("live_objects")
    expected = _run(call, python)
    got = _run(call, jit)
    assert got == expected
    if got[0][0] == "value" and got[0][1] in jit:  # an instance returned: the wrapper holds it
        return
    assert runtime.call("live_objects") == live


def test_operators_from_python(python, jit):
    """The compiled classes' methods serve Python's operators and builtins, with CPython's results."""
    for ns in (python, jit):  # the same expressions on both classes
        V, F, M = ns["Vector"], ns["Frac"], ns["Matrix"]
        v, w = V(3.0, 4.0), V(1.0, -2.0)
        a, b = F(1, 3), F(1, 2)
        m = M(2, 2)
        m[0, 1] = 5.0
        ns["seen"] = [repr(v + w), repr(2 * v), repr(v * 0.5), v @ w, abs(v), repr(-v), v == V(3.0, 4.0), v != w,
                      len(v), v[1], bool(V(0.0, 0.0)), str(a + b), repr(1 + a), a < b, b > a, a >= b,
                      sorted([b, a, F(-1, 7)]), min(a, b), max([a, b]), m[0, 1], len(m), repr(m @ m)]
    assert [repr(x) for x in jit["seen"]] == [repr(x) for x in python["seen"]]


def test_reflection_and_refusals_from_python(jit):
    """An operand the compiled method's parameter does not take: NotImplemented, so Python reflects, or
    raises its own TypeError."""
    F, V = jit["Frac"], jit["Vector"]
    assert repr(2 + F(1, 3)) == "Frac(7, 3)"  # int.__add__ gives up, Frac.__radd__ takes an int
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for -: 'Vector' and 'int'"):
        V(1.0, 1.0) - 1
    with pytest.raises(TypeError, match="'<' not supported between instances of 'Vector' and 'Vector'"):
        sorted([V(1.0, 1.0), V(2.0, 2.0)])
    with pytest.raises(TypeError, match="unhashable type: 'Frac'"):
        hash(F(1, 2))  # a class defining __eq__ is unhashable, as in Python


def test_dataclasses_from_python(python, jit):
    for ns in (python, jit):
        Item, Version, Point = ns["Item"], ns["Version"], ns["Point"]
        p = Point(1.0, 2.0)
        ns["seen"] = [repr(Item("a", 1.0)), Item("a", 1.0) == Item("a", 1.0, 1), Version(1, 2) < Version(1, 3),
                      sorted([Version(2), Version(1, 5), Version(1)]), repr(p), hash(p) == hash(Point(1.0, 2.0)),
                      p == Point(1.0, 2.0)]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
            p.x = 3.0
        with pytest.raises(TypeError, match="unhashable type: 'Item'"):
            hash(Item("a", 1.0))
    assert [repr(x) for x in jit["seen"]] == [repr(x) for x in python["seen"]]


# (source, CPython's TypeError for it or None, the CompileError's text, line:col)
REFUSED = {
    "no reflected method": ("class V:\n    def __add__(self, o: 'V') -> 'V':\n        return o\n"
                            "def f(v: V) -> V:\n    return 1 + v\n", "f(V())",
                            "unsupported operand type(s) for +: 'int' and 'V'", "5:12"),
    "no method": ("class V:\n    pass\ndef f(v: V) -> V:\n    return v - 1\n", "f(V())",
                  "unsupported operand type(s) for -: 'V' and 'int'", "4:12"),
    "unary": ("class V:\n    pass\ndef f(v: V) -> V:\n    return -v\n", "f(V())", "bad operand type for unary -: 'V'",
              "4:12"),
    "abs": ("class V:\n    pass\ndef f(v: V) -> V:\n    return abs(v)\n", "f(V())", "bad operand type for abs(): 'V'",
            "4:12"),
    "order": ("class V:\n    pass\ndef f(v: V) -> bool:\n    return v < v\n", "f(V())",
              "'<' not supported between instances of 'V' and 'V'", "4:12"),
    "len": ("class V:\n    pass\ndef f(v: V) -> int:\n    return len(v)\n", "f(V())", "object of type 'V' has no len()",
            "4:12"),
    "subscript": ("class V:\n    pass\ndef f(v: V) -> int:\n    return v[0]\n", "f(V())",
                  "'V' object is not subscriptable", "4:12"),
    "item assignment": ("class V:\n    pass\ndef f(v: V) -> None:\n    v[0] = 1\n", "f(V())",
                        "'V' object does not support item assignment", "4:5"),
    "computed index update": ("class V:\n    def __getitem__(self, i: int) -> int:\n        return i\n"
                              "    def __setitem__(self, i: int, x: int) -> None:\n        pass\n"
                              "def f(v: V, xs: list[int]) -> None:\n    v[xs.pop()] += 1\n", None,
                              "x[i] += v with x or i computed of a V is not supported yet by jitcell", "7:5"),
    "call": ("class V:\n    pass\ndef f(v: V) -> None:\n    v()\n", "f(V())", "'V' object is not callable", "4:5"),
    "format spec": ("class V:\n    def __repr__(self) -> str:\n        return 'v'\ndef f(v: V) -> str:\n"
                    "    return f'{v:>4}'\n", "f(V())", "unsupported format string passed to V.__format__", "5:12"),
    "frozen": ("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: int\n"
               "def f(p: P) -> None:\n    p.x = 2\n", None, "cannot assign to field 'x'", "6:5"),
    "order without eq": ("from dataclasses import dataclass\n@dataclass(order=True, eq=False)\nclass P:\n    x: int\n",
                         None, "eq must be true if order is true", "2:2"),
    "overwritten order": ("from dataclasses import dataclass\n@dataclass(order=True)\nclass P:\n    x: int\n"
                          "    def __lt__(self, o: 'P') -> bool:\n        return True\n", None,
                          "Cannot overwrite attribute __lt__ in class P. Consider using functools.total_ordering",
                          "3:1"),
    "hash": ("class V:\n    def __hash__(self) -> int:\n        return 1\n", None,
             "V.__hash__: hash() of instances is not supported yet by jitcell", "2:5"),
    "hash call": ("class V:\n    pass\ndef f(v: V) -> int:\n    return hash(v)\n", None,
                  "the builtin hash() is not supported by jitcell", "4:12"),
    "iter": ("class V:\n    def __iter__(self) -> int:\n        return 1\n", None,
             "V.__iter__: the special method __iter__ is not supported yet by jitcell", "2:5"),
    "getattr": ("class V:\n    def __getattr__(self, name: str) -> int:\n        return 1\n", None,
                "V.__getattr__: the special method __getattr__ is not supported yet by jitcell", "2:5"),
    "no repr": ("class V:\n    pass\ndef f(v: V) -> None:\n    print(v)\n", None,
                "str() of a V needs its class to define __repr__ or __str__ in jitcell", "4:11"),
    "bool result": ("class V:\n    def __bool__(self) -> int:\n        return 1\ndef f(v: V) -> bool:\n"
                    "    return bool(v)\n", "f(V())", "__bool__ should return bool, returned int", "5:17"),
    "str result": ("class V:\n    def __str__(self) -> int:\n        return 1\ndef f(v: V) -> str:\n"
                   "    return str(v)\n", "f(V())", "__str__ returned non-string (type int)", "5:16"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused_with_cpythons_message(name):
    source, call, message, where = REFUSED[name]
    if call is not None:  # CPython raises this TypeError when it runs the call: the types decide it
        namespace: dict = {}
        exec(source, namespace)
        with pytest.raises(TypeError) as raised:
            eval(call, namespace)
        assert str(raised.value) == message
    with pytest.raises(CompileError) as error:
        jitcell.compile_cell(source)
    text = str(error.value)
    assert message in text and f":{where}:" in text, text


def test_a_redefined_class_loses_the_special_methods_of_its_earlier_definition():
    """Two definitions of one layout share a Python class: the second's methods replace the first's,
    and what the first alone had (frozen assignment, __eq__ and so no hash, __len__) goes."""
    first = jitcell.compile_cell("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n"
                                 "    x: int\n    def __len__(self) -> int:\n        return 3\n")
    P = first.classes["P"]
    p = P(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    assert len(p) == 3 and p == P(1) and hash(p) == hash((1,))
    second = jitcell.compile_cell("class P:\n    x: int\n    def __init__(self, x: int):\n        self.x = x\n")
    assert second.classes["P"] is P  # the same layout: the same class
    q = P(1)
    q.x = 2
    assert q.x == 2 and q != P(2) and hash(q) == object.__hash__(q)
    with pytest.raises(TypeError, match="object of type 'P' has no len()"):
        len(q)


def test_a_special_method_of_the_wrong_arity_is_cpythons_type_error():
    source = "class V:\n    def __bool__(self, strict: bool) -> bool:\n        return strict\n" \
             "def f(v: V) -> bool:\n    return not v\n"
    namespace: dict = {}
    exec(source, namespace)
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'strict'"):
        namespace["f"](namespace["V"]())
    with pytest.raises(CompileError, match=r"V.__bool__\(\) takes 2 positional arguments but 1 was given"):
        jitcell.compile_cell(source)


def test_helpers_are_compiled_only_where_the_cell_may_use_them():
    """parse_dunders.cell_uses: a cell that never shows, sorts or compares lists of its instances
    compiles no __repr__ nor helpers for them; from Python a dataclass still shows as CPython's."""
    source = ("from dataclasses import dataclass\n@dataclass(order=True)\nclass D:\n    name: str\n    x: float = 0.5\n"
              "def make(s: str) -> D:\n    return D(s)\n")
    names = {row["name"] for row in jitcell.compile_cell(source).manifest["functions"]}
    assert "D.__lt__" in names and "D.__eq__" in names and not names & {"D.__repr__", "D._jc_sort", "D._jc_list_eq"}
    shown = jitcell.compile_cell(source + "def show(d: D) -> str:\n    return f'{d}' if sorted([d]) == [d] else ''\n")
    names = {row["name"] for row in shown.manifest["functions"]}
    assert {"D.__repr__", "D._jc_sort", "D._jc_sorted", "D._jc_list_eq"} <= names
    library = jitcell.compile_cell(source)
    module = types.ModuleType("dunders_uses")
    sys.modules[module.__name__] = module
    exec(source, module.__dict__)
    assert repr(library.functions["make"]("it's")) == repr(module.make("it's")) == "D(name=\"it's\", x=0.5)"
    assert shown.functions["show"](shown.functions["make"]("a")) == "D(name='a', x=0.5)"
