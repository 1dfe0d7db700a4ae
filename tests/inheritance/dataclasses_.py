# @dataclass subclasses of @dataclass bases: the fields in CPython's order (the base's first, a
# redeclared one keeping its place with its new default), the generated __init__ with keywords,
# == within one class, methods overriding across them, and a plain subclass of a dataclass.
from dataclasses import dataclass


@dataclass
class Item:
    name: str
    price: float
    count: int = 1

    def total(self) -> float:
        return self.price * self.count

    def text(self) -> str:
        return f"{self.name} x{self.count}: {self.total():.2f}"


@dataclass
class Discounted(Item):
    rate: float = 0.1
    count: int = 2

    def total(self) -> float:
        return super().total() * (1.0 - self.rate)


class Gift(Item):
    def total(self) -> float:
        return 0.0


def basket(n: int) -> str:
    items: list[Item] = [Item("tea", 3.0), Discounted("cake", 10.0), Discounted("jam", 4.0, 3, 0.5),
                         Gift("card", 2.0, 1)]
    for i in range(n):
        items.append(Discounted(f"d{i}", 1.0 + i, rate=0.25))
    total = 0.0
    for item in items:
        print(item.text(), isinstance(item, Discounted))
        total += item.total()
    return f"{total:.4f}"


def equal(a: float, b: float) -> tuple[bool, bool, bool]:
    d1 = Discounted("x", a)
    d2 = Discounted("x", b)
    g1 = Gift("g", a)
    g2 = Gift("g", b, 1)
    return d1 == d2, d1 != Discounted("x", a, rate=0.2), g1 == g2

#> basket(0)
#> basket(3)
#> equal(1.0, 1.0)
#> equal(1.0, 2.0)
#> repr(Discounted("x", 1.0))
#> repr(Gift("g", 2.0, 3))
#> Discounted("x", 1.0) == Discounted("x", 1.0)
#> Discounted("x", 1.0) == Item("x", 1.0, 2)
#> Gift("g", 1.0) == Gift("g", 1.0)
#> Gift("g", 1.0) == Item("g", 1.0)
#> (Discounted.__hash__, Gift.__hash__, issubclass(Discounted, Item), isinstance(Gift("g", 1.0), Item))
#> Discounted("x", 2.0, rate=0.5).text()
