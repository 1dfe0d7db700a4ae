"""Generated programs over strings and dicts: random functions, jitcell against CPython.

Each example is one random function over `s, t: str` and `n: int` with two dict locals,
`d: dict[str, int]` and `e: dict[int, str]`::

    def run(s: str, t: str, n: int):
        d: dict[str, int] = {}
        e: dict[int, str] = {}
        d[s + "é"] = d.get(s + "é", 0) + len(t)
        for k in d:
            if k < t:
                w1 = f"{n:>5}" + k
        ...
        return s, t, n, d, e

Statements: concatenation (strings grow at most linearly: a str local only ever gets a short
piece appended), f-strings with format specs, str comparisons and `in`, dict stores, get with
defaults, `in`, `del` (a missing key raises KeyError), lookups (KeyError), loops over a dict's
keys, items and values that may add or delete keys (RuntimeError), range loops, prints. Ints
stay below 10007, so CPython runs the same source as the oracle: the value (the dicts item by
item, in order), the exception's type and message and the printed text must agree, and no
runtime object may outlive a call.

The unmarked test is short; the @pytest.mark.slow variant runs many more examples.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_differential import same_value
from test_generated import _outcome  # the same call, printing captured, errors as (type, message)

import jitcell
from jitcell import runtime

MOD = 10007
TEXTS = ["", "a", "ab", "b", "é", "日本", "😀", "a b", "Z", "\x00", "it's", "ab€"]
SPECS = ["", ">5", "<4", "^7", "x", ",", "+", "05d", "_"]
STR_SPECS = ["", ">5", "<4", "^6", ".1", "*^5"]


class _Program:
    """Builds one random function; `strs` are the str locals a read may name (the parameters
    first, always bound), `ints` the int locals."""

    def __init__(self, draw):
        self.draw = draw
        self.lines: list[str] = []
        self.strs = ["s", "t"]
        self.ints = ["n"]
        self.loops = 0
        self.counters = 0

    def emit(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def pick(self, names: list[str]) -> str:
        return self.draw(st.sampled_from(names[:2] if self.draw(st.booleans()) else names))

    def literal(self) -> str:
        return repr(self.draw(st.sampled_from(TEXTS)))

    def piece(self) -> str:
        """A short str: a literal, a str() or f-string of an int, a dict lookup with a default."""
        d = self.draw
        choice = d(st.integers(0, 6))
        n = self.pick(self.ints)
        if choice <= 1:
            return self.literal()
        if choice == 2:
            return f"str({n})"
        if choice == 3:
            return f'f"{{{n}:{d(st.sampled_from(SPECS))}}}"'
        if choice == 4:
            return f"e.get({n} % 5, {self.literal()})"
        if choice == 5:
            return f'f"[{{{self.pick(self.strs)}:{d(st.sampled_from(STR_SPECS))}}}]"'
        return f"({self.literal()} if {self.condition()} else str(len(d)))"

    def str_value(self, target: str) -> str:
        d = self.draw
        form = d(st.integers(0, 3))
        if form == 0:
            return f"{target} + {self.piece()}"
        if form == 1:
            return f"{self.piece()} + {self.piece()}"
        if form == 2:
            return self.piece()
        return f"{self.piece()} + {target}"

    def key(self) -> str:
        """A str key: a local, a literal, or a short expression."""
        d = self.draw
        choice = d(st.integers(0, 3))
        if choice == 0:
            return self.literal()
        if choice == 1:
            return f"{self.pick(self.strs)} + {self.literal()}"
        if choice == 2:
            return f"str({self.pick(self.ints)} % 4)"
        return self.pick(self.strs)

    def int_value(self) -> str:
        d = self.draw
        n, m = self.pick(self.ints), self.pick(self.ints)
        form = d(st.integers(0, 4))
        if form == 0:
            return f"({n} * 31 + len({self.pick(self.strs)})) % {MOD}"
        if form == 1:
            return f"(d.get({self.key()}, {d(st.integers(-3, 3))}) + {m}) % {MOD}"
        if form == 2:
            return f"d[{self.key()}] % {MOD}"  # may raise KeyError
        if form == 3:
            return f"({n} + len(d) * 7 + len(e)) % {MOD}"
        return f"len({self.pick(self.strs)} + {self.piece()})"

    def condition(self) -> str:
        d = self.draw
        a, b = self.pick(self.strs), self.pick(self.strs)
        form = d(st.integers(0, 5))
        if form == 0:
            return f"{a} {d(st.sampled_from(['<', '<=', '>', '>=', '==', '!=']))} {b}"
        if form == 1:
            return f"{self.literal()} {d(st.sampled_from(['in', 'not in']))} {a}"
        if form == 2:
            return f"{self.key()} in d"
        if form == 3:
            return f"{self.pick(self.ints)} % 7 in e"
        if form == 4:
            return f"len({a}) > {d(st.integers(0, 6))}"
        return f"{a} < {b} <= {self.literal()}"

    def block(self, indent: int, depth: int, most: int = 3) -> None:
        for _ in range(self.draw(st.integers(1, most))):
            self.statement(indent, depth)

    def statement(self, indent: int, depth: int) -> None:
        d = self.draw
        kinds = ["str", "str", "new", "int", "store", "count", "store_e", "delete", "print"]
        kinds += ["if", "for_dict", "for_range"] if depth > 0 else []
        kinds += ["break"] if self.loops else []
        kinds += ["return"]
        kind = d(st.sampled_from(kinds))
        if kind == "str":
            target = self.draw(st.sampled_from(self.strs))
            self.emit(indent, f"{target} = {self.str_value(target)}")
        elif kind == "new":  # a new str local, maybe bound on some paths only
            name = f"w{len(self.strs)}"
            self.emit(indent, f"{name} = {self.piece()}")
            self.strs.append(name)
        elif kind == "int":
            self.emit(indent, f"{self.pick(self.ints)} = {self.int_value()}")
        elif kind == "store":
            self.emit(indent, f"d[{self.key()}] = {self.int_value()}")
        elif kind == "count":
            k = self.key()
            self.emit(indent, f"d[{k}] = d.get({k}, 0) + 1")
        elif kind == "store_e":
            self.emit(indent, f"e[{self.pick(self.ints)} % 7] = {self.piece()}")
        elif kind == "delete":
            k = self.key()
            if d(st.booleans()):
                self.emit(indent, f"if {k} in d:")
                self.emit(indent + 1, f"del d[{k}]")
            else:
                self.emit(indent, f"del d[{k}]")  # may raise KeyError
        elif kind == "print":
            items = d(st.lists(st.sampled_from(self.strs + self.ints + ["len(d)"]), min_size=0, max_size=3))
            items += d(st.sampled_from([[], ["sep='|'"], ["end=';\\n'"]]))
            self.emit(indent, f"print({', '.join(items)})")
        elif kind == "if":
            self.emit(indent, f"if {self.condition()}:")
            self.block(indent + 1, depth - 1)
            if d(st.booleans()):
                self.emit(indent, "else:")
                self.block(indent + 1, depth - 1)
        elif kind == "for_dict":
            var = f"k{self.counters}"
            self.counters += 1
            mode = d(st.sampled_from(["keys", "items", "values", "plain"]))
            if mode == "values":
                self.emit(indent, f"for {var} in d.values():")
                self.ints.append(var)
            elif mode == "items":
                value = f"v{self.counters}"
                self.emit(indent, f"for {var}, {value} in d.items():")
                self.strs.append(var)
                self.ints.append(value)
            else:
                self.emit(indent, f"for {var} in d{'.keys()' if mode == 'keys' else ''}:")
                self.strs.append(var)
            self.loop_body(indent, depth)
        elif kind == "for_range":
            var = f"i{self.counters}"
            self.counters += 1
            self.emit(indent, f"for {var} in range({d(st.integers(0, 4))}):")
            self.ints.append(var)
            self.loop_body(indent, depth)
        elif kind == "return":
            self.emit(indent, f"return {self.pick(self.strs)}, {self.pick(self.strs)}, {self.pick(self.ints)}, d, e")
        else:
            self.emit(indent, kind)

    def loop_body(self, indent: int, depth: int) -> None:
        self.loops += 1
        self.block(indent + 1, depth - 1)
        self.loops -= 1


@st.composite
def programs(draw):
    program = _Program(draw)
    program.emit(0, "def run(s: str, t: str, n: int):")
    program.emit(1, "d: dict[str, int] = {}")
    program.emit(1, "e: dict[int, str] = {}")
    program.block(1, draw(st.integers(1, 3)), most=7)
    program.emit(1, "return s, t, n, d, e")
    args = draw(st.lists(st.tuples(st.sampled_from(TEXTS), st.sampled_from(TEXTS), st.integers(-50, 50)),
                         min_size=3, max_size=3))
    return "\n".join(program.lines) + "\n", args, draw(st.sampled_from([2, 0]))


def check_program(source: str, args: list, opt: int) -> None:
    namespace: dict = {}
    exec(source, namespace)
    run = jitcell.compile_cell(source, opt=opt, cache=False).functions["run"]
    for call in args:
        expected = _outcome(namespace["run"], call)
        live = runtime.call("live_objects")
        got = _outcome(run, call)
        message = f"run{call} at opt={opt}\n{source}\nCPython: {expected}\njitcell: {got}"
        assert runtime.call("live_objects") == live, f"runtime objects outlived the call: {message}"
        assert expected[0] == got[0] and expected[2] == got[2], message
        if expected[0] == "value":
            assert same_value(expected[1], got[1]), message
        else:
            assert expected[1] == got[1], message


_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=20, **_SETTINGS)
@given(programs())
def test_text_programs(program):
    check_program(*program)


@pytest.mark.slow
@settings(max_examples=400, **_SETTINGS)
@given(programs())
def test_text_programs_long(program):
    check_program(*program)
