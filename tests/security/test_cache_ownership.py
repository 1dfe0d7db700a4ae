"""Another local account cannot plant entries: jitcell refuses a cache it could write to.

Cache keys do not depend on the user, so anyone who can write a victim's cache directory can
put a library under the key the victim will look up. These tests create a real second account
(as root, with useradd; removed with userdel -r), let it plant an entry as itself (runuser),
and run the victim, root here, in a child process: it must refuse the cache with an error
saying which directory is wrong and how to fix it. Switching the ownership checks off in the
child shows that they alone stop the attack (the signature check, off too in the last child,
would otherwise also stop it: see test_cache_signature.py). Checks that need no second account
(files a victim would refuse, directories made private) are at the end and run as anyone.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from cache_attacks import CELL, OWNERSHIP_OFF, SIGNATURE_OFF, entry_paths, evil_library, forged_manifest, run_victim

import jitcell
from jitcell.errors import UnsafeCacheError
from jitcell.loader import files

PLANT = """
import json, os, sys
library, manifest, payload, text = sys.argv[1:5]
if len(sys.argv) > 5:  # the cache path is a link the attacker makes, to a folder of its own
    link, target = sys.argv[5:7]
    os.makedirs(target)
    os.symlink(target, link)
os.makedirs(os.path.dirname(library), exist_ok=True)
with open(payload, "rb") as f:
    data = f.read()
with open(library, "wb") as f:
    f.write(data)
with open(manifest, "w") as f:
    f.write(text)
print(os.getuid(), oct(os.stat(library).st_mode))
"""


@pytest.fixture(scope="module")
def attacker():
    """A second local account, and a python it can run: (name, uid, python)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root, to create a second local account (useradd) and act as it (runuser)")
    if not (shutil.which("useradd") and shutil.which("userdel") and shutil.which("runuser")):
        pytest.skip("needs useradd, userdel and runuser to act as a second local account")
    name = f"jcatk{uuid.uuid4().hex[:8]}"
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", name], check=True, capture_output=True)
    try:
        uid = int(subprocess.run(["id", "-u", name], check=True, capture_output=True, text=True).stdout)
        python = next((p for p in (sys.executable, "/usr/bin/python3", shutil.which("python3"))
                       if p and subprocess.run(["runuser", "-u", name, "--", p, "-c", "pass"],
                                               capture_output=True).returncode == 0), None)
        if python is None:
            pytest.skip(f"no python that the account {name} may run")
        yield name, uid, python
    finally:
        subprocess.run(["userdel", "-r", name], capture_output=True)


