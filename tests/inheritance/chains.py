# super().__init__ through three levels (each prints, so the order shows), methods overriding and
# extending their base's through super(), an inherited method skipping the middle class, a
# covariant result (a subclass's copy() returns its own class), and exceptions raised from overrides.
class A:
    def __init__(self, x: int):
        print("A.__init__", x)
        self.x = x

    def name(self) -> str:
        return "A"

    def describe(self) -> str:
        return f"{self.name()}(x={self.x})"

    def trail(self) -> str:
        return "a"

    def copy(self) -> "A":
        return A(self.x)

    def check(self, limit: int) -> int:
        if self.x > limit:
            raise ValueError(f"x={self.x} is over {limit}")
        return self.x


class B(A):
    def __init__(self, x: int, y: int):
        super().__init__(x + 1)
        print("B.__init__", y)
        self.y = y

    def name(self) -> str:
        return "B"

    def trail(self) -> str:
        return super().trail() + "b"

    def copy(self) -> "B":
        return B(self.x, self.y)


class C(B):
    def __init__(self, x: int, y: int, z: int):
        super().__init__(x * 10, y)
        print("C.__init__", z)
        self.z = z

    def trail(self) -> str:
        return super().trail() + "c"

    def describe(self) -> str:
        return super().describe() + f"+(y={self.y}, z={self.z})"

    def check(self, limit: int) -> int:
        if self.z < 0:
            raise IndexError("negative z")
        return super().check(limit) + self.z


def levels(k: int) -> str:
    objects: list[A] = [A(k), B(k, 2 * k), C(k, 2 * k, 3 * k)]
    out = []
    for o in objects:
        out.append(o.describe() + " " + o.trail() + " " + o.name())
    copied = objects[2].copy()
    out.append(copied.describe() + " " + str(isinstance(copied, B)) + " " + str(isinstance(copied, C)))
    return "; ".join(out)


def checked(x: int, z: int, limit: int) -> int:
    a: A = C(x, 1, z)
    return a.check(limit)


def fields(k: int) -> int:
    c = C(k, k + 1, k + 2)
    b: B = c
    a: A = b
    a.x += 100
    b.y += 10
    return c.x + c.y + c.z + a.x

#> levels(1)
#> levels(-3)
#> checked(1, 2, 100)
#> checked(1, 2, 5)
#> checked(1, -1, 100)
#> fields(4)
