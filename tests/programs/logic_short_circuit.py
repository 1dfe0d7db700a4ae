# and/or evaluate their right side only when needed; the effects show through print.


def show(v: int) -> int:
    print("show", v)
    return v


def fshow(x: float) -> float:
    print("fshow", x)
    return x


def or_chain(a: int, b: int) -> int:
    return show(a) or show(b) or show(99)


def and_chain(a: int, b: int) -> int:
    return show(a) and show(b) and show(99)


def in_condition(a: int, b: int) -> int:
    if show(a) > 0 and show(b) > 0:
        return 1
    if show(a) < 0 or show(b) < 0:
        return 2
    return 3


def float_cond(x: float, y: float) -> int:
    if fshow(x) or fshow(y):
        return 1
    return 0


def not_effects(a: int) -> bool:
    return not show(a)


def zero_guard(a: int, b: int) -> bool:
    return b != 0 and a // b > 1


#> or_chain(0, 0)
#> or_chain(0, 5)
#> or_chain(4, 5)
#> and_chain(1, 2)
#> and_chain(0, 2)
#> and_chain(1, 0)
#> in_condition(1, 1)
#> in_condition(-1, 1)
#> in_condition(1, -1)
#> in_condition(0, 0)
#> float_cond(0.0, 0.0)
#> float_cond(-0.0, 0.5)
#> float_cond(float('nan'), 0.0)
#> not_effects(0)
#> not_effects(3)
#> zero_guard(10, 0)
#> zero_guard(10, 3)
