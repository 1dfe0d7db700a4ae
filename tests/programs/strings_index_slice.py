# Strings: characters by index (negative too), slices of every form, for c in s, s * n.


def item(s: str, i: int) -> str:
    return s[i]


def code(s: str, i: int) -> int:
    return ord(s[i])


def is_x(s: str, i: int) -> tuple[bool, bool]:
    return s[i] == "x", "x" != s[i]


def slices(s: str, a: int, b: int) -> tuple[str, str, str, str, str, str]:
    return s[a:b], s[a:], s[:b], s[:], s[::-1], s[a:b:2]


def stepped(s: str, a: int, b: int, c: int) -> tuple[str, str, str]:
    return s[a:b:c], s[::c], s[a::c]


def chars(s: str) -> str:
    out = ""
    for c in s:
        out = out + c + "."
    else:
        out = out + "!"
    return out


def count_vowels(s: str) -> int:
    n = 0
    for c in s:
        if c in "aeiouAEIOU":
            n += 1
        if c == "q":
            break
    return n


def repeat(s: str, n: int) -> tuple[str, str, int]:
    t = s * n
    u = n * s
    return t, u, len(t)


def repeat_huge(s: str) -> str:
    return s * 4611686018427387904


def literal_repeat() -> str:
    return "-" * 5 + "ab" * 0 + "é" * -1

#> item("hello", 0)
#> item("hello", 4)
#> item("hello", -1)
#> item("hello", -5)
#> item("hello", 5)
#> item("hello", -6)
#> item("", 0)
#> item("héllo wörld", 7)
#> item("héllo wörld", -4)
#> item("a☃𝄞b", 2)
#> item("a☃𝄞b", 9223372036854775807)
#> item("a☃𝄞b", -9223372036854775808)
#> code("hello", 1)
#> code("a☃𝄞b", 2)
#> code("a☃𝄞b", -3)
#> code("abc", 3)
#> is_x("xyz", 0)
#> is_x("xyz", -1)
#> is_x("éx", 1)
#> is_x("", 0)
#> slices("hello world", 2, 7)
#> slices("hello world", -4, -1)
#> slices("hello world", 7, 2)
#> slices("hello world", -100, 100)
#> slices("", 0, 1)
#> slices("héllo wörld ☃", 1, -2)
#> slices("αβγδεζ", -3, 5)
#> stepped("abcdefghij", 1, 8, 3)
#> stepped("abcdefghij", 8, 1, -2)
#> stepped("abcdefghij", -1, -11, -1)
#> stepped("abcdefghij", 0, 10, 0)
#> stepped("αβγδεζηθ", 7, 0, -3)
#> stepped("αβγδεζηθ", 1, 100, 2)
#> stepped("abc", 9223372036854775807, -9223372036854775808, -9223372036854775808)
#> chars("abc")
#> chars("")
#> chars("h€llo 𝄞")
#> count_vowels("Education is quite important")
#> count_vowels("ÉducAtion")
#> repeat("ab", 3)
#> repeat("ab", 0)
#> repeat("ab", -2)
#> repeat("", 5)
#> repeat("é☃", 2)
#> repeat_huge("ab")
#> repeat_huge("")
#> literal_repeat()


def versus_char(c: str) -> tuple[bool, bool, bool, bool, bool, bool, bool]:
    return c == "m", c != "m", c < "m", c <= "m", "m" < c, "m" >= c, "a" <= c <= "z"

#> versus_char("m")
#> versus_char("")
#> versus_char("a")
#> versus_char("z")
#> versus_char("mm")
#> versus_char("ma")
#> versus_char("l~")
#> versus_char("é")
#> versus_char("M")
