"""Calls between cells: a cell may call the functions that earlier cells compiled.

    In [1]: %%jit                               In [2]: %%jit
            def f(x: int) -> int:                       def g(n: int) -> int:
                return 2 * x                                return f(n) + 1     # f of In [1]

g's library reaches f through a slot, `jitcell.slot.cell.f` (target "cell.f"), which
holds the address of `jitcell.call.f`, the internal-ABI entry that f's library exports
(`i32 (ptr ret, i32 calls_left, i64 stack_floor, params...)`, the convention of calls inside a cell).
The slot is patched after every load, like the callback and runtime slots, so cached
callers stay right in a new process; g's cache key holds f's signature, not its body.

A `Namespace` gives late binding, as Python's globals do. It maps names to objects
(IPython's `user_ns`, or a dict of its own) and remembers the loaded libraries that
call across cells. When a cell (re)defines a name:

- callers compiled against the same signature are re-patched: they call the new body;
- callers compiled against another signature are *stale*: their slot gets a stub that
  raises `LinkageError` (naming the callee, both signatures and the cell to re-run),
  and jitcell recompiles the caller's cell from its manifest (source and options) with
  the new signature; the recompiled functions replace the stale ones in the namespace,
  which may cascade to their own callers. If the caller no longer compiles, it stays
  stale and the error says why.

    >>> ns = Namespace()
    >>> compile_cell(F, callees=ns); compile_cell(G, callees=ns)
    >>> ns.names["g"](3)
    7

`compile_cell(source, callees=mapping)` with a plain mapping binds statically: the
cell calls exactly those functions, and nothing re-patches it later.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
from collections.abc import Callable

from jitcell import abi, runtime
from jitcell.abi import CELL_TARGET
from jitcell.errors import CacheError, CompileError, JitError, LinkageError, UnsafeCacheError
from jitcell.options import Options, patching_enabled
from jitcell.runtime import callbacks

from . import classes, files, load, outer_classes, variables
from .bind import GeneratorFunction, JitFunction
from .cache import Cache, normalize_source
from .classes import JitInstance
from .signing import digest

__all__ = ["Namespace", "Relink", "Callees", "resolve", "names_of", "key_part", "resolver", "signature_of",
           "entry_address", "link", "manifest_rows", "missing_callees"]


# The protection: a method's signature, as a caller of another cell sees it, includes its class's family
# (layouts, numbers): a later cell's subclass compiled against another layout is recompiled, never
# re-patched onto code reading the new one. Switched off for tests only (tests/test_outer_bases.py).
CLASS_IDENTITY = True


def signature_of(fn) -> dict:
    """What a caller compiled against `fn` depends on: parameter names and types, defaults, result,
    and whether `fn` may assign to elements of the arrays passed to it ("writes_arrays": then a
    caller that passes its own array parameter on refuses read-only arrays too, so a new body
    that starts writing makes its callers stale, as a new signature does)."""
    types = {"params": [list(p) for p in fn.params], "returns": fn.returns, "defaults": list(fn.defaults),
             **({"keyword_only": fn.keyword_only} if getattr(fn, "keyword_only", 0) else {})}
    cls = fn.__name__.partition(".")[0]
    if "." in fn.__name__ and CLASS_IDENTITY and any(r["name"] == cls for r in fn.library.manifest.get("classes", [])):
        types["class"] = classes.family_identity(fn.library.manifest, cls)  # a later cell's subclass reads its layout
    elif CLASS_IDENTITY and (named := outer_classes.identities(fn)):  # a caller of another cell reads their layouts
        types["classes"] = named
    return {**types, "writes_arrays": True} if _row(fn).get("writes_arrays") else types


def _types(signature: dict) -> dict:
    """The part of a signature a manifest's callee row records ("expects"): no effects. The cache
    key holds the whole signature, so a library found by key was compiled against the effects
    of the functions it is loaded with."""
    return {k: signature[k] for k in ("params", "returns", "defaults", "keyword_only", "class", "classes")
            if k in signature}


def _shown(link, fn) -> tuple[str, str]:
    """The signature `link` was compiled against and `fn`'s, for messages; with their effects
    when those are all that changed."""
    old, new = link.signature, fn.signature
    if old == new and any(link.expects.get(k) != signature_of(fn).get(k) for k in ("class", "classes")):
        cls = link.name.partition(".")[0] if "class" in link.expects else ", ".join(link.expects.get("classes", {}))
        return f"{old} (with {cls} as it was then)", f"{new} (with another layout or family of {cls})"
    if old == new:
        old, new = (text + (" (which may assign to elements of the arrays passed to it)" if effects else
                            " (which assigns to no array passed to it)")
                    for text, effects in ((old, link.expects.get("writes_arrays")),
                                          (new, signature_of(fn).get("writes_arrays"))))
    return old, new


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)  # NaN defaults compare equal


def _names(callees):
    return callees.names if isinstance(callees, Namespace) else callees


def names_of(callees):
    """The namespace of names a cell compiled with `callees` sees (a Namespace's, or the mapping)."""
    return _names(callees) if callees is not None else None


def resolve(callees, source: str) -> dict:
    """The functions of other cells that `source` may call or use as values: the names it writes
    before a `(`, or alone as an argument or the value of an assignment (`integrate(f, 1.0)`,
    `g = f`), outside attribute access, and does not define with a top-level `def`, that
    `callees` maps to a JitFunction.
    A superset of what the cell calls (a call in a comment or a string counts), which is safe
    for the cache key: every callee the compiled code depends on is in it. Found by scanning,
    not parsing, so a cache hit pays almost nothing for it."""
    names = _names(callees)
    found = Callees()
    found.source, found.names = source, names
    if not names:
        return found
    defined = set(re.findall(r"^(?:async[ \t]+)?def[ \t]+(\w+)", source, re.M))
    words = set(re.findall(r"(?<![\w.])(?!\d)(\w+)\s*\(", source)) | set(re.findall(_VALUE, source, re.M))
    for word in words - defined:
        value = names.get(word)
        if isinstance(value, JitFunction):
            found[word] = value
    if "class" in source:
        _outer_bases(found, names, source)
    outer_classes.add_used(found, names, source)
    return found


def _outer_bases(found: Callees, names, source: str) -> None:
    """The classes of other cells that the cell's classes derive from (compiler/check/outer_bases.py):
    their rows and their ancestors' in their cell's manifest, and their methods, called as callees."""
    defined = set(re.findall(r"^class[ \t]+(\w+)", source, re.M))
    for base in set(re.findall(r"^class[ \t]+\w+[ \t]*\([ \t]*(\w+)[ \t]*\)", source, re.M)) - defined:
        cls = names.get(base)
        library = getattr(cls, "_jc_library", None) if isinstance(cls, type) and issubclass(cls, JitInstance) \
            else None
        if library is None:
            continue
        rows = library.manifest.get("classes", [])
        chain: list[dict] = []
        at = next((r for r in rows if r["name"] == base), None)
        while at is not None:
            chain.insert(0, at)
            at = next((r for r in rows if r["name"] == at.get("base")), None)
        methods: dict[str, str] = {}
        made = []
        identity = classes.family_identity(library.manifest, base)
        for row in chain:
            own = {f.partition(".")[2]: f for f in library.methods if f.startswith(row["name"] + ".")
                   and not f.partition(".")[2].startswith("_jc_")}
            methods.update(own)
            made.append({**row, "methods": own, "key": list(classes.registry_key(rows, row)), "identity": identity})
        for function in methods.values():
            found[function] = library.methods[function]
        init = found.get(methods.get("__init__", ""))
        found.bases[base] = {
            "chain": made, "identity": identity,
            "init": None if init is None else {"params": [list(p) for p in init.params[1:]],
                                               "defaults": list(init.defaults),
                                               "keyword_only": getattr(init, "keyword_only", 0)}}


# a name alone after `(`, `,`, `[` or `=` and before `,`, `)`, `]` or the line's end: a function as a value
# (compiled at its first use, by re's cache: compiling it costs a cache hit ~1 ms)
_VALUE = r"(?:[(,\[]|(?<![=!<>])=)[ \t]*(?!\d)(\w+)[ \t]*(?=[,)\]]|$)"


class Callees(dict):
    """name -> JitFunction: the callees of a cell (called, or used as values). `not_called()`
    (computed on a miss only) adds the other functions it mentions, so that a use resolve did not
    see, or of a generator function, says what to write instead of "not defined"."""

    source = ""
    names = None
    bases: dict = {}  # name -> a class of another cell a class of the cell derives from (_outer_bases)
    used: dict = {}  # root -> a family of classes of other cells the cell uses otherwise (outer_classes.py)
    used_names: set = set()  # the names of those classes
    refused: dict = {}  # name -> why the cell may not use that class or function of another cell

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bases, self.used, self.used_names, self.refused = {}, {}, set(), {}

    def not_called(self) -> dict[str, str]:
        if not self.names:
            return {}
        words = set(re.findall(r"(?<![\w.])(?!\d)\w+", self.source)) - set(self)
        messages = {w: f"'{w}' is a function of another cell: call it, or pass it as an argument or assign it "
                       f"(g = {w}) to use it as a value" for w in words if isinstance(self.names.get(w), JitFunction)}
        messages.update({w: f"{w}() is a generator function of another cell; jitcell walks a generator only in the "
                            f"cell that defines it: define {w}() in this cell" for w in words
                         if isinstance(self.names.get(w), GeneratorFunction)})
        messages.update({w: self.refused.get(w, f"{w} names the class {self.names[w].__name__} of another cell, "
                                                   "which jitcell takes by its own name only")
                         for w in words - self.used_names
                         if isinstance(self.names.get(w), type) and issubclass(self.names[w], JitInstance)})
        messages.update({w: f"{w}() of another cell cannot be called: {self.names[w]._jc_stale}" for w in words
                         if isinstance(getattr(self.names.get(w), "_jc_stale", None), str)})
        return {**messages, **self.refused}


def key_part(env: dict) -> dict:
    """The `callees` part of the cache key: each callee's signature, never its body."""
    part = {name: signature_of(fn) for name, fn in sorted(env.items())}
    for name, base in sorted({**getattr(env, "bases", {}), **getattr(env, "used", {})}.items()):  # a class of another
        part[f"class {name}"] = base["identity"] if CLASS_IDENTITY else name  # cell: its family's rows
    return part


def _row(fn) -> dict:
    for row in fn.library.manifest["functions"]:
        if row["name"] == fn.__name__:
            return row
    raise LinkageError(f"{fn.__name__}() is missing from the manifest of {fn.library.location}")


def entry_address(fn) -> int:
    """The address of `fn`'s internal-ABI entry in this process: what a caller's slot holds."""
    symbol = _row(fn).get("call_symbol")
    if symbol is None:
        raise LinkageError(f"{fn.__name__}() cannot be called from other cells: its library "
                           f"({fn.library.path.name}) exports no entry for them")
    try:
        return runtime.pointer_address(fn.library.handle[symbol])
    except AttributeError:
        raise LinkageError(f"{fn.__name__}(): {symbol!r} is missing from the export table of "
                           f"{fn.library.location}") from None


def _describe_missing(name: str, row: dict | None) -> str:
    wanted = f" ({name}{row['signature']})" if row else ""
    return (f"this cell calls {name}(){wanted} from another cell, but no function {name} compiled by "
            f"jitcell is defined here (is this a new kernel?); run the cell that defines {name} first")


def resolver(env: dict, manifest: dict | None = None, var_env: dict | None = None) -> Callable[[str], int]:
    """`address_of(target)` for lower (baked) and load (patched): "cell.NAME" from `env`, with
    the signature the library was compiled against checked; "var.NAME" of other kernel cells
    from `var_env` (variables.address); anything else as load.address_of says."""
    rows = {r["name"]: r for r in (manifest or {}).get("callees", [])}

    def address_of(target: str) -> int:
        if var_env and target.startswith(variables.PREFIX):
            return variables.address(var_env, target[len(variables.PREFIX):], manifest)
        if not target.startswith(CELL_TARGET):
            return load.address_of(target)
        name = target[len(CELL_TARGET):]
        fn = env.get(name)
        row = rows.get(name)
        if fn is None:
            raise LinkageError(_describe_missing(name, row))
        if row is not None and not _same(row["expects"], _types(signature_of(fn))):
            raise LinkageError(f"this cell was compiled against {name}{row['signature']}, but {name} is now "
                               f"{name}{fn.signature}; recompile this cell")
        return entry_address(fn)

    return address_of


def manifest_rows(env: dict, targets) -> list[dict]:
    """`manifest["callees"]`: the functions of other cells the code calls, and their signatures."""
    rows = []
    for target in targets:
        if target.startswith(CELL_TARGET):
            name = target[len(CELL_TARGET):]
            fn = env[name]
            rows.append({"name": name, "slot": abi.slot_symbol(target), "signature": fn.signature,
                         "expects": _types(signature_of(fn))})
    return rows


def link(library, callees, settings: dict, compile: Callable):
    """compile_cell's last step: a library compiled in a Namespace joins it; a new library's
    callees are remembered for `missing_callees`. `compile` is the pipeline's compile_cell,
    with which the Namespace recompiles callers that a new signature made stale (handed down:
    the loader sits below the pipeline)."""
    uses = library.manifest.get("uses", [])
    if callees is not None and (library.manifest.get("callees") or uses) and not library.cache_hit \
            and settings["cache"]:
        labels = callees._labels if isinstance(callees, Namespace) else {}
        names = _names(callees)
        known = getattr(callees, "variables", {})

        def defined_in(value) -> str | None:  # the label of the cell whose library holds `value`
            return labels.get(getattr(getattr(value, "library", None), "location", ""))

        rows = [{"name": r["name"], "signature": r["signature"], "defined_in": defined_in(names.get(r["name"]))}
                for r in library.manifest.get("callees", [])]
        rows += [{"name": r["name"], "type": r["type"], "defined_in": defined_in(known.get(r["name"]))}
                 for r in uses]  # module variables of other kernel cells
        _write_remembered(settings, library.manifest["source"], library.manifest["options"], rows)
    if isinstance(callees, Namespace):
        callees.compile = compile
        callees.adopt(library, settings=settings)
    return library


def _remembered_path(settings: dict, source: str, options: dict) -> str:
    text = json.dumps({"source": normalize_source(source), "options": options}, sort_keys=True)
    return os.path.join(Cache(settings.get("cache_dir")).location, "callees",
                        digest(text.encode()) + ".json")


def _write_remembered(settings: dict, source: str, options: dict, rows: list) -> None:
    path = _remembered_path(settings, source, options)
    try:
        files.write_record(os.path.dirname(os.path.dirname(path)), "callees", os.path.basename(path),
                           json.dumps(rows).encode())
    except UnsafeCacheError:
        raise
    except (OSError, CacheError):  # a full disk, a folder a clear kept removing
        pass  # only a better message is lost


def _read_remembered(settings: dict, source: str, options: dict) -> list[dict]:
    """The rows `_write_remembered` wrote for this cell (messages only), if they are readable and
    have the shape it writes; UnsafeCacheError if someone else could have written them."""
    path = _remembered_path(settings, source, options)
    if files.checked(os.path.dirname(os.path.dirname(path)), "callees") is None:
        return []
    try:
        rows = json.loads(files.read(path))
    except (OSError, ValueError):
        return []
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("name"), str)
            and isinstance(r.get("type" if "type" in r else "signature"), str)
            and isinstance(r.get("defined_in"), str | None)] if isinstance(rows, list) else []


