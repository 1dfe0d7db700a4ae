"""`%jit_cache clear` removes only what jitcell made, and only in a directory tagged as its cache.

It used to delete whatever sat at <cache>/toolchain and <cache>/abi-*: pointed at a home
directory (JITCELL_CACHE_DIR=~), it removed the user's folders. Now the cache root carries a
CACHEDIR.TAG (https://bford.info/cachedir/) from the first time jitcell writes to it; clear()
refuses a directory without one, removes files by the names jitcell gives them, and follows
no link.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cache_attacks import CELL

import jitcell
from jitcell.errors import UnsafeCacheError
from jitcell.loader import files
from jitcell.loader.cache import Cache
from jitcell.version import CODEGEN_ABI

KEY = "3f" + "0" * 62


def _tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"" for p in sorted(root.rglob("*"))}


def test_jitcell_tags_the_cache_it_makes_and_a_cache_it_writes_to(fresh_cache, tmp_path):
    jitcell.compile_cell(CELL)
    lines = (fresh_cache / "CACHEDIR.TAG").read_text().splitlines()
    assert lines[0] == "Signature: 8a477f597d28d172789f06886806bc55" and lines[1].startswith("#")
    older = tmp_path / "older"  # a cache made before jitcell tagged its caches
    (older / "abi-1").mkdir(parents=True, mode=0o700)
    older.chmod(0o700)
    jitcell.compile_cell(CELL, cache_dir=older)
    assert files.is_tagged(str(older))


def test_clear_refuses_a_directory_without_the_tag(tmp_path, monkeypatch):
    home = tmp_path / "home"  # JITCELL_CACHE_DIR pointed at a home directory, say
    for folder in ("abi-1/3f", "toolchain", "Documents"):
        (home / folder).mkdir(parents=True)
    (home / "abi-1" / "3f" / f"{KEY}.json").write_text("my notes, named like an entry")
    (home / "toolchain" / "compilers.txt").write_text("mine")
    (home / "Documents" / "thesis.tex").write_text("mine")
    before = _tree(home)
    with pytest.raises(UnsafeCacheError, match=r"has no CACHEDIR\.TAG.*nothing was removed"):
        Cache(home).clear()
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(home))
    done = subprocess.run([sys.executable, "-m", "jitcell", "cache", "clear"], capture_output=True, text=True)
    assert done.returncode == 1 and "has no CACHEDIR.TAG" in done.stderr and done.stdout == "", done
    assert _tree(home) == before


def test_clear_removes_only_what_jitcell_made_and_follows_no_link(fresh_cache, tmp_path, monkeypatch):
    from jitcell.loader import fingerprint

    monkeypatch.setattr(fingerprint, "_memo", {})  # so that this cache gets a toolchain record too
    jitcell.compile_cell(CELL)
    jitcell.compile_cell(CELL, opt=1)
    cache = Cache(fresh_cache)
    entries = len(cache.manifests())
    assert entries >= 2
    abi = fresh_cache / f"abi-{CODEGEN_ABI}"
    abi.rename(fresh_cache / "abi-0")  # the real entries now sit in abi-0...
    outside = tmp_path / "outside"  # ...and abi-N is a link to someone's folder, with entry-like names
    (outside / "3f").mkdir(parents=True)
    (outside / "3f" / f"{KEY}.json").write_text("not jitcell's")
    (outside / "3f" / f"{KEY}.so").write_text("not jitcell's")
    (outside / "3f" / ".build-abcdefgh").mkdir()
    abi.symlink_to(outside, target_is_directory=True)
    (fresh_cache / "toolchain" / "README").write_text("mine")  # a user's files beside jitcell's
    (fresh_cache / "notes.txt").write_text("mine")
    (fresh_cache / "callees").mkdir(exist_ok=True)
    shard = next((fresh_cache / "abi-0").iterdir())
    (shard / "keep.txt").write_text("mine")
    (shard / f"{KEY}.so.bak").write_text("mine")
    outside_before = _tree(outside)
    assert list((fresh_cache / "toolchain").glob("*.json")) and (fresh_cache / "cells").is_dir()

    assert Cache(fresh_cache).clear() == entries  # the entries it removed, not those it saw

    assert _tree(outside) == outside_before and abi.is_symlink()
    left = sorted(str(p.relative_to(fresh_cache)) for p in fresh_cache.rglob("*") if p.is_symlink() or p.is_file())
    assert left == sorted(["CACHEDIR.TAG", abi.name, "notes.txt", "toolchain/README",
                           f"abi-0/{shard.name}/keep.txt", f"abi-0/{shard.name}/{KEY}.so.bak"])
    assert not (fresh_cache / "cells").exists() and not (fresh_cache / "callees").exists()  # emptied: removed
    assert Cache(fresh_cache).manifests() == [] and not jitcell.compile_cell(CELL).cache_hit


def test_a_cache_root_that_is_a_link_is_cleared_through_it(tmp_path, monkeypatch):
    real = tmp_path / "real"
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(tmp_path / "link"))
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    real.mkdir(mode=0o700)
    jitcell.compile_cell(CELL)
    assert Cache().clear() >= 1 and Cache().manifests() == []
    assert os.path.islink(tmp_path / "link") and (real / "CACHEDIR.TAG").exists()


def test_the_magic_refuses_too(tmp_path, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    home = tmp_path / "home"
    (home / "abi-1").mkdir(parents=True)
    (home / "abi-1" / "mine.txt").write_text("mine")
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(home))
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jitcell")
    with capture_output() as captured:
        result = shell.run_cell("%jit_cache clear")
    assert not result.success and isinstance(result.error_in_exec, UnsafeCacheError)
    assert "has no CACHEDIR.TAG" in captured.stdout + captured.stderr
    assert (home / "abi-1" / "mine.txt").read_text() == "mine"
