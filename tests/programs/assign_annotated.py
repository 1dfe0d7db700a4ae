# Annotated assignments declare a local's type; int values widen into float locals.


def annotated(n: int) -> float:
    x: float = 1.5
    y: int = n * 2
    flag: bool = n > 0
    x = x + y
    return x if flag else -x


def widen_later(n: int) -> float:
    total: float = 0.5
    for i in range(n):
        total += i
    return total


def accumulate(n: int) -> float:
    s = 0.0
    for i in range(n):
        s = s + i / 3
    return s


def widened_value(n: int) -> float:
    x: float = 0.0
    x = n
    return x * 2


#> annotated(3)
#> annotated(-3)
#> widen_later(4)
#> accumulate(10)
# Deviation: an int assigned to a float local becomes a float (CPython keeps the int).
#> widened_value(3) => 6.0
