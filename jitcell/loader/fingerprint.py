"""What this machine's code generator is, learned once and remembered without llvmlite.

    >>> toolchain(cache_root)
    {'llvm': '22.1.0', 'llvmlite': '0.50.0', 'triple': 'x86_64-unknown-linux-gnu',
     'cpu': 'znver3', 'features': '+sse2,+avx2,...', 'compiler': '9c1e...'}

The LLVM version and the host CPU as LLVM names it are part of every cache key, but
asking llvmlite costs ~100 ms of imports, which a cache hit must not pay. So the
answer is stored in `<cache>/toolchain/<identity>.json`, where the identity is
cheap to compute: the installed llvmlite's files and jitcell's own (path, size,
mtime), the Python build and the CPU as the operating system describes it. A new
llvmlite, another Python or CPU, or a changed jitcell is a new identity, and the
code generator is asked again (`probe()`, which the pipeline passes in: it imports
llvmlite); `compiler` is the BLAKE2b-256 of jitcell's source, every `.py` file of the
package and its subpackages by relative path, so a changed compiler changes every cache
key, and an unchanged one (touched files) keeps them. A process computes the identity once and again
only when a file of a module it has not imported, or a folder of the package, changes
(`_current_identity`): a module it has imported is the code it runs.

Each file's size and mtime are looked at in a source checkout (`pip install -e .`: the folder above
the package holds pyproject.toml), where files are edited in place. An installed package changes
only by being installed again, which removes and writes files and so changes its folders: there,
the folders' own size and mtime stand for their files (11 stats of folders named in advance,
instead of a walk and 175 stats: ~0.7 ms of every fresh process's first hit). A file of an installed
jitcell edited in place by hand is not noticed.

The record is signed like a manifest (signing.py) and its shape checked: a record that
jitcell did not write with this user's key, or that is not an object of strings with the
fields above, is ignored and the code generator asked again (and the record rewritten).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from . import files, signing

__all__ = ["toolchain", "cpu_identity", "compiler_digest", "compiler_files"]

_memo: dict[str, dict] = {}
_recorded: set[tuple[str, str]] = set()  # (cache root, identity) whose toolchain record exists
_FIELDS = ("llvm", "llvmlite", "triple", "cpu", "features", "compiler")


def cpu_identity() -> str:
    if sys.platform.startswith("linux"):
        first = _first_cpu()
        keep = ("model name", "flags", "features", "cpu implementer", "cpu part", "cpu family", "model")
        lines = [line for line in first.splitlines() if line.split(":")[0].strip().lower() in keep]
        if lines:
            return "\n".join(lines)
    import platform

    return f"{platform.machine()} {platform.processor()}"


def _first_cpu() -> str:
    """The first processor's block of /proc/cpuinfo: read 4 kB at a time up to its end, as the kernel
    makes the text of every processor it is asked for (on a machine of many cores, 64 kB at once
    would make dozens, each asking its core's frequency)."""
    try:
        fd = os.open("/proc/cpuinfo", os.O_RDONLY)
    except OSError:
        return ""
    try:
        text = b""
        while b"\n\n" not in text and len(text) < 1 << 16 and (chunk := os.read(fd, 4096)):
            text += chunk
    except OSError:
        text = b""
    finally:
        os.close(fd)
    return text.decode("utf-8", "replace").split("\n\n")[0]


def _llvmlite_folder() -> str | None:
    """The folder of the llvmlite package that `import llvmlite` would find, without importing it: the
    first folder of sys.path holding llvmlite/__init__.py, as the path finder looks (importlib, which
    would find it for us, costs a fresh process's hit 0.5 ms of imports); else the path finder's
    answer (an entry of sys.path that is no folder, such as a zip file)."""
    for entry in sys.path:
        folder = os.path.join(entry or os.getcwd(), "llvmlite")
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return folder
    import importlib.machinery

    spec = importlib.machinery.PathFinder.find_spec("llvmlite")
    return None if spec is None or spec.origin is None else os.path.dirname(spec.origin)


def _llvmlite_identity() -> str:
    package = _llvmlite_folder()
    if package is None:
        return "llvmlite missing"
    binding = os.path.join(package, "binding")
    try:
        names = sorted(n for n in os.listdir(binding) if "llvmlite" in n)
    except OSError:
        names = []
    parts = []
    for path in [os.path.join(binding, n) for n in names] + [os.path.join(package, "_version.py")]:
        try:
            st = os.stat(path)
        except OSError:
            continue
        parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # jitcell/
CHECKOUT = os.path.exists(os.path.join(os.path.dirname(_PACKAGE), "pyproject.toml"))  # a source checkout
# the folders of the package as installed, relative to it (magics/ and kernel/ come from pyproject.toml's
# package-dir): named, not walked, as listing them is most of the cost of an installed package's identity
# (tests/test_fingerprint.py checks this list against the repository)
INSTALLED_FOLDERS = ("", "compiler", "compiler/backend", "compiler/check", "compiler/lower", "kernel",
                     "kernel/resources", "loader", "magics", "report", "runtime")


def compiler_files(package: str = _PACKAGE) -> list[str]:
    """Every .py file of the jitcell package, subpackages included, in a stable order."""
    return sorted(entry.path for _, entries in _folders(package) for entry in entries)


def _folders(package: str):
    """(folder, its .py files as directory entries: `entry.stat()` needs no path lookup) for the
    package and its subfolders, as os.walk would find them, top down; paths sort as their paths
    relative to `package` do (they all share its prefix). os.scandir rather than os.walk and
    os.path.relpath: a third of the cost, which a source checkout's first hit pays once."""
    pending = [package]
    while pending:
        folder = pending.pop()
        files, subfolders = [], []
        with os.scandir(folder) as found:
            for item in found:
                if item.is_dir():
                    if not item.name.startswith((".", "__pycache__")) and not item.is_symlink():
                        subfolders.append(item.path)
                elif item.name.endswith(".py"):
                    files.append(item)
        yield folder, files
        pending += sorted(subfolders, reverse=True)


def _compiler_identity() -> str:
    """jitcell's own files by size and mtime: a changed compiler is a new identity."""
    return _scan()[0]


def compiler_digest(package: str = _PACKAGE) -> str:
    """The BLAKE2b-256 of jitcell's source: cached code is never older than the compiler that
    would build it, even where a code change forgot to bump CODEGEN_ABI."""
    digest = signing.blake2b()(digest_size=32)
    for path in compiler_files(package):
        with open(path, "rb") as f:
            relative = os.path.relpath(path, package).replace(os.sep, "/")
            digest.update(relative.encode() + b"\0" + f.read())
    return digest.hexdigest()


def _identity(compiler: str | None = None) -> str:
    """`compiler`: `_compiler_identity()`, if the caller has it."""
    compiler = _compiler_identity() if compiler is None else compiler
    text = "\n".join([_llvmlite_identity(), compiler, sys.version, sys.platform, cpu_identity()])
    return signing.digest(text.encode(), 12)  # 24 hex digits


# This process's identity, and what would show that it changed: [(checks, identity)].
_known: list[tuple[list[tuple[str, tuple[int, int] | None, str | None]], str]] = []


def _stamp(path: str) -> tuple[int, int] | None:
    """A file's (size, mtime), None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _scan(package: str = _PACKAGE, files: bool = CHECKOUT, folders: tuple[str, ...] | None = None) -> tuple[
        str, list[tuple[str, tuple[int, int] | None, str | None]]]:
    """The compiler's part of the identity (every .py file's path, size and mtime, in compiler_files'
    order), and the checks: (path, size and mtime, module) of what can change this process's compiler,
    the package's folders (module None: a file added, removed or renamed, which is how editors and
    git write) and the files of the modules it has not imported yet. One walk for both, each file
    stat-ed through its directory entry (a cache hit pays for the walk once per process). Without
    `files` (an installed package), the folders alone, named by `folders` (INSTALLED_FOLDERS) rather
    than found by a walk: their stamps are the identity and the checks."""
    stamps: list[tuple[str, int, int]] = []
    checks: list[tuple[str, tuple[int, int] | None, str | None]] = []
    if not files:
        for relative in INSTALLED_FOLDERS if folders is None else folders:
            folder = os.path.join(package, *relative.split("/")) if relative else package
            stamp = _stamp(folder)  # None: a folder this installation does not have
            checks.append((folder, stamp, None))
            stamps.append((folder, *(stamp or (-1, -1))))
        return repr(sorted(stamps)), checks
    parent = len(os.path.dirname(package)) + 1  # "/.../jitcell/loader" -> "jitcell.loader"
    modules = sys.modules
    for folder, entries in _folders(package):
        checks.append((folder, _stamp(folder), None))
        prefix = folder[parent:].replace(os.sep, ".") + "."
        for entry in entries:
            st = entry.stat()
            stamps.append((entry.path, st.st_size, st.st_mtime_ns))
            module = prefix[:-1] if entry.name == "__init__.py" else prefix + entry.name[:-3]
            if module not in modules:
                checks.append((entry.path, (st.st_size, st.st_mtime_ns), module))
    stamps.sort()
    return repr(stamps), checks


def _current_identity(recheck: bool = True) -> str:
    """`_identity()`, computed once per process and again only when the checks see a change
    (`recheck=False`: the identity as last checked, if there is one).

    A module this process has imported is the code it runs, whatever its file says later, so only
    the other files and the folders are looked at (with 150 files, 30 and 12 once a cell compiled:
    a tenth of the identity's cost). A module imported since the last call whose file is unchanged
    since the identity was computed is dropped from the checks: it was imported as it was then."""
    if _known:
        checks, identity = _known[0]
        if not recheck:
            return identity
        imported = [module is not None and module in sys.modules for _, _, module in checks]
        if all(_stamp(path) == stamp for path, stamp, _ in checks):
            _known[0] = ([c for c, done in zip(checks, imported, strict=True) if not done], identity)
            return identity
    compiler, checks = _scan()
    identity = _identity(compiler)
    _known[:] = [(checks, identity)]
    return identity


def toolchain(cache_root, write: bool = True, *, probe: Callable[[], dict], recheck: bool = True) -> dict:
    """The toolchain part of every cache key; `probe()` asks the code generator (LLVM's version,
    the host CPU), only when no answer for this identity is remembered. `recheck=False`: the
    identity as this process last checked it (the runtime library, loaded in the middle of the
    compile_cell that has just checked it), without looking at the files again."""
    identity = _current_identity(recheck)
    info = _memo.get(identity)
    root = os.fspath(cache_root) if cache_root is not None else None
    if info is not None and (root is None or (root, identity) in _recorded):
        return info
    name = f"{identity}.json"
    found = _read_record(cache_root, name) if root is not None else None
    if info is None:
        info = found if found is not None else {**probe(), "compiler": compiler_digest()}
    if root is not None:
        # a cache this process has not used yet gets the record too (the answer may be remembered from
        # another cache): without it, the next process using that cache would ask the code generator
        if found is None and write:
            import json  # writing the record (once per machine): indented, for people to read

            signed = signing.sign(signing.loads(signing.dumps(info)))
            files.write_record(root, "toolchain", name, json.dumps(signed, indent=1).encode())
        if found is not None or write:
            _recorded.add((root, identity))
    _memo[identity] = info
    return info


def _read_record(cache_root, name: str) -> dict | None:
    """The remembered answer, if jitcell wrote it with this user's key and it has the fields of one;
    UnsafeCacheError if someone else could have written it (files.py)."""
    folder = files.checked(os.fspath(cache_root), "toolchain")
    if folder is None:
        return None
    try:
        info = signing.loads(files.read(os.path.join(folder, name)))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or signing.forgery(info) is not None:
        return None
    if not all(field in info for field in _FIELDS) or not all(isinstance(v, str) for v in info.values()):
        return None
    return info
