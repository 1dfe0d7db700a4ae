"""Class kernels: jitcell against Numba's @jitclass and CPython.

    python benchmarks/classes.py         writes results/classes.{json,md}

One source text (`SOURCE`) is a jitcell cell and plain Python; Numba's version declares the same
classes with @jitclass specs. Timing as in slicing.py (minimum over samples of at least 0.2 s);
all systems must return the same value.

- particles: 10^5 particle objects in a list, 20 steps of updating each one's position and
  velocity through methods (field loads and stores, a method call per object and step).
- tree: 2 * 10^4 inserts into a binary search tree of nodes linked by `Node | None` fields, then
  as many searches (allocation, reference counting of links, recursion through methods).
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

from slicing import _load, timed

HERE = Path(__file__).resolve().parent
SOURCE = '''\
class Particle:
    def __init__(self, x: float, v: float):
        self.x = x
        self.v = v

    def step(self, dt: float) -> None:
        self.v -= self.x * dt
        self.x += self.v * dt


def particles(n: int, steps: int) -> float:
    ps: list[Particle] = []
    for i in range(n):
        ps.append(Particle(float(i % 100) / 100.0, 0.0))
    for _ in range(steps):
        for p in ps:
            p.step(0.01)
    total = 0.0
    for p in ps:
        total += p.x
    return total


class Node:
    def __init__(self, key: int):
        self.key = key
        self.left: Node | None = None
        self.right: Node | None = None

    def insert(self, key: int) -> None:
        node = self
        while True:
            if key < node.key:
                left = node.left
                if left is None:
                    node.left = Node(key)
                    return
                node = left
            else:
                right = node.right
                if right is None:
                    node.right = Node(key)
                    return
                node = right


def contains(root: Node, key: int) -> bool:
    node: Node | None = root
    while node is not None:
        if key == node.key:
            return True
        node = node.left if key < node.key else node.right
    return False


def tree(n: int) -> int:
    root = Node(n // 2)
    for i in range(n):
        root.insert((i * 7919) % n)
    found = 0
    for i in range(n):
        if contains(root, (i * 104729) % (2 * n)):
            found += 1
    return found
'''


def numba_versions():
    import numba
    from numba import float64, int64, optional, types
    from numba.experimental import jitclass

    @jitclass([("x", float64), ("v", float64)])
    class Particle:
        def __init__(self, x, v):
            self.x = x
            self.v = v

        def step(self, dt):
            self.v -= self.x * dt
            self.x += self.v * dt

    @numba.njit
    def particles(n, steps):
        ps = numba.typed.List()
        for i in range(n):
            ps.append(Particle(float(i % 100) / 100.0, 0.0))
        for _ in range(steps):
            for p in ps:
                p.step(0.01)
        total = 0.0
        for p in ps:
            total += p.x
        return total

    node_type = types.deferred_type()

    @jitclass([("key", int64), ("left", optional(node_type)), ("right", optional(node_type))])
    class Node:
        def __init__(self, key):
            self.key = key
            self.left = None
            self.right = None

    node_type.define(Node.class_type.instance_type)

    @numba.njit
    def insert(root, key):
        node = root
        while True:
            if key < node.key:
                if node.left is None:
                    node.left = Node(key)
                    return
                node = node.left
            else:
                if node.right is None:
                    node.right = Node(key)
                    return
                node = node.right

    @numba.njit
    def contains(root, key):
        node = root
        while node is not None:
            if key == node.key:
                return True
            node = node.left if key < node.key else node.right
        return False

    @numba.njit
    def tree(n):
        root = Node(n // 2)
        for i in range(n):
            insert(root, (i * 7919) % n)
        found = 0
        for i in range(n):
            if contains(root, (i * 104729) % (2 * n)):
                found += 1
        return found

    return {"particles": particles, "tree": tree}, numba.__version__


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    import jitcell

    jit = jitcell.compile_cell(SOURCE).functions
    python: dict = {}
    exec(compile(SOURCE, "<classes>", "exec"), python)
    others, numba_version = numba_versions()
    cases = {"particles": (100_000, 20), "tree": (20_000,)}
    rows = []
    for name, args in cases.items():
        reference = jit[name](*args)
        assert python[name](*args) == reference and others[name](*args) == reference, name
        row = {"kernel": name, "jitcell": timed(jit[name], args), "Numba": timed(others[name], args),
               "CPython": timed(python[name], args, repeats=2)}
        rows.append(row)
        print(row, flush=True)
    systems = ["jitcell", "Numba", "CPython"]
    lines = ["# Class kernels", "",
             f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"Numba {numba_version} (@jitclass), load average {_load()}. Times in ms (min of 5 samples; "
             "CPython 2); ratio = Numba / jitcell. Source: benchmarks/classes.py.", "",
             "| kernel | " + " | ".join(systems) + " | Numba / jitcell | CPython / jitcell |",
             "|---|" + "---:|" * (len(systems) + 2)]
    for row in rows:
        cells = [f"{row[s] * 1e3:.3g}" for s in systems]
        lines.append(f"| {row['kernel']} | " + " | ".join(cells) +
                     f" | {row['Numba'] / row['jitcell']:.2f}x | {row['CPython'] / row['jitcell']:.0f}x |")
    (HERE / "results" / "classes.md").write_text("\n".join(lines) + "\n")
    (HERE / "results" / "classes.json").write_text(json.dumps(rows, indent=1) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
