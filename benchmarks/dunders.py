"""Special methods: a Vector class used through operators against the same class used through method
calls, in jitcell, in Numba's @jitclass (which takes operator methods too) and in CPython.

    python benchmarks/dunders.py         writes results/dunders.{json,md}

- raysphere_ops: benchmarks/classes.py's raysphere (a 300 x 300 grid of rays against 8 spheres,
  a new Vector per operation) written with `a - b`, `a @ b`, `v * k` and `abs(v)`;
- raysphere_calls: the same with `a.sub(b)`, `a.dot(b)`, `v.scale(k)`, `v.norm()`.
In jitcell both compile to the same calls of the same functions (check/dunders.py decides the
method when compiling), so their times should agree; CPython pays its dispatch of operators.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from side_by_side import machine, with_cpython_scaled, write_results

HERE = Path(__file__).resolve().parent
SOURCE = '''\
import math


class Vector:
    def __init__(self, x: float, y: float, z: float):
        self.x = x
        self.y = y
        self.z = z

    def __sub__(self, other: "Vector") -> "Vector":
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __matmul__(self, other: "Vector") -> float:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def __mul__(self, k: float) -> "Vector":
        return Vector(self.x * k, self.y * k, self.z * k)

    def __abs__(self) -> float:
        return math.sqrt(self.x * self.x + self.y * self.y + self.z * self.z)

    def sub(self, other: "Vector") -> "Vector":
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def dot(self, other: "Vector") -> float:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def scale(self, k: float) -> "Vector":
        return Vector(self.x * k, self.y * k, self.z * k)

    def norm(self) -> float:
        return math.sqrt(self.dot(self))


def hit_ops(centre: Vector, radius: float, origin: Vector, direction: Vector) -> float:
    cp = centre - origin
    v = cp @ direction
    discriminant = radius * radius - (cp @ cp - v * v)
    if discriminant < 0.0:
        return -1.0
    return v - math.sqrt(discriminant)


def hit_calls(centre: Vector, radius: float, origin: Vector, direction: Vector) -> float:
    cp = centre.sub(origin)
    v = cp.dot(direction)
    discriminant = radius * radius - (cp.dot(cp) - v * v)
    if discriminant < 0.0:
        return -1.0
    return v - math.sqrt(discriminant)


def raysphere_ops(n: int) -> float:
    centres = [Vector(-3.0 + k * 0.8, 0.5 * (k % 3), -5.0 - k) for k in range(8)]
    eye = Vector(0.0, 0.0, 10.0)
    total = 0.0
    for i in range(n):
        for j in range(n):
            d = Vector(-2.0 + 4.0 * i / n, -2.0 + 4.0 * j / n, 0.0) - eye
            direction = d * (1.0 / abs(d))
            nearest = 1e300
            for k in range(8):
                t = hit_ops(centres[k], 0.4 + 0.1 * k, eye, direction)
                if t > 0.0 and t < nearest:
                    nearest = t
            if nearest < 1e300:
                total += nearest
    return total


def raysphere_calls(n: int) -> float:
    centres = [Vector(-3.0 + k * 0.8, 0.5 * (k % 3), -5.0 - k) for k in range(8)]
    eye = Vector(0.0, 0.0, 10.0)
    total = 0.0
    for i in range(n):
        for j in range(n):
            d = Vector(-2.0 + 4.0 * i / n, -2.0 + 4.0 * j / n, 0.0).sub(eye)
            direction = d.scale(1.0 / d.norm())
            nearest = 1e300
            for k in range(8):
                t = hit_calls(centres[k], 0.4 + 0.1 * k, eye, direction)
                if t > 0.0 and t < nearest:
                    nearest = t
            if nearest < 1e300:
                total += nearest
    return total
'''


def numba_versions() -> tuple[dict, str]:
    """The same source under Numba: the class as a @jitclass, the functions @njit. Numba 0.68's
    @jitclass does not take `@` (operator.matmul finds no implementation for a jitclass), so
    raysphere_ops has no Numba time."""
    import numba
    from numba.experimental import jitclass

    namespace: dict = {}
    exec(compile(SOURCE, "<dunders>", "exec"), namespace)
    spec = [("x", numba.float64), ("y", numba.float64), ("z", numba.float64)]
    namespace["Vector"] = jitclass(spec)(namespace["Vector"])
    for name in ("hit_calls", "raysphere_calls"):
        namespace[name] = numba.njit(namespace[name])
    return {"raysphere_calls": namespace["raysphere_calls"]}, numba.__version__


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<dunders>", "exec"), python)
    others, numba_version = numba_versions()
    info = machine(Numba=f"{numba_version} (@jitclass)")
    rows = []
    for name in ("raysphere_ops", "raysphere_calls"):
        calls = {"jitcell": partial(jit[name], 300)}
        if name in others:
            assert others[name](300) == jit[name](300), name
            calls["Numba"] = partial(others[name], 300)
        assert python[name](100) == jit[name](100) == python["raysphere_calls"](100), name
        times = with_cpython_scaled(calls, partial(python[name], 100), 9)
        rows.append({"kernel": name, "Numba": None, **times})
        print(rows[-1], flush=True)
    print(write_results("dunders", "# Special methods: operators against method calls",
                        "Source: benchmarks/dunders.py. The same Vector class, used through its operator methods "
                        "(`-`, `@`, `*`, `abs()`) or through ordinary methods; jitcell compiles both to calls of "
                        "the same kind of function. Numba's @jitclass does not take `@` (no Numba time for "
                        "raysphere_ops).", rows, ["jitcell", "Numba", "CPython (scaled)"], info))


if __name__ == "__main__":
    main()
