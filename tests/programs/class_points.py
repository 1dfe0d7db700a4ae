# Classes: fields from __init__'s annotated parameters and from the class body, methods calling
# methods and cell functions, @staticmethod, field updates, instances as parameters and results.
import math


def clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


class Vec:
    """A 2-D vector."""

    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def dot(self, other: "Vec") -> float:
        return self.x * other.x + self.y * other.y

    def norm(self) -> float:
        return math.sqrt(self.dot(self))

    def scaled(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k)

    def add(self, other: "Vec") -> "Vec":
        return Vec(self.x + other.x, self.y + other.y)

    def normalize(self) -> None:
        n = self.norm()
        self.x /= n
        self.y /= n

    def clamped(self, lo: float, hi: float) -> "Vec":
        return Vec(clamp(self.x, lo, hi), clamp(self.y, lo, hi))

    @property
    def length(self) -> float:
        """The norm, read as an attribute."""
        return self.norm()

    @staticmethod
    def polar(r: float, angle: float) -> "Vec":
        return Vec(r * math.cos(angle), r * math.sin(angle))

    @classmethod
    def diagonal(cls, k: float) -> "Vec":
        """An alternative constructor: `cls` is the class."""
        return cls(k, k).scaled(1.0 / cls.polar(1.0, 0.0).norm())


class Counter:
    total: int = 0
    label: str = "counter"
    active: bool = True

    def bump(self, by: int = 1) -> int:
        self.total += by
        return self.total


def walk(n: int) -> float:
    pos = Vec(0.0, 0.0)
    step = Vec.polar(1.0, 0.5)
    for i in range(n):
        pos = pos.add(step.scaled(1.0 + i % 3))
    return pos.norm()


def unit(x: float, y: float) -> tuple[float, float]:
    v = Vec(x, y)
    v.normalize()
    return v.x, v.y + v.length - 1.0


def length(v: Vec) -> float:
    return v.norm()


def made(n: int) -> float:
    return length(Vec(float(n), 2.0 * n)) + Vec.diagonal(float(n)).x


def count(n: int) -> str:
    c = Counter()
    for i in range(n):
        c.bump()
        c.bump(by=i)
    c.label = c.label + "!" * 3
    c.active = c.total > 10
    print(c.total, c.label, c.active)
    return f"{c.label}: {c.total}"


def clamp_all(x: float, y: float) -> float:
    v = Vec(x, y).clamped(-1.0, 1.0)
    return v.x + 10.0 * v.y


def divide(x: float) -> float:
    v = Vec(x, 0.0)
    v.normalize()
    return v.x

class Bag:
    """Fields holding a list, a dict and a str, made and changed by methods."""

    def __init__(self, name: str):
        self.name = name
        self.items: list[int] = []
        self.counts: dict[str, int] = {}

    def put(self, word: str, k: int) -> None:
        self.items.append(k)
        self.counts[word] = self.counts.get(word, 0) + k
        self.name += word[0]


def bag(n: int) -> str:
    b = Bag("b:")
    for i in range(n):
        b.put(f"w{i % 3}", i)
    b.items[0] = -1 if b.items else 0
    print(b.items, b.counts.get("w1", -1))
    return f"{b.name} {sum(b.items)} {len(b.counts)}"

#> walk(10)
#> walk(0)
#> unit(3.0, 4.0)
#> made(5)
#> count(6)
#> count(0)
#> clamp_all(3.5, -0.25)
#> divide(2.0)
#> divide(0.0)
#> bag(7)
#> bag(0)
