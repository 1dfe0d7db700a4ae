# math.pow and ** differ in their errors: ** says ZeroDivisionError, math.pow ValueError.
import math


def op(x: float, y: float) -> float:
    return x ** y


def fn(x: float, y: float) -> float:
    return math.pow(x, y)


#> op(0.0, -1.0)
#> fn(0.0, -1.0)
#> op(-0.0, -2.0)
#> fn(-0.0, -2.0)
#> op(10.0, 400.0)
#> fn(10.0, 400.0)
#> op(2.0, 0.5)
#> fn(2.0, 0.5)
#> fn(-2.0, 0.5)
#> op(float('inf'), 0.0)
#> fn(float('inf'), 0.0)
