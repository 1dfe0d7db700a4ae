"""`@jitcell.jit`: typed functions of a .py file (or a library) compiled like cells.

    from __future__ import annotations      # Python then leaves annotations such as float[:] unread
    import jitcell

    @jitcell.jit
    def total(n: int) -> int:
        return square(n) + 1                 # defined below: found when total is first called

    @jitcell.jit(opt=3, wraparound=True)
    def square(n: int) -> int:
        return n * n

    total(3)   # 10: square, then total, compiled (or loaded from the cache) at this first call

Each decorated function is a cell: its source as the file holds it (decorators and the
indentation of its block removed), compiled by `compile_cell` with `first_line` set to its
`def` line, `filename` its file and `indentation` what its lines lost, so that compile errors
and the notes of run-time errors name the file, its lines and columns (`mod.py:12:5: error:
...`), and `context` its file, so that a miss is explained against the function's last compile
from the same file. The cache and its keys are the cells': a script run again loads every
function from the cache.

- **Lazy by default.** A function is compiled at its first call (or `f.compile()`), as Numba's
  `@njit` without a signature: importing a module stays cheap (not even the pipeline is
  imported), and a function may call one defined below it. `@jit(eager=True)` compiles at the
  `def`, where errors then point, but can only call functions defined above it.
- **Calls between decorated functions** resolve as Python would at the time of the compile: a
  name the body calls is looked up in the function's closure, then its module's globals; a
  decorated function found there is compiled first (callees before callers), and functions
  that call each other in a cycle are compiled together as one cell. The module-level functions
  of one module share a `Namespace` (late binding): redefining one (a reload, an IPython cell
  run again) compiles it at once and re-points the compiled code that calls it.
- The module's imports that the body uses (`import math`, `import numpy as np`, `import random`,
  `from math import sqrt`, `from random import randint`, `from jitcell import prange`) are appended to the cell (below
  `abi.ADDED_LINES`), whose last line names the module: identical text in two modules makes two
  entries, so that each one's calls go to its own module's functions.
- The object returned calls the compiled function's own wrapper directly (the same argument
  checks and TypeErrors as a `JitFunction`, no extra Python frame) and carries the Python
  function's metadata (`__name__`, `__doc__`, `__module__`, `__wrapped__`, so
  `inspect.signature`); it pickles by reference, as functions do.
"""

from __future__ import annotations

import functools
import linecache
import math
import os
import random
import re
import sys
import threading
import types
import weakref
from collections.abc import Callable

from jitcell.abi import ADDED_LINES, MODULE_LINE
from jitcell.errors import CompileError, JitError, LinkageError, source_lines
from jitcell.loader import bind
from jitcell.options import Options

TYPE_CHECKING = False  # typing's own costs an import that a module of lazy functions need not pay
if TYPE_CHECKING:
    from jitcell.loader.namespace import Namespace

__all__ = ["jit", "DecoratedFunction"]

# The options of the generated code a decorator may set (the others belong to the kernel,
# the runtime library and teaching mode); `first_line` is the def's line in the file.
CODE_OPTIONS = ("opt", "wraparound", "boundscheck", "loop_versioning", "interrupt_checks", "parallel")

_LOCK = threading.RLock()  # one compile at a time: compiles are rare, and callees come first
_CALLED = re.compile(r"(?<![\w.])(?!\d)(\w+)\s*\(")  # a name before '(', as namespace.resolve scans
# a name alone as an argument or an assigned value (a function as a value), as namespace.resolve scans
_VALUE = re.compile(r"(?:[(,\[]|(?<![=!<>])=)[ \t]*(?!\d)(\w+)[ \t]*(?=[,)\]]|$)", re.M)
_WORD = re.compile(r"(?<![\w.])(?!\d)\w+")
_MISSING = object()


def jit(function: Callable | None = None, /, *, eager: bool = False, cache: bool = True, **options):
    """Compile a typed function with jitcell: `@jit`, `@jit(opt=3, wraparound=True, ...)` or
    `jit(function, ...)`. Options: `opt` (0-3), `wraparound`, `boundscheck`, `loop_versioning`, `parallel`,
    `interrupt_checks` (compile_cell's, part of the cache key); `cache=False` builds in a
    temporary directory; `eager=True` compiles at the def instead of at the first call."""
    unknown = sorted(set(options) - set(CODE_OPTIONS))
    if unknown:
        raise TypeError(f"jit() got an unexpected keyword argument {unknown[0]!r}")
    Options(**options)  # a bad value is an error at the decorator, not at the first call

    def decorate(fn: Callable) -> DecoratedFunction:
        return _decorate(fn, options, eager=eager, cache=cache)

    return decorate if function is None else decorate(function)


