"""The cache's running total (usage.json, loader/upkeep.py), rewritten in place on every miss: a
shorter total leaves nothing of a longer one behind."""

from __future__ import annotations

import json

from jitcell.loader import layout, upkeep


def test_the_total_is_rewritten_in_place_without_leftovers(tmp_path):
    root = str(tmp_path)
    assert upkeep._usage(root, added=1) is None  # not counted yet: the caller walks the cache
    big, _ = upkeep._usage(root, counted=123_456_789_012)
    assert big == 123_456_789_012
    _, counted = upkeep._usage(root, counted=5)  # a shorter document over a longer one
    assert json.loads((tmp_path / layout.USAGE).read_text()) == {"bytes": 5, "counted": counted}
    assert upkeep._usage(root, added=7) == (12, counted)
    assert json.loads((tmp_path / layout.USAGE).read_text())["bytes"] == 12
