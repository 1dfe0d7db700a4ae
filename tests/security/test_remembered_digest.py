"""The remembered digest of the runtime's source (loader/digests.py) picks the runtime library's cache
key, so it is trusted as a toolchain record is: signed with this user's key, of the shape jitcell
writes, in a folder and a file nobody else can change. A record that fails is ignored and the
source read again; each check is shown to be what stops the forgery by switching it off."""

from __future__ import annotations

import json
import os

import pytest

from jitcell.errors import UnsafeCacheError
from jitcell.loader import digests, signing
from jitcell.loader.cache import source_digest

FORGED = "f" * 64


@pytest.fixture
def remembered(tmp_path):
    """(cache root, paths, the record's path): a digest remembered for two files."""
    root, folder = str(tmp_path / "cache"), tmp_path / "source"
    folder.mkdir()
    paths = (str(folder / "a.py"), str(folder / "b.py"))
    for path in paths:
        with open(path, "w") as f:
            f.write("x = 1\n")
    source, stamps = digests.read(paths)
    digests.remember(root, paths, stamps, source)
    (record,) = (tmp_path / "cache" / digests.FOLDER).glob("*.json")
    assert digests.remembered(root, paths) == source_digest(source)
    return root, paths, record


def _edit(record, change) -> None:
    document = json.loads(record.read_text())
    change(document)
    record.write_text(json.dumps(document))


def test_a_forged_digest_is_ignored(remembered, monkeypatch):
    root, paths, record = remembered
    _edit(record, lambda d: d.update(digest=FORGED))
    assert digests.remembered(root, paths) is None
    # the signature is what stops it: switched off, the forged digest would pick the runtime's key
    monkeypatch.setattr(signing, "forgery", lambda document: (document.pop("mac", None), None)[1])
    assert digests.remembered(root, paths) == FORGED


def test_a_record_signed_with_another_key_is_ignored(remembered, tmp_path, monkeypatch):
    root, paths, record = remembered
    monkeypatch.setenv(signing.KEY_ENV, str(tmp_path / "other-key"))
    assert digests.remembered(root, paths) is None


@pytest.mark.parametrize("change", [
    lambda d: d.update(digest="not hex" * 9),
    lambda d: d.update(digest=5),
    lambda d: d.update(extra=1),
    lambda d: d.update(files=[]),
    lambda d: d.pop("files"),
], ids=["not hex", "not a str", "a field too many", "other files", "no files"])
def test_a_record_of_the_wrong_shape_is_ignored(remembered, change):
    root, paths, record = remembered
    _edit(record, lambda d: (d.pop("mac"), change(d)))
    record.write_text(json.dumps(signing.sign(json.loads(record.read_text()))))  # signed by this user, yet wrong
    assert digests.remembered(root, paths) is None


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no Unix ownership")
def test_a_record_others_can_write_is_refused(remembered):
    root, paths, record = remembered
    os.chmod(record, 0o666)
    with pytest.raises(UnsafeCacheError, match="writable"):
        digests.remembered(root, paths)
