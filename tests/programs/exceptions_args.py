# The args of a caught exception: len(e.args), e.args[i], str(e.args), printed and formatted, from
# jitcell's own errors, from raises with several arguments, and from a callback into Python.


def own_error(n: int) -> str:
    try:
        return str([1, 2, 3][n])
    except IndexError as e:
        print(e.args, len(e.args))
        return e.args[0]


def raised(n: int) -> str:
    try:
        if n > 0:
            raise ValueError("too big", n, 2.5)
        if n < 0:
            raise KeyError("negative")
        raise ArithmeticError
    except (ValueError, KeyError, ArithmeticError) as e:
        print(f"{len(e.args)} args: {e.args}")
        text = ""
        for i in range(len(e.args)):
            text += f"[{e.args[i]}]"
        return text + str(e.args)


def first_word(n: int) -> str:
    try:
        raise RuntimeError(f"failed at {n}", n)
    except RuntimeError as e:
        word = e.args[0]
        return word.upper() + "/" + str(e.args[-1])


def not_a_str(n: int) -> str:
    try:
        raise ValueError(n)
    except ValueError as e:
        return e.args[0]


def past_the_end(i: int) -> str:
    try:
        raise ValueError("only")
    except ValueError as e:
        return str(e.args[i])


def division(a: int, b: int) -> str:
    try:
        return str(a // b)
    except ZeroDivisionError as e:
        return f"{e.args!r} {e.args[0]!r}"

#> own_error(1)
#> own_error(7)
#> raised(3)
#> raised(-3)
#> raised(0)
#> first_word(4)
# Deviation: e.args[0] is read as a str; an int there is a TypeError naming it
#> not_a_str(2) !TypeError: e.args[0] is int 2, not a str
#> past_the_end(0)
#> past_the_end(-1)
#> past_the_end(1)
#> division(7, 2)
#> division(7, 0)
