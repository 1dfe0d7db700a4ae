"""A shared read-only cache under the private one (JITCELL_CACHE_PATH, loader/shared.py), owned by a real
second account (useradd; removed with userdel -r): hits come from it only while nobody but its owner
(or root) can change it; a layer that breaks the rules is skipped with a warning, and the cell compiles
into the private cache. Each test shows the rule refusing, and the same layer used with the rule off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

import jitcell
from jitcell.loader import files
from jitcell.loader.cache import Cache
from jitcell.loader.shared import ENV
from jitcell.report.summary import summary_text

CELL = "def shared_answer(n: int) -> int:\n    return 6 * n + 0\n"


def account(prefix: str) -> tuple[str, int]:
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/false", name], check=True, capture_output=True)
    return name, int(subprocess.run(["id", "-u", name], check=True, capture_output=True, text=True).stdout)


@pytest.fixture(scope="module")
def accounts():
    """Two real local accounts: the team's, which owns the shared cache, and another one."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root, to create local accounts (useradd)")
    if not (shutil.which("useradd") and shutil.which("userdel")):
        pytest.skip("needs useradd and userdel")
    made = [account("jcteam"), account("jcother")]
    yield made
    for name, _ in made:
        subprocess.run(["userdel", "-r", name], capture_output=True)


@pytest.fixture
def layer(accounts, tmp_path):
    """A team cache holding CELL's entry, built here, then handed to the team account and opened for
    reading as a team would (directories 0755, files 0644, libraries 0755)."""
    (team, team_uid), _ = accounts
    staging = tmp_path / "staging"
    built = jitcell.compile_cell(CELL, cache_dir=str(staging))
    base = Path(tempfile.mkdtemp(prefix="jitcell-team-", dir="/tmp"))
    base.chmod(0o755)
    root = base / "cache"
    shutil.copytree(staging, root, ignore=shutil.ignore_patterns("toolchain", "cells", "callees", "*.tmp"))
    for folder, _dirs, names in os.walk(root):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o755 if name.endswith(".so") else 0o644)
    subprocess.run(["chown", "-R", f"{team}:", str(base)], check=True)
    yield root, built.key
    shutil.rmtree(base, ignore_errors=True)


def shard(root: Path, key: str) -> Path:
    return next(root.glob(f"abi-*/{key[:2]}"))


def test_a_hit_comes_from_the_team_cache_and_nothing_is_written_there(layer, fresh_cache, monkeypatch):
    root, key = layer
    monkeypatch.setenv(ENV, str(root))
    before = sorted(p.name for p in shard(root, key).iterdir())
    library = jitcell.compile_cell(CELL)
    assert library.cache_hit and library.shared_cache == str(root) and library.key == key
    assert library.location.startswith(str(root)) and library.functions["shared_answer"](7) == 42
    assert "cache hit (shared cache " in summary_text(library)
    assert sorted(p.name for p in shard(root, key).iterdir()) == before
    assert Cache().lookup(key, use=False).entry is None  # the private cache holds no copy


def test_without_the_variable_the_cell_compiles_privately(layer, fresh_cache, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    library = jitcell.compile_cell(CELL)
    assert not library.cache_hit and library.shared_cache is None


@pytest.mark.parametrize("damage", ["group-writable shard", "a file of another account"])
def test_a_layer_others_could_change_is_skipped_with_a_warning(layer, accounts, fresh_cache, monkeypatch, damage):
    root, key = layer
    _, (other, other_uid) = accounts
    if damage == "group-writable shard":
        shard(root, key).chmod(0o775)
        expected = "is writable by group (mode 0775) without the sticky bit"
    else:
        os.chown(shard(root, key) / f"{key}.json", other_uid, -1)
        expected = f"is owned by uid {other_uid} ({other})"
    monkeypatch.setenv(ENV, str(root))
    with pytest.warns(RuntimeWarning, match="jitcell skips the shared cache") as caught:
        library = jitcell.compile_cell(CELL)
    assert expected in str(caught[0].message)
    assert not library.cache_hit and library.shared_cache is None  # compiled into the private cache

    # the rule is what refused it: switched off, the same layer is used
    monkeypatch.setattr(files, "_safe", set())
    monkeypatch.setattr(files, "_directory_problem", lambda *a: None)
    monkeypatch.setattr(files, "_file_problem", lambda *a: None)
    Cache().clear()
    unchecked = jitcell.compile_cell(CELL)
    assert unchecked.cache_hit and unchecked.shared_cache == str(root)


def test_a_layer_with_a_damaged_library_is_not_used(layer, fresh_cache, monkeypatch):
    root, key = layer
    library_path = next(shard(root, key).glob(f"{key}.so"))
    data = bytearray(library_path.read_bytes())
    data[-1] ^= 1
    library_path.write_bytes(bytes(data))  # still the team's file and mode: the digest is what catches it
    monkeypatch.setenv(ENV, str(root))
    library = jitcell.compile_cell(CELL)
    assert not library.cache_hit and library.functions["shared_answer"](7) == 42
