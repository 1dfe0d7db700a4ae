# Evaluation order of stores into dicts: `d[k] = v` evaluates v before k (Python's rule for
# assignments), so when both fail, the value's exception is the one raised; `d[k] op= v` reads
# d[k] before it evaluates v. An unannotated function's `return {}` takes its type from its
# other returns; a bool literal is a tuple index (True is 1).


def value_first(n: int) -> dict[str, int]:
    d: dict[str, int] = {}
    d[str(100 // n)] = 10 % n  # n == 0: both fail, with different messages
    return d


def key_then_value(n: int) -> dict[int, int]:
    d = {0: 1}
    d[n // n] += 7 // (n - 1)
    return d


def unbound_value_first(flag: bool) -> dict[str, int]:
    d: dict[str, int] = {}
    if flag:
        k = 1
        v = 2
    d[str(k)] = v
    return d


def empty_from_another_return(n: int):
    if n:
        return {}
    return {n: 2 * n}


def tuple_index(n: int) -> int:
    t = (n, 2 * n)
    return t[-True]


#> value_first(1)
#> value_first(0)
#> value_first(2)
#> key_then_value(1)
#> key_then_value(0)
#> key_then_value(2)
#> unbound_value_first(True)
#> unbound_value_first(False)
#> empty_from_another_return(1)
#> empty_from_another_return(0)
#> tuple_index(5)
