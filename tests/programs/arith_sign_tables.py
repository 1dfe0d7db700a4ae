# Floor division and modulo for every sign combination, printed as tables.


def int_table(n: int) -> None:
    for a in range(-n, n + 1):
        for b in range(-3, 4):
            if b != 0:
                print(a, b, a // b, a % b, a / b)


def float_table(n: int) -> None:
    for i in range(-n, n + 1):
        a = i * 0.75
        for j in range(-2, 3):
            b = j * 1.25
            if b != 0.0:
                print(a, b, a // b, a % b)


#> int_table(4)
#> float_table(3)
