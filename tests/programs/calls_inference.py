# Return types are inferred from the return statements, also through recursion.


def double(n: int):
    return n * 2


def half(x: float):
    return x / 2


def positive(n: int):
    return n > 0


def countdown(n: int):
    if n <= 0:
        return 0
    return countdown(n - 1) + 1


def uses_others(n: int):
    if positive(n):
        return half(double(n))
    return -1.0


def nothing(n: int):
    if n:
        return
    print("zero")


#> double(21)
#> half(3.0)
#> positive(0)
#> positive(2)
#> countdown(10)
#> uses_others(5)
#> uses_others(-5)
#> nothing(0)
#> nothing(1)
