# Integer sequences: Catalan numbers, happy numbers, perfect numbers, Collatz records.


def catalan(n: int) -> int:
    c = 1
    for i in range(n):
        c = c * 2 * (2 * i + 1) // (i + 2)
    return c


def happy(n: int) -> bool:
    slow, fast = n, n
    while True:
        s = 0
        while slow:
            s += (slow % 10) ** 2
            slow //= 10
        slow = s
        for _ in range(2):
            s = 0
            while fast:
                s += (fast % 10) ** 2
                fast //= 10
            fast = s
        if slow == fast:
            break
    return slow == 1


def perfect_sum(limit: int) -> int:
    total = 0
    for n in range(2, limit):
        s = 1
        d = 2
        while d * d <= n:
            if n % d == 0:
                s += d
                if d * d != n:
                    s += n // d
            d += 1
        if s == n:
            total += n
    return total


def collatz_record(limit: int) -> int:
    best, arg = 0, 0
    for n in range(1, limit):
        steps, m = 0, n
        while m != 1:
            m = m // 2 if m % 2 == 0 else 3 * m + 1
            steps += 1
        if steps > best:
            best, arg = steps, n
    return arg


#> catalan(10)
#> catalan(33)
#> happy(7)
#> happy(4)
#> perfect_sum(10000)
#> collatz_record(10000)
