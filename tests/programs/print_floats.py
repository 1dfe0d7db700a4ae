# print shows floats by their shortest repr, exactly as CPython does.


def show(x: float) -> None:
    print(x, -x, x * 10, x / 10)


def series(n: int) -> None:
    x = 1.0
    for _ in range(n):
        print(x)
        x /= 7.0


def boundaries() -> None:
    print(1e16, 1e15, 123456789012345678.0, 0.0001, 0.00001)
    print(2.0**53, 2.0**-1074, 1.7976931348623157e308, 2.2250738585072014e-308)
    print(1 / 3, 2 / 3, 10 / 3, 1e22, 1e21, 1e-7)


#> show(0.1)
#> show(1.0)
#> show(3.14159)
#> show(1e300)
#> series(12)
#> boundaries()
