"""Every manifest field is checked before the loader, the binder or the callbacks use it.

A manifest passes `manifest.problem` only in the exact shape `compiler/driver.build` writes
(build checks its own output the same way, so the two cannot drift apart unnoticed). Each
mutation below, of the kinds a damaged file, another jitcell version or an attacker's edit
would make, is refused with the field it found wrong; names that would reach the generated
wrapper source are identifiers and nothing else.
"""

from __future__ import annotations

import copy
import json

import pytest

import jitcell
from jitcell.loader import manifest as schema

CELL = '''
def scale(x: float, n: int = 3, flag: bool = True) -> float:
    """Scale x."""
    s = 0.0
    for i in range(n):
        s += x * i
    print("total", s)
    assert n >= 0, "n must not be negative"
    return s if flag else -s

def words(d: dict[str, int], key: str) -> tuple[int, str]:
    return d[key], key + "!"

def grid(a: float[:, :]) -> float:
    return a[0, 1] + float(len(a)) + a.shape[1] // 1
'''


@pytest.fixture(scope="module")
def built():
    lib = jitcell.compile_cell(CELL, cache=False)
    return lib.manifest, lib.key


def _function(m: dict, name: str) -> dict:
    return next(f for f in m["functions"] if f["name"] == name)


def _site(m: dict, kind: str) -> dict:
    return next(s for s in m["sites"] if s["kind"] == kind)


MUTATIONS = {
    # what a mutation does -> (the change, the field the refusal names)
    "a flipped parameter type": (lambda m: _function(m, "scale")["params"][1].__setitem__(1, "float"),
                                 "functions[0].signature"),
    "a flipped result type": (lambda m: _function(m, "scale").__setitem__("returns", "int"), "functions[0].signature"),
    "code as a parameter name": (lambda m: _function(m, "scale")["params"][0].__setitem__(
        0, "x=__import__('os').system('id')"), "functions[0].params[0]"),
    "a keyword as a name": (lambda m: _function(m, "scale")["params"][0].__setitem__(0, "lambda"),
                            "functions[0].params[0]"),
    "the wrapper's own prefix": (lambda m: _function(m, "scale")["params"][0].__setitem__(0, "jc__entry"),
                                 "functions[0].params[0]"),
    "code as a function name": (lambda m: _function(m, "scale").__setitem__("name", "f():pass\nimport os#"),
                                "functions[0].name"),
    "a symbol of another function": (lambda m: _function(m, "scale").__setitem__("symbol", "jitcell.def.words"),
                                     "functions[0].symbol"),
    "a string default": (lambda m: _function(m, "scale")["defaults"].__setitem__(0, "__import__('os')"),
                         "functions[0].defaults[0]"),
    "an unknown type": (lambda m: _function(m, "words")["params"][1].__setitem__(1, "bytes"),
                        "functions[1].params[1]"),
    "tuple items that are not the result's": (lambda m: _function(m, "words").__setitem__(
        "result_items", ["int", "int"]), "functions[1].result_items"),
    "a missing field": (lambda m: _function(m, "scale").pop("defaults"), "functions[0]"),
    "a field jitcell does not write": (lambda m: m.__setitem__("hook", "os.system"), "'hook'"),
    "an operation that is not one": (lambda m: _site(m, "python_op").__setitem__("op", "__import__"),
                                     "sites["),
    "an unknown site kind": (lambda m: _site(m, "print").__setitem__("kind", "exec"), "sites["),
    "an operand type the callbacks cannot read": (lambda m: _site(m, "python_op").__setitem__(
        "operands", ["object", "int"]), "sites["),
    "print items of another shape": (lambda m: _site(m, "print")["items"].append({"code": "1"}), "sites["),
    "a format spec that is not text": (lambda m: m["sites"].append(
        {"kind": "format", "line": 1, "col": 1, "function": "scale", "conversion": "x", "spec": 1,
         "operands": ["int"]}), "sites["),
    "a slot target that is not one": (lambda m: m["slots"][0].update(target="capi.system",
                                                                     name="jitcell.slot.capi.system"),
                                      "slots[0].target"),
    "a slot under another name": (lambda m: m["slots"][0].__setitem__("name", "jitcell.slot.elsewhere"),
                                  "slots[0].name"),
    "a negative baked address": (lambda m: m["slots"][0].__setitem__("baked", -1), "slots[0].baked"),
    "an option of the wrong type": (lambda m: m["options"].__setitem__("wraparound", "yes"), "options.wraparound"),
    "an optimisation level LLVM has not": (lambda m: m["options"].__setitem__("opt", 7), "options.opt"),
    "another entry's library": (lambda m: m["library"].__setitem__("file", "0" * 64 + ".so"), "library.file"),
    "a tag its key does not derive": (lambda m: m.__setitem__("tag", m["tag"] + 1), "tag"),
    "another codegen ABI": (lambda m: m.__setitem__("abi", m["abi"] + 1), "abi"),
    "a list where an object belongs": (lambda m: m.__setitem__("options", []), "options"),
    "a number as text": (lambda m: m["exports"][0].__setitem__("offset", "16"), "exports[0].offset"),
}


def test_every_manifest_jitcell_writes_passes(built):
    m, key = built
    assert schema.problem(m, key) is None
    assert schema.problem(json.loads(json.dumps(m)), key) is None  # as read back from the file


@pytest.mark.parametrize("what", MUTATIONS)
def test_a_damaged_field_is_refused_and_named(built, what):
    m, key = built
    change, field = MUTATIONS[what]
    damaged = copy.deepcopy(m)
    change(damaged)
    found = schema.problem(damaged, key)
    assert found is not None and field in found, found


def test_another_key_or_not_an_object_is_refused(built):
    m, key = built
    assert schema.problem(m, "f" * 64) == "key: not this entry's key"
    assert schema.problem([m], key) == "not an object"
    assert schema.problem(None, key) == "not an object"


@pytest.mark.parametrize("text, expected", [
    ("int", ("int",)), ("None", ("None",)), ("float[:, :]", ("array", "float", 2)),
    ("tuple[int, tuple[str, float[:]]]", ("tuple", (("int",), ("tuple", (("str",), ("array", "float", 1)))))),
    ("dict[str, float]", ("dict", "str", "float")),
    ("tuple[int,str]", None), ("dict[float, int]", None), ("int[:,:]", None), ("tuple[]", None),
    ("tuple[None]", None), ("int ", None), ("str[:]", None), ("tuple[int", None),
    ("[" * 5000, None),
])
def test_the_type_grammar(text, expected):
    assert schema.parse_type(text) == expected


def test_a_name_is_an_identifier_and_nothing_else():
    assert schema.is_identifier("total") and schema.is_identifier("ünïcode")
    for bad in ("", "1x", "a b", "a=1", "a)", "a\n", "class", "jc__x", "x" * 300, None, 3):
        assert not schema.is_identifier(bad), bad
