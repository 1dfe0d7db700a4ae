"""Endless and long loops compiled by the interrupt and signal-handler tests (one cell, shared).

Each takes a bound that makes it run for as long as a test needs: FOREVER holds bounds no test
outlives, `spin(-1)` never stops by itself.
"""

import textwrap

LOOPS = textwrap.dedent('''
    def spin(limit: int) -> int:
        count = 0
        while True:
            count += 1
            if count == limit:
                break
        return count

    def parity(n: int) -> int:
        s = 0
        for i in range(n):
            s += i & 1
        return s

    def grid(n: int) -> int:
        count = 0
        for i in range(n):
            for j in range(1000):
                if (i + j) % 3 == 0:
                    count += 1
        return count

    def chatty(n: int) -> int:
        s = 0
        for i in range(n):
            if i % 200000 == 0:
                print("at", i)
            s += i % 7
        return s

    def lcg(n: int) -> int:
        x = 1
        i = 0
        while i < n:
            x = (x * 1103515245 + 12345) % 2147483648
            i += 1
        return x

    def newton(n: int) -> float:
        y = 1.0
        for i in range(n):
            y = 0.5 * (y + 2.0 / y)
        return y
''')

FOREVER = {"spin": -1, "parity": 10**18, "grid": 10**15, "chatty": 10**15}
