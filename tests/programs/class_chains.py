# Chained comparisons of instances: each operand evaluated once and in order, the chain stopping at
# the first false link (later operands not evaluated), with the classes' __lt__, __le__, __eq__ and
# the != fallback; links against ints through methods taking an int (and their reflections); a chain
# over values typed with a base class whose subclass overrides the methods.
class Box:
    def __init__(self, v: int):
        self.v = v

    def __lt__(self, o: "Box") -> bool:
        print("lt", self.v, o.v)
        return self.v < o.v

    def __le__(self, o: "Box") -> bool:
        print("le", self.v, o.v)
        return self.v <= o.v

    def __eq__(self, o: "Box") -> bool:
        print("eq", self.v, o.v)
        return self.v == o.v

    def __repr__(self) -> str:
        return f"Box({self.v})"


class Level:
    def __init__(self, n: int):
        self.n = n

    def __lt__(self, k: int) -> bool:
        return self.n < k

    def __gt__(self, k: int) -> bool:
        return self.n > k


class Rounded(Box):
    def __lt__(self, o: "Box") -> bool:
        print("Rounded.lt", self.v, o.v)
        return self.v // 10 < o.v // 10

    def __gt__(self, o: "Box") -> bool:
        print("Rounded.gt", self.v, o.v)
        return self.v // 10 > o.v // 10


def box(v: int) -> Box:
    print("box", v)
    return Box(v)


def ascending(a: int, b: int, c: int) -> bool:
    return box(a) < box(b) < box(c)


def all_equal(a: int, b: int, c: int, d: int) -> bool:
    return box(a) == box(b) == box(c) == box(d)


def mixed(a: int, b: int, c: int) -> str:
    x, y, z = Box(a), Box(b), Box(c)
    first = x <= y < z != x
    second = x != y == z
    third = not (x < y <= z)
    return f"{first} {second} {third} {x < y < y}"


def bounded(n: int) -> str:
    lv = Level(n)
    return f"{0 < lv < 10} {lv < 10 > 5} {-5 < lv} {3 < lv < 7 < lv}"


def count_runs(values: list[int]) -> int:
    boxes = [Box(v) for v in values]
    runs = 0
    i = 0
    while i + 2 < len(boxes):
        if boxes[i] < boxes[i + 1] < boxes[i + 2]:
            runs += 1
        i += 1
    return runs


def based(a: int, b: int, c: int, round_middle: bool) -> bool:
    x: Box = Box(a)
    y: Box = Rounded(b) if round_middle else Box(b)
    z: Box = Box(c)
    return x < y < z


#> ascending(1, 2, 3)
#> ascending(2, 1, 3)
#> ascending(1, 3, 2)
#> all_equal(4, 4, 4, 4)
#> all_equal(4, 4, 5, 4)
#> all_equal(5, 4, 4, 4)
#> mixed(1, 2, 3)
#> mixed(2, 2, 2)
#> mixed(3, 2, 1)
#> bounded(5)
#> bounded(8)
#> bounded(-7)
#> count_runs([1, 2, 3, 2, 3, 4, 5, 0])
#> count_runs([])
#> based(1, 25, 30, True)
#> based(1, 25, 30, False)
#> based(20, 25, 30, True)
#> based(35, 25, 30, True)
