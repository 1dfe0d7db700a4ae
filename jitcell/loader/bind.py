"""bind: each exported entry point of a loaded `Library` -> a callable `JitFunction`.

    lib.functions["f"](3, 0.5)   ->  CPython calls the function's native entry (native.py),
                                     which converts and checks the arguments itself
    lib.functions["f"](n=3)      ->  what the entry does not take goes to the generated Python
                                     wrapper (wrappers.py), made at that first need

Argument errors are worded as for the original function ("f() missing 1 required positional
argument: 'x'"), or name the parameter (wrong type, beyond 64 bits); an exception raised
inside compiled code comes out of the call as the exception Python would have raised. Where
native entries cannot be used (JITCELL_NATIVE_CALLS=0, another Python), the wrapper is the
JitFunction's `__call__`. Classes, generators and module variables are bound only for a library
that has them: a cache hit of a cell of plain functions imports none of their modules.
"""

from __future__ import annotations

from collections.abc import Callable

from jitcell import runtime
from jitcell.abi import SCRIPT_FUNCTION
from jitcell.errors import CompileError, Diagnostic, Loc

from . import native
from .load import Library

__all__ = ["bind", "JitFunction", "GeneratorFunction"]

_PYTYPES = {"int": int, "float": float, "bool": bool, "str": str, "complex": complex, "None": type(None)}


class JitFunction(native.NativeCall):
    """A compiled function of a jitcell cell, callable like the Python function it replaces: through
    its native entry (loader/native.py), or the generated wrapper (`__call__` of its own class)."""

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
        self.native: tuple[int, native.LazyFallback] | None = None  # the native entry's address, and its fallback

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
    if "native_symbol" in info and native.available(_uses_arrays(info)):  # CPython calls the entry itself
        function = JitFunction(name, info, library)
        # the wrapper, which the entry hands what it does not take, is made when that first happens
        function.native = (runtime.pointer_address(library.handle[info["native_symbol"]]),
                           native.LazyFallback(lambda: _wrapper(info, library)))
        native.bind_call(function, JitFunction, *function.native)
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
