# A tuple whose items all have one type indexed at run time: module constants (DAYS[month]), locals,
# negative indices, bools as indices, str items; CPython's IndexError text when out of range.

DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
NAMES = ("jan", "feb", "mar")
WEIGHTS = (0.5, 0.25, 0.125)


def days_in(month: int) -> int:
    return DAYS[month - 1]


def day_of_year(month: int, day: int) -> int:
    total = day
    for m in range(month - 1):
        total += DAYS[m]
    return total


def name(i: int) -> str:
    return NAMES[i] + "/" + NAMES[-1] + "/" + NAMES[True]


def weighted(a: int, b: int) -> float:
    t = (a * 1.0, b * 2.0, (a + b) * 0.5)
    s = 0.0
    for i in range(-3, 3):
        s += t[i] * WEIGHTS[i % 3]
    return s


def flag(i: int) -> bool:
    return (True, False, True)[i]


#> days_in(2)
#> days_in(12)
#> days_in(13)
#> days_in(0)
#> days_in(-11)
#> day_of_year(3, 1)
#> day_of_year(12, 31)
#> name(0)
#> name(-3)
#> name(3)
#> weighted(3, 4)
#> flag(1)
#> flag(-4)
