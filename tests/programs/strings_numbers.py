# Strings and numbers: ord, chr, hex, oct, bin, int(s), int(s, base), float(s).


def codes(s: str) -> int:
    return ord(s)


def char(n: int) -> str:
    return chr(n)


def bases(n: int) -> tuple[str, str, str]:
    return hex(n), oct(n), bin(n)


def to_int(s: str) -> int:
    return int(s)


def to_int_base(s: str, base: int) -> int:
    return int(s, base)


def to_float(s: str) -> float:
    return float(s)


def parse_sum(text: str) -> int:
    """An integer parser reading characters, as real programs write it."""
    total = 0
    value = 0
    in_number = False
    for c in text:
        if "0" <= c <= "9":
            value = value * 10 + (ord(c) - ord("0"))
            in_number = True
        elif in_number:
            total += value
            value = 0
            in_number = False
    return total + value

#> codes("a")
#> codes("€")
#> codes("𝄞")
#> codes("")
#> codes("ab")
#> char(65)
#> char(233)
#> char(8364)
#> char(119070)
#> char(0)
#> char(1114111)
#> char(1114112)
#> char(-1)
#> char(9223372036854775807)
#> bases(0)
#> bases(255)
#> bases(-255)
#> bases(9223372036854775807)
#> bases(-9223372036854775808)
#> to_int("42")
#> to_int("  -17\n")
#> to_int("+5")
#> to_int("1_000_000")
#> to_int("1__0")
#> to_int("_1")
#> to_int("1_")
#> to_int("")
#> to_int("   ")
#> to_int("12a")
#> to_int("0x10")
#> to_int("007")
#> to_int("9223372036854775807")
#> to_int("-9223372036854775808")
# Deviation: an int beyond 64 bits raises OverflowError (CPython returns the big int)
#> to_int("9223372036854775808") !OverflowError: does not fit in a 64-bit int
#> to_int("٣٤")
#> to_int("\u2003 7 \u3000")
#> to_int("3.0")
#> to_int_base("ff", 16)
#> to_int_base("0xFF", 16)
#> to_int_base("0x_f", 16)
#> to_int_base("0b101", 0)
#> to_int_base("0o17", 0)
#> to_int_base("017", 0)
#> to_int_base("000", 0)
#> to_int_base("0_0", 0)
#> to_int_base("z", 36)
#> to_int_base("Z", 36)
#> to_int_base("-101", 2)
#> to_int_base("102", 2)
#> to_int_base("12", 1)
#> to_int_base("12", 37)
#> to_int_base("12", -1)
#> to_int_base("0b1", 16)
#> to_int_base("7fffffffffffffff", 16)
# Deviation: an int beyond 64 bits raises OverflowError (CPython returns the big int)
#> to_int_base("8000000000000000", 16) !OverflowError
#> to_int_base("-8000000000000000", 16)
#> to_float("1.5")
#> to_float("  -2.25e3 ")
#> to_float(".5")
#> to_float("5.")
#> to_float("1e22")
#> to_float("1e23")
#> to_float("0.1")
#> to_float("123456789012345678")
#> to_float("-0")
#> to_float("inf")
#> to_float("-Infinity")
#> to_float("nan")
#> to_float("1_000.5")
#> to_float("1e400")
#> to_float("")
#> to_float("abc")
#> to_float("1.2.3")
#> to_float("e5")
#> to_float("٣.٥")
#> parse_sum("12 apples, 30 pears and 7 plums")
#> parse_sum("")
#> parse_sum("no digits")