class DecoratedFunction(bind.NativeCall):
    """A function of a Python module that jitcell compiles (on first call, or at its def with
    eager=True). Calling it calls the compiled code; `__wrapped__` is the Python function."""

    __name__: str
    __qualname__: str
    __wrapped__: Callable

    def __init__(self, fn: Callable, options: dict, *, eager: bool, cache: bool):
        functools.update_wrapper(self, fn)
        self.options = options  # the fields of Options it is compiled with, first_line aside
        self.eager = eager
        self.cache = cache
        self.function = None  # the compiled JitFunction, once compiled
        filename = fn.__code__.co_filename
        linecache.checkcache(filename)  # a stat: a file edited since it was last read is read again
        self._lines = linecache.getlines(filename, fn.__globals__)  # the text of the code Python runs
        self._source: _Source | None = None
        self._module = _module_of(fn) if _module_level(fn) else None

    def __call__(self, *args, **kwargs):
        """Until compiled: compile, then call. Compiling replaces this method (`_bind`)."""
        return self.compile()(*args, **kwargs)

    def compile(self):
        """Compile now (or load from the cache), with the decorated functions it calls; return
        the JitFunction. A CompileError names the file and its lines."""
        if self.function is None:
            _compile(self)
        return self.function

    def __jitcell_function__(self):
        """The JitFunction a compiled function's Callable parameter takes for it (loader/callables.py)."""
        return self.compile()

    @property
    def library(self):
        """The compiled function's Library (compiling it first): `cache_hit`, `key`, `manifest`..."""
        return self.compile().library

    @property
    def signature(self) -> str:
        return self.compile().signature

    def __repr__(self) -> str:
        source = self._source
        where = f" at {source.filename}:{source.def_line}" if source else ""
        state = f"compiled: {self.function.signature}" if self.function is not None else "not compiled yet"
        return f"<jitcell.jit function {self.__qualname__}{where} ({state})>"

    def __reduce__(self) -> str:
        return self.__qualname__  # by reference, as pickle stores a function: module and name

    # ---- compiling ----------------------------------------------------------------------

    @property
    def _src(self) -> _Source:
        if self._source is None:
            self._source = _extract(self.__wrapped__, self._lines)
        return self._source

    def _calls(self) -> dict[str, object]:
        """What the names this function's body calls are bound to now (closure, then globals),
        its own name aside; a name bound to nothing maps to _MISSING."""
        own = self.__wrapped__.__name__
        return {name: _lookup(self.__wrapped__, name)
                for name in sorted(set(_CALLED.findall(self._src.text)) | set(_VALUE.findall(self._src.text)))
                if name != own}

    def _bind(self, function) -> None:
        self.function = function
        if getattr(function, "native", None) is not None:  # CPython calls its native entry (loader/bind.py)
            bind.bind_call(self, DecoratedFunction, *function.native)
            return
        bind.unbind_call(self)
        # a class of its own whose __call__ is the compiled function's wrapper itself: no extra frame
        self.__class__ = type("DecoratedFunction", (DecoratedFunction,),
                              {"__call__": staticmethod(type(function).__call__), "__module__": __name__})


def _decorate(fn, options: dict, *, eager: bool, cache: bool) -> DecoratedFunction:
    code = getattr(fn, "__code__", None)
    if code is None or isinstance(fn, staticmethod | classmethod):
        hint = " (put @staticmethod above @jitcell.jit)" if isinstance(fn, staticmethod | classmethod) else ""
        raise TypeError(f"jitcell.jit compiles a function defined with def, not {fn!r}{hint}")
    if fn.__name__ == "<lambda>":
        raise TypeError("jitcell.jit compiles a function defined with def, not a lambda")
    decorated = DecoratedFunction(fn, options, eager=eager, cache=cache)
    module = decorated._module
    redefined = module is not None and module.calls(fn.__name__)
    if eager or redefined:  # compiled code calls the name: re-point it at this definition now
        decorated.compile()
    if module is not None:
        module.functions.add(decorated)
    return decorated


# ---- modules ---------------------------------------------------------------------------