@contextlib.contextmanager
def missing_callees(settings: dict, source: str, options: dict, callees, env: dict):
    """Around the compiler: a cell that fails to compile because a name is not defined, where
    this same cell once called a function of that name from another cell, raises LinkageError
    naming it and the cell to run first (a new kernel, cells run out of order)."""
    try:
        yield
    except CompileError as error:
        if callees is None:
            raise
        rows = _read_remembered(settings, source, options)
        undefined = {d.message.split("'")[1] for d in error.diagnostics
                     if d.message.startswith("name '") and "' is not defined" in d.message}
        missing = [r for r in rows if r["name"] in undefined and r["name"] not in env and "type" not in r]
        variables = [r for r in rows if r["name"] in undefined and "type" in r]
        if variables and not missing:
            parts = [f"{r['name']} ({r['defined_in'] + ' declared it' if r.get('defined_in') else 'declared'} as "
                     f"{r['name']}: {r['type']} when this cell was compiled)" for r in variables]
            names = ", ".join(r["name"] for r in variables)
            raise LinkageError(f"this cell uses the module variable{'s' if len(variables) > 1 else ''} "
                               f"{' and '.join(parts)} of another cell, which no cell has declared in this "
                               f"kernel yet (is this a new kernel?); run the cell that declares {names} first") \
                from error
        if not missing:
            raise
        parts = []
        for r in missing:
            where = f"{r['defined_in']} defined it" if r.get("defined_in") else "it was defined"
            parts.append(f"{r['name']}() ({where} as {r['name']}{r['signature']} when this cell was compiled)")
        names = ", ".join(r["name"] for r in missing)
        raise LinkageError(f"this cell calls {' and '.join(parts)} from another cell, but no function "
                           f"{names} compiled by jitcell is defined here (is this a new kernel?); run the "
                           f"cell that defines {names} first") from error


