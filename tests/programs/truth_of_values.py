# bool() of every value with a truth value, as `if x:` reads it: numbers, str, dicts.


def of_str(s: str) -> bool:
    return bool(s)


def of_dict(d: dict[str, int]) -> bool:
    return bool(d)


def of_numbers(n: int, x: float) -> tuple[bool, bool, bool]:
    return bool(n), bool(x), bool(n) == (not not n)


def counted(words: dict[str, int], s: str) -> int:
    total = 0
    if bool(words) and bool(s):
        total += len(words) + len(s)
    d: dict[int, int] = {}
    total += int(bool(d))
    d[1] = 2
    return total + int(bool(d))

#> of_str("")
#> of_str("a")
#> of_str(" ")
#> of_dict({})
#> of_dict({"": 0})
#> of_numbers(0, 0.0)
#> of_numbers(-3, float("nan"))
#> counted({}, "x")
#> counted({"a": 1}, "xy")
