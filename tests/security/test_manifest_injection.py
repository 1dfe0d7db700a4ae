"""A manifest signed with the user's own key is still checked field by field before it is used.

The signature stops anyone without the key; the shape check (loader/manifest.py) stops the rest:
a manifest from another jitcell version, or one written by a bug, whose strings would otherwise
reach the Python wrapper that bind.py generates. Here a function name carrying Python statements
is signed with the victim's own key: the victim rebuilds the entry and computes the right value;
with the shape check switched off in that child only, the statements run in the victim's process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from cache_attacks import CELL, entry_paths

import jitcell
from jitcell.loader import signing

SHAPE_CHECK_OFF = """
import jitcell.loader.manifest as _shape
_shape.problem = lambda manifest, key: None  # every manifest "has the right shape"
"""

WRAPPERS_AT_ONCE = """
import os
os.environ["JITCELL_NATIVE_CALLS"] = "0"
"""

VICTIM = """
import json
import jitcell
{switches}
lib = jitcell.compile_cell({cell!r})
print(json.dumps({{"hit": lib.cache_hit, "reason": lib.miss_reason, "value": lib.functions["scale"](5)}}))
"""


def _victim(cache, switches: str = "") -> dict:
    done = subprocess.run([sys.executable, "-c", VICTIM.format(switches=switches, cell=CELL)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "JITCELL_CACHE_DIR": str(cache)})
    return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def _plant(cache, marker) -> None:
    """Rewrite the cell's entry so its function's name smuggles statements into the wrapper, and sign it
    with the user's key, as a buggy or foreign writer holding the key would."""
    lib = jitcell.compile_cell(CELL)
    _, manifest_path = entry_paths(cache, lib.key)
    manifest = json.loads(manifest_path.read_text())
    manifest.pop("mac")
    row = manifest["functions"][0]
    row["name"] = (f"scale(x, k=2):\n    return 0\nopen({str(marker)!r}, 'w')\n"  # no dots: names' dots are mangled
                   "def scale")
    manifest_path.write_text(json.dumps(signing.sign(manifest)))


def test_statements_in_a_signed_manifest_never_run(fresh_cache, tmp_path):
    marker = tmp_path / "ran"
    _plant(fresh_cache, marker)
    done = _victim(fresh_cache)
    assert done["returncode"] == 0, done["stderr"]
    result = json.loads(done["stdout"].splitlines()[-1])
    assert not marker.exists()
    assert result == {"hit": False, "value": 10,
                      "reason": result["reason"]} and "functions[0].name" in result["reason"]


def test_without_the_shape_check_they_run(fresh_cache, tmp_path):
    """(Without native entries, so that bind makes the wrapper at once rather than at its first need.)"""
    marker = tmp_path / "ran"
    _plant(fresh_cache, marker)
    _victim(fresh_cache, SHAPE_CHECK_OFF + WRAPPERS_AT_ONCE)  # it may fail afterwards: what matters is what ran
    assert marker.exists()
