# int("...") and float("...") of string literals, the way CPython parses them.


def parsed() -> float:
    return float("1e500") + float("-0") + float(" 2.5\n") + int("-12") + int(" 7 ")


def special() -> float:
    return float("  nan ") + float("-Infinity")


def neg_zero() -> float:
    return float("-0.0")


def big_int() -> int:
    return int("9223372036854775807") + int("-9223372036854775808")


def underscores() -> float:
    return float("1_000.5") + int("1_000")


#> parsed()
#> special()
#> neg_zero()
#> big_int()
#> underscores()
