# bools compare as 0 and 1, against each other, ints and floats.


def cmp_bools(a: bool, b: bool) -> int:
    r = 0
    if a < b:
        r += 1
    if a == b:
        r += 2
    if a > b:
        r += 4
    return r


def bool_int(a: bool, n: int) -> bool:
    return a == n


def bool_float(a: bool, x: float) -> bool:
    return a < x


def result_is_bool(a: int, b: int) -> bool:
    return (a < b) == (b > a)


#> cmp_bools(False, True)
#> cmp_bools(True, True)
#> cmp_bools(True, False)
#> bool_int(True, 1)
#> bool_int(True, 2)
#> bool_int(False, 0)
#> bool_float(True, 1.5)
#> bool_float(True, 0.5)
#> bool_float(False, -0.0)
#> result_is_bool(1, 2)
#> result_is_bool(2, 2)
