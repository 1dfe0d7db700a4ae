# The truth of values typed with a base class whose subclasses decide it in different ways: none
# (always true), __len__() != 0, a __bool__ below a class with __len__, a __bool__ in a sibling:
# `if a`, bool(a) and `not a` run the way of the object's class, the value evaluated once.


class A:
    def __init__(self, n: int):
        self.n = n



class B(A):
    def __len__(self) -> int:
        print("B.len", self.n)
        return self.n



class C(B):
    def __bool__(self) -> bool:
        print("C.bool", self.n)
        return self.n > 5



class D(A):
    def __bool__(self) -> bool:
        print("D.bool", self.n)
        return self.n % 2 == 1



def mk(k: int, n: int) -> A:
    print("mk", k, n)
    if k == 0:
        return A(n)
    if k == 1:
        return B(n)
    if k == 2:
        return C(n)
    return D(n)



def truth(k: int, n: int) -> str:
    a = mk(k, n)
    out = []
    if a:
        out.append("if")
    out.append(str(bool(a)))
    out.append(str(not mk(k, n)))
    b: B = B(n) if k == 1 else C(n)
    out.append(str(bool(b)))
    return " ".join(out)


#> truth(0, 0)
#> truth(1, 0)
#> truth(1, 3)
#> truth(2, 3)
#> truth(2, 7)
#> truth(3, 2)
#> truth(3, 3)
