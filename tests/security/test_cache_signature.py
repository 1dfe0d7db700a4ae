"""Manifests and toolchain records carry a MAC (keyed BLAKE2b) with a key only this user can read.

Whoever can write the cache directory (a restored backup, a cache copied or unpacked from
someone else, a volume another machine or container writes) cannot make jitcell load their
code: a library needs its digest in a manifest, and a manifest needs a signature. Each
attack below is played for real against a victim in a child process, then again with the
signature check switched off in that child, to show that the check is what stops it.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import stat
import subprocess
import sys

import pytest
from cache_attacks import (
    CELL,
    SIGNATURE_OFF,
    entry_paths,
    evil_library,
    forged_manifest,
    replace_file,
    run_victim,
)

import jitcell
from jitcell.errors import UnsafeCacheError
from jitcell.loader import signing
from jitcell.loader.cache import cache_key, library_digest
from jitcell.options import Options

# BLAKE2b-512: RFC 7693, appendix A ("abc"), and the first two keyed vectors of the BLAKE2 reference
# implementation's known-answer tests (blake2b-kat.txt: key 00..3f, messages of 0 and 1 bytes)
VECTORS = [
    (b"", b"abc", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95"
                  "18d38aa8dbf1925ab92386edd4009923"),
    (bytes(range(64)), b"", "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b0"
                            "05f42d2ff4233499391653df7aefcbc13fc51568"),
    (bytes(range(64)), b"\x00", "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0"
                                "d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"),
]


@pytest.mark.parametrize("key, message, expected", VECTORS)
def test_the_built_in_blake2b_matches_the_reference_vectors(key, message, expected):
    assert signing.blake2b()(message, key=key).hexdigest() == expected
    assert hashlib.blake2b(message, key=key).hexdigest() == expected


def test_the_mac_is_keyed_blake2b_256_as_hashlib_computes_it():
    rng = random.Random(7693)
    for _ in range(300):
        key = rng.randbytes(rng.choice([1, 16, 31, 32, 33, 63, 64, rng.randrange(1, 65)]))
        message = rng.randbytes(rng.randrange(2000))
        expected = hashlib.blake2b(message, key=key, digest_size=32).digest()
        assert signing.mac(key, message) == expected
        cut = rng.randrange(len(message) + 1)
        assert signing.mac(key, message[:cut], message[cut:]) == expected  # parts hashed as one message
        assert signing.digest(message) == hashlib.blake2b(message, digest_size=32).hexdigest()
    key, message = b"k" * 32, b"a message"
    assert signing.mac(key, message) != signing.mac(b"K" + key[1:], message)  # another key, another MAC
    assert signing.mac(key, message) != signing.mac(key, message + b"!")
    assert signing.mac(key, message) != bytes.fromhex(signing.digest(message))  # no key, no MAC


def test_a_cache_hit_does_not_import_hmac_or_hashlib(fresh_cache):
    jitcell.compile_cell(CELL)
    probe = f"import sys, jitcell; lib = jitcell.compile_cell({CELL!r}); " \
            "print(lib.cache_hit, sorted(m for m in ('hmac', 'hashlib', '_hashlib') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "[]"], done


def test_a_signature_covers_every_field_and_nothing_else():
    document = {"key": "k", "library": {"sha256": "ab", "size": 3}, "list": [1, 2.5, None, "é"]}
    signed = json.loads(json.dumps(signing.sign(document)))
    assert signing.forgery(dict(signed)) is None
    reordered = json.loads(json.dumps(signed, indent=4, sort_keys=False))  # layout is not content
    assert signing.forgery(reordered) is None and "mac" not in reordered  # the field is taken off
    for change in (lambda d: d["library"].__setitem__("sha256", "cd"), lambda d: d.__setitem__("new", 1),
                   lambda d: d["list"].append(0), lambda d: d.pop("key")):
        edited = json.loads(json.dumps(signed))
        change(edited)
        assert "does not match" in signing.forgery(edited)
    unsigned = dict(document)
    assert "carries no signature" in signing.forgery(unsigned)
    assert "carries no signature" in signing.forgery({**document, "mac": 5})


@pytest.fixture
def forget_toolchain():
    """This process remembers the toolchain per identity (fingerprint._memo): forget it, so that a
    compile here reads and writes the record of this test's cache."""
    from jitcell.loader import fingerprint

    fingerprint._memo.clear()
    yield
    fingerprint._memo.clear()


