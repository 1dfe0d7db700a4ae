"""The toolchain identity of a process (loader/fingerprint.py): computed once, and again when a file
of a module the process has not imported changes, or a file is added to the package; an edit of a
module it has imported is not its code (it runs what it imported)."""

from __future__ import annotations

import os
import sys

import jitcell
from jitcell.loader import fingerprint

PACKAGE = os.path.dirname(jitcell.__file__)


def _touched(path: str, seconds: int):
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 10**9))
    return stat


def test_an_unimported_module_changed_on_disk_is_a_new_identity():
    # the runtime library's source files are read as text, never imported
    path = os.path.join(PACKAGE, "runtime", "source_random.py")
    assert "jitcell.runtime.source_random" not in sys.modules
    before = fingerprint._current_identity()
    stat = _touched(path, 1)
    try:
        changed = fingerprint._current_identity()
        assert changed != before and changed == fingerprint._identity()
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert fingerprint._current_identity() == before


def test_an_imported_module_changed_on_disk_is_not_this_process_s_code():
    path = os.path.join(PACKAGE, "version.py")
    assert "jitcell.version" in sys.modules
    before = fingerprint._current_identity()
    stat = _touched(path, 1)
    try:
        assert fingerprint._identity() != before  # a new process would see a new compiler...
        assert fingerprint._current_identity() == before  # ...this one runs the one it imported
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_file_added_to_the_package_is_a_new_identity():
    before = fingerprint._current_identity()
    added = os.path.join(PACKAGE, "loader", "_test_fingerprint_added.py")
    try:
        with open(added, "w") as f:
            f.write("# added by tests/test_fingerprint.py\n")
        assert fingerprint._current_identity() != before
    finally:
        os.unlink(added)
    assert fingerprint._current_identity() == before


def test_a_cache_new_to_a_process_gets_the_toolchain_record_it_remembers(tmp_path):
    """The toolchain answer is remembered per process; a cache the process starts using afterwards
    still gets the record, so that the next process using that cache has a hit without asking the
    code generator (without the record it imported the compiler and llvmlite on a hit). Both
    processes are fresh ones: this test's own process may hold an older view of jitcell's files."""
    import subprocess

    cell = "def toolchain_probe(n: int) -> int:\n    return n * 3\n"
    first, second = tmp_path / "first", tmp_path / "second"
    build = (f"import os, jitcell\nos.environ['JITCELL_CACHE_DIR'] = {str(first)!r}\n"
             "jitcell.compile_cell('def toolchain_first(n: int) -> int:\\n    return n\\n')\n"
             f"os.environ['JITCELL_CACHE_DIR'] = {str(second)!r}\njitcell.compile_cell({cell!r})\n")
    subprocess.run([sys.executable, "-c", build], capture_output=True, text=True, check=True)
    assert list((second / "toolchain").glob("*.json"))
    probe = (f"import sys, jitcell; lib = jitcell.compile_cell({cell!r}); print(lib.cache_hit, "
             "sorted(m for m in sys.modules if m.startswith(('llvmlite', 'jitcell.compiler'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          env={**os.environ, "JITCELL_CACHE_DIR": str(second)})
    assert done.stdout.split() == ["True", "[]"], done


def _package(root) -> str:
    """A small package tree: a folder with a module, and a subfolder with another."""
    package = root / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 2\n")
    for folder in (package, package / "sub"):  # long ago: whatever changes a folder now gives it a new mtime
        os.utime(folder, ns=(10**18, 10**18))
    return str(package)


def test_in_a_checkout_an_edit_in_place_is_a_new_identity_and_installed_a_reinstall_is(tmp_path):
    """A source checkout is stat-ed file by file: an edit in place (same folder entries) changes the
    identity. An installed package is stat-ed folder by folder: the same edit does not, and what
    installing again does (files removed and written anew) does."""
    package = _package(tmp_path)
    folders = ("", "sub")

    def installed_scan():
        return fingerprint._scan(package, files=False, folders=folders)

    checkout, installed = fingerprint._scan(package, files=True)[0], installed_scan()[0]
    assert len(installed_scan()[1]) == 2  # the folders are all an installed package's checks
    module = os.path.join(package, "sub", "b.py")
    _touched(module, 5)
    with open(module, "a") as f:  # in place: the folder's entries stay as they were
        f.write("C = 3\n")
    assert fingerprint._scan(package, files=True)[0] != checkout
    assert installed_scan()[0] == installed
    os.remove(module)  # as pip replaces a file: out, then a new one in
    with open(module, "w") as f:
        f.write("B = 2\n")
    assert installed_scan()[0] != installed


def test_the_installed_folders_are_the_packages_folders():
    """INSTALLED_FOLDERS names every folder an installed jitcell has: the package's own, and those
    pyproject.toml's package-dir maps into it. A folder missing from the list would go unwatched."""
    import tomllib

    def relative_folders(top: str, inside: str) -> set[str]:  # `top`'s folders, named as in the installed package
        found = set()
        for folder, _ in fingerprint._folders(top):
            relative = os.path.relpath(folder, top).replace(os.sep, "/")
            found.add(inside if relative == "." else f"{inside}/{relative}".lstrip("/"))
        return found

    root = os.path.dirname(fingerprint._PACKAGE)
    with open(os.path.join(root, "pyproject.toml"), "rb") as f:
        mapped = tomllib.load(f)["tool"]["setuptools"]["package-dir"]  # {"jitcell.kernel": "kernel", ...}
    found = set()
    for name, where in mapped.items():
        found |= relative_folders(os.path.join(root, where), name.removeprefix("jitcell").lstrip(".").replace(".", "/"))
    assert "loader" in found and "kernel/resources" in found
    assert found == set(fingerprint.INSTALLED_FOLDERS)


def test_this_repository_is_a_checkout():
    """Where jitcell is imported from here (`pip install -e .`): every file is looked at."""
    assert fingerprint.CHECKOUT
    identity = fingerprint._scan()[0]
    assert all(repr(path) in identity for path in fingerprint.compiler_files())
