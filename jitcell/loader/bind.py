"""bind: each exported entry point of a loaded `Library` -> a callable `JitFunction`.

    lib.functions["f"](3, 0.5)   ->  CPython calls the function's native entry (below),
                                     which converts and checks the arguments itself
    lib.functions["f"](n=3)      ->  what the entry does not take goes to the generated Python
                                     wrapper (wrappers.py), made at that first need

Argument errors are worded as for the original function ("f() missing 1 required positional
argument: 'x'"), or name the parameter (wrong type, beyond 64 bits); an exception raised
inside compiled code comes out of the call as the exception Python would have raised. Where
native entries cannot be used (JITCELL_NATIVE_CALLS=0, another Python), the wrapper is the
JitFunction's `__call__`. Classes, generators and module variables are bound only for a library
that has them: a cache hit of a cell of plain functions imports none of their modules.

Native entries: a compiled function that CPython calls through its own vectorcall protocol.

    f(3)   ->  CPython reads the entry's address from the JitFunction  ->  jitcell.native.f(f, args, 1, NULL)
                                                                           (compiler/lower/native.py)

JitFunction (and @jit's DecoratedFunction) derive from `NativeCall`, a type made once per
process with PyType_FromSpec: two words after the object header, the entry's address (where
`__vectorcalloffset__` says) and the fallback, the generated Python wrapper (wrappers.py), which
the entry calls with the same arguments whenever it does not take them itself. The wrapper is
also kept in the object's `__dict__`, so the word never outlives it.

A class whose `__call__` is NativeCall's own (`CALL`) gets tp_call = PyVectorcall_Call; CPython
3.12 also gives it the vectorcall flag, which 3.11 keeps for immutable types only: `bind_call` sets
it (the classes jitcell makes never get another `__call__`). `JITCELL_NATIVE_CALLS=0` turns the
entries off: every call goes through the wrapper.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from collections.abc import Callable

from jitcell import runtime
from jitcell.abi import SCRIPT_FUNCTION
from jitcell.errors import CompileError, Diagnostic, Loc

from .load import OBJECT_OFFSETS, Library, fill_numpy

TYPE_CHECKING = False  # typing's own costs a cache hit an import

__all__ = ["bind", "JitFunction", "GeneratorFunction", "NativeCall", "CALL", "available", "bind_call", "unbind_call",
           "LazyFallback"]

# ---- native entries: the type CPython calls them through (their table of CPython's objects: load.py) ----

_WRITEABLE = 0x400  # NPY_ARRAY_WRITEABLE
_HAVE_VECTORCALL = 1 << 11
_TP_FLAGS = 168  # offsetof(PyTypeObject, tp_flags), checked against __flags__ before writing


# PyType_Spec, PyType_Slot and PyMemberDef as the C compiler lays them out (struct's native alignment):
# packed into one buffer rather than declared as ctypes Structures, each of which (with its pointer and
# array types) is a class a fresh process's first cache hit would pay to make
_SPEC = struct.Struct("@PiiIP")  # name, basicsize, itemsize, flags, slots
_TYPE_SLOT = struct.Struct("@iP")  # slot id, pfunc
_MEMBER = struct.Struct("@PiniP")  # name, type, offset, flags, doc
_PY_TP_CALL, _PY_TP_MEMBERS, _T_PYSSIZET, _READONLY = 50, 72, 19, 1


def _make_type() -> type:
    api = ctypes.pythonapi
    call = runtime.python_function("PyVectorcall_Call", "the NativeCall type calls")
    name, member = b"jitcell.NativeCall\0", b"__vectorcalloffset__\0"
    slots_at = _SPEC.size
    members_at = slots_at + 3 * _TYPE_SLOT.size
    names_at = members_at + 2 * _MEMBER.size
    buffer = bytearray(names_at) + name + member  # the type keeps pointers into it: kept for good
    base = runtime.buffer_address(buffer)
    # Py_TPFLAGS_DEFAULT | BASETYPE | HAVE_VECTORCALL; two words: the entry and the fallback
    _SPEC.pack_into(buffer, 0, base + names_at, object.__basicsize__ + 16, 0, (1 << 18) | (1 << 10) | _HAVE_VECTORCALL,
                    base + slots_at)
    _TYPE_SLOT.pack_into(buffer, slots_at, _PY_TP_CALL, call)
    _TYPE_SLOT.pack_into(buffer, slots_at + _TYPE_SLOT.size, _PY_TP_MEMBERS, base + members_at)  # then {0, NULL}
    _MEMBER.pack_into(buffer, members_at, base + names_at + len(name), _T_PYSSIZET, OBJECT_OFFSETS["entry"], _READONLY,
                      0)  # then a row of zeros
    make = api.PyType_FromSpec
    make.restype, make.argtypes = ctypes.py_object, [ctypes.c_void_p]
    made = make(base)
    _KEEP.append(buffer)
    return made


_KEEP: list = []
if TYPE_CHECKING:
    class NativeCall:
        """What mypy sees: the type has no Python-visible attributes of its own."""
else:
    NativeCall = _make_type()
CALL = NativeCall.__call__  # a class's __call__ = CALL: CPython calls the entry directly


def _numbers_laid_out() -> bool:
    x = float("1.25")
    return (ctypes.c_void_p.from_address(id(x) + OBJECT_OFFSETS["type"]).value == id(float)
            and ctypes.c_double.from_address(id(x) + OBJECT_OFFSETS["float_value"]).value == 1.25
            and ctypes.c_ulong.from_address(id(NativeCall) + _TP_FLAGS).value == NativeCall.__flags__)


def _arrays_laid_out() -> bool:
    import numpy as np

    a = np.zeros((3, 4))[:, ::2]
    b = a.copy()
    b.flags.writeable = False

    def word(obj, field, kind=ctypes.c_void_p):
        return kind.from_address(id(obj) + OBJECT_OFFSETS[field]).value

    def axes(field):
        return list((ctypes.c_int64 * 2).from_address(word(a, field)))

    return (word(a, "array_data") == a.ctypes.data and word(a, "array_ndim", ctypes.c_int32) == 2
            and axes("array_shape") == [3, 2] and axes("array_strides") == [32, 16]
            and word(a, "array_descr") == id(a.dtype)
            and word(a, "array_flags", ctypes.c_int32) & _WRITEABLE and not word(b, "array_flags", ctypes.c_int32)
            & _WRITEABLE)


_LAYOUT: dict[str, bool] = {}


def available(arrays: bool) -> bool:
    """Whether entries may be used in this process (for functions with array parameters: `arrays`)."""
    if os.environ.get("JITCELL_NATIVE_CALLS", "1") == "0" or sys.implementation.name != "cpython":
        return False
    if "numbers" not in _LAYOUT:
        _LAYOUT["numbers"] = _numbers_laid_out()
    if arrays and "arrays" not in _LAYOUT:
        _LAYOUT["arrays"] = _LAYOUT["numbers"] and _arrays_laid_out()
        if _LAYOUT["arrays"]:
            fill_numpy()
    return _LAYOUT["arrays" if arrays else "numbers"]


class LazyFallback:
    """A fallback whose wrapper is made when it is first needed. Most functions loaded from the cache
    are only ever called through their entries, and making a wrapper (compile() of its source, ctypes
    types) costs ~0.1 ms a function, and the process's first compile() ~0.7 ms. Once made, the objects
    bound to it call the wrapper itself; this object stays alive as long as their `native` pair names
    it, so a call that is running through it when the word changes keeps its callee."""

    __slots__ = ("_make", "_made", "_users")

    def __init__(self, make: Callable[[], Callable]):
        self._make = make
        self._made: Callable | None = None
        self._users: list = []  # the objects whose word holds this object

    def wrapper(self) -> Callable:
        if self._made is None:
            made = self._make()
            self._made = made
            for obj in self._users:
                _set_fallback(obj, made)
            self._users.clear()
        return self._made

    def __call__(self, *args, **kwargs):
        return self.wrapper()(*args, **kwargs)


def bind_call(obj: object, base: type, entry: int, fallback) -> None:
    """Make `obj` (an instance of `base`, a subclass of NativeCall) call `entry`, which hands
    what it does not take to `fallback`: its class becomes a subclass of `base` of its own."""
    cls = type(base.__name__, (base,), {"__call__": CALL, "__slots__": (), "__module__": base.__module__})
    flags = ctypes.c_ulong.from_address(id(cls) + _TP_FLAGS)
    if flags.value != cls.__flags__:
        raise SystemError("jitcell: this Python's type objects are not laid out as jitcell expects")
    flags.value |= _HAVE_VECTORCALL  # (3.12 sets it itself)
    if isinstance(fallback, LazyFallback):
        if fallback._made is not None:
            fallback = fallback._made
        else:
            fallback._users.append(obj)
    _set_fallback(obj, fallback)
    ctypes.c_void_p.from_address(id(obj) + OBJECT_OFFSETS["entry"]).value = entry
    obj.__class__ = cls


def _set_fallback(obj: object, fallback) -> None:
    # the word borrows the fallback, which the object's __dict__ keeps; written first, so that no call
    # in between finds a word whose previous fallback is gone (a function bound again: decorator.py)
    ctypes.c_void_p.from_address(id(obj) + OBJECT_OFFSETS["fallback"]).value = id(fallback)
    vars(obj)["__jitcell_fallback__"] = fallback


def unbind_call(obj: object) -> None:
    """`obj` no longer has an entry (a function bound again without one: CPython 3.12 may give its new
    class the vectorcall flag, which must then find no address and call `__call__`)."""
    ctypes.c_void_p.from_address(id(obj) + OBJECT_OFFSETS["entry"]).value = None


# ---- the functions of a library ------------------------------------------------------------

_PYTYPES = {"int": int, "float": float, "bool": bool, "str": str, "complex": complex, "None": type(None)}


class JitFunction(NativeCall):
    """A compiled function of a jitcell cell, callable like the Python function it replaces: through
    its native entry (above), or the generated wrapper (`__call__` of its own class)."""

    __call__: Callable[..., object]  # the function's own generated wrapper, set on its subclass (_make_function)

    def __init__(self, name: str, info: dict, library: Library):
        self.__name__ = self.__qualname__ = name
        self.signature: str = info["signature"]
        self.library = library
        self.params: list[tuple[str, str]] = [tuple(p) for p in info["params"]]
        self.returns: str = info["returns"]
        self.defaults: list = _defaults(info["defaults"])
        self.keyword_only: int = info.get("keyword_only", 0)  # the last ones, after `*`
        doc = info.get("doc")
        self.__doc__ = f"{name}{self.signature}" + (f"\n\n{doc}" if doc else "")
        self._wrapper: Callable[..., object] | None = None  # without a native entry, the wrapper (_make_function)
        self.native: tuple[int, LazyFallback] | None = None  # the native entry's address, and its fallback

    @property
    def wrapper(self) -> Callable[..., object]:
        """The generated Python wrapper: the class's `__call__`, or what the native entry hands what it
        does not take (made then, or now)."""
        if self.native is not None:
            return self.native[1].wrapper()
        assert self._wrapper is not None
        return self._wrapper

    @property
    def __signature__(self):
        import inspect

        first_default = len(self.params) - len(self.defaults)
        first_keyword = len(self.params) - self.keyword_only
        params = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY if i >= first_keyword else
                                    inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_PYTYPES.get(t, t),
                                    default=self.defaults[i - first_default] if i >= first_default
                                    else inspect.Parameter.empty)
                  for i, (n, t) in enumerate(self.params)]
        return inspect.Signature(params, return_annotation=_PYTYPES.get(self.returns, self.returns))

    def __repr__(self) -> str:
        return f"<jitcell function {self.__name__}{self.signature} from {self.library.path.name}>"

    def __jitcell_function__(self) -> JitFunction:
        """Itself: what a Callable parameter takes (loader/callables.py; decorator.py's gives its own)."""
        return self

    def __reduce__(self):
        """pickle: the cell's source, options, callees and library travel (loader/parcels.py)."""
        if self.library.recipe is None:
            import pickle

            raise pickle.PicklingError(f"{self.__name__}() cannot be pickled: its library was not made by compile_cell")
        return self.library.recipe.reduce(self)

    def __dask_tokenize__(self) -> tuple[str, str, str]:
        """Dask's deterministic token: the cache key names the code exactly."""
        return ("jitcell.JitFunction", self.library.key, self.__name__)


class GeneratorFunction:
    """A generator function of a cell, as Python sees it. Called, it gives a CompiledGenerator
    (loader/generators.py) that Python walks lazily, as a Python generator: its start entry
    converts and checks the arguments as a function's wrapper does. One whose parameters or items
    Python cannot pass that way yet (lower/generator_entries.py) is walked by compiled code only:
    calling it raises the CompileError that says so, where it is defined."""

    __call__: Callable[..., object]  # static, as a JitFunction's (decorator.py binds it the same way)

    def __init__(self, row: dict, library: Library):
        self.__name__ = self.__qualname__ = row["name"]
        self.signature: str = row["signature"]
        self.library = library
        if "start" in row:
            from .generators import CompiledGenerator, generator_entries
            from .wrappers import item_memory

            start = _make_function(row["start"], library)
            entries = generator_entries(library.handle, row["name"], *item_memory(row["item"], library))
            name = row["name"]

            def call(*args, **kwargs):
                handle = start(*args, **kwargs)
                assert isinstance(handle, int)  # the coroutine's frame (lower/generator_entries.py)
                return CompiledGenerator(name, handle, entries)
        else:
            error = self.error(Loc(row["line"], row["column"]))

            def call(*args, **kwargs):
                raise error

        self.__class__ = type("GeneratorFunction", (GeneratorFunction,), {"__call__": staticmethod(call)})

    def error(self, loc: Loc) -> CompileError:
        manifest = self.library.manifest
        return CompileError([Diagnostic(
            f"{self.__name__}() is a generator function whose parameters or items Python cannot pass yet "
            "(numbers, bools and strs in; numbers, bools, strs, complexes and tuples of them out); call it in "
            "compiled code, where a for loop, sum(), min(), max(), any(), all(), enumerate() or zip() walks it",
            loc)], manifest["source"], manifest["options"].get("first_line", 1)).locate(*self.library.source_file)

    def __repr__(self) -> str:
        return f"<jitcell generator function {self.signature} from {self.library.path.name}>"


def bind(library: Library) -> Library:
    """Wrap each exported function; a kernel cell's top-level code (`__cell__`) becomes
    `library.cell_main` rather than a function of the cell, its variables `library.variables`."""
    rows = library.manifest.get("classes")
    if rows is not None:
        from . import classes

        library.classes = classes.bind_classes(library)  # before the functions, whose wrappers name them
    for info in library.manifest["functions"]:
        function = _make_function(info, library)
        if info["name"] == SCRIPT_FUNCTION:
            library.cell_main = function
        else:
            library.functions[info["name"]] = function
    if rows is not None:
        library.methods = {n: f for n, f in library.functions.items() if n.partition(".")[0] in library.classes}
        for cls in library.classes.values():  # the library a later cell's class deriving from it calls
            cls._jc_library = library
        classes.attach(library.classes, library.functions, {s for row in rows for s in row["static"]},
                       {p for row in rows for p in row.get("properties", [])},
                       frozenset(row["name"] for row in rows if row.get("frozen") and "outer" not in row))
    for row in library.manifest.get("generators", ()):
        library.generators[row["name"]] = GeneratorFunction(row, library)
    if "variables" in library.manifest:
        from .variables import JitVariable

        library.variables = {v["name"]: JitVariable(v["name"], v["type"], library)
                             for v in library.manifest["variables"]}
    return library


def _make_function(info: dict, library: Library) -> JitFunction:
    name = info["name"]
    if "native_symbol" in info and available(_uses_arrays(info)):  # CPython calls the entry itself
        function = JitFunction(name, info, library)
        # the wrapper, which the entry hands what it does not take, is made when that first happens
        function.native = (runtime.pointer_address(library.handle[info["native_symbol"]]),
                           LazyFallback(lambda: _wrapper(info, library)))
        bind_call(function, JitFunction, *function.native)
        return function
    wrapper = _wrapper(info, library)
    # no `self`: argument counts are the function's own
    cls = type("JitFunction", (JitFunction,), {"__call__": staticmethod(wrapper), "__slots__": ()})
    function = cls(name, info, library)
    function._wrapper = wrapper
    return function


def _wrapper(info: dict, library: Library) -> Callable:
    from . import wrappers  # at the first call the native entry does not take, if there is one

    return wrappers.make_wrapper(info, library)


def _defaults(defaults: list) -> list:
    """The defaults as Python holds them: tuples again (JSON made them lists)."""
    if not defaults:
        return []
    from .typenames import as_default

    return [as_default(d) for d in defaults]


def _uses_arrays(info: dict) -> bool:
    """typenames.uses_arrays, whose grammar is imported only for a function whose types have brackets
    (every array type's name has one: "float[:]")."""
    types = [t for _, t in info["params"]] + [info["returns"], *info.get("result_items", ())]
    if not any("[" in t for t in types):
        return False
    from .typenames import uses_arrays

    return uses_arrays(info)
