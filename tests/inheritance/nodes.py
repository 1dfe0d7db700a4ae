# Expression trees: a base Node whose subclasses override eval() and show(), fields typed with the
# base (`left: Node`, `next: Node | None`) holding subclasses, static methods inherited and called
# through the subclass, Base.method(self) naming the class, == and `is` between related types, and
# an override that writes into an array parameter its base method leaves alone.
import numpy as np


class Node:
    def __init__(self):
        self.next: Node | None = None

    def eval(self, x: float) -> float:
        raise NotImplementedError("Node.eval")

    def show(self) -> str:
        return "?"

    def fill(self, out: "float[:]") -> None:
        pass

    @staticmethod
    def helper(k: int) -> int:
        return 2 * k


class Const(Node):
    def __init__(self, value: float):
        super().__init__()
        self.value = value

    def eval(self, x: float) -> float:
        return self.value

    def show(self) -> str:
        return str(self.value)

    def fill(self, out: "float[:]") -> None:
        out[0] = self.value


class Var(Node):
    def eval(self, x: float) -> float:
        return x

    def show(self) -> str:
        return "x"


class Add(Node):
    def __init__(self, left: Node, right: Node):
        Node.__init__(self)
        self.left = left
        self.right = right

    def eval(self, x: float) -> float:
        return self.left.eval(x) + self.right.eval(x)

    def show(self) -> str:
        return f"({self.left.show()} + {self.right.show()})"


class Mul(Add):
    def eval(self, x: float) -> float:
        return self.left.eval(x) * self.right.eval(x)

    def show(self) -> str:
        return Add.show(self).replace("+", "*")


def poly(n: int, x: float) -> str:
    e: Node = Const(1.0)
    for i in range(n):
        e = Add(Mul(e, Var()), Const(float(i)))
    return f"{e.show()} = {e.eval(x)}"


def chained(n: int) -> str:
    head: Node | None = None
    for i in range(n):
        node: Node = Const(float(i)) if i % 2 == 0 else Var()
        node.next = head
        head = node
    parts = []
    while head is not None:
        parts.append(head.show())
        head = head.next
    return " ".join(parts)


def compare(k: int) -> tuple[bool, bool, bool, bool, int]:
    c = Const(1.0)
    n: Node = c
    other: Node = Var()
    return n is c, n == c, c != other, other is c, Mul.helper(k) + Var.helper(1)


def filled(v: float) -> list[float]:
    out = np.zeros(2)
    nodes: list[Node] = [Var(), Const(v)]
    total = []
    for node in nodes:
        node.fill(out)
        total.append(float(out[0]))
    return total


def broken() -> float:
    return Node().eval(1.0)

#> poly(0, 2.0)
#> poly(4, 1.5)
#> chained(5)
#> chained(0)
#> compare(3)
#> filled(2.5)
#> broken()
