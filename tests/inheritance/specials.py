# Special methods that subclasses override, called on values typed with the base class: the operator,
# builtin or comparison runs the method of the object's own class (__add__, __neg__, __eq__, __lt__,
# __len__, __getitem__, __contains__, __call__, __bool__, __str__ beside an inherited __repr__), and
# CPython's order for comparisons: the right operand's reflected method first when its class derives
# from the left's.
class Money:
    def __init__(self, cents: int):
        self.cents = cents

    def __add__(self, other: "Money") -> "Money":
        return Money(self.cents + other.cents)

    def __neg__(self) -> "Money":
        return Money(-self.cents)

    def __eq__(self, other: "Money") -> bool:
        print("Money.__eq__", self.cents, other.cents)
        return self.cents == other.cents

    def __lt__(self, other: "Money") -> bool:
        print("Money.__lt__", self.cents, other.cents)
        return self.cents < other.cents

    def __gt__(self, other: "Money") -> bool:
        print("Money.__gt__", self.cents, other.cents)
        return self.cents > other.cents

    def __len__(self) -> int:
        return len(str(self.cents))

    def __getitem__(self, i: int) -> int:
        return self.cents // 10 ** i % 10

    def __contains__(self, digit: int) -> bool:
        return str(digit) in str(self.cents)

    def __call__(self, rate: float) -> float:
        return self.cents * rate

    def __bool__(self) -> bool:
        return self.cents != 0

    def __repr__(self) -> str:
        return f"Money({self.cents})"


class Euro(Money):
    def __add__(self, other: "Money") -> "Money":
        return Euro(self.cents + other.cents + 1)

    def __neg__(self) -> "Money":
        return Euro(-self.cents - 1)

    def __eq__(self, other: "Money") -> bool:
        print("Euro.__eq__", self.cents, other.cents)
        return self.cents // 100 == other.cents // 100

    def __gt__(self, other: "Money") -> bool:
        print("Euro.__gt__", self.cents, other.cents)
        return self.cents // 100 > other.cents // 100

    def __len__(self) -> int:
        return 2 * len(str(self.cents))

    def __getitem__(self, i: int) -> int:
        return -i

    def __contains__(self, digit: int) -> bool:
        return digit == 7

    def __call__(self, rate: float) -> float:
        return self.cents * rate * 2.0

    def __bool__(self) -> bool:
        return self.cents > 100

    def __str__(self) -> str:
        return f"EUR {self.cents / 100:.2f}"


class Cent(Euro):
    def __repr__(self) -> str:
        return f"Cent({self.cents})"


def make(kind: int, cents: int) -> Money:
    if kind == 0:
        return Money(cents)
    if kind == 1:
        return Euro(cents)
    return Cent(cents)


def arithmetic(kind: int, cents: int) -> str:
    m = make(kind, cents)
    total = m + Money(5)
    return f"{total!r} {-m!r} {len(m)} {m[0]} {m[1]} {7 in m} {3 not in m} {m(1.5)} {bool(m)}"


def texts(kind: int, cents: int) -> str:
    m = make(kind, cents)
    print(m, [m])
    return str(m) + " | " + repr(m) + " | " + f"{m}/{m!r}/{m!s:>12}"


def truths(kinds: list[int]) -> int:
    n = 0
    for k in kinds:
        if make(k, 50 * k):
            n += 1
        while make(k, 0):
            n += 100
    return n


def compare(k1: int, c1: int, k2: int, c2: int) -> str:
    a = make(k1, c1)
    b = make(k2, c2)
    return f"{a == b} {a != b} {a < b} {a > b}"


def sorted_cents(kinds: list[int], cents: list[int]) -> list[int]:
    xs: list[Money] = []
    for i in range(len(kinds)):
        xs.append(make(kinds[i], cents[i]))
    ordered: list[int] = []
    while xs:
        best = 0
        for i in range(1, len(xs)):
            if xs[i] < xs[best]:
                best = i
        ordered.append(xs.pop(best).cents)
    return ordered


#> arithmetic(0, 1234)
#> arithmetic(1, 1234)
#> arithmetic(2, 0)
#> texts(0, 250)
#> texts(1, 250)
#> texts(2, 250)
#> truths([0, 1, 2, 0, 2])
#> compare(0, 150, 0, 150)
#> compare(0, 150, 1, 120)
#> compare(1, 120, 0, 150)
#> compare(1, 150, 2, 199)
#> compare(2, 150, 1, 199)
#> compare(0, 300, 2, 100)
#> sorted_cents([0, 1, 2, 0, 1], [500, 130, 270, 90, 10])