@pytest.fixture
def shared(tmp_path):
    """A directory both accounts can reach (the test's tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="jitcell-shared-", dir="/tmp"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def plant_as(attacker, cache: Path, key: str, manifest: dict, payload: Path, link_to: Path | None = None) -> None:
    """The attacker, as itself, writes a library and its manifest into the victim's cache (first making
    the cache path a link to `link_to`, if given)."""
    name, uid, python = attacker
    library, manifest_path = entry_paths(cache, key)
    done = subprocess.run(["runuser", "-u", name, "--", python, "-c", PLANT, str(library), str(manifest_path),
                           str(payload), json.dumps(manifest), *([str(cache), str(link_to)] if link_to else [])],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[0]) == uid and library.stat().st_uid == uid


@pytest.mark.parametrize("layout", ["world-writable", "owned by the attacker", "sticky, the attacker's abi folder",
                                    "a link the attacker owns"])
def test_an_entry_planted_by_another_account_is_refused(attacker, shared, fresh_cache, tmp_path, layout):
    name, uid, _ = attacker
    lib = jitcell.compile_cell(CELL)  # the victim's key for the cell (keys do not depend on the user)
    marker = shared / "marker"
    evil = evil_library(tmp_path, marker)
    payload = shared / "payload.so"
    payload.write_bytes(evil)
    payload.chmod(0o644)
    victim = shared / "cache"
    link_to = None
    if layout != "a link the attacker owns":
        victim.mkdir()
    if layout == "a link the attacker owns":  # in a folder like /tmp, where anyone may add a name
        shared.chmod(0o1777)
        link_to = shared / "attackers"
        wrong, expected = victim, [f"is a symbolic link owned by uid {uid} ({name})"]
    elif layout == "world-writable":
        victim.chmod(0o777)
        wrong, expected = victim, ["mode 0777", "without the sticky bit", f"chmod go-w {victim}",
                                   "JITCELL_CACHE_DIR"]
    elif layout == "owned by the attacker":
        os.chown(victim, uid, -1)
        wrong, expected = victim, [f"is owned by uid {uid} ({name}), not by you (uid 0 (root))", "JITCELL_CACHE_DIR"]
    else:
        victim.chmod(0o1777)
        wrong, expected = victim / f"abi-{lib.manifest['abi']}", [f"is owned by uid {uid} ({name})"]
    plant_as(attacker, victim, lib.key, forged_manifest(lib.manifest, lib.key, evil), payload, link_to)
    assert not marker.exists()

    result = run_victim(victim)
    assert result.get("error") == "UnsafeCacheError", result
    assert result["message"].startswith(f"{wrong} ") and all(text in result["message"] for text in expected), result
    assert not marker.exists()

    result = run_victim(victim, SIGNATURE_OFF)  # the ownership checks alone stop it
    assert result.get("error") == "UnsafeCacheError" and not marker.exists(), result

    result = run_victim(victim, SIGNATURE_OFF, OWNERSHIP_OFF)  # both off: the planted code runs
    assert marker.exists(), f"with the checks off the attack should succeed: {result}"


# ---- as any user ---------------------------------------------------------------------------


def test_directories_and_files_jitcell_makes_are_private_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        folder = files.private_directory(str(tmp_path / "a" / "cache"), "abi-1", "3f")
        files.write_atomically(os.path.join(folder, "x.json"), b"{}")
    finally:
        os.umask(previous)
    for path in (tmp_path / "a", tmp_path / "a" / "cache", tmp_path / "a" / "cache" / "abi-1", Path(folder)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in (Path(folder) / "x.json", tmp_path / "a" / "cache" / files.TAG_NAME):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("damage", ["group-writable library", "library is a link", "manifest is a link",
                                    "manifest is a FIFO", "group-writable shard", "abi folder is a link"])
def test_an_unsafe_file_or_folder_in_the_cache_is_refused(fresh_cache, tmp_path, damage):
    lib = jitcell.compile_cell(CELL)
    library, manifest = entry_paths(fresh_cache, lib.key)
    elsewhere = tmp_path / "elsewhere"
    if damage == "group-writable library":
        library.chmod(0o770)
        wrong, text = library, "is writable by group (mode 0770)"
    elif damage == "library is a link":
        shutil.copy(library, elsewhere)
        library.unlink()
        library.symlink_to(elsewhere)
        wrong, text = library, "is a symbolic link"
    elif damage == "manifest is a link":
        shutil.copy(manifest, elsewhere)
        manifest.unlink()
        manifest.symlink_to(elsewhere)
        wrong, text = manifest, "is a symbolic link"
    elif damage == "manifest is a FIFO":
        manifest.unlink()
        os.mkfifo(manifest, 0o600)
        wrong, text = manifest, "is not a regular file"
    elif damage == "group-writable shard":
        library.parent.chmod(0o770)
        wrong, text = library.parent, "is writable by group (mode 0770) without the sticky bit"
    else:
        abi = library.parent.parent
        abi.rename(elsewhere)
        abi.symlink_to(elsewhere)
        wrong, text = abi, "is a symbolic link"
    result = run_victim(fresh_cache)  # a fresh process: directories are checked once per process
    assert result.get("error") == "UnsafeCacheError", result
    assert result["message"].startswith(f"{wrong} {text}"), result


def test_an_unsafe_ancestor_of_the_cache_is_refused(tmp_path):
    open_to_all = tmp_path / "open"
    open_to_all.mkdir()
    open_to_all.chmod(0o777)
    with pytest.raises(UnsafeCacheError) as refused:
        jitcell.compile_cell(CELL, cache_dir=open_to_all / "cache")
    assert str(refused.value).startswith(f"{open_to_all} is writable by group and others (mode 0777)")
    assert not (open_to_all / "cache").exists()
    sticky = tmp_path / "sticky"  # as /tmp: only an entry's owner may remove or rename it
    sticky.mkdir()
    sticky.chmod(0o1777)
    assert jitcell.compile_cell(CELL, cache_dir=sticky / "cache").functions["scale"](5) == 10
