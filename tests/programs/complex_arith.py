# complex (complex128): literals, complex(), + - * / ** with ints, floats and complexes, CPython's
# algorithms bit for bit (Smith's division, c_powi for small integral exponents, _Py_c_pow otherwise),
# signed zeros, infinities and NaNs.


def add(a: complex, b: complex) -> complex:
    return a + b


def sub(a: complex, b: complex) -> complex:
    return a - b


def mul(a: complex, b: complex) -> complex:
    return a * b


def div(a: complex, b: complex) -> complex:
    return a / b


def power(a: complex, b: complex) -> complex:
    return a ** b


def power_int(a: complex, n: int) -> complex:
    return a ** n


def power_float(a: complex, x: float) -> complex:
    return a ** x


def float_power(x: float, b: complex) -> complex:
    return x ** b


def mixed(n: int, x: float, z: complex) -> complex:
    return n + z * x - n / z + 2j * n - x


def neg(z: complex) -> complex:
    return -z


def pos(z: complex) -> complex:
    return +z


def literals() -> complex:
    return 2j + 1.5 - 0j * 3 + (-0.0 - 1j)


def make(x: float, y: float) -> complex:
    return complex(x, y)


def make_one(n: int) -> complex:
    return complex(n)


def make_mixed(a: complex, b: complex) -> complex:
    return complex(a, b)


def make_default() -> complex:
    return complex() + complex("1+2j") + complex(real=3.0, imag=-4)


def augmented(z: complex, n: int) -> complex:
    acc = 0j
    for i in range(n):
        acc += z * i
        acc *= 1 + 0.5j
        acc -= 1
        acc /= 2
    return acc


def mandel(c: complex, limit: int) -> int:
    z = 0j
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return limit


#> add(1+2j, 3-4j)
#> add(-0.0-0.0j, -0.0-0.0j)
#> add(complex(-0.0, -0.0), 0j)
#> sub(1e308+1e308j, -1e308-1e308j)
#> sub(complex(-0.0, 0.0), 0j)
#> mul(1+2j, 3-4j)
#> mul(complex(float('inf'), 1), 2+0j)
#> mul(complex(float('nan'), 0), 1j)
#> mul(1e200+1e200j, 1e200+1e200j)
#> mul(complex(-0.0, 0.0), complex(0.0, -0.0))
#> div(1+2j, 3-4j)
#> div(1+2j, 0j)
#> div(1+2j, complex(-0.0, 0.0))
#> div(1, 3j)
#> div(1e300+1e300j, 1e-300+1e-300j)
#> div(1+1j, complex(float('nan'), 1))
#> div(1+1j, complex(float('inf'), 1))
#> div(complex(float('inf'), float('inf')), 1+1j)
#> div(5e-324+5e-324j, 1e-320j)
#> div(complex(0.0, -0.0), 1+0j)
#> power(1+2j, 3+0j)
#> power(1+2j, -3+0j)
#> power(1+2j, 0.5+0j)
#> power(1+2j, 1+1j)
#> power(0j, 0j)
#> power(0j, 2+0j)
#> power(0j, -1+0j)
#> power(0j, 1j)
#> power(0j, -1.5+0j)
#> power(2+0j, 1024+0j)
#> power(1.5+1.5j, 101+0j)
#> power(1.5+1.5j, 100+0j)
#> power(1e10+1e10j, 100+0j)
#> power(1+1j, complex(float('nan'), 0))
#> power(complex(float('inf'), 0), 2+0j)
#> power(-8+0j, 1/3+0j)
#> power(1j, 1j)
#> power(-1+0j, 0.5+0j)
#> power_int(1+2j, 0)
#> power_int(1+2j, 7)
#> power_int(1+2j, -7)
#> power_int(1.0001+0.0001j, 100)
#> power_int(1.0001+0.0001j, 101)
#> power_int(0j, -2)
#> power_int(complex(-0.0, -0.0), 3)
#> power_float(1+2j, 2.0)
#> power_float(1+2j, 2.5)
#> power_float(1+2j, -100.0)
#> power_float(3+4j, 1e300)
#> float_power(-2.0, 0.5+0j)
#> float_power(2.0, 1j)
#> float_power(0.0, -1j)
#> mixed(3, 2.5, 1-1j)
#> mixed(-7, -0.0, complex(-0.0, 2))
#> mixed(1, 1.0, 0j)
#> neg(complex(0.0, -0.0))
#> neg(complex(float('nan'), float('inf')))
#> pos(complex(-0.0, -0.0))
#> literals()
#> make(1.0, 2.0)
#> make(-0.0, -0.0)
#> make(float('nan'), float('-inf'))
#> make_one(2**53 + 1)
#> make_one(-5)
#> make_mixed(1+2j, 3+4j)
#> make_mixed(complex(-0.0, -0.0), complex(-0.0, -0.0))
#> make_default()
#> augmented(1+1j, 10)
#> augmented(complex(float('inf'), 0), 3)
#> mandel(-0.75+0.1j, 500)
#> mandel(0.3+0.5j, 1000)
#> mandel(0j, 50)
