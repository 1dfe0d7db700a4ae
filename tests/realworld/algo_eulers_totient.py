# Source: https://github.com/TheAlgorithms/Python/blob/f5988cc09713315817df6a7e327e258013a94440/maths/eulers_totient.py
# Version: commit f5988cc09713315817df6a7e327e258013a94440 (2026-08-03)
# Licence: MIT (TheAlgorithms/Python, LICENSE.md); the licence text is in tests/realworld/LICENSES.md
# Edits (everything else is exactly as published):
#   - no annotation added: the published code is annotated already (`-> list`, without an element type, is kept)
#   - the `if __name__ == "__main__":` block removed (it ran the doctests); the `#>` directives at the end call
#     the functions instead

# Eulers Totient function finds the number of relative primes of a number n from 1 to n
def totient(n: int) -> list:
    """
    >>> n = 10
    >>> totient_calculation = totient(n)
    >>> for i in range(1, n):
    ...     print(f"{i} has {totient_calculation[i]} relative primes.")
    1 has 0 relative primes.
    2 has 1 relative primes.
    3 has 2 relative primes.
    4 has 2 relative primes.
    5 has 4 relative primes.
    6 has 2 relative primes.
    7 has 6 relative primes.
    8 has 4 relative primes.
    9 has 6 relative primes.
    """
    is_prime = [True for i in range(n + 1)]
    totients = [i - 1 for i in range(n + 1)]
    primes = []
    for i in range(2, n + 1):
        if is_prime[i]:
            primes.append(i)
        for j in range(len(primes)):
            if i * primes[j] >= n:
                break
            is_prime[i * primes[j]] = False

            if i % primes[j] == 0:
                totients[i * primes[j]] = totients[i] * primes[j]
                break

            totients[i * primes[j]] = totients[i] * (primes[j] - 1)

    return totients


# The calls tests/test_realworld.py compares between CPython and jitcell:
#> totient(10)
#> totient(1000)[-5:]
#> sum(totient(20000))
