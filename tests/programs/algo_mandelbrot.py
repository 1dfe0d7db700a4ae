# Escape-time iteration counts of the Mandelbrot set.


def escape(cr: float, ci: float, limit: int) -> int:
    zr, zi = 0.0, 0.0
    for n in range(limit):
        if zr * zr + zi * zi > 4.0:
            return n
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    return limit


def render(width: int, height: int) -> None:
    for row in range(height):
        for col in range(width):
            n = escape(-2.0 + 2.5 * col / width, -1.0 + 2.0 * row / height, 30)
            if n == 30:
                print("#", end="")
            elif n > 5:
                print("+", end="")
            else:
                print(".", end="")
        print()


def total(width: int, height: int) -> int:
    s = 0
    for row in range(height):
        for col in range(width):
            s += escape(-2.0 + 2.5 * col / width, -1.0 + 2.0 * row / height, 100)
    return s


#> escape(0.0, 0.0, 50)
#> escape(1.0, 1.0, 50)
#> escape(-0.75, 0.1, 1000)
#> render(24, 10)
#> total(40, 20)
