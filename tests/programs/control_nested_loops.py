# break and continue act on the innermost loop only.


def pairs(n: int) -> int:
    count = 0
    for i in range(n):
        for j in range(n):
            if j > i:
                break
            if (i + j) % 2:
                continue
            count += 1
    return count


def triple(n: int) -> int:
    total = 0
    i = 0
    while i < n:
        i += 1
        if i == 2:
            continue
        for j in range(i):
            k = 0
            while True:
                k += 1
                if k > j:
                    break
                total += k
            if j == 3:
                break
    return total


def search(limit: int) -> int:
    for a in range(1, limit):
        for b in range(a, limit):
            for c in range(b, limit):
                if a * a + b * b == c * c and a + b + c == 1000:
                    return a * b * c
    return -1


def labels(n: int) -> None:
    for i in range(n):
        for j in range(n):
            if j == i:
                continue
            if j > i + 1:
                break
            print(i, j)
        else:
            print("inner done", i)


#> pairs(6)
#> triple(6)
#> search(50)
#> labels(3)