class _Module:
    """The decorated module-level functions of one module (one globals dict) and their
    Namespace (late binding between them)."""

    def __init__(self, scope: dict):
        self.scope = scope  # kept alive with the registry, as its module is by sys.modules
        self.functions: weakref.WeakSet[DecoratedFunction] = weakref.WeakSet()  # every definition, old ones too
        self._namespace: Namespace | None = None

    @property
    def namespace(self) -> Namespace:
        if self._namespace is None:
            from jitcell.loader.namespace import Namespace  # the loader: at the module's first compile

            self._namespace = Namespace()
        return self._namespace

    def calls(self, name: str) -> bool:
        """Whether compiled code of this module calls `name` (through a slot)."""
        return self._namespace is not None and bool(self._namespace.callers(name))

    def sync(self) -> None:
        """After a compile in the Namespace: a caller it recompiled against a new signature
        replaced the function of that name; every definition of the name with that source (an
        old one too, which someone may hold: Python would run it with the new callee) calls it."""
        names = self.namespace.names
        for decorated in list(self.functions):
            current, old = names.get(decorated.__wrapped__.__name__), decorated.function
            if old is None or current is None or current is old or not hasattr(current, "library"):
                continue
            if (current.library.manifest["source"], current.library.manifest["options"]) == \
                    (old.library.manifest["source"], old.library.manifest["options"]):
                decorated._bind(current)


_MODULES: dict[int, _Module] = {}


def _module_level(fn) -> bool:
    """A function its module's globals may bind by its own name (not nested, not a method)."""
    return fn.__qualname__ == fn.__name__


def _module_of(fn) -> _Module:
    with _LOCK:
        scope = fn.__globals__
        module = _MODULES.get(id(scope))
        if module is None:
            module = _MODULES[id(scope)] = _Module(scope)
        return module


def _lookup(fn, name: str):
    """What `name` means in `fn`'s body, as Python finds it at a call: closure, then globals."""
    code = fn.__code__
    if name in code.co_freevars and fn.__closure__:
        try:
            return fn.__closure__[code.co_freevars.index(name)].cell_contents
        except ValueError:  # an empty cell: not assigned yet
            return _MISSING
    return fn.__globals__.get(name, _MISSING)


# ---- the source ------------------------------------------------------------------------


class _Source:
    """A decorated function's cell text and where it lies in its file."""

    def __init__(self, filename: str, def_line: int, text: str, removed: list[int]):
        self.filename = filename
        self.def_line = def_line  # the file line of `def`: the cell's first_line
        self.text = text  # from `def` on, dedented
        self.removed = removed  # per cell line: the columns dedenting removed (compile_cell's indentation)
        self.last_line = def_line + len(removed) - 1


def _extract(fn, lines: list[str]) -> _Source:
    """The block of `fn` in its file's lines (read when it was decorated: the code Python runs),
    from `def` on (decorators and comments above it left out), dedented; lines inside a
    multi-line string keep their indentation, which is the string's text."""
    import ast
    import inspect  # a compile only: importing a module of lazy functions stays cheap

    filename = fn.__code__.co_filename
    if not lines:
        raise JitError(f"jitcell compiles {fn.__qualname__} from its source, which Python cannot find "
                       f"({filename}): define it in a .py file")
    start = fn.__code__.co_firstlineno  # the first decorator's line
    block = inspect.getblock(lines[start - 1:])
    pad = block[0][:len(block[0]) - len(block[0].lstrip())]
    text = "".join(_dedented(block, pad))
    try:
        node = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        node = None
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name != fn.__name__:
        raise JitError(f"the source of {fn.__qualname__} at {filename}:{start} is not its def (did the file "
                       "change since it was imported?)")
    kept = block[node.lineno - 1:]
    new = _dedented(kept, pad)
    return _Source(filename, start + node.lineno - 1, "".join(new),
                   [len(a) - len(b) for a, b in zip(kept, new, strict=True)])


def _dedented(block: list[str], pad: str) -> list[str]:
    import io
    import tokenize

    naive = [line[len(pad):] if line.startswith(pad) else line.lstrip(" \t") if line.strip() else "\n"
             for line in block]
    inside: set[int] = set()  # 0-based rows that continue a multi-line string: their text is the string's
    try:
        for token in tokenize.generate_tokens(io.StringIO("".join(naive)).readline):
            inside.update(range(token.start[0], token.end[0]))  # rows start+1..end, 0-based
    except (tokenize.TokenError, SyntaxError):
        pass
    return [block[i] if i in inside else line for i, line in enumerate(naive)]


