"""A sealed manifest (loader/sealed.py) is trusted without its shape check only as the very bytes
that publish wrote after that check: one byte changed, a seal made for another purpose with the
same key, a sealed manifest of another entry, or a manifest its loader would refuse are never loaded
unchecked."""

from __future__ import annotations

import json
import pickle

import pytest
from cache_attacks import CELL, replace_file

import jitcell
from jitcell.errors import CacheError, JitError
from jitcell.loader import sealed, signing
from jitcell.loader.cache import Cache


def _entry(cache) -> tuple[str, object]:
    lib = jitcell.compile_cell(CELL)
    return lib.key, lib.path.with_suffix(".json")


def test_publish_writes_a_sealed_manifest_that_reads_as_its_json(fresh_cache):
    key, path = _entry(fresh_cache)
    data = path.read_bytes()
    whole = json.loads(data)  # still plain JSON: every field, and the seal as "mac"
    assert isinstance(whole.pop("mac"), str)
    manifest, reason = Cache().read_manifest(key)
    assert reason == "hit" and isinstance(manifest, sealed.Manifest)
    assert manifest["functions"][0]["name"] == "scale" and "source" in manifest and len(manifest) == len(whole)
    assert manifest == whole and dict(manifest) == whole and json.loads(json.dumps(manifest)) == whole
    assert pickle.loads(pickle.dumps(manifest)) == whole and {**manifest} == whole


# a changed name, a changed value, a field added (among those a load reads; sealed.TAIL's come last)
@pytest.mark.parametrize("edit", [(b'"scale"', b'"scalf"'), (b'"baked":', b'"baked":1'),
                                  (b'\n"tag":', b'\n"x":1,\n"tag":')])
def test_one_changed_byte_breaks_the_seal(fresh_cache, edit):
    key, path = _entry(fresh_cache)
    data = path.read_bytes()
    assert edit[0] in data
    replace_file(path, data.replace(edit[0], edit[1], 1))
    manifest, reason = Cache().read_manifest(key)
    assert manifest is None and "signature that does not match" in reason
    again = jitcell.compile_cell(CELL)
    assert not again.cache_hit and again.miss_reason.startswith("corrupt entry")
    assert again.functions["scale"](5) == 10


def test_a_signature_made_for_another_purpose_is_no_seal(fresh_cache):
    """The same key signs toolchain records and the settings: a MAC of these bytes without the
    seal's purpose (what signing the same text as another document would give) does not unseal."""
    key, path = _entry(fresh_cache)
    data = path.read_bytes()
    assert sealed.unseal(data) is not None  # the real seal
    head, body = data.split(b"\n", 1)
    other = signing.mac(signing.secret_key(), body).hex().encode()
    forged = b'{"mac":"' + other + b'",\n' + body
    assert sealed.unseal(forged) is None
    replace_file(path, forged)
    assert Cache().read_manifest(key)[0] is None


def test_a_sealed_manifest_of_another_entry_is_refused(fresh_cache):
    key, path = _entry(fresh_cache)
    other = jitcell.compile_cell(CELL + "\n\ndef twice(x: int) -> int:\n    return 2 * x\n")
    replace_file(path, other.path.with_suffix(".json").read_bytes())  # sealed, by this user, for its own key
    manifest, reason = Cache().read_manifest(key)
    assert manifest is None and "not this entry's key" in reason
    assert not jitcell.compile_cell(CELL).cache_hit


def test_publish_never_seals_a_manifest_its_loader_would_refuse(fresh_cache, monkeypatch):
    """The seal stands for the shape check: a manifest that fails it (here a function name carrying
    statements, which bind.py would paste into a wrapper) is not published, so never sealed."""
    from jitcell.compiler import driver

    real = driver.build

    def build(*args, **kwargs):
        library, manifest = real(*args, **kwargs)
        manifest["functions"][0]["name"] = "scale(x):\n    pass\nimport os\ndef scale"
        return library, manifest

    monkeypatch.setattr(driver, "build", build)
    source = CELL + "# never sealed\n"
    with pytest.raises(CacheError, match="its own loader would refuse"):
        jitcell.compile_cell(source)
    assert not list(fresh_cache.rglob("*.json.tmp"))
    with pytest.raises(JitError, match="its own loader would refuse"):  # without the cache: checked too
        jitcell.compile_cell(source, cache=False)
    monkeypatch.setattr(driver, "build", real)
    lib = jitcell.compile_cell(source)
    assert not lib.cache_hit and lib.miss_reason == "no entry" and lib.functions["scale"](5) == 10


def test_a_line_read_later_is_checked_when_it_is_read(fresh_cache, monkeypatch):
    """The bulky fields (sealed.LATER: the source, the linker's tables, the error sites) are checked
    against their digest under the seal when first read, not at the lookup: a changed byte there
    raises CacheError then, and `verify` (a lookup with use=False) checks every field at once."""
    key, path = _entry(fresh_cache)
    data = path.read_bytes()
    assert b"return x * k" in data and "source" in sealed.LATER
    replace_file(path, data.replace(b"return x * k", b"return x + k", 1))
    manifest, reason = Cache().read_manifest(key)
    assert reason == "hit" and manifest["functions"][0]["name"] == "scale"  # what a load reads is intact
    with pytest.raises(CacheError, match="changed after its seal was made \\(field 'source'\\)"):
        manifest["source"]
    with pytest.raises(CacheError):
        dict(manifest)
    found = Cache().lookup(key, use=False)
    assert found.entry is None and "changed after its seal" in found.reason
    verified = Cache().verify()  # judged corrupt (left in place only because this process holds its library)
    assert key in [k for k, _ in verified.removed + verified.left]
    # the digest is what stops it: without the check, the changed text would be read as the entry's
    monkeypatch.setattr(sealed.Manifest, "intact", lambda self, name: True)
    manifest, _ = Cache().read_manifest(key)
    assert "return x + k" in manifest["source"]


def test_the_seal_covers_the_digests_of_the_lines(fresh_cache):
    """Replacing a line and its digest together breaks the seal: the MAC is over the list of digests."""
    key, path = _entry(fresh_cache)
    data = path.read_bytes()
    head, body = data.split(b"\n", 1)
    changed = body.replace(b"return x * k", b"return x + k", 1)
    old_line = next(line for line in body.split(b"\n") if b"return x * k" in line)
    new_line = next(line for line in changed.split(b"\n") if b"return x + k" in line)
    old_digest, new_digest = (signing.digest(line).encode() for line in (old_line, new_line))
    forged = head.replace(old_digest, new_digest) + b"\n" + changed
    assert forged != data and sealed.unseal(forged) is None
    lines = body.split(b"\n")
    swapped = head + b"\n" + b"\n".join([lines[1], lines[0], *lines[2:]])  # two lines trade places
    assert sealed.unseal(swapped) is None
