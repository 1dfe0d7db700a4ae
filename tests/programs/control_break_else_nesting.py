# break in an inner loop, else clauses at several levels, and flags across them.


def first_pair(n: int, target: int) -> int:
    for i in range(n):
        for j in range(n):
            if i * j == target:
                break
        else:
            continue
        return i * 1000 + j
    return -1


def outer_else(n: int) -> int:
    count = 0
    for i in range(n):
        j = 0
        while j < i:
            if j == 3:
                break
            j += 1
        else:
            count += 1
    else:
        count += 100
    return count


def while_else_break(n: int) -> int:
    i = 0
    while i < n:
        i += 1
        if i * i > 50:
            break
    else:
        return -i
    return i


#> first_pair(10, 12)
#> first_pair(10, 97)
#> first_pair(0, 0)
#> outer_else(3)
#> outer_else(8)
#> while_else_break(5)
#> while_else_break(20)
