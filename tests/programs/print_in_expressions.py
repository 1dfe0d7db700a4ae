# print is evaluated where it appears: in expressions, conditions and loops.


def noisy(v: int) -> int:
    print("[", v, "]", sep="")
    return v


def args_before_print(n: int) -> None:
    print("result:", noisy(n) + noisy(n * 2), noisy(3))


def fails_before_printing(n: int) -> None:
    print("never shown", 10 // n)


def partial(n: int) -> None:
    print("first")
    print("second", 10 // n)
    print("third")


#> args_before_print(1)
#> fails_before_printing(0)
#> fails_before_printing(5)
#> partial(0)
#> partial(2)
