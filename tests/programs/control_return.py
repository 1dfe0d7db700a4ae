# return from inside loops and branches; functions that return None.


def find(n: int, target: int) -> int:
    for i in range(n):
        for j in range(n):
            if i * j == target:
                return i * 100 + j
    return -1


def early(n: int) -> int:
    while True:
        if n > 100:
            return n
        n *= 2


def nothing(n: int) -> None:
    if n > 0:
        print("positive")
        return
    print("not positive")


def implicit_none(n: int):
    print("got", n)


def returns_none_explicitly() -> None:
    return None


def with_pass(n: int) -> int:
    if n > 0:
        pass
    else:
        pass
    return n


#> find(10, 12)
#> find(3, 100)
#> early(3)
#> early(1000)
#> nothing(1)
#> nothing(-1)
#> implicit_none(5)
#> returns_none_explicitly()
#> with_pass(3)
