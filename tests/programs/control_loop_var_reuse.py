# A loop variable keeps its last value; an empty second loop leaves it alone.


def reuse(a: int, b: int) -> int:
    for i in range(a):
        pass
    for i in range(b):
        pass
    return i


def assigned_in_else(n: int) -> int:
    for i in range(n):
        if i == 5:
            break
    else:
        marker = -1
    return marker


def while_else_flag(n: int) -> int:
    i = 0
    while i < n:
        i += 1
        if i == 3:
            found = i
            break
    else:
        found = 0
    return found


#> reuse(3, 0)
#> reuse(3, 2)
#> reuse(0, 0)
#> reuse(0, 4)
#> assigned_in_else(3)
#> assigned_in_else(10)
#> while_else_flag(2)
#> while_else_flag(5)
