# A binary operator whose right operand's class derives from the left's and overrides the reflected
# method: CPython calls that first (B.__radd__ for A() + B()), not where the subclass only inherits it
# (C() from B, B() + C() calls __add__); each operand evaluated once, in order.
class A:
    def __init__(self, x: int):
        self.x = x

    def __add__(self, o: "A") -> "A":
        print("A.add", self.x, o.x)
        return A(self.x + o.x)

    def __radd__(self, o: "A") -> "A":
        print("A.radd", self.x, o.x)
        return A(self.x + o.x + 100)

    def __repr__(self) -> str:
        return f"A({self.x})"


class B(A):
    def __radd__(self, o: "A") -> "A":
        print("B.radd", self.x, o.x)
        return B(self.x * o.x)

    def __repr__(self) -> str:
        return f"B({self.x})"


class C(B):
    pass


def mk(k: int, x: int) -> A:
    print("mk", k, x)
    if k == 0:
        return A(x)
    if k == 1:
        return B(x)
    return C(x)


def add(k1: int, k2: int) -> str:
    return repr(mk(k1, 2) + mk(k2, 3))


#> add(0, 0)
#> add(0, 1)
#> add(1, 0)
#> add(1, 1)
#> add(0, 2)
#> add(1, 2)
#> add(2, 1)
