# A str is iterable wherever an iterable is: enumerate, zip, min, max, any, all, nested targets.


def positions(s: str, ch: str) -> int:
    total = 0
    for i, c in enumerate(s, start=1):
        if c == ch:
            total += i
    return total


def differences(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            n += 1
    return n


def strict_pairs(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=True):
        n += ord(x) - ord(y)
    return n


def extremes(s: str) -> str:
    return min(s) + max(s)


def checks(s: str) -> tuple[bool, bool]:
    return any(s), all(s)


def joined(s: str) -> str:
    out = ""
    for k, (i, c) in enumerate(enumerate(s)):
        out += f"{k}{i}{c}"
    return out


def letters(s: str, t: str) -> int:
    count = 0
    for pair in zip(s, t, "ééé"):
        a, b, c = pair
        if a < b or c == "é":
            count += 1
    return count

#> positions("banana", "a")
#> positions("", "a")
#> positions("héllo wörld", "ö")
#> differences("kitten", "sitting")
#> differences("日本語", "日本人")
#> strict_pairs("abc", "abc")
#> strict_pairs("abc", "ab")
#> strict_pairs("ab", "abc")
#> extremes("hello")
#> extremes("zéa")
#> extremes("")
#> joined("abc")
#> joined("")
#> letters("abcd", "bcde")
#> letters("ab", "")
#> checks("")
#> checks("ab")


def backwards(s: str) -> str:
    out = ""
    for c in reversed(s):
        out += c
    for i, c in enumerate(reversed(s[1:])):
        out += str(i) + c
    return out + "".join(c for c in reversed("héllo"))


def tuple_backwards(n: int) -> int:
    total = 0
    for x in reversed((n, n + 1, n * 3)):
        total = total * 10 + x
    return total


#> backwards("")
#> backwards("abc")
#> tuple_backwards(2)
