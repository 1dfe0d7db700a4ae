"""A dict argument is copied into a runtime dict: a subclass whose behaviour the copy would lose
is refused with a TypeError naming the parameter and the type, never silently changed.

defaultdict and Counter answer a missing key with a default (their __missing__); the compiled
copy would raise KeyError instead. The rule (runtime/convert.py): a dict subclass is taken only
if it defines no __missing__ and overrides none of the item, iteration and len methods compiled
code stands for (OrderedDict's overrides keep dict's meaning).
"""

from __future__ import annotations

import collections
import textwrap

import pytest

import jitcell
from jitcell.runtime import convert

SOURCE = textwrap.dedent("""\
    def apples(d: dict[str, int]) -> int:
        return d["apples"] + len(d)
""")
RULE = ("a dict subclass is taken only if it defines no __missing__ and overrides no item, iteration or len method. "
        "Pass dict(d) to leave them behind")


class Plain(dict):
    pass


class Lowered(dict):
    def __getitem__(self, key):
        return super().__getitem__(key.lower())


def python_apples(d):
    return d["apples"] + len(d)


@pytest.fixture(scope="module")
def apples():
    return jitcell.compile_cell(SOURCE).functions["apples"]


@pytest.mark.parametrize("value", [{"apples": 2}, collections.OrderedDict(apples=2), Plain(apples=2)],
                         ids=["dict", "OrderedDict", "a plain subclass"])
def test_dicts_whose_operations_a_copy_keeps_are_taken(apples, value):
    assert apples(value) == python_apples(value) == 3


@pytest.mark.parametrize("value, name, what", [
    (collections.defaultdict(int), "collections.defaultdict", "__missing__ (its default values)"),
    (collections.Counter(pears=1), "collections.Counter", "__missing__ (its default values)"),
    (Lowered(apples=1), "test_dict_arguments.Lowered", "__getitem__"),
], ids=["defaultdict", "Counter", "a subclass with its own __getitem__"])
def test_dicts_whose_behaviour_a_copy_would_lose_are_refused(apples, value, name, what):
    with pytest.raises(TypeError) as caught:
        apples(value)
    assert str(caught.value) == (f"apples() argument 'd' must be a dict (dict[str, int]), not {name}: compiled code "
                                 f"works on a plain copy, without its {what}; {RULE}")


def test_not_a_dict_at_all_is_refused_as_before(apples):
    with pytest.raises(TypeError, match=r"^apples\(\) argument 'd' must be dict\[str, int\], not list$"):
        apples([("apples", 1)])


def test_without_the_rule_a_counter_raises_where_python_answers(apples, monkeypatch):
    """The refusal matters: the copy of a Counter has no __missing__, so a missing key raises."""
    monkeypatch.setattr(convert, "check_dict", lambda value, *names: None)
    counter = collections.Counter(pears=3)
    assert python_apples(counter) == 1  # Python: a missing key counts 0
    with pytest.raises(KeyError, match="apples"):
        apples(counter)
