# str.split and str.rsplit (sep, maxsplit, whitespace when sep is None or omitted) give a list[str];
# sep.join() of a list of str (and of a generator expression).


def split(s: str, sep: str) -> list[str]:
    return s.split(sep)


def split_max(s: str, sep: str, n: int) -> tuple[list[str], list[str]]:
    return s.split(sep, n), s.rsplit(sep, maxsplit=n)


def words(s: str) -> tuple[list[str], list[str], list[str]]:
    return s.split(), s.split(None), s.rsplit()


def words_max(s: str, n: int) -> tuple[list[str], list[str]]:
    return s.split(maxsplit=n), s.rsplit(None, n)


def join(sep: str, parts: list[str]) -> str:
    return sep.join(parts)


def csv_sum(line: str) -> int:
    return sum(int(field) for field in line.split(","))


def upper_words(s: str) -> str:
    return "-".join(w.upper() for w in s.split() if w)


def round_trip(s: str) -> bool:
    return " ".join(s.split(" ")) == s


#> split("a,b,,c", ",")
#> split("", ",")
#> split("abc", "abc")
#> split("a::b::c", "::")
#> split("héllo wörld é", "ö")
#> split("a,b", "")
#> split_max("a,b,c,d", ",", 2)
#> split_max("a,b,c,d", ",", 0)
#> split_max("a,b,c,d", ",", -5)
#> split_max(",,", ",", 1)
#> words("  the quick\tbrown\n fox  ")
#> words("")
#> words("   ")
#> words("a\u2003b\u00a0c")
#> words_max("  1  2  3  ", 1)
#> words_max("  1  2  3  ", 0)
#> words_max("  1  2  3  ", 2)
#> words_max("x", -1)
#> join(", ", ["a", "b", "c"])
#> join("", [])
#> join("--", ["é"])
#> csv_sum("1,2,3,40")
#> csv_sum("1,x")
#> upper_words("hello  big world")
#> round_trip("a  b c")
