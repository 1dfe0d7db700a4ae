# Calendar arithmetic: leap years, day of week (Zeller), days between dates.


def is_leap(y: int) -> bool:
    return y % 4 == 0 and y % 100 != 0 or y % 400 == 0


def day_of_week(y: int, m: int, d: int) -> int:
    if m < 3:
        m += 12
        y -= 1
    k = y % 100
    j = y // 100
    h = (d + 13 * (m + 1) // 5 + k + k // 4 + j // 4 + 5 * j) % 7
    return (h + 5) % 7


def days_from_civil(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def leap_count(a: int, b: int) -> int:
    c = 0
    for y in range(a, b):
        c += is_leap(y)
    return c


#> is_leap(1900)
#> is_leap(2000)
#> day_of_week(2000, 1, 1)
#> day_of_week(1969, 7, 20)
#> day_of_week(2024, 2, 29)
#> days_from_civil(1970, 1, 1)
#> days_from_civil(2000, 3, 1)
#> days_from_civil(-4713, 11, 24)
#> leap_count(1, 10000)
