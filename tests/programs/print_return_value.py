# print returns None; a call that prints can be a statement or a returned None.


def say(n: int) -> None:
    return print("n is", n)


def twice(n: int):
    say(n)
    say(n * 2)


#> say(1)
#> twice(2)
