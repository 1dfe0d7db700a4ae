# A family whose classes are not numbered in the order of the cell (A, B(A), C(A), D(B): D's number
# follows B's): isinstance() of each against each, dispatch through four levels of overrides and
# non-overrides, results typed with the base coming back to Python as the object's own class.
class A:
    def __init__(self, k: int):
        self.k = k

    def who(self) -> str:
        return "A"

    def depth(self) -> int:
        return 0


class B(A):
    def who(self) -> str:
        return "B"

    def depth(self) -> int:
        return 1


class C(A):
    def depth(self) -> int:
        return 10 + super().depth()


class D(B):
    def who(self) -> str:
        return "D<" + super().who()

    def only_d(self) -> int:
        return 4 + self.k


def make(i: int) -> A:
    if i % 4 == 0:
        return A(i)
    if i % 4 == 1:
        return B(i)
    if i % 4 == 2:
        return C(i)
    return D(i)


def table(n: int) -> str:
    rows = []
    for i in range(n):
        x = make(i)
        rows.append(f"{x.k}:{x.who()}:{x.depth()}:{isinstance(x, A)}{isinstance(x, B)}{isinstance(x, C)}"
                    f"{isinstance(x, D)}{isinstance(x, (C, D))}")
    return " ".join(rows)


def only_b(xs: list[int]) -> int:
    total = 0
    for i in xs:
        x = make(i)
        if isinstance(x, B):
            total += x.depth() * 100 + len(x.who())
        elif isinstance(x, C):
            total += x.k
    return total

#> table(8)
#> only_b([0, 1, 2, 3, 5, 7, 6])
#> type(make(3)).__name__
#> type(make(2)).__name__
#> make(3).who()
#> isinstance(make(3), type(make(1)))
#> isinstance(make(1), type(make(3)))


def exact(n: int) -> str:
    out = []
    for i in range(n):
        x = make(i)
        out.append(f"{type(x) is A}{type(x) is B}{type(x) is D}{type(x) is not C}")
    b = B(1)
    return " ".join(out) + f" {type(b) is B} {type(b) is A}"

#> exact(4)


def chains(n: int) -> str:
    out = []
    for i in range(n):
        x = make(i)
        big = isinstance(x, D) and x.only_d() > 6 and x.who().startswith("D")
        label = str(x.only_d()) if isinstance(x, D) else "-"
        if isinstance(x, D) and x.only_d() > 10:
            label += "d"
        out.append(f"{big}{label}")
    return " ".join(out)

#> chains(12)


def early(xs: list[int]) -> int:
    total = 0
    for i in xs:
        x = make(i)
        if not isinstance(x, D):
            total += 1
            continue
        total += x.only_d()
    return total


def first_d(i: int) -> int:
    x = make(i)
    if not (isinstance(x, D) and x.k > 2):
        return -1
    return x.only_d()

#> early([0, 1, 2, 3, 7, 11])
#> first_d(3)
#> first_d(7)
#> first_d(2)
