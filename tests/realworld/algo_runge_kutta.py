# Source: https://github.com/TheAlgorithms/Python/blob/f5988cc09713315817df6a7e327e258013a94440/maths/numerical_analysis/runge_kutta.py
# Version: commit f5988cc09713315817df6a7e327e258013a94440 (2026-08-03)
# Licence: MIT (TheAlgorithms/Python, LICENSE.md); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - type annotations added to the def (`from __future__ import annotations` added first, so that CPython
#     leaves `Callable[...]` and `float[:]` unevaluated)
#   - the `if __name__ == "__main__":` block removed (it ran the doctests); the `#>` directives at the end call
#     the functions instead

from __future__ import annotations

import numpy as np


def runge_kutta(
    f: Callable[[float, float], float], y0: float, x0: float, h: float, x_end: float
) -> float[:]:
    """
    Calculate the numeric solution at each step to the ODE f(x, y) using RK4

    https://en.wikipedia.org/wiki/Runge-Kutta_methods

    Arguments:
    f -- The ode as a function of x and y
    y0 -- the initial value for y
    x0 -- the initial value for x
    h -- the stepsize
    x_end -- the end value for x

    >>> # the exact solution is math.exp(x)
    >>> def f(x, y):
    ...     return y
    >>> y0 = 1
    >>> y = runge_kutta(f, y0, 0.0, 0.01, 5)
    >>> float(y[-1])
    148.41315904125113
    """
    n = int(np.ceil((x_end - x0) / h))
    y = np.zeros((n + 1,))
    y[0] = y0
    x = x0

    for k in range(n):
        k1 = f(x, y[k])
        k2 = f(x + 0.5 * h, y[k] + 0.5 * h * k1)
        k3 = f(x + 0.5 * h, y[k] + 0.5 * h * k2)
        k4 = f(x + h, y[k] + h * k3)
        y[k + 1] = y[k] + (1 / 6) * h * (k1 + 2 * k2 + 2 * k3 + k4)
        x += h

    return y


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> runge_kutta(lambda x, y: y, 1.0, 0.0, 0.01, 5.0)[-1]
#> runge_kutta(lambda x, y: x - y, 0.0, 0.0, 0.1, 1.0)
