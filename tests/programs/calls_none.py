# Functions that return None, called for their effects.


def say(n: int) -> None:
    print("say", n)


def say_twice(n: int) -> None:
    say(n)
    return say(n + 1)


def report(n: int):
    if n < 0:
        print("negative")
        return
    for i in range(n):
        say(i)


def main(n: int) -> int:
    say_twice(n)
    report(2)
    report(-1)
    return n


#> say(3)
#> say_twice(1)
#> report(3)
#> report(-2)
#> main(7)