def _imports(decorated: DecoratedFunction) -> set[str]:
    """The imports of its module that the function's text uses, as lines of the cell."""
    fn = decorated.__wrapped__
    local = set(fn.__code__.co_varnames)
    numpy = sys.modules.get("numpy")
    numba_module = sys.modules.get("numba")
    lines = set()
    for word in set(_WORD.findall(decorated._src.text)) - local:
        value = _lookup(fn, word)
        if value is math or value is random or (value is numpy and numpy is not None):
            module = "math" if value is math else "random" if value is random else "numpy"
            lines.add(f"import {module}" if word == module else f"import {module} as {word}")
        elif value is range and word != "range":  # jitcell.prange is range itself (compiler/parallel.py)
            lines.add("from jitcell import prange" if word == "prange" else f"from jitcell import prange as {word}")
        elif numba_module is not None and value is numba_module and word == "numba":  # for numba.prange
            lines.add("import numba")
        elif numba_module is not None and value is getattr(numba_module, "prange", _MISSING) is not _MISSING:
            lines.add("from numba import prange" if word == "prange" else f"from numba import prange as {word}")
        elif value is not _MISSING:
            for library in (math, random):
                name = next((n for n, v in vars(library).items() if v is value and not n.startswith("_")), None)
                if name is not None:
                    source = library.__name__
                    lines.add(f"from {source} import {name}" if word == name else
                              f"from {source} import {name} as {word}")
                    break
    return lines


# ---- compiling -------------------------------------------------------------------------


def _compile(target: DecoratedFunction) -> None:
    with _LOCK:
        if target.function is None:
            for group in _groups(target):
                _compile_group(group, target)


def _groups(target: DecoratedFunction) -> list[list[DecoratedFunction]]:
    """The functions to compile for `target`: it and the decorated functions it calls, not
    compiled yet, as strongly connected components (Tarjan), callees before callers."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[DecoratedFunction] = []
    groups: list[list[DecoratedFunction]] = []

    def visit(v: DecoratedFunction) -> None:
        index[id(v)] = low[id(v)] = len(index)
        stack.append(v)
        for w in v._calls().values():
            if not isinstance(w, DecoratedFunction) or w.function is not None:
                continue
            if id(w) not in index:
                visit(w)
                low[id(v)] = min(low[id(v)], low[id(w)])
            elif any(w is s for s in stack):
                low[id(v)] = min(low[id(v)], index[id(w)])
        if low[id(v)] == index[id(v)]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w is v:
                    break
            groups.append(sorted(group, key=lambda d: d._src.def_line))

    visit(target)
    return groups


def _compile_group(group: list[DecoratedFunction], target: DecoratedFunction) -> None:
    from jitcell.loader.bind import JitFunction  # the loader and the pipeline: at the first compile
    from jitcell.pipeline import compile_cell

    first = group[0]
    module = first._module
    if len(group) > 1:
        _check_cycle(group)
    defined = {d.__wrapped__.__name__ for d in group}
    callees: dict[str, object] = {}
    unbound: set[str] = set()
    for member in group:
        for name, value in member._calls().items():
            if name in defined:
                continue
            if isinstance(value, DecoratedFunction):
                callees[name] = value.function  # compiled: its group came first
            elif isinstance(value, JitFunction):  # a cell's function bound in the module: callable too
                callees[name] = value
            else:
                unbound.add(name)
    source = _cell_source(group)
    options = Options(first_line=first._src.def_line, **first.options)
    env: Namespace | dict[str, object] = callees  # a nested function binds its callees once
    if module is not None:  # the module's Namespace: late binding between its functions
        names = module.namespace.names
        for name in unbound:
            if isinstance(names.get(name), JitFunction):
                del names[name]  # rebound to something else since: not a callee any more
        names.update(callees)
        module.namespace.label = f"{first._src.filename}:{first._src.def_line}"
        env = module.namespace
    filename = first._src.filename
    try:
        library = compile_cell(source, options, callees=env, cache=first.cache, filename=filename,
                               indentation=_indentation(group), context="file:" + os.path.abspath(filename))
    except CompileError as error:
        raise _located(error, group, target).with_traceback(None) from None  # the compiler's frames are no news
    except LinkageError as error:  # a name once called is missing: the compile error says more here
        if isinstance(error.__cause__, CompileError):
            raise _located(error.__cause__, group, target).with_traceback(None) from None
        raise
    for member in group:
        name = member.__wrapped__.__name__
        member._bind(library.functions[name] if name in library.functions else library.generators[name])
    if module is not None:
        module.sync()


def _check_cycle(group: list[DecoratedFunction]) -> None:
    """Functions that call each other are one cell: one module, one set of options."""
    names = ", ".join(d.__qualname__ for d in group)
    if any(d._module is None or d._module is not group[0]._module for d in group):
        raise JitError(f"{names} call each other, so jitcell compiles them together: they must be defined at "
                       "the top level of one module")
    if any((d.options, d.cache) != (group[0].options, group[0].cache) for d in group):
        raise JitError(f"{names} call each other, so jitcell compiles them together, with one set of "
                       "options: give them the same options")
    for d in group:
        for name, value in d._calls().items():
            if isinstance(value, DecoratedFunction) and any(value is m for m in group) \
                    and name != value.__wrapped__.__name__:
                raise JitError(f"{d.__qualname__} calls {value.__wrapped__.__name__} as {name}, in a cycle: "
                               "call it by its own name")
    for a, b in zip(group, group[1:], strict=False):
        if b._src.def_line <= a._src.last_line:
            raise JitError(f"{a.__qualname__} and {b.__qualname__} call each other and one is defined inside "
                           "the other; jitcell compiles top-level functions")


def _cell_source(group: list[DecoratedFunction]) -> str:
    """The functions at their own lines (blank lines between them), then, below the line that
    says jitcell added what follows, the imports they use and the module's name."""
    lines: list[str] = []
    first_line = group[0]._src.def_line
    for member in group:
        lines += ["\n"] * (member._src.def_line - first_line - len(lines))
        lines += [line + "\n" for line in source_lines(member._src.text)]
    imports = sorted(set().union(*(_imports(m) for m in group)))
    lines += [ADDED_LINES + "\n", *(line + "\n" for line in imports), f"{MODULE_LINE}{group[0].__module__}\n"]
    return "".join(lines)


