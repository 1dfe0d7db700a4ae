# Classes in numeric code: the ray-sphere kernel of benchmarks/classes.py (a Vector class whose
# operations make new instances, a Sphere holding a Vector, a list of spheres) and pyperformance's
# bm_float written the way jitcell compiles it today (fields typed by annotations, no __slots__,
# __repr__ or list of None). Directives also construct instances and call methods from Python (an
# instance made in a directive whose call raises would stay alive in the traceback: unit_z makes it inside).
import math
from math import cos, sin, sqrt


class Vector:
    def __init__(self, x: float, y: float, z: float):
        self.x = x
        self.y = y
        self.z = z

    def sub(self, other: "Vector") -> "Vector":
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def dot(self, other: "Vector") -> float:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def scale(self, k: float) -> "Vector":
        return Vector(self.x * k, self.y * k, self.z * k)

    def normalized(self) -> "Vector":
        return self.scale(1.0 / math.sqrt(self.dot(self)))


class Sphere:
    def __init__(self, centre: Vector, radius: float):
        self.centre = centre
        self.radius = radius

    def intersection_time(self, origin: Vector, direction: Vector) -> float:
        cp = self.centre.sub(origin)
        v = cp.dot(direction)
        discriminant = self.radius * self.radius - (cp.dot(cp) - v * v)
        if discriminant < 0.0:
            return -1.0
        return v - math.sqrt(discriminant)


def raysphere(n: int) -> tuple[float, int]:
    spheres: list[Sphere] = []
    for k in range(8):
        spheres.append(Sphere(Vector(-3.0 + k * 0.8, 0.5 * (k % 3), -5.0 - k), 0.4 + 0.1 * k))
    eye = Vector(0.0, 0.0, 10.0)
    total = 0.0
    hits = 0
    for i in range(n):
        for j in range(n):
            target = Vector(-2.0 + 4.0 * i / n, -2.0 + 4.0 * j / n, 0.0)
            direction = target.sub(eye).normalized()
            nearest = 1e300
            for s in spheres:
                t = s.intersection_time(eye, direction)
                if t > 0.0 and t < nearest:
                    nearest = t
            if nearest < 1e300:
                total += nearest
                hits += 1
    return total, hits


class Point:
    def __init__(self, i: int) -> None:
        x = sin(i)
        self.x: float = x
        self.y: float = cos(i) * 3
        self.z: float = (x * x) / 2

    def normalize(self) -> None:
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other: "Point") -> "Point":
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points: list[Point]) -> Point:
    next = points[0]
    for p in points[1:]:
        next = next.maximize(p)
    return next


def benchmark(n: int) -> tuple[float, float, float]:
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    best = maximize(points)
    return best.x, best.y, best.z


def unit_z(x: float, y: float, z: float) -> float:
    return Vector(x, y, z).normalized().z


#> raysphere(40)
#> raysphere(1)
#> benchmark(2000)
#> benchmark(1)
#> benchmark(0)
#> Vector(3.0, 4.0, 12.0).normalized().z
#> unit_z(0.0, 0.0, 0.0)
#> Sphere(Vector(0.0, 0.0, -5.0), 1.0).intersection_time(Vector(0.0, 0.0, 0.0), Vector(0.0, 0.0, -1.0))
#> Sphere(Vector(0.0, 3.0, -5.0), 1.0).intersection_time(Vector(0.0, 0.0, 0.0), Vector(0.0, 0.0, -1.0))
