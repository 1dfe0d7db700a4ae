"""Records are written under unpredictable temporary names (mkstemp, O_EXCL), then renamed.

jitcell used to write `<file>.<pid>.tmp` with open(..., "w"): a link planted at that name made
the writer overwrite whatever it pointed to, and two threads of one process shared the name.
The attack is played in a child process: links are planted at the predictable names of every
record a first compile writes (the toolchain record, the cell index of misses.py, the callee
record of namespace.py), then the child compiles. With the old way of writing put back in
that child, the link is followed and the file it points to is overwritten.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from jitcell.loader import files

CHILD = """
import json, os, sys
import jitcell
from jitcell.loader import files, fingerprint, misses
from jitcell.loader.namespace import Namespace, _remembered_path
if sys.argv[1] == "old":  # the old way of writing, put back
    def write_atomically(path, data, mode=0o600):
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    files.write_atomically = write_atomically
cache, victim_file = sys.argv[2], sys.argv[3]
caller = "def twice(x: int) -> int:\\n    return double(x)\\n"
predictable = [  # what an attacker could compute: every name is derived from public facts, and the pid
    os.path.join(cache, "toolchain", fingerprint._identity() + ".json"),
    os.path.join(cache, "cells", misses.identity({"functions": [{"name": "twice"}]}) + ".json"),
    _remembered_path({"cache_dir": cache}, caller, jitcell.Options().key_parts()),
]
for path in predictable:
    files.make_directories(os.path.dirname(path))
    os.symlink(victim_file, f"{path}.{os.getpid()}.tmp")
names = Namespace()
jitcell.compile_cell("def double(x: int) -> int:\\n    return 2 * x\\n", callees=names, cache_dir=cache)
lib = jitcell.compile_cell(caller, callees=names, cache_dir=cache)
print(json.dumps({"value": lib.functions["twice"](4), "records": [os.path.isfile(p) and not os.path.islink(p)
                                                                  for p in predictable]}))
"""


@pytest.mark.parametrize("writer", ["mkstemp", "old"])
def test_a_link_at_a_predictable_temporary_name_is_not_followed(tmp_path, writer):
    cache, victim_file = tmp_path / "cache", tmp_path / "precious.txt"
    victim_file.write_text("the user's own file\n")
    done = subprocess.run([sys.executable, "-c", CHILD, writer, str(cache), str(victim_file)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["value"] == 8
    if writer == "old":  # the test can fail: the old writer follows the links
        assert victim_file.read_text() != "the user's own file\n"
        return
    assert victim_file.read_text() == "the user's own file\n"
    assert result["records"] == [True, True, True]  # each written, as a file of its own
    leftovers = [p.name for p in cache.rglob("*") if p.name.endswith(".tmp") and not p.is_symlink()]
    assert leftovers == []


def test_threads_writing_one_record_at_once(tmp_path):
    """Every thread gets a name of its own: no write fails, and the record is always whole."""
    path = str(tmp_path / "record.json")
    errors: list[Exception] = []

    def write(n: int) -> None:
        try:
            for i in range(50):
                files.write_atomically(path, json.dumps({"thread": n, "i": i, "pad": "x" * 5000}).encode())
                assert len(json.loads(files.read(path))["pad"]) == 5000
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert os.listdir(tmp_path) == ["record.json"]
