# str values: literals, +, comparisons, `in`, len(), truthiness, parameters and results.


def greet(name: str) -> str:
    return "hello, " + name + "!"


def measure(s: str) -> int:
    return len(s) + len(s + s)


def order(a: str, b: str) -> int:
    if a < b:
        return -1
    if a == b:
        return 0
    return 1


def chained(a: str, b: str, c: str) -> bool:
    return a <= b < c


def contains(needle: str, haystack: str) -> bool:
    return needle in haystack and not ("zz" in haystack)


def not_contains(needle: str, haystack: str) -> bool:
    return needle not in haystack


def pick(flag: bool, a: str, b: str) -> str:
    return a if flag else b


def first_nonempty(a: str, b: str) -> str:
    return a or b


def both(a: str, b: str) -> str:
    return a and b


def truth(s: str) -> int:
    if s:
        return 1
    return 0


def reassign(n: int) -> str:
    s = ""
    for i in range(n):
        s = s + "ab"
        if len(s) > 6:
            s = "x"
    return s


#> greet("world")
#> greet("")
#> greet("wörld ✓")
#> measure("")
#> measure("abc")
#> measure("日本語")
#> order("a", "b")
#> order("b", "a")
#> order("abc", "abc")
#> order("ab", "abc")
#> order("é", "z")
#> order("Z", "a")
#> chained("a", "b", "c")
#> chained("a", "a", "b")
#> chained("b", "a", "c")
#> contains("ell", "hello")
#> contains("", "hello")
#> contains("xyz", "hello")
#> contains("ö", "wörld")
#> not_contains("ab", "cab")
#> not_contains("ba", "cab")
#> pick(True, "yes", "no")
#> pick(False, "yes", "no")
#> first_nonempty("", "fallback")
#> first_nonempty("first", "fallback")
#> both("", "x")
#> both("a", "x")
#> truth("")
#> truth(" ")
#> reassign(0)
#> reassign(2)
#> reassign(5)
