"""signing.loads and signing.dumps (loader/signing.py) against the json package: the same text out, the
same values in.

They set up CPython's C scanner and encoder without importing json (a cache hit's reading and
key making); these tests compare it with json on random documents of every kind a manifest, a
record or a cache key holds, and on malformed text."""

from __future__ import annotations

import json
import math
import random

import pytest
from conftest import run_python

from jitcell.loader import signing


def _document(r: random.Random, depth: int = 0):
    kind = r.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return r.randrange(-2**70, 2**70)
    if kind == 1:
        return r.choice([1.5, -0.0, 1e300, 5e-324, math.inf, -math.inf, math.nan, r.random() * 1e-5, 3.0])
    if kind == 2:
        return "".join(chr(r.choice([r.randrange(32, 127), r.randrange(0, 0x11000)])) for _ in range(r.randrange(6)))
    if kind == 3:
        return r.choice([True, False, None])
    if kind == 4:
        return r.randrange(100)
    if kind == 5:
        return [_document(r, depth + 1) for _ in range(r.randrange(4))]
    return {"".join(chr(r.randrange(32, 0x3000)) for _ in range(r.randrange(4))): _document(r, depth + 1)
            for _ in range(r.randrange(4))}


@pytest.mark.parametrize("seed", range(4))
def test_dumps_writes_what_json_writes(seed):
    r = random.Random(seed)
    for _ in range(500):
        value = _document(r)
        for sort_keys in (False, True):
            for separators in (None, (",", ":")):
                assert signing.dumps(value, sort_keys=sort_keys, separators=separators) == \
                    json.dumps(value, sort_keys=sort_keys, separators=separators)


@pytest.mark.parametrize("seed", range(4))
def test_loads_reads_what_json_reads(seed):
    r = random.Random(100 + seed)
    for _ in range(500):
        value = _document(r)
        for text in (json.dumps(value), json.dumps(value, indent=1), f" \n{json.dumps(value)}\t\r\n"):
            read = signing.loads(text)
            assert json.dumps(read) == json.dumps(json.loads(text))  # NaN != NaN: compared as text
            assert json.dumps(signing.loads(text.encode())) == json.dumps(read)


def test_what_it_cannot_encode_is_a_type_error_as_in_json():
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        signing.dumps({"a": {1}})
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        json.dumps({"a": {1}})


@pytest.mark.parametrize("text", ["", " ", "{", "[1,]", "1 2", "nul", '{"a" 1}', '"\\x"', "[1] x"])
def test_malformed_text_is_a_value_error_as_in_json(text):
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        signing.loads(text)


def test_it_does_not_import_json():
    done = run_python("import sys\nfrom jitcell.loader import signing\n"
                      "signing.loads(signing.dumps({'a': [1, 2.5, None, 'é']}, sort_keys=True))\n"
                      "print('json' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]
