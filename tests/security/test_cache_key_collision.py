"""Two different cells never share a cache key.

The key hashes the normalised source. Normalising used to strip trailing whitespace from every
line, inside triple-quoted strings too, where it is part of the value: two cells differing only
there shared a key, and the second ran the first one's code. Now only what cannot change the
meaning is normalised (loader/cache.normalize_source): line endings (Python reads "\\r\\n" and
"\\r" as "\\n" even inside strings), blank lines at the end, and spaces and tabs at the ends of
lines outside strings.
"""

from __future__ import annotations

import ast

import pytest

import jitcell
from jitcell.loader import cache
from jitcell.loader.cache import cache_key, normalize_source

SPACES = 'def text() -> str:\n    return """a   \nb"""\n'
NO_SPACES = 'def text() -> str:\n    return """a\nb"""\n'


def old_normalize_source(source: str) -> str:
    """What jitcell did before: every line rstripped, strings included."""
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("normalize", ["now", "old"])
def test_cells_differing_inside_a_string_get_their_own_keys_and_values(fresh_cache, monkeypatch, normalize):
    if normalize == "old":  # the test can fail: with the old normalisation the second cell runs the first
        monkeypatch.setattr(cache, "normalize_source", old_normalize_source)
    first = jitcell.compile_cell(SPACES)
    second = jitcell.compile_cell(NO_SPACES)
    values = first.functions["text"](), second.functions["text"]()
    if normalize == "old":
        assert second.cache_hit and values == ("a   \nb", "a   \nb")
        return
    assert first.key != second.key and not second.cache_hit
    assert values == ("a   \nb", "a\nb")
    assert first.manifest["source"] == SPACES  # what the key covers is what the manifest shows


def value_of(source: str):
    """What Python makes of the cell: the string its function returns."""
    return ast.parse(source).body[0].body[0].value.value


@pytest.mark.parametrize("variant", [
    SPACES.replace("\n", "\r\n"),  # Windows line endings, inside the string too
    SPACES.replace("\n", "\r"),
    SPACES.replace("-> str:", "-> str:   ").replace('b"""', 'b"""\t '),  # blanks after code, outside the string
    SPACES + "\n   \n\n",  # blank lines at the end
])
def test_what_cannot_change_the_meaning_keeps_the_key(variant):
    tool = {"llvm": "x"}
    assert value_of(variant) == value_of(SPACES)
    assert cache_key(variant, {}, tool) == cache_key(SPACES, {}, tool)


@pytest.mark.parametrize("variant", [
    NO_SPACES,
    SPACES.replace("a   ", "a\t"),
    SPACES.replace('"""a   \nb"""', 'f"""a   \nb{1}"""'),
    SPACES.replace('"""a   \nb"""', '"a   \\\nb"'),  # a backslash continues the string: no trailing blank
    SPACES.replace('"""a   \nb"""', '"""a\u00a0\nb"""'),  # a non-breaking space is not whitespace to Python
])
def test_what_changes_the_meaning_changes_the_key(variant):
    tool = {"llvm": "x"}
    assert cache_key(variant, {}, tool) != cache_key(SPACES, {}, tool)


def test_trailing_blanks_outside_strings_go_and_inside_stay():
    source = 'x = 1   \ns = """keep   \nthese\t\n"""   \n# a comment  \ny = 2\t\r\n\n\n'
    assert normalize_source(source) == 'x = 1\ns = """keep   \nthese\t\n"""\n# a comment\ny = 2\n'
    assert normalize_source("a  \r\nb\n\n") == "a\nb\n"
    unterminated = 's = """open   \n'  # not Python: nothing is stripped but the end
    assert normalize_source(unterminated) == 's = """open   \n'
    assert normalize_source('x = 1\u00a0\n') == 'x = 1\u00a0\n'  # Python rejects it; so must jitcell
