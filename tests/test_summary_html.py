"""What a notebook keeps under each compiled cell: the summary's HTML, small and self-contained.

A cache hit of a small cell in the jitcell kernel stores under 2 KB (the line, and details
holding the cache entry and the slots); a miss, which shows every table of the new build,
stays a few KB. Every output has one stylesheet holding only the rules it uses, no inline
style, and jitcell's class names only; addresses and paths are shortened with the whole
value in a title. The sizes measured go to test-artifacts/summary-sizes.json.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell

import jitcell
from jitcell.kernel.session import KernelSession
from jitcell.report.diagnostics import short_address, short_path, summary_bundle

ROOT = Path(__file__).resolve().parents[1]
# bytes of text/html; a miss lists every export, global and slot: the native entry of each function
# Python calls (compiler/lower/native.py) adds a row to the first two, and the slot of their table of
# CPython addresses one to all three, about 400 bytes for twice_plus (6000 before native entries)
HIT_LIMIT, MISS_LIMIT = 2000, 6200

SMALL_CELLS = [
    "def twice(n: int) -> int:\n    return 2 * n",
    "def twice_plus(n: int) -> int:\n    return twice(n) + 1\ntwice_plus(20)",  # calls another cell's function
    "total: int = 0\nfor i in range(10):\n    total += i\ntotal",  # statements and a variable
    "def hello(name: str) -> int:\n    print('hello', name)\n    return len(name)\nhello('you')",
]


def _summary_html(reply) -> str:
    (html,) = [d["text/html"] for d in reply.displays if d["text/plain"].startswith("jitcell:")]
    return html


@pytest.mark.kernel
def test_a_kernel_cache_hit_of_a_small_cell_stores_under_2_kb_and_a_miss_a_few(fresh_cache):
    sizes: dict[str, list[int]] = {"miss": [], "hit": []}
    with KernelSession(env={"JITCELL_CACHE_DIR": str(fresh_cache)}, kernel="jitcell") as kernel:
        for run in ("miss", "hit"):
            for cell in SMALL_CELLS:
                reply = kernel.execute(cell)
                assert reply.status == "ok", reply.error
                html = _summary_html(reply)
                assert f"cache {run}" in html
                sizes[run].append(len(html.encode()))
            kernel.restart()
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "summary-sizes.json").write_text(json.dumps({"cells": SMALL_CELLS, **sizes}, indent=1))
    assert max(sizes["hit"]) < HIT_LIMIT, sizes
    assert max(sizes["miss"]) < MISS_LIMIT, sizes


def test_one_stylesheet_of_the_rules_used_no_inline_style_and_short_addresses(fresh_cache):
    cell = "def hello(name: str) -> int:\n    print('hello', name)\n    return len(name)\n"
    miss_library = jitcell.compile_cell(cell)
    miss = summary_bundle(miss_library)["text/html"]
    hit_library = jitcell.compile_cell(cell)
    hit = summary_bundle(hit_library)["text/html"]
    for html in (miss, hit):
        assert html.count("<style>") == 1 and html.startswith("<style>") and " style=" not in html
        classes = set(re.findall(r"class=\"?([\w -]+)", html))
        assert classes and all(c == "jitcell" or c.startswith("jc-") for c in classes), classes
        text = re.sub(r"<[^>]*>", "", html.split("</style>", 1)[1])  # what is displayed, not the titles
        assert not re.search(r"0x[0-9a-f]{9,}", text)  # addresses shortened: 0x7f3a…c2d0
        assert not re.search(r"[0-9a-f]{64}", text)  # the key and the entry's name too
    # the full address is in a title: of the short one on a miss, of the slot's name on a hit
    slot = miss_library.slots[0]
    assert f"<td title={slot.patched:#x}>{short_address(slot.patched)}" in miss
    slot = hit_library.slots[0]
    assert f"<td title={slot.patched:#x}>{slot.name.removeprefix('jitcell.slot.')}" in hit
    # only the rules in use: a hit has no miss colour, a miss has it
    assert ".jc-miss{" not in hit and ".jc-miss{" in miss and "<pre" not in hit and ".jitcell pre" not in hit
    # a hit's details: the cache entry and the slots, and how to show the rest
    assert "<caption>Exports" in miss and "<caption>Exports" not in hit and "%jit_inspect hello" in hit
    assert "<caption>Problems" not in hit  # none to show
    # the plain text stays the one line
    assert summary_bundle(hit_library)["text/plain"] == "jitcell: " + hit.split("<b>jitcell</b>: ")[1].split(
        "</summary>")[0].replace("<span class=jc-ok>", "").replace("<span class=jc-dim>", "").replace("</span>", "")


def test_a_cell_without_functions_points_at_show_all(fresh_cache):
    jitcell.compile_cell("total: int = 0\nfor i in range(3):\n    total += i\n", script=True)
    hit = summary_bundle(jitcell.compile_cell("total: int = 0\nfor i in range(3):\n    total += i\n", script=True))
    assert "(%%jit --show all)" in hit["text/html"]


def test_short_addresses_and_paths():
    assert short_address(0x7F3A12345678C2D0) == "0x7f3a…c2d0"
    assert short_address(0x7F3A1234C2D0) == "0x7f3a…c2d0"
    assert short_address(0x4018) == "0x4018" and short_address(None) == "-"
    key = "af9f02428f992227019f62b2ddf30e0760a29b3a7848e1a7225a9077f837ae4b"
    home = os.path.expanduser("~")
    assert short_path(f"{home}/.cache/jitcell/abi-2/af/{key}.so") == "~/.cache/jitcell/abi-2/af/af9f02428f99….so"
    assert short_path(f"/tmp/pytest-of-someone/pytest-12/test_x0/cache/abi-2/af/{key}.so") == \
        "…/abi-2/af/af9f02428f99….so"
    assert short_path("/tmp/c/lib.so") == "/tmp/c/lib.so"


def test_the_usage_line_of_jit_reads_as_the_cell_magic_is_typed():
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    doc = shell.find_cell_magic("jit").__doc__  # what `%%jit?` shows
    assert doc.startswith("::\n\n  %%jit [--opt N]") and "\n  %jit [" not in doc
