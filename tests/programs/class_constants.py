# Class constants (scimark's Random: constants computed from the earlier ones by their bare
# names), read through the class, `self` and `cls`, inherited by a subclass; `__slots__` naming
# the fields. Directives also read the constants from Python, on the class and on an instance.
SCALE = 2


class Random:
    __slots__ = ("seed", "calls")
    MDIG = 32
    ONE = 1
    m1 = (ONE << (MDIG - 2)) + ((ONE << (MDIG - 2)) - ONE)
    m2 = ONE << MDIG // 2
    dm1 = 1.0 / float(m1)
    NAMES = ("park", "miller", SCALE * 3)
    GREETING = "hi " * SCALE

    def __init__(self, seed: int):
        self.seed: int = seed % self.m1
        self.calls = 0

    def next(self) -> int:
        self.calls += 1
        self.seed = (self.seed * 16807) % Random.m1
        return self.seed

    def uniform(self) -> float:
        return self.next() * self.dm1

    @classmethod
    def standard(cls) -> "Random":
        return cls(cls.m2 + len(cls.NAMES))


class Scaled(Random):
    FACTOR = 2.5

    def uniform(self) -> float:
        return self.next() * self.dm1 * self.FACTOR


def walk(n: int) -> float:
    r = Random.standard()
    total = 0.0
    for _ in range(n):
        total += r.uniform()
    return total


def scaled(n: int, seed: int) -> float:
    s = Scaled(seed)
    return sum([s.uniform() for _ in range(n)]) + s.MDIG + Scaled.m2


def names() -> str:
    first, second, number = Random.NAMES
    return Random.GREETING + first + "/" + second + f" {Random.NAMES[2] + 1} {number}"


def seeded(seed: int) -> Random:
    return Random(seed)

#> walk(10)
#> walk(0)
#> scaled(5, 12345)
#> names()
#> Random.m1
#> Random.dm1
#> Random.NAMES
#> Scaled.FACTOR + Scaled.MDIG
#> seeded(7).m2
#> seeded(7).next()
#> Random.standard().seed
