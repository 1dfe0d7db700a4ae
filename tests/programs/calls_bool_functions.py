# Functions of bools, returning bools, used as conditions and in arithmetic.


def implies(p: bool, q: bool) -> bool:
    return not p or q


def xor(p: bool, q: bool) -> bool:
    return p != q


def majority(p: bool, q: bool, r: bool) -> bool:
    return (p and q) or (q and r) or (p and r)


def count_true(p: bool, q: bool, r: bool) -> int:
    return p + q + r


def table() -> None:
    for i in range(8):
        p, q, r = i & 1 == 1, i & 2 == 2, i & 4 == 4
        print(p, q, r, implies(p, q), xor(q, r), majority(p, q, r), count_true(p, q, r))


#> implies(True, False)
#> implies(False, False)
#> xor(True, False)
#> majority(True, False, True)
#> count_true(True, True, True)
#> table()
