# The random module: CPython's Mersenne Twister, the same numbers for the same seed and calls.
import random
from collections.abc import Iterator
from random import choice, gauss, randint, shuffle


def draws(seed: int, n: int) -> float:
    random.seed(seed)
    total = 0.0
    for _ in range(n):
        total = total * 0.5 + random.random()
    return total


def last_random(seed: int, n: int) -> float:
    random.seed(seed)
    x = 0.0
    for _ in range(n):  # past a refill of the 624 words
        x = random.random()
    return x


def ints(seed: int) -> list[int]:
    random.seed(seed)
    out: list[int] = []
    for _ in range(30):
        out.append(randint(1, 6))
        out.append(random.randrange(10))
        out.append(random.randrange(-5, 100, 3))
        out.append(random.randrange(50, -50, -7))
        out.append(random.randint(-2**40, 2**40))
    return out


def wide(seed: int, start: int, stop: int, step: int) -> list[int]:
    random.seed(seed)
    return [random.randrange(start, stop, step) for _ in range(8)]


def randrange_of(start: int, stop: int, step: int) -> int:
    random.seed(1)
    return random.randrange(start, stop, step)


def randrange_below(n: int) -> int:
    random.seed(1)
    return random.randrange(n)


def randint_of(a: int, b: int) -> int:
    random.seed(1)
    return random.randint(a, b)


def floats(seed: int) -> list[float]:
    random.seed(seed)
    out: list[float] = []
    for _ in range(5):
        out.append(random.uniform(-3, 5.5))
        out.append(gauss())
        out.append(random.gauss(10.0, 2.5))
        out.append(random.normalvariate(1.0, 0.5))
        out.append(random.normalvariate())
        out.append(random.expovariate(1.5))
    return out


def gauss_cache(seed: int) -> list[float]:
    random.seed(seed)
    a = random.gauss()  # its pair is cached...
    random.seed(seed)  # ...and seeding forgets it
    return [a, random.gauss(), random.gauss(), random.random()]


def expovariate_of(lambd: float) -> float:
    random.seed(3)
    return random.expovariate(lambd)


def shuffled(seed: int, n: int) -> list[int]:
    random.seed(seed)
    xs = list(range(n))
    shuffle(xs)
    return xs


def shuffled_words(seed: int) -> list[str]:
    random.seed(seed)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    random.shuffle(words)
    return words


def shuffled_pairs(seed: int) -> list[tuple[int, str]]:
    random.seed(seed)
    pairs = [(i, str(i)) for i in range(12)]
    random.shuffle(pairs)
    return pairs


def shuffle_argument(seed: int, xs: list[float]) -> list[float]:
    random.seed(seed)
    random.shuffle(xs)
    return xs


def shuffled_bools(seed: int, n: int) -> tuple[list[bool], bool]:
    random.seed(seed)
    flags = [i % 3 == 0 for i in range(n)]  # one byte per item: shuffle swaps bytes, not words
    random.shuffle(flags)
    return flags, random.choice(flags)


def chosen(seed: int) -> str:
    random.seed(seed)
    words = ["alpha", "beta", "gamma", "delta"]
    picked = ""
    for _ in range(10):
        picked += choice(words)[0]
    return picked + str(choice([[1, 2], [3]]))


def choose_from(xs: list[int]) -> int:
    random.seed(5)
    return random.choice(xs)


def seeds() -> list[float]:
    out: list[float] = []
    for s in (0, 1, -1, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**63 - 1, -2**63, -(2**40)):
        random.seed(s)
        out.append(random.random())
    return out


def stream(n: int) -> Iterator[float]:  # a generator function asks for its thread's state at each draw
    for _ in range(n):
        yield random.random()


def streamed(seed: int) -> float:
    random.seed(seed)
    total = 0.0
    for x in stream(700):
        total += x * random.randrange(3)
    return total


#> draws(42, 10)
#> shuffled_bools(3, 40)
#> shuffled_bools(8, 1)
#> draws(0, 1000)
#> last_random(7, 2000)
#> ints(42)
#> ints(-3)
#> wide(11, -2**63, 2**63 - 1, 1)
#> wide(11, 2**63 - 1, -2**63, -3)
#> wide(11, 2**63 - 1, -2**63, -2**63)
#> wide(11, -2**63, 2**63 - 1, 2**62)
#> wide(11, 0, 2**62 + 1, 1)
#> randrange_of(5, 5, 1)
#> randrange_of(10, 5, 1)
#> randrange_of(1, 10, 0)
#> randrange_of(1, 10, -1)
#> randrange_below(0)
#> randrange_below(-4)
#> randrange_below(1)
#> randint_of(5, 3)
#> randint_of(3, 3)
# Deviation: all 2**64 ints are one more than a 64-bit count holds (CPython draws from them)
#> randint_of(-2**63, 2**63 - 1) !OverflowError: beyond jitcell's 64-bit ints
#> floats(42)
#> floats(2**33)
#> gauss_cache(9)
#> expovariate_of(0.5)
#> expovariate_of(0.0)
#> shuffled(42, 10)
#> shuffled(1, 0)
#> shuffled(1, 1)
#> shuffled(123, 1000)
#> shuffled_words(8)
#> shuffled_pairs(8)
#> shuffle_argument(3, [1.5, 2.5, 3.5, -0.0])
#> chosen(4)
#> choose_from([10, 20, 30])
#> choose_from([])
#> seeds()
#> streamed(13)