# ---- late binding ----------------------------------------------------------------------

_STUB_TYPE = ctypes.CFUNCTYPE(ctypes.c_int32)


def _stub(link):
    """What a stale caller's slot holds: a function that sets LinkageError pending and returns
    status 1, so the caller unwinds (releasing what it owns) and its wrapper raises. It ignores
    its arguments, which the C calling conventions allow (the caller removes them)."""

    def call() -> int:
        callbacks.PENDING.error = LinkageError(link.message)
        return 1

    return _STUB_TYPE(call)


def _stale_function(name: str, message: str):
    """What a name of a stale variable reader becomes: a function that raises LinkageError."""

    def stale(*args, **kwargs):
        raise LinkageError(message)

    stale.__name__ = stale.__qualname__ = name
    stale._jc_stale = message  # type: ignore[attr-defined]  # what a later cell calling it is told
    return stale


class Relink:
    """What defining a name did to a loaded caller: "repatched" (same signature, the caller
    now calls the new body), "recompiled" (the caller's cell was compiled again against the
    new signature; `library` is the result) or "stale" (calling it raises LinkageError)."""

    __slots__ = ("kind", "callee", "caller", "functions", "old", "new", "library", "error", "variable")

    def __init__(self, kind, callee, caller, functions, old=None, new=None, library=None, error=None,
                 variable=False):
        self.variable = variable  # the name is a module variable (variables.py), not a function
        self.kind = kind
        self.callee = callee  # the name that was redefined
        self.caller = caller  # the label of the caller's cell, e.g. "In [2]"
        self.functions = functions  # the caller's functions
        self.old, self.new = old, new  # the callee's signatures, as the caller knew it and now
        self.library = library
        self.error = error

    def __str__(self) -> str:
        who = self.caller if self.caller.startswith("the cell") else f"{self.caller} ({', '.join(self.functions)})"
        if self.kind == "repatched":
            return f"{who} now {'uses' if self.variable else 'calls'} the new {self.callee}"
        if self.kind == "recompiled":
            state = "cache hit" if self.library.cache_hit else "compiled"
            return f"recompiled {who} against {self.callee}{self.new} ({state})"
        why = f": {self.error.splitlines()[0]}" if self.error else ""
        return (f"{who} was compiled against {self.callee}{self.old}, not {self.callee}{self.new}; "
                f"calling it raises LinkageError until that cell is re-run{why}")

    def __repr__(self) -> str:
        return f"<Relink {self.kind} {self.caller} -> {self.callee}>"


