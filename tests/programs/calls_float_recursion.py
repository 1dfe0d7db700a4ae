# Recursive float functions: fast exponentiation and a continued fraction.


def fpow(x: float, n: int) -> float:
    if n == 0:
        return 1.0
    if n < 0:
        return 1.0 / fpow(x, -n)
    half = fpow(x, n // 2)
    if n % 2:
        return half * half * x
    return half * half


def golden(depth: int) -> float:
    if depth == 0:
        return 1.0
    return 1.0 + 1.0 / golden(depth - 1)


def hanoi(n: int, src: int, dst: int, via: int) -> int:
    if n == 0:
        return 0
    moves = hanoi(n - 1, src, via, dst)
    if n <= 2:
        print("move", n, src, "->", dst)
    return moves + 1 + hanoi(n - 1, via, dst, src)


#> fpow(1.1, 100)
#> fpow(2.0, -3)
#> fpow(0.0, -1)
#> fpow(10.0, 400)
#> golden(40)
#> hanoi(3, 1, 3, 2)
