"""Compiled functions travel to other processes: pickle, multiprocessing, concurrent.futures, Dask.

`pickle.dumps(f)` of a JitFunction stores a parcel, a plain dict, and `jitcell.loader.parcels.arrive`
to rebuild it with::

    {"format": 1, "name": "f", "source": "def f(n: int) -> int: ...", "options": {...},
     "filename": None, "indentation": [], "frozen": {"N": 100}, "callees": {"g": <g's parcel>},
     "key": "3f9c...", "manifest": {...}, "library": b"\\x7fELF..."}

`arrive(parcel)` compiles the cell in the receiving process as `compile_cell` always does, with the
callees (rebuilt first) and frozen names the sender's compile had: a hit in this process's cache
loads from there; a miss whose key is the parcel's (same source, options, jitcell and code
generator) takes the library from the parcel instead of compiling, once `shipped_problem` finds
nothing wrong with it, and publishes it in this process's own cache before `dlopen`; any other
key (another CPU, another jitcell) compiles. Slots are patched as after a restart: every worker is
a new address layout. A process rebuilds each library once (`_ARRIVED`).

The checks guard against damage and mismatch, not against the sender: unpickling runs what the
pickle says (Python's own warning), so a parcel is as trustworthy as whoever made the pickle.

What does not travel (PicklingError, naming the function): functions of jitcell kernel cells
that have or use module variables (their values live in the kernel), and a cycle of calls
between cells.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Recipe", "arrive", "install", "shipped_problem", "place", "with_source"]

FORMAT = 1
_compile: Callable | None = None  # the pipeline's compile_cell, handed down by the facade (jitcell/__init__.py)
_ARRIVED: dict[str, object] = {}  # parcel key -> the Library this process made of it


def install(compile_cell: Callable) -> None:
    global _compile
    _compile = compile_cell


class Recipe:
    """How compile_cell made a library, kept on it (`library.recipe`) so its functions can travel."""

    __slots__ = ("source", "options", "filename", "indentation", "callees", "frozen")

    def __init__(self, source: str, options: dict, filename: str | None, indentation: tuple[int, ...], callees,
                 frozen: dict):
        self.source, self.options, self.filename, self.indentation = source, options, filename, indentation
        self.callees = callees  # the compile's callees (a Namespace: its functions when the pickle is made)
        self.frozen = frozen

    def reduce(self, function) -> tuple:
        """`function.__reduce__()`: the callable and arguments that rebuild it in another process,
        with the runtime library, which a fresh worker would otherwise compile (seconds)."""
        _ARRIVED.setdefault(function.library.key, function.library)  # unpickled here: the same function
        parcel = self.parcel(function, ())
        parcel["runtime"] = _runtime_parcel()
        return arrive, (parcel,)

    def parcel(self, function, calling: tuple[str, ...]) -> dict:
        import pickle

        from . import namespace

        library = function.library
        name = function.__name__
        own = [v["name"] for v in library.manifest.get("variables", ())]
        used = [v["name"] for v in library.manifest.get("uses", ())]
        if own or used:
            raise pickle.PicklingError(
                f"{name}() cannot travel to another process: its jitcell kernel cell "
                f"{'has' if own else 'uses'} module variables ({', '.join(own or used)}) whose values live in "
                "this kernel; pass them as arguments, or define the function in a %%jit cell")
        if library.key in calling:
            raise pickle.PicklingError(f"{name}() cannot travel to another process: the functions of its cells "
                                       "call each other in a cycle")
        env = namespace.resolve(self.callees, self.source) if self.callees is not None else {}
        callees = {}
        for callee_name, callee in sorted(env.items()):
            recipe = getattr(callee.library, "recipe", None)
            if recipe is None:
                raise pickle.PicklingError(f"{name}() cannot travel to another process: its callee "
                                           f"{callee_name}() was not made by compile_cell")
            callees[callee_name] = recipe.parcel(callee, (*calling, library.key))
        return {"format": FORMAT, "name": name, "source": self.source, "options": dict(self.options),
                "filename": self.filename, "indentation": list(self.indentation), "frozen": dict(self.frozen),
                "callees": callees, "key": library.key, "manifest": _shipped_manifest(library),
                "library": _library_bytes(library)}


def _shipped_manifest(library) -> dict:
    """The manifest without its signature (the receiver signs with its own key) nor its source (the
    receiver has it: the parcel's, or jitcell's runtime source, and puts it back before checking)."""
    return {k: v for k, v in library.manifest.items() if k not in ("mac", "source")}


_runtime_shipment: list = []  # [(manifest, bytes)] of this process's runtime library, made once


def _runtime_parcel() -> tuple[dict, bytes] | None:
    if not _runtime_shipment:
        from jitcell import runtime

        library = runtime.library()
        data = _library_bytes(library)
        _runtime_shipment.append((_shipped_manifest(library), data) if data is not None else None)
    return _runtime_shipment[0]


def with_source(manifest: dict, source: str) -> dict:
    """A shipped manifest made whole again with the source its receiver compiles."""
    from .cache import normalize_source

    return {**manifest, "source": normalize_source(source)}


def _library_bytes(library) -> bytes | None:
    """The library file as loaded, if it is still there and still what its manifest says (a cell
    compiled with cache=False was built in a directory that is gone: the receiver compiles it)."""
    from . import files
    from .cache import library_digest

    try:
        data = files.read(library.location)
    except (OSError, ValueError):
        return None
    return data if library_digest(data) == library.manifest["library"]["blake2b"] else None


def arrive(parcel: dict):
    """pickle.loads' way back: the JitFunction `parcel` describes, compiled or loaded in this process."""
    problem = _parcel_problem(parcel)
    if problem is not None:
        import pickle

        raise pickle.UnpicklingError(f"not a jitcell function's parcel: {problem}")
    library = _ARRIVED.get(parcel["key"])
    if library is None:
        if _compile is None:
            raise RuntimeError("jitcell's parcels arrive through jitcell/__init__.py, which installs compile_cell")
        from jitcell import runtime
        from jitcell.options import Options

        if isinstance(parcel.get("runtime"), tuple) and len(parcel["runtime"]) == 2:
            runtime.offer(parcel["runtime"])  # used only if this process has not loaded its runtime yet
        callees = {name: arrive(inner) for name, inner in parcel["callees"].items()}
        library = _compile(parcel["source"], Options.from_key_parts(parcel["options"]), callees=callees,
                           globals=parcel["frozen"], filename=parcel["filename"],
                           indentation=tuple(parcel["indentation"]),
                           shipped=(with_source(parcel["manifest"], parcel["source"]), parcel["library"])
                           if parcel["library"] else None)
        _ARRIVED[parcel["key"]] = library
    function = library.functions.get(parcel["name"])  # type: ignore[attr-defined]
    cls = getattr(library, "classes", {}).get(parcel["name"])
    if function is None and cls is not None:  # a class's constructor (an instance's pickle: loader/classes.py)
        function = cls._jc_constructor
    if function is None:
        raise LookupError(f"{parcel['name']}() is not a function of the cell that arrived")
    return function


