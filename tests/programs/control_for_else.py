# for ... else: the else block runs when the loop ends without break.


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            return False
    return True


def first_multiple(n: int, k: int) -> int:
    for i in range(1, n + 1):
        if i % k == 0:
            r = i
            break
    else:
        r = -1
    return r


def else_on_empty(n: int) -> int:
    x = 0
    for i in range(n):
        x += 1
    else:
        x += 10
    return x


def continue_all(n: int) -> int:
    c = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        c += i
    else:
        c = -c
    return c


def nested_else(n: int) -> int:
    found = 0
    for i in range(2, n):
        for j in range(2, i):
            if i % j == 0:
                break
        else:
            found += 1
    return found


#> is_prime(1)
#> is_prime(2)
#> is_prime(97)
#> is_prime(91)
#> first_multiple(10, 4)
#> first_multiple(3, 4)
#> else_on_empty(0)
#> else_on_empty(3)
#> continue_all(10)
#> nested_else(30)
