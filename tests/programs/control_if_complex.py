# Conditions built from comparisons, not, and/or over ints, floats and bools.


def grade(score: float) -> int:
    if score >= 90.0 and score <= 100.0:
        return 4
    elif 80.0 <= score < 90.0:
        return 3
    elif not score < 70.0:
        return 2
    elif score != score:
        return -1
    return 0


def leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def quadrant(x: float, y: float) -> int:
    if x > 0 and y > 0:
        return 1
    if x < 0 < y:
        return 2
    if x < 0 and y < 0:
        return 3
    if y < 0 < x:
        return 4
    return 0


def flags(a: bool, b: bool, c: bool) -> int:
    if a and not b or c:
        return 1
    if not (a or b):
        return 2
    return 3


#> grade(95.0)
#> grade(85.0)
#> grade(75.0)
#> grade(10.0)
#> grade(float('nan'))
#> grade(101.0)
#> leap(1900)
#> leap(2000)
#> leap(2024)
#> leap(2023)
#> quadrant(1.0, 1.0)
#> quadrant(-1.0, 1.0)
#> quadrant(-1.0, -1.0)
#> quadrant(1.0, -1.0)
#> quadrant(0.0, 1.0)
#> quadrant(float('nan'), 1.0)
#> flags(True, False, False)
#> flags(False, False, False)
#> flags(False, True, False)
#> flags(True, True, True)
