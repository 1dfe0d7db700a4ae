# while loops, with break, continue and else.


def collatz(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def find_divisor(n: int) -> int:
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    else:
        return n
    return d


def skip_odds(n: int) -> int:
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2:
            continue
        total += i
    return total


def else_runs(n: int) -> int:
    i = 0
    while i < n:
        i += 1
    else:
        i += 100
    return i


def while_true(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i >= n:
            break
    return i


def nested_break(n: int) -> int:
    count = 0
    i = 0
    while i < n:
        j = 0
        while True:
            if j >= i:
                break
            count += 1
            j += 1
        i += 1
    return count


#> collatz(1)
#> collatz(27)
#> collatz(97)
#> find_divisor(97)
#> find_divisor(91)
#> find_divisor(2**31 - 1)
#> skip_odds(10)
#> skip_odds(0)
#> else_runs(0)
#> else_runs(5)
#> while_true(1)
#> while_true(10)
#> nested_break(5)
