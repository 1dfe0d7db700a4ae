# Arguments are evaluated left to right, keywords in the order written.


def show(v: int) -> int:
    print("arg", v)
    return v


def diff(a: int, b: int) -> int:
    return a - b


def three(a: int, b: int, c: int) -> int:
    return a * 100 + b * 10 + c


def positional() -> int:
    return diff(show(1), show(2))


def keywords_reversed() -> int:
    return diff(b=show(1), a=show(2))


def mixed() -> int:
    return three(show(1), c=show(2), b=show(3))


def nested() -> int:
    return three(show(diff(show(5), show(3))), show(4), c=show(diff(b=show(7), a=show(6))))


def operands() -> int:
    return show(1) * 10 + show(2) - show(3) // show(4)


#> positional()
#> keywords_reversed()
#> mixed()
#> nested()
#> operands()
