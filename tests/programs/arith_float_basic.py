# Float addition, subtraction, multiplication and division (IEEE 754 doubles).


def add(x: float, y: float) -> float:
    return x + y


def sub(x: float, y: float) -> float:
    return x - y


def mul(x: float, y: float) -> float:
    return x * y


def div(x: float, y: float) -> float:
    return x / y


def neg(x: float) -> float:
    return -x


#> add(0.1, 0.2)
#> add(1e308, 1e308)
#> add(-0.0, -0.0)
#> add(-0.0, 0.0)
#> add(float('inf'), float('-inf'))
#> add(float('nan'), 1.0)
#> add(5e-324, 5e-324)
#> sub(0.0, 0.0)
#> sub(-0.0, 0.0)
#> sub(0.3, 0.1)
#> sub(float('inf'), float('inf'))
#> mul(1e200, 1e200)
#> mul(-1e200, 1e200)
#> mul(1e-200, 1e-200)
#> mul(-1e-200, 1e-200)
#> mul(0.0, float('inf'))
#> mul(-0.0, 5.0)
#> mul(3.0, 0.1)
#> div(1.0, 3.0)
#> div(-1.0, 3.0)
#> div(1.0, float('inf'))
#> div(-1.0, float('inf'))
#> div(float('inf'), float('inf'))
#> div(5e-324, 2.0)
#> div(1e308, 1e-308)
#> div(float('nan'), 2.0)
#> div(1.0, 0.0)
#> div(1.0, -0.0)
#> div(0.0, 0.0)
#> div(float('nan'), 0.0)
#> div(float('inf'), 0.0)
#> neg(0.0)
#> neg(-0.0)
#> neg(float('inf'))
#> neg(float('nan'))