class _Link:
    __slots__ = ("name", "expects", "signature", "cell", "slot", "stub", "message")

    def __init__(self, name, expects, signature, cell, slot):
        self.name, self.expects, self.signature = name, expects, signature
        self.cell, self.slot, self.stub, self.message = cell, slot, None, ""

    def write(self, address: int) -> None:
        if patching_enabled(self.slot.target):
            self.cell.value = address
            self.slot.patched = address


def _who(caller) -> str:
    names = ", ".join([*caller.library.functions, *caller.library.classes])
    return caller.label if caller.label.startswith("the cell") else f"{caller.label} (which defines {names})"


class _Caller:
    __slots__ = ("library", "label", "settings", "links")

    def __init__(self, library, label, settings, links):
        self.library, self.label, self.settings, self.links = library, label, settings, links


class Namespace:
    """Names that cells see (late binding), and the loaded libraries that call across cells.

    `names` is the mapping cells are run in (IPython's user_ns; a new dict by default).
    `label` names the cell being run, for messages ("In [3]"): a string (the magic sets it
    before each cell) or a function. `recompile=False` leaves stale callers stale instead of
    recompiling them."""

    def __init__(self, names=None, *, label=None, recompile: bool = True):
        self.names = {} if names is None else names
        self.label = label
        self.recompile = recompile
        self.compile: Callable | None = None  # compile_cell, handed over by the pipeline (link)
        self._callers: dict[str, _Caller] = {}  # by library file: one mapping per file in a process
        self.variables: dict = {}  # name -> JitVariable: module variables of kernel cells (variables.py)
        self._readers: dict[str, tuple] = {}  # library file -> (library, label, settings, [variable links])
        self._class_users: dict[str, tuple] = {}  # library file -> (_Caller, {class of another cell: identity})
        self._labels: dict[str, str] = {}
        self._busy: set[str] = set()

    def __repr__(self) -> str:
        return f"<jitcell.Namespace: {len(self._callers)} libraries calling across cells>"

    def callers(self, name: str) -> list:
        """The loaded libraries whose code calls `name` through a slot."""
        return [c.library for c in self._callers.values() if any(link.name == name for link in c.links)]

    def adopt(self, library, *, settings: dict | None = None, label: str | None = None,
              only=None) -> list[Relink]:
        """A library was loaded in this namespace: remember its slots, define its functions (all,
        or those in `only`), and bring every caller of a redefined name up to date."""
        location = library.location
        label = label or (self.label() if callable(self.label) else self.label) or \
            f"the cell that defines {', '.join([*library.functions, *library.classes]) or 'nothing'}"
        self._labels[location] = label
        slot_cells = {s.name: s for s in library.slots}
        links = []
        for row in library.manifest.get("callees", []):
            slot = slot_cells.get(row["slot"])
            if slot is not None:  # else the optimizer deleted the call
                cell = ctypes.c_void_p.in_dll(library.handle, row["slot"])
                links.append(_Link(row["name"], self._expected(row), row["signature"], cell, slot))
        if links:
            self._callers[location] = _Caller(library, label, dict(settings or {}), links)
        else:
            self._callers.pop(location, None)
        defined = [(n, fn) for n, fn in library.functions.items() if only is None or n in only]
        for name, fn in defined:
            self.names[name] = fn
        for name, cls in library.classes.items():  # classes.py
            if only is None or name in only:
                self.names[name] = cls
        for name, generator in library.generators.items():  # so that another cell's call of it says why not
            if only is None or name in only:
                self.names[name] = generator
        events: list[Relink] = self._adopt_variables(library, label, settings)
        stale: dict[str, tuple[_Caller, list]] = {}
        methods = [(n, fn) for n, fn in library.methods.items() if only is None or n.partition(".")[0] in only]
        for name, fn in defined + methods:  # methods and constructors: called by later cells (outer_classes.py)
            events += self._relink(name, fn, label, stale)
        for caller, changes in stale.values():
            events += self._update_stale(caller, changes)
        events += self._relink_class_users(library, label, settings, set(stale))
        library.relinked = events
        return events

    def _expected(self, row: dict) -> dict:
        """The whole signature a new library's callee row was compiled against: its types, with
        the effects of the function the library was just loaded with (the key held them)."""
        fn = self.names.get(row["name"])
        fn = _method(self.names, row["name"]) if "." in row["name"] or isinstance(fn, type) else fn
        if isinstance(fn, JitFunction) and _same(_types(signature_of(fn)), row["expects"]):
            return signature_of(fn)
        return row["expects"]  # no longer matched: any redefinition finds it stale

    def _adopt_variables(self, library, label: str, settings: dict | None) -> list[Relink]:
        """Module variables (variables.py): remember which slots of `library` reach variables of
        other cells; a variable it declares becomes current, and the libraries that reach that
        name are re-pointed at its storage (same type) or compiled again (another type)."""
        rows = library.manifest.get("uses", []) + [
            {"name": v["name"], "type": v["type"], "slot": abi.slot_symbol(f"var.{v['name']}"), "own": True}
            for v in library.manifest.get("variables", [])]
        links = [(row["name"], row["type"], ctypes.c_void_p.in_dll(library.handle, row["slot"]), slot,
                  row.get("own", False))
                 for row in rows
                 if (slot := next((s for s in library.slots if s.name == row["slot"]), None)) is not None]
        if links:
            self._readers[library.location] = (library, label, dict(settings or {}), links)
        events: list[Relink] = []
        retyped = {}
        for name, var in library.variables.items():
            self.variables[name] = var
            for location, (reader, reader_label, reader_settings, reader_links) in list(self._readers.items()):
                if location == library.location:
                    continue
                for other, t, cell, slot, declares in reader_links:
                    if other != name:
                        continue
                    if t == var.type:
                        if cell.value != var.address and patching_enabled(slot.target):
                            cell.value = slot.patched = var.address
                            if self._current(reader):
                                events.append(Relink("repatched", name, reader_label, list(reader.functions),
                                                     variable=True))
                    elif declares:  # it declares the name with its old type: its functions must not run
                        if self._current(reader):
                            message = (f"{reader_label} declares {name}: {t}, and {label} declared it again as "
                                       f"{name}: {var.type}; re-run {reader_label} to use its functions")
                            for function in self._current(reader):
                                self.names[function] = _stale_function(function, message)
                            events.append(Relink("stale", name, reader_label, list(reader.functions), f": {t}",
                                                 f": {var.type}", error=f"it declares {name}: {t} itself",
                                                 variable=True))
                    elif self._current(reader):
                        retyped[location] = (reader, reader_label, reader_settings, name, t, var.type)
        for reader, reader_label, reader_settings, name, old, new in retyped.values():
            caller = _Caller(reader, reader_label, reader_settings, [])
            try:
                replacement = self._compile_again(caller)
            except JitError as error:  # its functions would read the old storage: calling them raises
                message = (f"{_who(caller)} uses the variable {name}, which was {old} when it was compiled and "
                           f"is now {new} ({label}); jitcell could not compile it again:\n{error}\n"
                           f"Re-run {reader_label} after changing it.")
                for function in self._current(reader):
                    self.names[function] = _stale_function(function, message)
                events.append(Relink("stale", name, reader_label, list(reader.functions), f": {old}", f": {new}",
                                     error=str(error), variable=True))
                continue
            self._readers.pop(reader.location, None)
            events.append(Relink("recompiled", name, reader_label, list(reader.functions), f": {old}", f": {new}",
                                 library=replacement, variable=True))
            events += self.adopt(replacement, settings=reader_settings, label=reader_label,
                                 only=self._current(reader))
        return events

    def _relink(self, name: str, fn, label: str, stale: dict) -> list[Relink]:
        events = []
        expects = signature_of(fn)
        address = None
        for caller in list(self._callers.values()):
            if caller.library.location == fn.library.location:
                continue
            for link in caller.links:
                if link.name != name:
                    continue
                if _same(link.expects, expects):
                    address = address or entry_address(fn)
                    link.stub = None
                    if link.cell.value != address:
                        link.write(address)
                        if self._current(caller.library):
                            events.append(Relink("repatched", name, caller.label, list(caller.library.functions)))
                else:
                    stale.setdefault(caller.library.location, (caller, []))[1].append((link, fn, label))
        return events

    def _relink_class_users(self, library, label: str, settings: dict | None, handled: set[str]) -> list[Relink]:
        """A library using classes of other cells (outer_classes.py) joins their users; a library defining
        one of them again with another family makes its users compile again (their code reads the old
        layout, numbers and methods), or stale where that fails."""
        users = self._class_users
        used = {r["name"]: r["outer"]["identity"] for r in library.manifest.get("classes", []) if "outer" in r}
        if used:
            users[library.location] = (_Caller(library, label, dict(settings or {}), []), used)
        else:
            users.pop(library.location, None)
        events: list[Relink] = []
        if not CLASS_IDENTITY or not library.classes:
            return events
        for user, name in outer_classes.stale_users(users, library):
            location = user.library.location
            current = self._current_with_classes(user.library)
            if location in handled or location in self._busy or self.names.get(name) is not library.classes[name] \
                    or users.get(location, (None,))[0] is not user:
                continue
            users.pop(location, None)
            if not current:
                continue
            old, new = f" (as {name} was when it was compiled)", f" (another layout or family of {name})"
            try:
                self._busy.add(location)
                replacement = self._compile_again(user) if self.recompile else None
            except JitError as error:
                replacement, why = None, str(error)
            else:
                why = "jitcell does not recompile it (recompile=False)"
            finally:
                self._busy.discard(location)
            if replacement is None:
                message = (f"{_who(user)} uses the class {name} of another cell, which {label} defined again with "
                           f"another layout or family; jitcell could not compile it again:\n{why}\nRe-run "
                           f"{user.label}.")
                for function in self._current(user.library):
                    self.names[function] = _stale_function(function, message)
                events.append(Relink("stale", name, user.label, list(user.library.functions), old, new, error=why))
                continue
            events.append(Relink("recompiled", name, user.label, list(user.library.functions), old, new,
                                 library=replacement))
            events += self.adopt(replacement, settings=user.settings, label=user.label, only=current)
        return events

    def _current(self, library) -> set[str]:
        """The names that `library`'s functions still define in this namespace."""
        return {n for n, fn in library.functions.items() if self.names.get(n) is fn}

    def _current_with_classes(self, library) -> set[str]:
        return self._current(library) | {n for n, c in library.classes.items() if self.names.get(n) is c}

    def _update_stale(self, caller: _Caller, changes: list) -> list[Relink]:
        """Point a stale caller's slots at raising stubs, then recompile its cell if it still
        defines current names (its new library replaces them); else leave it stale."""
        library = caller.library
        functions = [*library.functions, *library.classes]
        current = self._current_with_classes(library)
        for link, fn, label in changes:
            old, new = _shown(link, fn)
            link.message = (f"{_who(caller)} calls {link.name}() from another cell, but "
                            f"{link.name} has a new signature: it was compiled against "
                            f"{link.name}{old}, and {link.name} is now {link.name}{new} "
                            f"({label}). Re-run {caller.label} to compile it against the new {link.name}.")
            link.stub = _stub(link)
            link.write(ctypes.cast(link.stub, ctypes.c_void_p).value)
        error = replacement = None
        if self.recompile and current and library.location not in self._busy:
            self._busy.add(library.location)
            try:  # the library may be this same file again (a cache hit): its load re-patches the slots
                replacement = self._compile_again(caller)
            except CompileError as e:
                error = str(e)
            except JitError as e:
                error = f"{type(e).__name__}: {e}"
            finally:
                self._busy.discard(library.location)
        for link, _, _ in changes:
            if error:
                link.message += f"\njitcell tried to recompile it and could not:\n{error}"
            elif replacement is not None:
                link.message += (f"\n(jitcell has recompiled {caller.label}: the current "
                                 f"{', '.join(sorted(current))} use{'s' if len(current) == 1 else ''} the new "
                                 f"{link.name}; this is an older copy.)")
        if replacement is None:
            if not current:
                return []  # an older copy nobody names any more: stale, silently
            return [Relink("stale", link.name, caller.label, functions, *_shown(link, fn), error=error)
                    for link, fn, _ in changes]
        link, fn, _ = changes[0]
        events = [Relink("recompiled", link.name, caller.label, functions, *_shown(link, fn), library=replacement)]
        return events + self.adopt(replacement, settings=caller.settings, label=caller.label, only=current)

    def _compile_again(self, caller: _Caller):
        if self.compile is None:
            raise JitError("this Namespace has no compiler to recompile stale callers with: compile_cell(..., "
                           "callees=namespace) hands it one")
        manifest = caller.library.manifest
        options = Options.from_key_parts(manifest["options"])
        names = self.names
        if options.script:  # a kernel cell: it sees the module variables too
            names = _Names(self.names)
            names.variables = self.variables
        # the source as normalized in the manifest: the same key as the cell itself would have
        return self.compile(manifest["source"], options, callees=names, **caller.settings)


def _method(names, name: str):
    """The JitFunction of the method "Point.norm" of the class `names` binds to Point, or None."""
    library = getattr(names.get(name.partition(".")[0]), "_jc_library", None)
    return library.methods.get(name) if library is not None else None


class _Names(dict):
    """Names bound once, with the module variables a kernel cell may use."""

    variables: dict = {}
