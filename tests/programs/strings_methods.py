# Strings: search, strip, replace, case, classes, padding, join; CPython's results and errors.


def search(s: str, sub: str) -> tuple[int, int, int, bool, bool]:
    return s.find(sub), s.rfind(sub), s.count(sub), s.startswith(sub), s.endswith(sub)


def search_range(s: str, sub: str, a: int, b: int) -> tuple[int, int, int, bool, bool]:
    return s.find(sub, a, b), s.rfind(sub, a), s.count(sub, a, b), s.startswith(sub, a, b), s.endswith(sub, a, b)


def index(s: str, sub: str) -> int:
    return s.index(sub)


def rindex(s: str, sub: str, a: int) -> int:
    return s.rindex(sub, a)


def prefixes(s: str) -> tuple[bool, bool]:
    return s.startswith(("http://", "https://")), s.endswith((".py", ".txt", ""))


def strips(s: str) -> tuple[str, str, str]:
    return s.strip(), s.lstrip(), s.rstrip()


def strips_chars(s: str, chars: str) -> tuple[str, str, str]:
    return s.strip(chars), s.lstrip(chars), s.rstrip(chars)


def replace(s: str, old: str, new: str, n: int) -> tuple[str, str]:
    return s.replace(old, new), s.replace(old, new, n)


def case(s: str) -> tuple[str, str]:
    return s.upper(), s.lower()


def classes(s: str) -> tuple[bool, bool, bool, bool]:
    return s.isdigit(), s.isalpha(), s.isspace(), s.isalnum()


def pad(s: str, w: int) -> tuple[str, str, str, str]:
    return s.zfill(w), s.ljust(w), s.rjust(w, "*"), s.center(w, "·")


def bad_fill(s: str, fill: str) -> str:
    return s.center(9, fill)


def join(a: str, b: str, c: str) -> tuple[str, str, str]:
    return ", ".join((a, b, c)), "".join((a,)), "→".join((c, b))


def count_words(text: str) -> int:
    n = 0
    word = False
    for c in text:
        if c.isspace():
            word = False
        elif not word:
            word = True
            n += 1
    return n

#> search("hello world", "o")
#> search("hello world", "")
#> search("hello world", "xyz")
#> search("hello world", "hello world!")
#> search("", "")
#> search("abababab", "aba")
#> search("héllo wörld ö", "ö")
#> search("αβγαβγ", "βγ")
#> search_range("hello world", "o", 5, 100)
#> search_range("hello world", "o", -4, -1)
#> search_range("hello world", "", 11, 11)
#> search_range("hello world", "", 12, 20)
#> search_range("hello world", "l", 3, 2)
#> search_range("αβγαβγ", "γ", -3, 6)
#> search_range("αβγαβγ", "αβ", 1, -1)
#> index("hello", "l")
#> index("hello", "z")
#> rindex("hello", "l", 0)
#> rindex("hello", "l", 4)
#> prefixes("https://python.org")
#> prefixes("ftp://x.txt")
#> strips("  \t hello world \n ")
#> strips("")
#> strips("\u3000\xa0 wide space\u2003")
#> strips("\x1c\x1f x \x85")
#> strips_chars("xxhixx", "x")
#> strips_chars("abcXcba", "cab")
#> strips_chars("ééaéé", "é")
#> strips_chars("hello", "")
#> replace("a-b-c-d", "-", "+", 2)
#> replace("aaaa", "aa", "b", -1)
#> replace("abc", "", "-", 2)
#> replace("abc", "", "-", -1)
#> replace("héllo", "é", "e", 1)
#> replace("αβγ", "", "·", 10)
#> replace("abc", "x", "y", 5)
#> replace("abc", "b", "", 0)
#> case("Hello, World 42")
#> case("Straße ǅ İstanbul")
#> case("")
#> classes("12345")
#> classes("abcXYZ")
#> classes(" \t\n")
#> classes("abc123")
#> classes("")
#> classes("٣٤")
#> classes("²")
#> classes("héllo")
#> classes("\u2003")
#> classes("a b")
#> pad("42", 5)
#> pad("-42", 6)
#> pad("+7", 4)
#> pad("abc", 2)
#> pad("", 3)
#> pad("αβ", 7)
#> pad("abc", -3)
#> bad_fill("x", "ab")
#> bad_fill("x", "")
#> bad_fill("x", "é")
#> join("a", "b", "c")
#> join("", "", "")
#> join("α", "β", "γ")
#> count_words("the quick  brown\tfox\n jumps")
#> count_words("  ")
