# print of bools, ints and comparison results, and of int expressions.


def show(n: int) -> None:
    print(n, n > 0, n == 0, not n, -n, ~n)
    print(n // 3, n % 3, n / 3, n ** 2)


def many() -> None:
    print(True, False, 0, -1, 2**63 - 1, -2**63)


#> show(7)
#> show(-7)
#> show(0)
#> many()
