# Float modulo: the result takes the divisor's sign; a zero result is signed like it.


def mod(x: float, y: float) -> float:
    return x % y


#> mod(7.0, 3.0)
#> mod(-7.0, 3.0)
#> mod(7.0, -3.0)
#> mod(-7.0, -3.0)
#> mod(6.0, 3.0)
#> mod(-6.0, 3.0)
#> mod(6.0, -3.0)
#> mod(-6.0, -3.0)
#> mod(0.0, 5.0)
#> mod(-0.0, 5.0)
#> mod(0.0, -5.0)
#> mod(-0.0, -5.0)
#> mod(5.5, 2.0)
#> mod(-5.5, 2.0)
#> mod(1.0, 0.1)
#> mod(-1.0, 0.1)
#> mod(1e-300, 1e300)
#> mod(-1e-300, 1e300)
#> mod(1e300, 1e-300)
#> mod(5.0, float('inf'))
#> mod(-5.0, float('inf'))
#> mod(5.0, float('-inf'))
#> mod(-5.0, float('-inf'))
#> mod(float('inf'), 5.0)
#> mod(float('nan'), 5.0)
#> mod(5.0, float('nan'))
#> mod(5.0, 0.0)
#> mod(5.0, -0.0)
#> mod(float('inf'), 0.0)