def _indentation(group: list[DecoratedFunction]) -> tuple[int, ...]:
    """Per line of the cell, the columns its line in the file has before it (a method's block)."""
    columns: list[int] = []
    first_line = group[0]._src.def_line
    for member in group:
        columns += [0] * (member._src.def_line - first_line - len(columns))
        columns += member._src.removed
    return tuple(columns)


# ---- errors name the file --------------------------------------------------------------


def _located(error: CompileError, group: list[DecoratedFunction], target: DecoratedFunction) -> CompileError:
    """The error (which compile_cell made name the file, its lines and columns) with what the
    module says about a name the body uses, and why a function not called yet was compiled."""
    for d in error.diagnostics:
        member = next((m for m in group if m._src.def_line <= d.loc.line <= m._src.last_line), None)
        if member is not None:  # not an import line jitcell added
            d.message = d.message.replace("at the top of the cell", "at the top of the module") + _hint(d, member)
    error.locate(error.filename, error.indentation)
    if target not in group:
        error.add_note(f"(compiling {', '.join(m.__qualname__ for m in group)} because "
                       f"{target.__qualname__} calls it)")
    return error


def _hint(diagnostic, member: DecoratedFunction) -> str:
    found = re.match(r"name '(\w+)' is not defined$", diagnostic.message)
    if found is None:
        return ""
    name = found.group(1)
    value = _lookup(member.__wrapped__, name)
    if value is _MISSING:
        if member.eager and member.function is None:
            return (f"; with eager=True, {member.__qualname__} is compiled at its def, before what is "
                    "defined below it")
        return ""
    if isinstance(value, types.FunctionType):
        return f"; {name} is a Python function: decorate it with @jitcell.jit to call it from compiled code"
    numpy, attribute = sys.modules.get("numpy"), getattr(value, "__name__", "")
    if numpy is not None and getattr(numpy, attribute, None) is value:
        return f"; import numpy as np and write np.{attribute}"
    if callable(value):
        return f"; {name} is a Python {type(value).__name__}, which compiled code cannot call"
    return (f"; {name} is a Python {type(value).__name__} of the module, which compiled code does not see: "
            "pass it as an argument")
