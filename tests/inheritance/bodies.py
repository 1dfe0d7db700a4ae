# A base Body with subclasses: fields of the base assigned in either __init__, an energy() each
# subclass overrides (one through super()), step() inherited, a simulation over list[Body].
class Body:
    def __init__(self, x: float, v: float, mass: float):
        self.x = x
        self.v = v
        self.mass = mass
        self.steps = 0

    def force(self) -> float:
        return -self.x

    def step(self, dt: float) -> None:
        self.v += self.force() / self.mass * dt
        self.x += self.v * dt
        self.steps += 1

    def energy(self) -> float:
        return 0.5 * self.mass * self.v * self.v

    def label(self) -> str:
        return "body"


class Planet(Body):
    def __init__(self, x: float, v: float, mass: float, name: str):
        super().__init__(x, v, mass)
        self.name = name

    def energy(self) -> float:
        return super().energy() + 0.5 * self.x * self.x

    def label(self) -> str:
        return "planet " + self.name


class Rock(Body):
    def __init__(self, x: float):
        self.x = x              # the base's fields, assigned here without super().__init__
        self.v = 0.0
        self.mass = 1.0
        self.steps = 0
        self.hits: list[int] = []

    def force(self) -> float:
        return -2.0 * self.x

    def step(self, dt: float) -> None:
        Body.step(self, dt)
        if self.x < 0.0:
            self.hits.append(self.steps)


def simulate(n: int, steps: int) -> str:
    bodies: list[Body] = []
    for i in range(n):
        if i % 3 == 0:
            bodies.append(Planet(1.0 + i, 0.0, 2.0, f"p{i}"))
        elif i % 3 == 1:
            bodies.append(Rock(0.5 * i))
        else:
            bodies.append(Body(float(i), 1.0, 1.5))
    for _ in range(steps):
        for b in bodies:
            b.step(0.01)
    total = 0.0
    for b in bodies:
        total += b.energy()
        print(b.label(), b.steps, f"{b.x:.6f}", f"{b.energy():.6f}")
    return f"{total:.9f}"


def rock_hits(x: float, steps: int) -> list[int]:
    r = Rock(x)
    for _ in range(steps):
        r.step(0.1)
    return r.hits


def heaviest(masses: list[float]) -> str:
    bodies: list[Body] = [Planet(0.0, 0.0, m, f"m{m}") for m in masses]
    best = bodies[0]
    for b in bodies:
        if b.mass > best.mass:
            best = b
    return best.label()

#> simulate(6, 50)
#> simulate(0, 5)
#> rock_hits(1.0, 40)
#> heaviest([1.0, 5.0, 2.0])
#> heaviest([])
