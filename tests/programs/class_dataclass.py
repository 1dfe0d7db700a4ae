# @dataclass classes: the generated __init__ (fields in order, defaults, keywords) and __eq__
# (field by field), methods, dataclass instances as fields of other dataclass instances.
from dataclasses import dataclass


@dataclass
class Item:
    name: str
    price: float
    count: int = 1

    def total(self) -> float:
        return self.price * self.count


@dataclass
class Line:
    item: Item
    discount: float = 0.0
    gift: bool = False

    def cost(self) -> float:
        return 0.0 if self.gift else self.item.total() * (1.0 - self.discount)


def order(n: int) -> str:
    lines: list[Line] = []
    for i in range(n):
        lines.append(Line(Item(f"i{i}", 1.5 * i, count=i % 3 + 1), discount=0.1 * (i % 2), gift=i == 3))
    total = 0.0
    for line in lines:
        total += line.cost()
    same = Item("a", 1.0) == Item("a", 1.0, 1)
    other = Item("a", 1.0) != Item("a", 1.0, 2)
    print(round(total, 6), same, other, len(lines))
    return f"{total:.3f}"


def equal(a: float, b: float) -> bool:
    return Line(Item("x", a)) == Line(Item("x", b))

#> order(5)
#> order(0)
#> equal(1.0, 1.0)
#> equal(1.0, 2.0)
