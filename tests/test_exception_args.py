"""e.args of a caught exception: the sites compiled code records for it are checked before a library
loads (a damaged part or operand list is refused), and an exception raised in Python and caught in
compiled code gives its own args (the differential programs are tests/programs/exceptions_args.py)."""

from __future__ import annotations

import jitcell
from jitcell.runtime import sites

SITE = {"kind": "exception_args", "line": 3, "col": 8, "function": "f", "part": "item", "operands": ["int", "int"]}


def test_an_args_site_is_checked_before_it_is_used():
    assert sites.site_problem(SITE) is None
    assert sites.site_problem({**SITE, "part": "len", "operands": ["int"]}) is None
    bad = "it does not read the args of a handled exception"
    assert sites.site_problem({**SITE, "part": "__class__"}) == bad
    assert sites.site_problem({**SITE, "operands": ["int"]}) == bad
    assert sites.site_problem({**SITE, "part": "len"}) == bad
    assert sites.site_problem({**SITE, "operands": ["str", "int"]}) == bad
    no_part = {k: v for k, v in SITE.items() if k != "part"}
    assert sites.site_problem(no_part) == \
        "a exception_args site has the fields ['col', 'function', 'kind', 'line', 'operands', 'part']"


def test_the_args_of_an_exception_raised_by_a_python_callback():
    cell = jitcell.compile_cell(
        "def f(g: Callable[[int], int], n: int) -> str:\n"
        "    try:\n"
        "        return str(g(n))\n"
        "    except LookupError as e:\n"
        "        return f'{len(e.args)} {e.args} {e.args[1]!r} ' + e.args[0]\n"
        "from typing import Callable\n")

    def g(n: int) -> int:
        raise KeyError("missing", n, [1, 2])

    assert cell.functions["f"](g, 5) == "3 ('missing', 5, [1, 2]) 5 missing"