def _parcel_problem(parcel: object) -> str | None:
    if not isinstance(parcel, dict) or parcel.get("format") != FORMAT:
        return f"not a dict of format {FORMAT}"
    expected = {"name": str, "source": str, "options": dict, "indentation": list, "frozen": dict, "callees": dict,
                "key": str, "manifest": dict}
    for field, kind in expected.items():
        if not isinstance(parcel.get(field), kind):
            return f"its {field!r} is not a {kind.__name__}"
    if not (parcel.get("filename") is None or isinstance(parcel["filename"], str)):
        return "its 'filename' is not a str or None"
    if not (parcel.get("library") is None or isinstance(parcel["library"], bytes)):
        return "its 'library' is not bytes or None"
    return None


def shipped_problem(manifest: object, data: bytes, key: str, source: str, options: dict) -> str | None:
    """Why the library a parcel brought may not stand for this cell's entry `key`, or None: its
    manifest must have the shape jitcell writes for that key (manifest.py, as for one read from
    the cache), describe this source and options, and give the digest and size of these bytes."""
    from .cache import library_digest, normalize_source
    from .manifest import problem

    wrong = problem(manifest, key)
    if wrong is not None:
        return f"its manifest is not one jitcell writes for this cell: {wrong}"
    assert isinstance(manifest, dict)  # problem() checked it
    if manifest["source"] != normalize_source(source) or manifest["options"] != options:
        return "its manifest describes another cell"
    if len(data) != manifest["library"]["size"] or library_digest(data) != manifest["library"]["blake2b"]:
        return "the library's bytes do not match the digest and size of its manifest"
    return None


def place(work, manifest: dict, data: bytes):
    """Write the shipped library into a build workspace, as the linker would have: the path to publish."""
    import os

    from . import files

    path = work / os.path.basename(manifest["library"]["file"])
    files.write_new(str(path), data, 0o700)
    return path
