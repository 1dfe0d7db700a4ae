# Special methods: arithmetic with reflected and in-place forms, orderings (sorted, min, max), ==
# and its != fallback, truth through __bool__ and __len__, __getitem__/__contains__, str and repr in
# print and f-strings, @dataclass(order=True) and frozen=True.
from dataclasses import dataclass


class Money:
    def __init__(self, cents: int):
        self.cents = cents

    def __add__(self, other: "Money") -> "Money":
        return Money(self.cents + other.cents)

    def __sub__(self, other: "Money") -> "Money":
        if other.cents > self.cents:
            raise ValueError(f"cannot take {other} from {self}")
        return Money(self.cents - other.cents)

    def __mul__(self, k: int) -> "Money":
        return Money(self.cents * k)

    def __rmul__(self, k: int) -> "Money":
        return Money(k * self.cents)

    def __eq__(self, other: "Money") -> bool:
        return self.cents == other.cents

    def __lt__(self, other: "Money") -> bool:
        return self.cents < other.cents

    def __bool__(self) -> bool:
        return self.cents != 0

    def __str__(self) -> str:
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __repr__(self) -> str:
        return f"Money({self.cents})"


class Ledger:
    def __init__(self):
        self.entries: list[Money] = []

    def __iadd__(self, m: Money) -> "Ledger":
        self.entries.append(m)
        return self

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, i: int) -> Money:
        return self.entries[i]

    def __contains__(self, m: Money) -> bool:
        for e in self.entries:
            if e == m:
                return True
        return False


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


@dataclass(frozen=True)
class Rate:
    name: str
    percent: float


def ledger(n: int) -> str:
    book = Ledger()
    if not book:
        print("empty ledger", len(book))
    for k in range(n):
        book += Money(k * 137 % 1000)
    total = Money(0)
    for k in range(len(book)):
        total = total + book[k]
    print(total, repr(total), 2 * total, total * 3, Money(0) in book, Money(1) in book, book[0] != Money(0))
    print(sorted(book.entries), min(book.entries), max(book.entries), book[1] > book[2])
    return f"{total} in {len(book)} entries: [{total!s:>10}] {total!r}"


def spend(have: int, cost: int) -> str:
    left = Money(have) - Money(cost)
    return str(left) if left else "nothing left"


def versions(n: int) -> str:
    vs = [Version(k % 3, (k * 7) % 5) for k in range(n)]
    vs.sort(reverse=True)
    r = Rate("vat", 20.0)
    print(vs[:3], Version(1, 2) < Version(1, 3), Version(2) <= Version(1, 9), r, r == Rate("vat", 20.0))
    return repr(max(vs)) + " " + str(min(vs))

#> ledger(12)
#> ledger(1)
#> ledger(0)
#> spend(500, 125)
#> spend(500, 500)
#> spend(100, 250)
#> versions(9)
#> versions(1)
