from typing import Generator, Iterator


def tagged(words: str, n: int) -> Iterator[tuple[str, int]]:
    # tuples holding a str: the promise owns each one until the walker takes it
    k = 0
    for ch in words:
        k += 1
        if k > n:
            return
        yield ch * k, k


def pieces(words: str, n: int) -> str:
    out = ""
    for s, k in tagged(words, n):
        out += s + str(k)
    return out


def chained(n: int) -> Generator[str, None, None]:
    # a generator walking generators, passing values of both kinds on
    for s, k in tagged("abc", n):
        for t, j in tagged(s + "!", k):
            yield t + str(j)


def chain_text(n: int) -> str:
    out = ""
    for t in chained(n):
        out += t + ","
    return out


def both_strict(n: int, m: int) -> int:
    total = 0
    for (s, k), (t, j) in zip(tagged("xyz", n), tagged("pqr", m), strict=True):
        total += len(s) * k + len(t) * j
    return total


def longest(n: int) -> str:
    return max(chained(n), default="")


def counted(words: str) -> dict[str, int]:
    seen: dict[str, int] = {}
    for s, _ in tagged(words, 100):
        seen[s] = seen.get(s, 0) + 1
    return seen


def letters(s: str) -> Iterator[str]:
    for ch in s:
        yield ch
        yield ch.upper()


def truths(s: str) -> tuple[bool, bool, str]:
    return any(letters(s)), all(letters(s)), min(letters(s), default="-")


def stops_early(s: str) -> str:
    for i, ch in enumerate(letters(s)):
        if i == 3:
            break
    else:
        return "all"
    return ch


#> pieces("hello", 3)
#> pieces("hello", 10)
#> pieces("", 2)
#> chain_text(2)
#> chain_text(0)
#> both_strict(3, 3)
#> both_strict(3, 2)
#> both_strict(2, 3)
#> longest(3)
#> longest(0)
#> counted("abcab")
#> stops_early("xyz")
#> stops_early("x")
#> truths("ab")
#> truths("")
