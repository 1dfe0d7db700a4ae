# Classes: lists of None that hold instances later (`[None] * n`, a list[C | None]), and a value that
# may be None (C | None) whose attribute is read, assigned or called without a test: None raises
# CPython's AttributeError naming the attribute (check/none_lists.py, check/optional.py).


class Cell:
    def __init__(self, v: int):
        self.v = v * 1.5
        self.next: Cell | None = None

    def grow(self, k: float) -> float:
        self.v += k
        return self.v


def filled(n: int, step: int) -> list[float]:
    cells = [None] * n
    for i in range(0, n, step):
        cells[i] = Cell(i)
    out = []
    for c in cells:
        out.append(c.grow(1.0))  # None raises AttributeError: 'NoneType' object has no attribute 'grow'
    return out


def counted(n: int, step: int) -> tuple[int, float]:
    cells = [None for _ in range(n)]
    for i in range(0, n, step):
        cells[i] = Cell(i)
    empty, total = 0, 0.0
    for c in cells:
        if c is None:
            empty += 1
        else:
            total += c.v
    return empty, total


def appended(n: int) -> float:
    cells = n * [None]
    cells.append(Cell(n))
    last = cells[-1]
    return last.v + len(cells)


def annotated(n: int) -> int:
    cells: list[Cell | None] = [None] * n
    cells[n - 1] = Cell(n)
    return sum(1 for c in cells if c is not None)


def read(k: int) -> float:
    head = Cell(1)
    if k > 0:
        head.next = Cell(k)
    return head.next.v  # AttributeError: 'NoneType' object has no attribute 'v'


def write(k: int) -> float:
    head = Cell(1)
    if k > 0:
        head.next = Cell(k)
    head.next.v = 2.5  # the value first, then None raises
    return head.next.v


def update(k: int) -> float:
    head = Cell(1)
    if k > 0:
        head.next = Cell(k)
    head.next.v += 2.5
    return head.next.v


def called(k: int) -> float:
    head = Cell(1)
    if k > 0:
        head.next = Cell(k)
    return head.next.grow(float(k))


def chained(n: int) -> float:
    head = Cell(0)
    node = head
    for i in range(1, n):
        node.next = node = Cell(i)
    total = 0.0
    walk: Cell | None = head
    for _ in range(n + 1):  # one step past the end: None raises
        total += walk.v
        walk = walk.next
    return total


class Shown:
    def __init__(self, i: int):
        self.v = i * 0.5

    def __repr__(self) -> str:
        return "Shown(%s)" % self.v


def texts(n: int) -> str:
    shown = [None] * n
    shown[0] = Shown(1)
    a = shown[0]
    b = shown[-1]
    print(a, b)
    print("%s, %r; %s" % (a, b, b), "{} {!r}".format(a, b))
    return repr(a) + str(b) + f"{b}|{a!r:>12}|" + str(a)


class Base:
    def __init__(self, k: int):
        self.k = k

    def m(self) -> int:
        return self.k

    @property
    def twice(self) -> int:
        return self.k * 2


class Derived(Base):
    def m(self) -> int:
        return self.k + 100


def dispatched(n: int, size: int) -> int:
    xs = [None] * size  # list[Base | None]: the first store's class; a Derived is a Base
    xs[0] = Base(n)
    xs[1] = Derived(n)
    t = 0
    for x in xs:
        t += x.m() + x.twice  # the overriding method of each item's class; None raises
    return t


class Table:
    slots: list[Cell | None]  # a field made by [None] * n is declared

    def __init__(self, n: int):
        self.slots = [None] * n
        self.count = 0

    def put(self, i: int, k: int) -> None:
        self.slots[i] = Cell(k)
        self.count += 1

    def total(self) -> float:
        t = 0.0
        for s in self.slots:
            if s is not None:
                t += s.v
        return t


def table(n: int) -> float:
    t = Table(n)
    t.put(1, 5)
    t.put(2, 7)
    t.slots = [None, None, None]
    t.put(0, 1)
    return t.total() + t.count


def first(cells: list[Cell | None]) -> Cell | None:
    return cells[0]


def through(n: int) -> float:
    cells = [None] * n
    cells[0] = Cell(n)
    return first(cells).v + first(cells[1:] + cells[:1]).v

#> filled(4, 1)
#> filled(4, 2)
#> filled(0, 1)
#> counted(7, 3)
#> appended(3)
#> annotated(5)
#> read(2)
#> read(0)
#> write(2)
#> write(0)
#> update(3)
#> update(0)
#> called(4)
#> called(0)
#> chained(3)
#> through(1)
#> through(2)
#> texts(1)
#> texts(3)
#> dispatched(2, 2)
#> dispatched(1, 3)
#> table(4)
#> table(2)
