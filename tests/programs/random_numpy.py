# NumPy's legacy RandomState (np.random.seed, np.random.X): the same numbers for the same seed.
import numpy as np


def samples(seed: int) -> list[float]:
    np.random.seed(seed)
    out: list[float] = []
    for _ in range(5):
        out.append(np.random.random())
        out.append(np.random.rand())
        out.append(np.random.random_sample())
        out.append(np.random.uniform(-2.0, 3.0))
        out.append(np.random.uniform())
        out.append(np.random.standard_normal())
        out.append(np.random.normal(5.0, 0.25))
        out.append(np.random.normal())
        out.append(np.random.normal(scale=3.0))
    return out


def ints(seed: int) -> list[int]:
    np.random.seed(seed)
    out: list[int] = []
    for _ in range(20):
        out.append(int(np.random.randint(0, 10)))
        out.append(int(np.random.randint(6)))
        out.append(int(np.random.randint(-5, 2**40)))
        out.append(int(np.random.randint(0, 2**32)))
        out.append(int(np.random.randint(-2**63, 2**63 - 1)))
        out.append(int(np.random.randint(7, 8)))
    return out


def randint_of(low: int, high: int) -> int:
    np.random.seed(0)
    return int(np.random.randint(low, high))


def randint_below(high: int) -> int:
    np.random.seed(0)
    return int(np.random.randint(high))


def seeded(seed: int) -> float:
    np.random.seed(seed)
    return np.random.random()


def normal_of(scale: float) -> float:
    np.random.seed(0)
    return np.random.normal(0.0, scale)


def uniform_of(low: float, high: float) -> float:
    np.random.seed(0)
    return np.random.uniform(low, high)


def gauss_cache(seed: int) -> list[float]:
    np.random.seed(seed)
    a = np.random.standard_normal()  # its pair is cached...
    np.random.seed(seed)  # ...and seeding forgets it
    return [a, np.random.standard_normal(), np.random.standard_normal(), np.random.random()]


#> samples(42)
#> samples(2**32 - 1)
#> ints(0)
#> ints(12345)
#> randint_of(5, 5)
#> randint_of(5, 4)
#> randint_below(0)
#> randint_below(1)
#> seeded(0)
#> seeded(-1)
#> seeded(2**32)
#> normal_of(-1.0)
#> normal_of(-0.0)
#> normal_of(0.0)
#> uniform_of(0.0, float("inf"))
#> uniform_of(-1e308, 1e308)
#> gauss_cache(3)
