# Output interleaved with control flow.


def table(n: int) -> None:
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            print(i * j, end=" ")
        print()


def fizzbuzz(n: int) -> None:
    for i in range(1, n + 1):
        if i % 15 == 0:
            print("FizzBuzz")
        elif i % 3 == 0:
            print("Fizz")
        elif i % 5 == 0:
            print("Buzz")
        else:
            print(i)


def floats(n: int) -> None:
    x = 0.0
    for i in range(n):
        x += 0.1
        print(i, x)


def before_error(n: int) -> int:
    print("start")
    r = 10 // n
    print("not reached when n == 0")
    return r


#> table(4)
#> fizzbuzz(15)
#> floats(12)
#> before_error(0)
#> before_error(3)
