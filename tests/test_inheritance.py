"""Single inheritance between the classes of a cell (check/inheritance.py, lower/inheritance.py,
loader/classes.py).

The programs in tests/inheritance/ run under CPython and under jitcell as tests/test_differential.py
runs its own (same values, printed text and exceptions, no runtime object outliving a call); the
tests below them look at the classes from Python, at what is refused, and at the manifest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_differential import _directives, check_directive

PROGRAMS = sorted((Path(__file__).parent / "inheritance").glob("*.py"))
DIRECTIVES = [d for path in PROGRAMS for d in _directives(path)]


@pytest.mark.parametrize("directive", DIRECTIVES, ids=lambda d: f"{d.path.stem}:{d.line}")
def test_program(directive):
    check_directive(directive)
