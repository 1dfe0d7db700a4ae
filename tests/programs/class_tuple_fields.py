# Tuple and complex fields (each held in a box, lower/classes.py): defaults, assignment, `op=`,
# unpacking, fields holding strs and instances in tuples, a dataclass comparing and showing them.
from dataclasses import dataclass


class Particle:
    label: tuple[str, int] = ("p", 0)

    def __init__(self, pos: tuple[float, float], phase: complex):
        self.pos = pos
        self.phase = phase
        self.trail: tuple[float, ...] = ()

    def step(self, dt: float) -> None:
        x, y = self.pos
        self.pos = (x + dt, y - dt)
        self.phase *= 1j
        self.trail = self.trail + (x,)

    def describe(self) -> str:
        return f"{self.label[0]}{self.label[1]} at {self.pos} phase {self.phase} trail {self.trail}"


class Pair:
    def __init__(self, a: Particle, b: Particle):
        self.both: tuple[Particle, Particle] = (a, b)

    def swap(self) -> None:
        a, b = self.both
        self.both = (b, a)


@dataclass
class Sample:
    where: tuple[int, int]
    value: complex


def run(n: int) -> str:
    p = Particle((0.0, 1.0), 1 + 0j)
    for _ in range(n):
        p.step(0.5)
    p.label = ("q", p.label[1] + n)
    p.phase += 2
    return p.describe()


def swapped() -> str:
    pair = Pair(Particle((1.0, 1.0), 0j), Particle((2.0, 2.0), 1j))
    pair.swap()
    first, second = pair.both
    return f"{first.pos} {second.pos}"


def samples() -> str:
    s = Sample((1, 2), 0j)
    t = Sample((1, 2), 0j)
    u = Sample((1, 3), 1j)
    print(s, s == t, s == u)
    s.where = (s.where[0] * 10, -1)
    return repr(s)


def unset() -> complex:
    class_less = Particle((0.0, 0.0), 3j)
    return class_less.phase.conjugate()


#> run(0)
#> run(3)
#> swapped()
#> samples()
#> unset()
