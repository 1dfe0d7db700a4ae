# NumPy's legacy RandomState with a size: the arrays of the same seed and calls, the errors.
import numpy as np


def fills(seed: int, n: int) -> tuple[float[:], float[:, :], int[:], float[:], float[:, :], float]:
    np.random.seed(seed)
    a = np.random.random(n)
    b = np.random.normal(1.0, 2.0, (n, 3))
    c = np.random.randint(-3, 40, size=n)
    d = np.random.uniform(-1.0, 1.0, n)
    e = np.random.randn(2, n)
    return a, b, c, d, e, np.random.standard_normal()


def narrow(seed: int, n: int) -> tuple[uint8[:], int16[:], bool[:], int]:
    np.random.seed(seed)
    return (np.random.randint(0, 200, n, dtype=np.uint8), np.random.randint(-9, 9, n, dtype=np.int16),
            np.random.randint(0, 2, n, dtype=bool), int(np.random.randint(5, dtype=np.uint8)))


def sized(n: int, low: int, high: int) -> int[:]:
    np.random.seed(0)
    return np.random.randint(low, high, n)


def scaled(n: int, scale: float) -> float[:]:
    np.random.seed(0)
    return np.random.normal(0.0, scale, size=n)


#> fills(0, 5)
#> fills(2**32 - 1, 400)
#> narrow(3, 50)
#> sized(4, 0, 10)
#> sized(0, 5, 3)
#> sized(-1, 5, 3)
#> sized(-1, 0, 3)
#> sized(3, 0, 0)
#> scaled(3, -1.0)
#> scaled(-3, 1.0)
