# assert raises AssertionError, with the message if one is given.


def check_positive(n: int) -> int:
    assert n > 0
    return n


def with_message(n: int) -> int:
    assert n > 0, "n must be positive"
    return n


def numeric_message(n: int) -> int:
    assert n % 2 == 0, n
    return n // 2


def float_message(x: float) -> float:
    assert x >= 0.0, x
    return x


def lazy_message(n: int) -> int:
    assert n != 0, 100 // n
    return n


def noisy(n: int) -> int:
    print("message evaluated")
    return n


def message_effects(n: int) -> int:
    assert n > 0, noisy(n)
    return n


def truthy_assert(x: float) -> float:
    assert x
    return x


def empty_message(n: int) -> int:
    assert n, ""
    return n


#> check_positive(1)
#> check_positive(0)
#> with_message(5)
#> with_message(-5)
#> numeric_message(4)
#> numeric_message(5)
#> float_message(-0.5)
#> float_message(0.5)
#> lazy_message(0)
#> lazy_message(5)
#> message_effects(3)
#> message_effects(-3)
#> truthy_assert(float('nan'))
#> truthy_assert(0.0)
#> empty_message(0)
