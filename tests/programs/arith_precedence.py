# Operator precedence and associativity, as Python parses them.


def pow_assoc(a: int, b: int, c: int) -> int:
    return a ** b ** c


def neg_pow(a: int) -> int:
    return -a ** 2


def neg_pow_float(x: float) -> float:
    return -x ** 0.5


def mixed(a: int, b: int, c: int) -> int:
    return a + b * c - a // b % c << 1 | a & b ^ c


def sub_assoc(a: int, b: int, c: int) -> int:
    return a - b - c


def div_assoc(x: float, y: float, z: float) -> float:
    return x / y / z


def unary_chain(a: int) -> int:
    return - - -a + ~-a - -~a


def not_precedence(a: int, b: int) -> bool:
    return not a == b


def cmp_arith(a: int, b: int) -> bool:
    return a + 1 < b * 2 == b + b


#> pow_assoc(2, 3, 2)
#> pow_assoc(2, 2, 3)
#> neg_pow(3)
#> neg_pow(-3)
#> neg_pow_float(4.0)
#> mixed(7, 3, 5)
#> mixed(-7, 3, 5)
#> sub_assoc(10, 3, 2)
#> div_assoc(100.0, 10.0, 5.0)
#> unary_chain(5)
#> not_precedence(1, 1)
#> not_precedence(1, 2)
#> cmp_arith(1, 2)
#> cmp_arith(5, 2)
