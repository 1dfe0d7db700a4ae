# raise of builtin exception classes: with a message, an f-string, several arguments, none,
# `from` a caught exception or None; assert with any str message.


def check_age(age: int) -> int:
    if age < 0:
        raise ValueError("age must not be negative")
    if age > 150:
        raise ValueError(f"age {age} is not plausible")
    return age


def bare_class(n: int) -> int:
    if n == 0:
        raise ZeroDivisionError
    return 100 // n


def many_args(k: int) -> int:
    if k == 1:
        raise KeyError(k)
    if k == 2:
        raise KeyError("missing", k, 2.5)
    if k == 3:
        raise IndexError(True)
    if k == 4:
        raise OverflowError(1.5)
    if k == 5:
        raise NotImplementedError()
    if k == 6:
        raise StopIteration(k)
    if k == 7:
        raise Exception("plain")
    if k == 8:
        raise ArithmeticError("arith")
    if k == 9:
        raise LookupError("lookup")
    if k == 10:
        raise TypeError("expected " + "int")
    if k == 11:
        raise RuntimeError
    return k


def wrapped(b: int) -> int:
    try:
        return 10 // b
    except ZeroDivisionError as e:
        raise ValueError(f"bad divisor {b}") from e


def wrapped_none(b: int) -> int:
    try:
        return 10 // b
    except ZeroDivisionError:
        raise ValueError("no context") from None


def assert_text(x: float, name: str) -> float:
    assert x >= 0.0, f"{name} must not be negative, got {x}"
    assert x < 100.0, "too big: " + name
    return x


def raise_in_loop(n: int) -> int:
    total = 0
    for i in range(n):
        if i == 7:
            raise RuntimeError(f"stopped at {i} with total {total}")
        total += i
    return total


#> check_age(30)
#> check_age(-1)
#> check_age(200)
#> bare_class(0)
#> bare_class(5)
#> many_args(1)
#> many_args(2)
#> many_args(3)
#> many_args(4)
#> many_args(5)
#> many_args(6)
#> many_args(7)
#> many_args(8)
#> many_args(9)
#> many_args(10)
#> many_args(11)
#> many_args(12)
#> wrapped(2)
#> wrapped(0)
#> wrapped_none(0)
#> assert_text(5.0, "x")
#> assert_text(-5.0, "x")
#> assert_text(500.0, "width")
#> raise_in_loop(5)
#> raise_in_loop(10)
