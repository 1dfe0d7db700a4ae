# Shapes: area() overridden by each subclass and called on values typed Shape (dispatched at run
# time), describe() inherited and calling the override, super().area(), Shape.__init__(self, ...),
# isinstance against each class, a list[Shape] holding mixed subclasses, identity across types.
import math


class Shape:
    def __init__(self, name: str):
        self.name = name
        self.scale = 1.0

    def area(self) -> float:
        return 0.0

    def describe(self) -> str:
        return f"{self.name} of area {self.area():.3f}"

    def grow(self, k: float) -> None:
        self.scale *= k

    @property
    def kind(self) -> str:
        return "shape"

    @staticmethod
    def make(name: str) -> "Shape":
        return Shape(name)


class Circle(Shape):
    def __init__(self, r: float):
        super().__init__("circle")
        self.r = r

    def area(self) -> float:
        return math.pi * self.r * self.r * self.scale

    @property
    def kind(self) -> str:
        return "round " + self.name + " " + super().kind


class Square(Shape):
    def __init__(self, side: float):
        Shape.__init__(self, "square")
        self.side = side

    def area(self) -> float:
        return self.side * self.side * self.scale

    def diagonal(self) -> float:
        return self.side * math.sqrt(2.0)

    @staticmethod
    def make(side: float, times: int = 1) -> "Shape":
        return Square(side * times)


class Cube(Square):
    def area(self) -> float:
        return 6.0 * super().area()

    def volume(self) -> float:
        return self.side ** 3


def shapes(n: int) -> list[Shape]:
    made: list[Shape] = [Circle(1.0), Square(2.0)]
    for i in range(n):
        if i % 3 == 0:
            made.append(Cube(float(i)))
        elif i % 3 == 1:
            made.append(Circle(0.5 * i))
        else:
            made.append(Shape("blob"))
    return made


def total(n: int) -> float:
    t = 0.0
    for s in shapes(n):
        print(s.describe(), s.kind, isinstance(s, Square), isinstance(s, Cube), isinstance(s, (Circle, Cube)))
        t += s.area()
    return round(t, 9)


def grown(n: int, k: float) -> str:
    parts = []
    for s in shapes(n):
        s.grow(k)
        parts.append(f"{s.area():.4f}")
    return ",".join(parts)


def cubes(n: int) -> float:
    t = 0.0
    for s in shapes(n):
        if isinstance(s, Cube):
            t += s.side
    c = Cube(3.0)
    return t + c.volume() + c.diagonal() + c.area() + Square.area(c)


def literal() -> str:
    xs = [Circle(2.0), Square(1.0)]
    first: Shape = xs[0]
    best: Shape | None = None
    for x in xs:
        if best is None or x.area() > best.area():
            best = x
    same = best is first
    return f"{len(xs)} {xs[1].name} {same} {isinstance(best, Circle)} {isinstance(None, Shape)}"


def exact(side: float) -> float:
    c = Cube(side)
    return c.area() / side


def divide(n: int) -> float:
    s: Shape = Square(float(n))
    return 1.0 / s.area()

#> total(0)
#> total(7)
#> grown(5, 2.0)
#> cubes(7)
#> literal()
#> exact(2.0)
#> divide(4)
#> divide(0)


def summed(shapes: list[Shape]) -> float:
    return sum(s.area() for s in shapes)


def displays(k: float) -> float:
    return round(summed([Square(k)]) + summed([Circle(k), Cube(k), Square.make(k, 2), Shape.make("s")]), 9)

#> displays(1.5)
#> Cube(2.0).describe()
#> (Circle(1.0).kind, Shape("s").kind, Cube(1.0).kind)
#> (issubclass(Cube, Square), issubclass(Square, Cube), isinstance(Cube(1.0), Shape), isinstance(Circle(1.0), Square))
#> Square.area(Cube(2.0))
