# atan2 in every quadrant and on every axis, signed zeros and infinities included.
import math


def angle(y: float, x: float) -> float:
    return math.atan2(y, x)


def degrees_of(y: float, x: float) -> float:
    return math.degrees(math.atan2(y, x))


#> angle(1.0, 1.0)
#> angle(1.0, -1.0)
#> angle(-1.0, -1.0)
#> angle(-1.0, 1.0)
#> angle(0.0, 1.0)
#> angle(0.0, -1.0)
#> angle(-0.0, -1.0)
#> angle(1.0, 0.0)
#> angle(-1.0, -0.0)
#> angle(float('inf'), 1.0)
#> angle(float('-inf'), float('-inf'))
#> angle(float('inf'), float('inf'))
#> angle(1.0, float('-inf'))
#> angle(-1.0, float('-inf'))
#> angle(float('nan'), float('nan'))
#> degrees_of(1.0, 0.0)
#> degrees_of(-1.0, -1.0)
