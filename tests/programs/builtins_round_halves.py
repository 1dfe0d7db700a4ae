# round() of exact halves goes to the even neighbour; nearby values do not.


def table(n: int) -> None:
    for i in range(-n, n + 1):
        x = i + 0.5
        print(x, round(x), round(-x), round(x + 1e-9), round(x - 1e-9))


def big(x: float) -> int:
    return round(x)


#> table(6)
#> big(4503599627370495.5)
#> big(4503599627370496.0)
#> big(9007199254740993.0)
#> big(-9.223372036854775e18)
