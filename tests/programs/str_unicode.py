# Strings of non-ASCII text: len() counts characters, not bytes; comparisons order by code point
# (so "é" > "z" and "Z" < "a"), `in` finds multi-byte needles, concatenation keeps every character.


def length(s: str) -> int:
    return len(s)


def lengths(a: str, b: str) -> tuple[int, int, int]:
    return len(a), len(b), len(a + b)


def order(a: str, b: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b, a == b, a != b


def between(lo: str, s: str, hi: str) -> bool:
    return lo <= s < hi


def find(needle: str, hay: str) -> tuple[bool, bool]:
    return needle in hay, needle not in hay


def glue(a: str, b: str, n: int) -> str:
    out = a
    for i in range(n):
        out = out + b + a
    return out


def describe(s: str) -> str:
    return f"{s!r} has {len(s)} characters; ascii form {s!a}"


def smallest(a: str, b: str, c: str) -> str:
    m = a
    if b < m:
        m = b
    if c < m:
        m = c
    return m

#> length("")
#> length("a")
#> length("é")
#> length("日本語テキスト")
#> length("😀👍🏽")
#> length("e\u0301")
#> length("\x00\x00")
#> lengths("ü", "ß")
#> lengths("", "")
#> lengths("𝔘𝔫𝔦", "code")
#> order("a", "b")
#> order("ab", "a")
#> order("", "")
#> order("", "\x00")
#> order("é", "z")
#> order("Z", "a")
#> order("é", "e\u0301")
#> order("\uffff", "😀")
#> order("日本", "日本語")
#> order("abc", "abd")
#> order("ß", "ss")
#> order("Ω", "ω")
#> between("a", "m", "z")
#> between("a", "z", "z")
#> between("é", "ë", "ö")
#> between("", "", "")
#> find("", "")
#> find("", "日本")
#> find("本", "日本語")
#> find("語日", "日本語")
#> find("😀", "a😀b")
#> find("\x00", "a\x00b")
#> find("abc", "ab")
#> find("é", "e\u0301")
#> glue("α", "-", 0)
#> glue("α", "βγ", 3)
#> glue("", "", 5)
#> glue("😀", "", 4)
#> describe("plain")
#> describe("naïve café")
#> describe("tab\there")
#> describe("quote's \"both\"")
#> describe("😀")
#> describe("")
#> smallest("pear", "Pear", "péar")
#> smallest("b", "", "a")
#> smallest("日", "月", "火")
#> length("\ud800")
#> glue("\udc80", "x", 2)
#> order("\ud800", "\uffff")
