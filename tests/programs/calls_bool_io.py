# bool parameters and results cross the boundary as Python bools.


def flip(p: bool) -> bool:
    return not p


def both(p: bool, q: bool) -> bool:
    return p and q


def to_bool(n: int) -> bool:
    return n != 0


def count(p: bool, q: bool) -> int:
    return int(p) * 2 + q


def choose(p: bool, a: float, b: float) -> float:
    return a if p else b


#> flip(True)
#> flip(False)
#> both(True, True)
#> both(True, False)
#> to_bool(0)
#> to_bool(-2**63)
#> count(True, True)
#> count(False, True)
#> choose(True, 1.5, 2.5)
#> choose(False, 1.5, -0.0)
