# Float floor division: CPython's float_divmod, including signed zeros and infinities.


def fdiv(x: float, y: float) -> float:
    return x // y


#> fdiv(7.0, 2.0)
#> fdiv(-7.0, 2.0)
#> fdiv(7.0, -2.0)
#> fdiv(-7.0, -2.0)
#> fdiv(7.5, 2.5)
#> fdiv(-7.5, 2.5)
#> fdiv(0.0, 3.0)
#> fdiv(-0.0, 3.0)
#> fdiv(0.0, -3.0)
#> fdiv(-0.0, -3.0)
#> fdiv(1.0, 3.0)
#> fdiv(-1.0, 3.0)
#> fdiv(1.0, -3.0)
#> fdiv(0.5, 0.1)
#> fdiv(1.0, 0.1)
#> fdiv(-1.0, 0.1)
#> fdiv(1e308, 1e-308)
#> fdiv(1e-308, 1e308)
#> fdiv(-1e-308, 1e308)
#> fdiv(5.0, float('inf'))
#> fdiv(-5.0, float('inf'))
#> fdiv(5.0, float('-inf'))
#> fdiv(float('inf'), 5.0)
#> fdiv(float('-inf'), 5.0)
#> fdiv(float('nan'), 5.0)
#> fdiv(5.0, float('nan'))
#> fdiv(2.0**53 + 2.0, 3.0)
#> fdiv(1.0, 0.0)
#> fdiv(1.0, -0.0)
#> fdiv(float('nan'), 0.0)
