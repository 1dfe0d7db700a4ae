# bool locals updated with &=, |=, ^= and plain assignment.


def all_positive(a: int, b: int, c: int) -> bool:
    ok = True
    ok &= a > 0
    ok &= b > 0
    ok &= c > 0
    return ok


def any_zero(a: int, b: int, c: int) -> bool:
    found = False
    found |= a == 0
    found |= b == 0
    found |= c == 0
    return found


def toggles(n: int) -> bool:
    state = False
    for i in range(n):
        state ^= i % 3 == 0
    return state


def flag_loop(n: int) -> int:
    seen = False
    count = 0
    for i in range(n):
        if i % 4 == 0:
            seen = not seen
        if seen:
            count += 1
    return count


#> all_positive(1, 2, 3)
#> all_positive(1, -2, 3)
#> any_zero(1, 0, 3)
#> any_zero(1, 2, 3)
#> toggles(7)
#> toggles(9)
#> flag_loop(20)