def _victim_result_and_marker(cache, marker, *switches):
    if marker.exists():
        marker.unlink()
    return run_victim(cache, *switches), marker.exists()


def test_a_replaced_library_with_a_matching_digest_is_never_loaded(fresh_cache, tmp_path):
    """The attack: replace an entry's library with one whose constructor runs at dlopen, and put
    its digest in the manifest. Without the signature check the victim runs it."""
    lib = jitcell.compile_cell(CELL)
    marker = tmp_path / "marker"
    evil = evil_library(tmp_path, marker)
    library, manifest_path = entry_paths(fresh_cache, lib.key)

    def plant():
        manifest = json.loads(manifest_path.read_text())  # its "mac" is kept: the attacker cannot redo it
        manifest["library"]["blake2b"] = library_digest(evil)
        replace_file(library, evil)
        replace_file(manifest_path, json.dumps(manifest).encode())

    plant()
    result, ran = _victim_result_and_marker(fresh_cache, marker)
    assert not ran, "the planted library was loaded"
    assert result["hit"] is False and result["value"] == 10, result
    assert result["reason"].startswith("corrupt entry: the manifest carries a signature that does not match")
    assert run_victim(fresh_cache)["hit"] is True  # rebuilt, and sound again

    plant()
    result, ran = _victim_result_and_marker(fresh_cache, marker, SIGNATURE_OFF)
    assert ran, f"with the signature check off the attack should succeed: {result}"


def test_an_edited_manifest_is_not_used(fresh_cache, tmp_path):
    """The attack: change what the manifest says about an intact library, consistently enough that
    its shape is right (the default of k, and the signature text with it): a wrong result."""
    lib = jitcell.compile_cell(CELL)
    _, manifest_path = entry_paths(fresh_cache, lib.key)

    def plant():
        manifest = json.loads(manifest_path.read_text())  # as the last build left it
        function = manifest["functions"][0]
        function["defaults"] = [3]
        function["signature"] = function["signature"].replace("k: int = 2", "k: int = 3")
        replace_file(manifest_path, json.dumps(manifest).encode())

    plant()
    result = run_victim(fresh_cache)
    assert result["hit"] is False and result["value"] == 10, result
    assert result["reason"].startswith("corrupt entry: the manifest carries a signature")

    plant()  # with the check off, the edited default reaches the calls that read the manifest's defaults:
    # the generated wrapper's (a native entry point has the default compiled in: still 10 there)
    result = run_victim(fresh_cache, SIGNATURE_OFF, env={"JITCELL_NATIVE_CALLS": "0"})
    assert result["hit"] is True and result["value"] == 15, result  # the edit took effect


def test_a_forged_toolchain_record_is_probed_again(fresh_cache, tmp_path, forget_toolchain):
    """The attack: rewrite the remembered toolchain (part of every key) so that the victim's key
    for the cell is one the attacker chose, and plant a library under that key."""
    lib = jitcell.compile_cell(CELL)
    (record,) = (fresh_cache / "toolchain").glob("*.json")
    marker = tmp_path / "marker"
    evil = evil_library(tmp_path, marker)
    real = json.loads(record.read_text())
    forged_toolchain = {k: v for k, v in real.items() if k != "mac"} | {"llvm": "0.0-forged"}
    forged_key = cache_key(CELL, Options().key_parts(), forged_toolchain, {}, {})
    forged_entry = forged_manifest(lib.manifest, forged_key, evil, toolchain=forged_toolchain)
    library, manifest_path = entry_paths(fresh_cache, forged_key)
    library.parent.mkdir(mode=0o700, exist_ok=True)
    library.write_bytes(evil)
    manifest_path.write_text(json.dumps(forged_entry))

    def plant():
        replace_file(record, json.dumps({**real, "llvm": "0.0-forged"}).encode())  # a stale "mac"

    plant()
    result, ran = _victim_result_and_marker(fresh_cache, marker)
    assert not ran and result["key"] == lib.key and result["hit"] is True, result
    assert result["toolchain"]["llvm"] == real["llvm"]
    assert json.loads(record.read_text())["llvm"] == real["llvm"]  # probed again and rewritten, signed

    plant()
    result, ran = _victim_result_and_marker(fresh_cache, marker, SIGNATURE_OFF)
    assert ran, f"with the signature check off the attack should succeed: {result}"


