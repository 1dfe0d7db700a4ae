# Building strings in loops: repeated concatenation, separators, conditional pieces,
# reassigning parameters, strings that grow long, and returning from the middle of a loop.


def join_ints(n: int, sep: str) -> str:
    out = ""
    for i in range(n):
        if i > 0:
            out = out + sep
        out = out + str(i)
    return out


def fizzbuzz(n: int) -> str:
    out = ""
    for i in range(1, n + 1):
        word = ""
        if i % 3 == 0:
            word = word + "Fizz"
        if i % 5 == 0:
            word = word + "Buzz"
        if word == "":
            word = str(i)
        out = out + word + " "
    return out


def long_string(n: int) -> int:
    s = ""
    for i in range(n):
        s = s + "ab€"
    return len(s)


def prepend(n: int) -> str:
    s = "!"
    for i in range(n):
        s = str(i % 10) + s
    return s


def stars(n: int) -> str:
    out = ""
    for i in range(n):
        row = ""
        for j in range(i + 1):
            row = row + "*"
        out = out + row + "\n"
    return out


def first_long(n: int, limit: int) -> str:
    s = ""
    for i in range(n):
        s = s + "x" + str(i)
        if len(s) > limit:
            return s
    return "short: " + s


def param_grow(s: str, n: int) -> str:
    for i in range(n):
        s = s + s
    return s


def binary(n: int) -> str:
    if n == 0:
        return "0"
    digits = ""
    m = n if n > 0 else -n
    while m > 0:
        digits = str(m % 2) + digits
        m = m // 2
    if n < 0:
        return "-" + digits
    return digits


def collatz_path(n: int) -> str:
    path = str(n)
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        path = path + "→" + str(n)
    return path


def count_in(hay: str, n: int) -> int:
    found = 0
    probe = ""
    for i in range(n):
        probe = probe + "a"
        if probe in hay:
            found += 1
    return found


def printing(n: int) -> None:
    line = ""
    for i in range(n):
        line = line + str(i)
        print(line, len(line), sep=":", end=" ")
    print()

#> join_ints(0, ", ")
#> join_ints(1, ", ")
#> join_ints(12, ", ")
#> join_ints(5, "")
#> join_ints(4, "→")
#> fizzbuzz(15)
#> fizzbuzz(0)
#> long_string(0)
#> long_string(10000)
#> prepend(0)
#> prepend(25)
#> stars(0)
#> stars(5)
#> first_long(100, 20)
#> first_long(3, 100)
#> first_long(0, 0)
#> param_grow("ab", 0)
#> param_grow("ab", 10)
#> param_grow("", 10)
#> param_grow("é", 3)
#> binary(0)
#> binary(10)
#> binary(-255)
#> binary(9223372036854775807)
#> binary(-9223372036854775807)
#> collatz_path(1)
#> collatz_path(27)
#> count_in("aaaa-aa", 6)
#> count_in("", 3)
#> printing(0)
#> printing(6)
