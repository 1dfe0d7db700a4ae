# try / except / else / finally: catching what compiled code raises (its own raises, failing
# operations, calls), by class hierarchy as Python does; str(e), bare raise, finally on every path.


def safe_div(a: int, b: int) -> int:
    try:
        return a // b
    except ZeroDivisionError:
        return 0


def by_hierarchy(k: int) -> str:
    try:
        if k == 0:
            return str(10 // k)
        if k == 1:
            raise KeyError(k)
        if k == 2:
            raise IndexError("index")
        if k == 3:
            raise OverflowError("big")
        if k == 4:
            raise ValueError("value")
        if k == 5:
            raise RuntimeError("runtime")
        return "none"
    except LookupError as e:
        return "lookup " + str(e)
    except ArithmeticError as e:
        return f"arith {e}"
    except (ValueError, TypeError) as e:
        print("value or type:", e)
        return "vt"
    except Exception as e:
        return "exception: " + str(e)


def index_error(i: int) -> str:
    s = "hello"
    try:
        return s[i]
    except IndexError as e:
        return str(e)


def overflow(n: int) -> int:
    x = 1
    try:
        for _ in range(n):
            x = x * 1000
    except OverflowError:
        return -1
    return x


def parse(text: str) -> int:
    try:
        value = int(text)
    except ValueError as e:
        print(e)
        return -1
    else:
        print("parsed", value)
        return value


def dict_lookup(d: dict[str, int], key: str) -> int:
    try:
        return d[key]
    except KeyError as e:
        print("missing", e)
        return 0


def finally_paths(n: int) -> int:
    total = 0
    for i in range(n):
        try:
            if i == 2:
                continue
            if i == 5:
                break
            total += i
        finally:
            total += 100
            print("finally", i)
    return total


def finally_return(x: int) -> int:
    try:
        if x > 0:
            return x
        print("not positive")
    finally:
        print("finally runs")
    return -x


def finally_error(x: int) -> int:
    try:
        return 10 // x
    finally:
        print("cleanup")


def reraise(x: int) -> int:
    try:
        return 10 // x
    except ArithmeticError as e:
        print("logging", e)
        raise


def reraise_name(x: int) -> int:
    try:
        return 10 // x
    except ZeroDivisionError as e:
        raise e


def not_caught(x: int) -> int:
    try:
        return 10 // x
    except ValueError:
        return -1


def helper(n: int) -> int:
    if n > 3:
        raise ValueError(f"n too large: {n}")
    return n * n


def from_callee(n: int) -> int:
    try:
        return helper(n)
    except ValueError as e:
        print("callee said:", e)
        return -1


def nested(a: int, b: int) -> str:
    try:
        try:
            return str(a // b)
        except ZeroDivisionError:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        return f"outer caught {e}"
    finally:
        print("outer finally")


def handler_raises(x: int) -> int:
    try:
        return 10 // x
    except ZeroDivisionError:
        return 1 // x


def assertion(x: int) -> str:
    try:
        assert x > 0, f"x was {x}"
        return "fine"
    except AssertionError as e:
        return "assertion: " + str(e)


def catch_all(x: int) -> str:
    try:
        raise RuntimeError(f"r{x}")
    except:  # noqa: E722
        return "caught everything"


def strings_in_try(n: int) -> str:
    out = ""
    for i in range(n):
        try:
            out = out + str(100 // (i - 2)) + ","
        except ZeroDivisionError as e:
            out = out + "<" + str(e) + ">"
    return out


def loop_sum(n: int) -> float:
    s = 0.0
    try:
        for i in range(n):
            s += 1.0 / (i + 1)
    except ZeroDivisionError:
        return -1.0
    return s


def else_and_finally(x: int) -> int:
    r = 0
    try:
        r = 10 // x
    except ZeroDivisionError:
        r = -1
    else:
        r += 1000
    finally:
        r += 1
    return r


#> safe_div(7, 2)
#> safe_div(7, 0)
#> by_hierarchy(0)
#> by_hierarchy(1)
#> by_hierarchy(2)
#> by_hierarchy(3)
#> by_hierarchy(4)
#> by_hierarchy(5)
#> by_hierarchy(6)
#> index_error(1)
#> index_error(10)
#> overflow(3)
# Deviation: 1000 ** 10 leaves 64 bits: jitcell raises OverflowError, which the function catches
#> overflow(10) => -1
#> parse("42")
#> parse("4x2")
#> dict_lookup({"a": 1}, "a")
#> dict_lookup({"a": 1}, "b")
#> finally_paths(10)
#> finally_return(5)
#> finally_return(-5)
#> finally_error(2)
#> finally_error(0)
#> reraise(5)
#> reraise(0)
#> reraise_name(0)
#> not_caught(0)
#> from_callee(2)
#> from_callee(5)
#> nested(6, 3)
#> nested(6, 0)
#> handler_raises(0)
#> assertion(1)
#> assertion(-1)
#> catch_all(3)
#> strings_in_try(5)
#> loop_sum(10)
#> else_and_finally(5)
#> else_and_finally(0)
