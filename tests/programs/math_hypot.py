# math.hypot matches CPython's own algorithm to the last bit, infinities and NaNs included.
import math


def hypot(x: float, y: float) -> float:
    return math.hypot(x, y)


#> hypot(3.0, 4.0)
#> hypot(-3.0, 4.0)
#> hypot(0.0, 0.0)
#> hypot(-0.0, 0.0)
#> hypot(0.0, -5.0)
#> hypot(1.0, 1.0)
#> hypot(0.1, 0.2)
#> hypot(1e308, 1e308)
#> hypot(1e-308, 1e-308)
#> hypot(5e-324, 5e-324)
#> hypot(5e-324, 0.0)
#> hypot(3e-320, 4e-320)
#> hypot(2.0**-1023, 2.0**-1023)
#> hypot(1.0, 1e-20)
#> hypot(123456.789, 0.000123)
#> hypot(float('inf'), 1.0)
#> hypot(1.0, float('-inf'))
#> hypot(float('nan'), 1.0)
#> hypot(float('inf'), float('nan'))
#> hypot(float('nan'), float('inf'))
#> hypot(float('nan'), float('-inf'))
#> hypot(float('nan'), float('nan'))
