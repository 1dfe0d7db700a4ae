# Deeply nested blocks of every kind.


def deep(n: int) -> int:
    total = 0
    for a in range(n):
        if a % 2 == 0:
            for b in range(a):
                k = 0
                while k < b:
                    if (a + b + k) % 3 == 0:
                        if k % 2:
                            total += 1
                        else:
                            total += 2
                    elif (a * b) % 5 == 1:
                        k += 1
                        continue
                    else:
                        total -= 1
                    k += 1
        elif a % 3 == 0:
            total *= 2
        else:
            total += a
    return total


def deep_returns(n: int) -> int:
    for a in range(n):
        for b in range(n):
            for c in range(n):
                if a + b + c == n:
                    if a * b * c > 0:
                        return a * 100 + b * 10 + c
    return -1


#> deep(10)
#> deep(25)
#> deep_returns(5)
#> deep_returns(2)