@pytest.mark.parametrize("shape", [[], {"llvm": 1}, {"llvm": "x"}, "text"])
def test_a_toolchain_record_of_the_wrong_shape_is_probed_again(fresh_cache, shape, forget_toolchain):
    """Signed or not, a record that is not an object of strings with the expected fields is ignored."""
    from jitcell.loader import fingerprint

    lib = jitcell.compile_cell(CELL)
    (record,) = (fresh_cache / "toolchain").glob("*.json")
    replace_file(record, json.dumps(signing.sign(shape) if isinstance(shape, dict) else shape).encode())
    fingerprint._memo.clear()
    again = jitcell.compile_cell(CELL)
    assert again.cache_hit and again.key == lib.key
    assert json.loads(record.read_text())["llvm"] == lib.manifest["toolchain"]["llvm"]


KEY_CHILD = """
import os, sys
os.umask(0)  # jitcell's own modes must not depend on the umask
import jitcell
lib = jitcell.compile_cell({cell!r})
print(lib.functions["scale"](5))
"""


def test_the_key_is_made_private_whatever_the_umask(fresh_cache, tmp_path):
    key = tmp_path / "config" / "jitcell" / "key"
    done = subprocess.run([sys.executable, "-c", KEY_CHILD.format(cell=CELL)], capture_output=True, text=True,
                          env={**os.environ, "JITCELL_KEY_FILE": str(key)})
    assert done.stdout.split() == ["10"], done.stderr
    assert len(key.read_bytes()) == 32
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == stat.S_IMODE((tmp_path / "config").stat().st_mode) == 0o700
    modes = {p.relative_to(fresh_cache): stat.S_IMODE(p.lstat().st_mode) for p in fresh_cache.rglob("*")}
    assert {m for p, m in modes.items() if p.suffix == ".so"} == {0o700}
    assert {m for p, m in modes.items() if p.suffix != ".so"} == {0o600, 0o700}, modes  # files, directories
    assert stat.S_IMODE(fresh_cache.stat().st_mode) == 0o700


@pytest.mark.parametrize("damage", ["mode", "link"])
def test_a_key_others_could_read_or_swap_is_refused(fresh_cache, tmp_path, monkeypatch, damage):
    key = tmp_path / "key"
    monkeypatch.setenv("JITCELL_KEY_FILE", str(key))
    jitcell.compile_cell(CELL)
    if damage == "mode":
        key.chmod(0o644)
        expected = [f"{key} can be read or written by group or others (mode 0644)", f"chmod 600 {key}"]
    else:
        real = tmp_path / "real-key"
        key.rename(real)
        key.symlink_to(real)
        expected = [f"{key} is a symbolic link"]
    signing._keys.clear()
    try:
        with pytest.raises(UnsafeCacheError) as refused:
            jitcell.compile_cell(CELL)
    finally:
        signing._keys.clear()
    assert all(text in str(refused.value) for text in expected), str(refused.value)


def test_a_lost_key_costs_a_rebuild(fresh_cache, tmp_path):
    key = tmp_path / "key"
    env = {"JITCELL_KEY_FILE": str(key)}
    assert run_victim(fresh_cache, env=env)["hit"] is False
    assert run_victim(fresh_cache, env=env)["hit"] is True
    key.unlink()
    result = run_victim(fresh_cache, env=env)
    assert result["hit"] is False and result["value"] == 10
    assert result["reason"].startswith("corrupt entry: the manifest carries a signature that does not match")
    assert run_victim(fresh_cache, env=env)["hit"] is True


@pytest.mark.parametrize("environment", [{}, {"XDG_CONFIG_HOME": "/elsewhere/config"},
                                         {"XDG_CONFIG_HOME": "relative/ignored"}, {"HOME": "/home/someone"}])
def test_the_key_lives_where_platformdirs_puts_config(monkeypatch, environment):
    import platformdirs

    monkeypatch.delenv("JITCELL_KEY_FILE", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    expected = os.path.join(platformdirs.user_config_dir("jitcell", appauthor=False), "key")
    assert signing.key_path() == expected
