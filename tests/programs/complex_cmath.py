# The cmath module: each function is CPython's own (computed through a callback), so its special
# values (signed zeros, infinities, NaNs) and errors are CPython's; constants are folded.
import cmath
from cmath import exp, isfinite, phase, pi, polar, rect, sqrt


def roots(z: complex) -> tuple[complex, complex, complex]:
    return sqrt(z), cmath.sqrt(-z), cmath.sqrt(z.conjugate())


def logs(z: complex) -> tuple[complex, complex, complex]:
    return cmath.log(z), cmath.log10(z), cmath.log(z, 2)


def trig(z: complex) -> tuple[complex, complex, complex, complex, complex, complex]:
    return cmath.sin(z), cmath.cos(z), cmath.tan(z), cmath.asin(z), cmath.acos(z), cmath.atan(z)


def hyperbolic(z: complex) -> tuple[complex, complex, complex, complex, complex, complex]:
    return cmath.sinh(z), cmath.cosh(z), cmath.tanh(z), cmath.asinh(z), cmath.acosh(z), cmath.atanh(z)


def exponential(z: complex) -> complex:
    return exp(z)


def angles(z: complex) -> tuple[float, float, float]:
    r, t = polar(z)
    return phase(z), r, t


def back(r: float, t: float) -> complex:
    return rect(r, t)


def tests(z: complex) -> tuple[bool, bool, bool, bool]:
    return cmath.isnan(z), cmath.isinf(z), isfinite(z), cmath.isclose(z, z + 1e-12)


def of_reals(x: float, n: int) -> tuple[complex, complex, float]:
    return cmath.sqrt(x), cmath.exp(n), cmath.phase(x)


def constants() -> tuple[float, float, float, float, complex, complex]:
    return pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nanj


def euler(n: int) -> complex:
    total = 0j
    for k in range(n):
        total += cmath.exp(2j * pi * k / n)
    return total


#> roots(-4+0j)
#> roots(complex(-4.0, -0.0))
#> roots(complex(float('inf'), float('nan')))
#> roots(3+4j)
#> logs(1+1j)
#> logs(complex(-0.0, 0.0))
#> logs(complex(float('-inf'), float('nan')))
#> trig(0.5+0.25j)
#> trig(complex(-0.0, -0.0))
#> trig(complex(float('inf'), 1))
#> hyperbolic(0.5-0.25j)
#> hyperbolic(complex(1, 0))
#> hyperbolic(complex(710, 1))
#> exponential(1j * math.pi)
#> exponential(complex(710, 0))
#> exponential(complex(float('-inf'), float('inf')))
#> angles(complex(-1.0, -0.0))
#> angles(complex(-1.0, 0.0))
#> angles(complex(float('nan'), 1))
#> back(2.0, math.pi / 2)
#> back(float('inf'), 0.0)
#> back(float('inf'), float('nan'))
#> back(1.0, float('inf'))
#> tests(complex(float('nan'), 1))
#> tests(complex(1, float('inf')))
#> tests(1+1j)
#> of_reals(-2.0, 3)
#> of_reals(-0.0, -1000)
#> constants()
#> euler(12)
#> logs(0j)
#> logs(1+0j)
#> hyperbolic(1+0j)
