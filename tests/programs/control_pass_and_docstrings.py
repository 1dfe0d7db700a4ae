"""A cell may start with a docstring; functions may have docstrings and string statements."""


def documented(n: int) -> int:
    """Return n doubled."""
    "a string statement is a comment"
    return n * 2


def placeholder() -> None:
    ...


def empty_branches(n: int) -> int:
    if n > 0:
        pass
    elif n < 0:
        ...
    else:
        pass
    while False:
        pass
    for _ in range(n):
        pass
    return n


#> documented(21)
#> placeholder()
#> empty_branches(5)
#> empty_branches(-5)
