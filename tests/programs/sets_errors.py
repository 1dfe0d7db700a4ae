# Set errors with CPython's exceptions: KeyError from remove (the element, repr'd) and from pop
# of an empty set, RuntimeError when a loop's set changes size; nothing leaks when they
# interrupt a loop or an expression.


def remove_int(n: int) -> int:
    s = {1, 2, 3}
    s.remove(n)
    return len(s)


def remove_str(x: str) -> int:
    s = {"a", "b"}
    s.remove(x)
    return len(s)


def pop_empty(n: int) -> int:
    s: set[str] = set()
    for i in range(n):
        s.add(str(i))
    t = 0
    for i in range(n + 1):
        t += len(s.pop())
    return t


def add_while_iterating(n: int) -> int:
    s = {1, 2, 3}
    count = 0
    for x in s:
        count += 1
        if x == n:
            s.add(100)
    return count


def discard_while_iterating(n: int) -> int:
    s = {"a", "b", "c"}
    count = 0
    for x in s:
        count += 1
        if count == n:
            s.discard("c")
    return count


def fail_in_expression(x: str) -> str:
    s = {"k" + x}
    return str(len(s | {x})) + str(s.pop()) + str(s.pop())


#> remove_int(2)
#> remove_int(7)
#> remove_str("b")
#> remove_str("it's")
#> pop_empty(3)
#> pop_empty(0)
#> add_while_iterating(9)
#> add_while_iterating(2)
#> discard_while_iterating(5)
#> discard_while_iterating(1)
#> fail_in_expression("q")
