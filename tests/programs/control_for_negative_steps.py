# range() with negative steps, including odd strides and steps that overshoot.


def collect(a: int, b: int, s: int) -> None:
    for i in range(a, b, s):
        print(i, end=" ")
    print()


def count(a: int, b: int, s: int) -> int:
    c = 0
    for i in range(a, b, s):
        c += 1
    return c


#> collect(10, 0, -1)
#> collect(10, 0, -3)
#> collect(10, -10, -7)
#> collect(0, 10, -1)
#> collect(-1, -2, -1)
#> collect(5, 5, -1)
#> collect(3, -4, -100)
#> count(100, -100, -9)
#> count(2**63 - 1, 2**63 - 1000, -7)
#> count(-2**63 + 10, -2**63, -3)
#> count(2**63 - 1, -2**63, -2**63)
#> count(-2**63, 2**63 - 1, 2**63 - 1)
