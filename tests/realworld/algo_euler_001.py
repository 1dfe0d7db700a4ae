# Source: https://github.com/TheAlgorithms/Python/blob/f5988cc09713315817df6a7e327e258013a94440/project_euler/problem_001/sol1.py
# Version: commit f5988cc09713315817df6a7e327e258013a94440 (2026-08-03)
# Licence: MIT (TheAlgorithms/Python, LICENSE.md); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - no annotation added: the published code is annotated already
#   - the `if __name__ == "__main__":` block removed (it printed solution()); the `#>` directives at the end
#     call the functions instead

"""
Project Euler Problem 1: https://projecteuler.net/problem=1

Multiples of 3 and 5

If we list all the natural numbers below 10 that are multiples of 3 or 5,
we get 3, 5, 6 and 9. The sum of these multiples is 23.

Find the sum of all the multiples of 3 or 5 below 1000.
"""


def solution(n: int = 1000) -> int:
    """
    Returns the sum of all the multiples of 3 or 5 below n.

    >>> solution(3)
    0
    >>> solution(4)
    3
    >>> solution(10)
    23
    >>> solution(600)
    83700
    >>> solution(-7)
    0
    """

    return sum(e for e in range(3, n) if e % 3 == 0 or e % 5 == 0)


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> solution(3)
#> solution(10)
#> solution(1000)
