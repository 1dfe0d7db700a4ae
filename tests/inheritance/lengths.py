# len() and truth of values typed with a base class whose subclass overrides __len__: the object's
# class's __len__, checked as CPython checks it (ValueError for a negative length), also where the
# subclass only inherits it.


class A:
    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n



class B(A):
    def __len__(self) -> int:
        return -self.n



class C(A):
    pass



def size(k: int, n: int) -> int:
    a: A = A(n) if k == 0 else B(n) if k == 1 else C(n)
    return len(a)



def truth(k: int, n: int) -> bool:
    a: A = A(n) if k == 0 else B(n) if k == 1 else C(n)
    return bool(a)


#> size(0, 3)
#> size(0, -3)
#> size(1, 3)
#> size(1, -3)
#> size(2, -1)
#> truth(1, 2)
#> truth(1, 0)
