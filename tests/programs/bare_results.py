# Results annotated with a bare container name (as published code often does): the item types
# are inferred from the return statements.
from typing import Dict, List


def divisors(n: int) -> list:
    return [d for d in range(1, n + 1) if n % d == 0]


def squares(n: int) -> dict:
    return {k: k * k for k in range(n)}


def letters(s: str) -> set:
    return set(s)


def pair(n: int) -> tuple:
    return n, n / 2


def upper_words(s: str) -> List:
    return s.upper().split()


def counts(s: str) -> Dict:
    out: dict[str, int] = {}
    for c in s:
        out[c] = out.get(c, 0) + 1
    return out

#> divisors(12)
#> divisors(1)
#> squares(4)
#> sorted(letters("hello"))
#> pair(3)
#> upper_words("to be or not")
#> counts("banana")
