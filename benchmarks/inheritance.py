"""Method calls dispatched by the object's class: jitcell's inheritance against a tagged class,
Numba and CPython.

    python benchmarks/inheritance.py     writes results/inheritance.{json,md}

One source text (`SOURCE`) is a jitcell cell and plain Python. Numba's @jitclass has no
inheritance, so its version is the tagged one (one class with a `kind` field, `area` an if
chain), which jitcell compiles too, so that the cost of the dispatch shows against the branch.

- shapes: 10^5 objects of three subclasses of Shape in a list[Shape], 20 passes summing
  `x.area()`: each call goes through the family's method table (a load of the class's number
  from the object, a load from the table, an indirect call that LLVM cannot inline).
- tagged: the same objects as one class with a kind field; `area()` is a branch on it, inlined.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from side_by_side import machine, with_cpython_scaled, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
class Shape:
    def __init__(self, s: float):
        self.s = s

    def area(self) -> float:
        return 0.0


class Circle(Shape):
    def area(self) -> float:
        return 3.141592653589793 * self.s * self.s


class Square(Shape):
    def area(self) -> float:
        return self.s * self.s


class Triangle(Shape):
    def area(self) -> float:
        return 0.4330127018922193 * self.s * self.s


def shapes(n: int, passes: int) -> float:
    xs: list[Shape] = []
    for i in range(n):
        s = float(i % 10) * 0.1
        if i % 3 == 0:
            xs.append(Circle(s))
        elif i % 3 == 1:
            xs.append(Square(s))
        else:
            xs.append(Triangle(s))
    total = 0.0
    for _ in range(passes):
        for x in xs:
            total += x.area()
    return total


class Tagged:
    def __init__(self, kind: int, s: float):
        self.kind = kind
        self.s = s

    def area(self) -> float:
        if self.kind == 0:
            return 3.141592653589793 * self.s * self.s
        if self.kind == 1:
            return self.s * self.s
        return 0.4330127018922193 * self.s * self.s


def tagged(n: int, passes: int) -> float:
    xs: list[Tagged] = []
    for i in range(n):
        xs.append(Tagged(i % 3, float(i % 10) * 0.1))
    total = 0.0
    for _ in range(passes):
        for x in xs:
            total += x.area()
    return total
'''


def numba_tagged():
    import numba
    from numba import float64, int64
    from numba.experimental import jitclass

    @jitclass([("kind", int64), ("s", float64)])
    class Tagged:
        def __init__(self, kind, s):
            self.kind = kind
            self.s = s

        def area(self):
            if self.kind == 0:
                return 3.141592653589793 * self.s * self.s
            if self.kind == 1:
                return self.s * self.s
            return 0.4330127018922193 * self.s * self.s

    @numba.njit
    def tagged(n, passes):
        xs = numba.typed.List()
        for i in range(n):
            xs.append(Tagged(i % 3, float(i % 10) * 0.1))
        total = 0.0
        for _ in range(passes):
            for x in xs:
                total += x.area()
        return total

    return tagged, numba.__version__


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<inheritance>", "exec"), python)
    numba_function, numba_version = numba_tagged()
    info = machine(Numba=f"{numba_version} (@jitclass, tagged: it has no inheritance)")
    args, small, factor = (100_000, 20), (100_000, 2), 10
    reference = jit["shapes"](*args)
    assert jit["tagged"](*args) == numba_function(*args) == reference
    assert python["shapes"](*small) == jit["shapes"](*small) == python["tagged"](*small)
    rows = []
    for name in ("shapes", "tagged"):
        times = with_cpython_scaled({"jitcell": partial(jit[name], *args), "Numba": partial(numba_function, *args)},
                                    partial(python[name], *small), factor)
        rows.append({"kernel": name, **times})
        print(rows[-1], flush=True)
    print(write_results("inheritance", "# Dispatched method calls: jitcell's inheritance against a tagged class",
                        "Source: benchmarks/inheritance.py. The Numba column is the tagged kernel in both rows "
                        "(@jitclass has no inheritance); CPython runs each row's own kernel. `shapes` calls "
                        "area() through the family's method table (an indirect call per object); `tagged` "
                        "branches on a field, and LLVM inlines area().", rows,
                        ["jitcell", "Numba", "CPython (scaled)"], info))


if __name__ == "__main__":
    main()
