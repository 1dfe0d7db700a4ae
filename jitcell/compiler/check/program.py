"""check: `syntax.Module` -> `typed.Program`, or a CompileError listing every problem.

    def f(n: int):                 Function f (n: int) -> int
        x = n * 2          ->          locals {n: int, x: int}
        return x + 0.5                 ... returns float, so the signature is (n: int) -> float

A local's type comes from its first assignment; later assignments must agree
(an int may widen into a float variable). Return types are annotated or inferred;
recursion is inferred by iterating to a fixed point. A definite-assignment pass
marks the reads that Python could find unbound, so those alone are checked at run
time, and finds functions that could fall off their end without returning a value.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import functools
import operator
from collections.abc import Callable, Iterator

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.mathlib import MATH_CONSTANTS, MATH_FUNCTIONS
from jitcell.compiler.parallel import problems as prange_problems
from jitcell.compiler.types import (
    BOOL,
    COMPLEX,
    ERROR,
    FLOAT,
    INT,
    NONE,
    RANGE,
    STR,
    Array,
    Dict,
    Function,
    Generator,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    VarTuple,
    is_numeric,
    list_result_of_arrays,
    type_from_name,
)
from jitcell.errors import CompileError, Diagnostic, Loc

from .arrays import array_annotation
from .bare_results import bare_container, fits_bare
from .bound_methods import inline_bound_methods
from .callables import RETURNED_FUNCTION, callable_annotation, function_inside, is_callable_annotation
from .class_info import ClassInfo
from .classes import collect_classes, constructor_def, field_type_problem
from .complexes import CMATH_CONSTANTS, CMATH_FUNCTIONS
from .constants import NO_FIT, Value, default_value, evaluate, fit_default
from .cycles import warn_cycles
from .dicts import EMPTY_DICT, NOT_DICT_VALUES, value_problem
from .expressions import ExpressionChecker, int_text, truncate_hint
from .field_types import infer_field_types
from .inheritance import check_overrides, exit_unless, init_function
from .introspection import mentions_type_test
from .keys import KEY_NAMES, is_key_type
from .lists import EMPTY_LIST, arrays_inside, element_problem
from .none_lists import NONE_LIST, is_none_display, stored_type, untyped_message
from .optional import OPTIONAL_INNER, not_none, optional_inner, typing_alias
from .outer_bases import check_extensions, extension_facts, outer_infos
from .outer_classes import used_infos
from .randoms import RANDOM_FUNCTIONS
from .sets import EMPTY_SET
from .unpacking import UnpackingChecks, unpacked_value
from .unsupported import annotation_hint
from .vartuples import immutable_message, is_vartuple_annotation, vartuple_annotation

__all__ = ["check"]


def check(module: S.Module, source: str = "", first_line: int = 1, internal: bool = False,
          callees: dict[str, T.Signature | str] | None = None, variables: dict[str, Type] | None = None,
          frozen: dict[str, Value] | None = None, parallel: bool = False, bases: dict | None = None,
          used: dict | None = None) -> T.Program:
    """`internal`: allow the runtime library's memory builtins (internal.py). `callees`: the
    functions of other cells this cell may call, name -> Signature (or why it cannot).
    `variables`: the module variables of earlier kernel cells, name -> Type. `frozen`: the
    values of the names the cell reads from the notebook (loader/frozen.py), name -> value.
    `parallel`: prange loops run on threads (compiler/parallel.py says what they may do)."""
    checker = ModuleChecker(module, source, first_line, internal, callees, variables, frozen)
    checker.outer = outer_infos(bases or {}, checker.callees)  # the classes of other cells its classes derive from
    if used:  # and the families of those it uses otherwise (check/outer_classes.py)
        infos = used_infos(used, checker.callees)
        checker.outer = {**infos, **checker.outer}
        checker.class_names |= set(infos)
    checker.parallel = parallel
    return checker.program()


VARIABLE_TYPES = "int, float, bool, str or a dict"
# Every type the language has, for messages that say which types exist.
KNOWN_TYPES = ("int, float, bool, complex, str, tuple[...], list[...], dict[...], set[...] and NumPy arrays (float[:], "
               "int[:, :], ...)")


class _Signatures(dict):
    """The cell's functions' signatures; a method of a class of another cell (outer_bases.py) is
    found among the callees'."""

    def __init__(self, callees: dict):
        super().__init__()
        self.callees = callees

    def __missing__(self, name: str):
        found = self.callees.get(name) if "." in name else None
        if isinstance(found, T.Signature):
            return found
        raise KeyError(name)


class ModuleChecker:
    parallel = False  # prange loops run on threads (check's `parallel`)
    outer: dict[str, ClassInfo] = {}  # check/outer_bases.py

    def __init__(self, module: S.Module, source: str, first_line: int, internal: bool = False,
                 callees: dict[str, T.Signature | str] | None = None, variables: dict[str, Type] | None = None,
                 frozen: dict[str, Value] | None = None):
        self.module = module
        self.frozen: dict[str, Value] = dict(frozen or {})
        self.constants: dict[str, Value] = {}  # the cell's constants and the frozen names: compile-time values
        self.failed_constants: set[str] = set()  # constants whose value is an error already reported
        self.callees: dict[str, T.Signature | str] = callees or {}  # other cells' (driver.checker_signatures)
        self.variables: dict[str, Type] = dict(variables or {})  # module variables, this cell's included
        self.declared: dict[str, Type] = {}  # this cell's
        self.internal = internal
        self.source = source
        self.first_line = first_line
        self.errors: list[Diagnostic] = list(module.errors)  # parse's, reported with ours
        self.definitions = {f.name: f for f in module.functions}
        self.script = any(f.script for f in module.functions)  # a cell of the jitcell kernel
        self.imports: dict[str, str] = {}
        self.signatures: dict[str, _PendingSignature] = _Signatures(self.callees)
        self.bare_results: dict[str, str] = {}  # function -> the container its bare result annotation names
        self.classes: dict[str, ClassInfo] = {}  # check/classes.py
        self.class_names = {c.name for c in module.classes}
        if module.classes:  # each class's constructor is a function of the cell, named as the class
            for c in module.classes:
                if c.name in self.definitions or [d.name for d in module.classes].count(c.name) > 1:
                    self.errors.append(Diagnostic(f"'{c.name}' is defined twice in this cell (a class and a "
                                                  "function, or two classes)", c.loc))
            made = tuple(constructor_def(c, self.definitions, init_function(c, module.classes, self.definitions))
                         for c in module.classes if c.name not in self.definitions)
            self.module = module = dataclasses.replace(module, functions=module.functions + made)
            self.definitions.update((f.name, f) for f in made)

    def program(self) -> T.Program:
        self.collect_imports()
        self.collect_variables()
        self.constants = evaluate(self.module.constants, self.frozen, self.imports, self.definitions,
                                  self.annotation, self.errors, self.failed_constants)
        self.exact_tested: set[str] = set()  # the classes of `type(x) is C` tests (outer_bases.extension_facts)
        self.classes = collect_classes(self.module, self.annotation, self.constants, self.imports, self.definitions,
                                       self.failed_constants, self.errors, self.outer)
        for fdef in self.module.functions:
            self.signatures[fdef.name] = self.signature(fdef)
            if fdef.name in self.module.broken and self.signatures[fdef.name].returns is None:
                self.signatures[fdef.name].returns = ERROR  # its body lost statements: not inferred
        self.infer_return_types()  # those that read fields still INFERRED stay unknown, then are inferred again
        if infer_field_types(self.module.classes, self.classes, self.probe_alone, field_type_problem, self.errors):
            self.infer_return_types()
        warn_cycles(self.classes)  # check/cycles.py
        self.check_bare_results()
        outer_sigs = {n: s for n, s in self.callees.items() if isinstance(s, T.Signature)}
        check_overrides(self.classes, {**outer_sigs, **self.signatures}, self.errors)  # check/inheritance.py
        check_extensions(self.classes, self.callees, self.errors)  # outer_bases.py
        self.refuse_arrays_in_containers()
        functions = tuple(self.check_function(fdef) for fdef in self.module.functions
                          if fdef.name not in self.module.broken)
        if self.parallel:
            self.errors.extend(prange_problems(functions))
        self.fail_if_errors()
        assert all(f.signature.returns is not ERROR for f in functions), "an error type without an error"
        facts = extension_facts(self.classes, functions, self.exact_tested)
        return T.Program(functions, self.declared, {name: {**c.row(), **facts.get(name, {})}
                                                    for name, c in self.classes.items()})

    def check_bare_results(self) -> None:
        """A result annotated `-> list` (bare_results.py) was inferred: it must be a list."""
        for name, kind in self.bare_results.items():
            returns = self.signatures[name].returns
            if returns is not None and returns is not ERROR and not fits_bare(kind, returns):
                fdef = self.definitions[name]
                loc = fdef.returns.loc if fdef.returns is not None else fdef.loc
                self.errors.append(Diagnostic(f"{name}() is annotated '-> {kind}' but returns {returns}", loc))

    def refuse_arrays_in_containers(self) -> None:
        """A list (dict, set) holding arrays lives in compiled code only (lists.arrays_inside)."""
        for fdef in self.module.functions:
            signature = self.signatures[fdef.name]
            places: list[tuple[Type | None, str, Loc]] = [
                (t, f"parameter '{name}'", p.loc) for (name, t), p in zip(signature.params, fdef.params, strict=True)]
            places.append((signature.returns, f"the return value of {fdef.name}()",
                           fdef.returns.loc if fdef.returns is not None else fdef.loc))
            for k, (t, what, loc) in enumerate(places):
                result = k == len(places) - 1
                if t is not None and arrays_inside(t) and not (list_result_of_arrays(t) and (
                        result or not isinstance(t, VarTuple)) or not result and _arrays_in_tuple_items(t)):
                    self.errors.append(Diagnostic(
                        f"{what} is {t}: " + ("only a list or dict (of lists, dicts and tuples) holding NumPy "
                                              "arrays can be returned to Python" if result else
                                              "a set or tuple[T, ...] holding NumPy arrays cannot be "
                                              "passed from Python yet; pass a list of them"), loc))

    def collect_variables(self) -> None:
        for var in self.module.variables:
            t = self.annotation(var.annotation, f"'{var.name}'", var.loc)
            if t is not ERROR and not (t in (INT, FLOAT, BOOL, STR) or isinstance(t, Dict) and not arrays_inside(t)):
                self.errors.append(Diagnostic(f"a module variable must be {VARIABLE_TYPES}, not {t}", var.loc))
                t = ERROR
            if var.name in self.definitions or var.name in self.imports:
                self.errors.append(Diagnostic(f"'{var.name}' is both a variable and a "
                                              f"{'function' if var.name in self.definitions else 'module'} "
                                              "in this cell", var.loc))
            elif self.declared.get(var.name, t) != t:
                self.errors.append(Diagnostic(f"'{var.name}' is already declared {self.declared[var.name]} "
                                              f"in this cell; it cannot also be {t}", var.loc))
            else:
                self.declared[var.name] = t
                self.variables[var.name] = t

    def fail_if_errors(self) -> None:
        if self.errors:  # once each: an annotation is read by both passes over a function
            unique = list({(e.message, e.loc): e for e in self.errors}.values())
            raise CompileError(unique, self.source, self.first_line)

    @contextlib.contextmanager
    def function_imports(self, fdef: S.FunctionDef) -> Iterator[None]:
        """While `fdef` is checked, the names its body imports are visible too (to it alone)."""
        if not fdef.imports:
            yield
            return
        cell_imports = self.imports
        self.imports = dict(cell_imports)
        try:
            self.collect_imports(fdef.imports)
            yield
        finally:
            self.imports = cell_imports

    def collect_imports(self, imports: tuple[S.Import, ...] | None = None) -> None:
        for imp in self.module.imports if imports is None else imports:
            for local, target in imp.names:
                module, _, member = target.partition(".")
                if target == "math.*":  # every name jitcell knows of math
                    for name in (*MATH_FUNCTIONS, *MATH_CONSTANTS):
                        if name not in self.definitions:
                            self.imports[name] = f"math.{name}"
                    continue
                if module == "math" and member and member not in MATH_FUNCTIONS and member not in MATH_CONSTANTS:
                    self.errors.append(Diagnostic(f"math.{member} is not supported by jitcell", imp.loc))
                elif module == "cmath" and member and member not in CMATH_FUNCTIONS and member not in CMATH_CONSTANTS:
                    what = "'from cmath import *' is not supported; name what you use" if member == "*" else \
                        f"cmath.{member} is not supported by jitcell"
                    self.errors.append(Diagnostic(what, imp.loc))
                elif module == "random" and member and member not in RANDOM_FUNCTIONS:
                    self.errors.append(Diagnostic(f"random.{member} is not supported by jitcell", imp.loc))
                elif local in self.definitions:
                    self.errors.append(Diagnostic(f"'{local}' is both imported and defined in this cell", imp.loc))
                self.imports[local] = target

    # ---- signatures --------------------------------------------------------------

    def annotation(self, node: S.Expr | None, what: str, loc: Loc, allow_none: bool = False) -> Type:
        node = typing_alias(node)  # List[int] -> list[int] ...
        if (inner := optional_inner(node)) is not None:  # T | None, Optional[T]
            inner_type = self.annotation(inner, what, loc)
            return inner_type if inner_type is ERROR else self.optional_of(inner_type, node.loc if node else loc)
        if isinstance(node, S.Name) and not is_callable_annotation(node):
            t = Instance(node.id) if node.id in self.class_names else type_from_name(node.id)
        elif isinstance(node, S.Const) and (node.value is None or isinstance(node.value, str)):
            t = NONE if node.value is None else Instance(node.value) if node.value in self.class_names \
                else type_from_name(node.value)
        elif is_callable_annotation(node):  # Callable[[float], float] (check/callables.py)
            assert node is not None
            made_function = callable_annotation(node, lambda item, none: self.annotation(item, what, loc, none))
            if isinstance(made_function, str):
                self.errors.append(Diagnostic(made_function, node.loc))
                return ERROR
            t = made_function
        elif node is not None and is_vartuple_annotation(node):  # tuple[int, ...] (check/vartuples.py)
            assert isinstance(node, S.Subscript)
            element = self.annotation(node.indices[0], what, loc)
            if element is ERROR:
                return ERROR
            made = vartuple_annotation(element)
            if isinstance(made, str):
                self.errors.append(Diagnostic(made, node.loc))
                return ERROR
            t = made
        elif isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.value.id == "tuple":
            items = [self.annotation(i, what, loc) for i in node.indices]
            if any(isinstance(i, Optional) for i in items):
                shown = next(i for i in items if isinstance(i, Optional))
                self.errors.append(Diagnostic(f"a tuple cannot hold a value that may be None ({shown}) in jitcell",
                                              node.loc))
                return ERROR
            t = ERROR if ERROR in items else Tuple(items)
        elif node is not None and (array := array_annotation(node, self.imports)) is not None:  # float[:] ...
            if isinstance(array, str):
                self.errors.append(Diagnostic(array, node.loc))
                return ERROR
            t = array
        elif isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.value.id == "list" \
                and len(node.indices) == 1:
            element = self.annotation(node.indices[0], what, loc)
            if element is ERROR:
                return ERROR
            if (problem := element_problem(element)) is not None:
                self.errors.append(Diagnostic(problem, node.loc))
                return ERROR
            t = List(element)
        elif isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.value.id == "dict" \
                and len(node.indices) == 2:
            key, value = (self.annotation(i, what, loc) for i in node.indices)
            if ERROR in (key, value):
                return ERROR
            if not is_key_type(key) or value_problem(value) is not None:
                self.errors.append(Diagnostic(f"unsupported type for {what}: dict keys may be {KEY_NAMES}, values "
                                              f"anything but {NOT_DICT_VALUES}", node.loc))
                return ERROR
            t = Dict(key, value)
        elif isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.value.id == "set" \
                and len(node.indices) == 1:
            element = self.annotation(node.indices[0], what, loc)
            if element is ERROR:
                return ERROR
            if not is_key_type(element):
                self.errors.append(Diagnostic(f"unsupported type for {what}: set elements may be {KEY_NAMES}, "
                                              f"not {element}", node.loc))
                return ERROR
            t = Set(element)
        else:
            t = None
        if t is not None and function_inside(t) and not isinstance(t, Function):
            self.errors.append(Diagnostic(f"unsupported type for {what}: a function value cannot be held by a "
                                          "tuple, list, dict or set in jitcell", node.loc if node is not None else loc))
            return ERROR
        if t is None and isinstance(node, S.Name) and isinstance(why := self.callees.get(node.id), str):
            self.errors.append(Diagnostic(why, node.loc))  # a class of another cell jitcell does not take here
            return ERROR
        if t is None or (t is NONE and not allow_none):
            allowed = KNOWN_TYPES + (", and None for a result" if allow_none else "")
            self.errors.append(Diagnostic(f"unsupported type for {what}; jitcell knows {allowed}"
                                          f"{annotation_hint(node)}", node.loc if node is not None else loc))
            return ERROR
        return t

    def optional_of(self, t: Type, loc: Loc) -> Type:
        if isinstance(t, Optional):
            return t
        if t not in OPTIONAL_INNER and not isinstance(t, (List, Dict, Instance)):
            self.errors.append(Diagnostic(f"{t} | None is not supported: jitcell's values that may be None are "
                                          f"int, float, bool, str, lists and dicts", loc))
            return ERROR
        return Optional(t)

    def signature(self, fdef: S.FunctionDef) -> _PendingSignature:
        params: list[tuple[str, Type]] = []
        defaults: list[Value | None] = []
        for p in fdef.params:
            if p.annotation is None:
                self.errors.append(Diagnostic(
                    f"parameter '{p.name}' of {fdef.name}() needs a type, such as '{p.name}: int', "
                    f"'{p.name}: float', '{p.name}: str' or '{p.name}: list[int]' (jitcell knows {KNOWN_TYPES})",
                    p.loc))
                params.append((p.name, ERROR))
                continue
            if fdef.generator and isinstance(p.annotation, S.Name) and p.annotation.id == "range" \
                    and p.default is None:  # walked in compiled code only: a range crosses no boundary
                params.append((p.name, RANGE))
                continue
            t = self.annotation(p.annotation, f"parameter '{p.name}'", p.loc)
            if isinstance(t, Tuple) and _holds_empty_tuple(t):  # the boundary (and the manifest) has no ()
                self.errors.append(Diagnostic(
                    f"a tuple parameter cannot hold an empty tuple in jitcell; pass the values of '{p.name}' as "
                    f"separate parameters", p.loc))
                t = ERROR
            params.append((p.name, t))
            if p.default is not None:
                defaults.append(self.default(p, t))
            elif defaults and p.keyword_only:  # Python allows it; jitcell's defaults are those of the last ones
                self.errors.append(Diagnostic(f"a keyword-only parameter without a default ('{p.name}') after one with "
                                              "a default is not supported in jitcell; put it first", p.loc))
            elif defaults:
                self.errors.append(Diagnostic("a parameter without a default follows one with a default", p.loc))
        returns = None
        if fdef.generator:
            returns = self.generator_annotation(fdef) if fdef.returns is not None else None
        elif (kind := bare_container(fdef.returns)) is not None:  # `-> list`: the items are inferred
            self.bare_results[fdef.name] = kind
        elif fdef.returns is not None:
            returns = self.annotation(fdef.returns, f"the return value of {fdef.name}()", fdef.loc, allow_none=True)
            if function_inside(returns):
                self.errors.append(Diagnostic(RETURNED_FUNCTION, fdef.returns.loc))
                returns = ERROR
        keyword_only = sum(p.keyword_only for p in fdef.params)
        return _PendingSignature(tuple(params), tuple(defaults), returns, keyword_only)

    def default(self, p: S.Param, t: Type) -> Value | None:
        """The default of parameter `p` of type `t`, computed once at compile time as Python computes
        it once when it runs the `def`. A list, dict, set or array default is refused: Python shares
        that one object between the calls (one call's append is seen by the next)."""
        assert p.default is not None
        if t is ERROR:
            return 0  # the annotation's error is reported; the default cannot be judged
        mutable = t.inner if isinstance(t, Optional) else t
        if isinstance(mutable, (List, Dict, Set, Array)) and not (isinstance(p.default, S.Const)
                                                                   and p.default.value is None):
            self.errors.append(Diagnostic(
                f"'{p.name}' cannot have a {mutable} default in jitcell: Python makes a default once and "
                f"shares it between calls; write '{p.name}: {mutable} | None = None' and make it in the function",
                p.default.loc))
            return 0
        value, problem = default_value(p.default, self.constants, self.imports, self.definitions,
                                       self.failed_constants)
        if problem is not None:
            if problem:
                self.errors.append(Diagnostic(f"the default of '{p.name}' must be a constant: {problem}",
                                              p.default.loc))
            return 0
        fitted = fit_default(value, t)
        if fitted is NO_FIT and type(value) is int and t in (INT, FLOAT, Optional(INT), Optional(FLOAT)):
            self.errors.append(Diagnostic(f"the default of '{p.name}', {int_text(value)}, does not fit in 64 bits",
                                          p.default.loc))
            return 0
        if fitted is NO_FIT:
            self.errors.append(Diagnostic(f"the default of '{p.name}', {value!r}, is not {'an' if t is INT else 'a'} "
                                          f"{t}", p.default.loc))
            return 0
        return fitted  # type: ignore[return-value]

    def generator_annotation(self, fdef: S.FunctionDef) -> Type:
        """`-> Iterator[T]`, `Iterable[T]` or `Generator[T, None, None]` (typing's names): Generator(T)."""
        node = fdef.returns
        what = f"the values {fdef.name}() yields"
        if isinstance(node, S.Subscript) and isinstance(node.value, S.Name) and node.indices:
            head, items = node.value.id, node.indices
            if head in ("Iterator", "Iterable") and len(items) == 1 or head == "Generator" and len(items) <= 3 \
                    and all(isinstance(i, S.Const) and i.value is None for i in items[1:]):  # Generator[T] (3.13)
                item = self.annotation(items[0], what, fdef.loc)
                return ERROR if item is ERROR else Generator(item)
        self.errors.append(Diagnostic(
            f"{fdef.name}() is a generator function (it yields): annotate its result as Iterator[T] (or "
            f"Generator[T, None, None]), T the type of the values it yields, or leave it out",
            node.loc if node is not None else fdef.loc))
        return ERROR

    def infer_return_types(self) -> None:
        pending = [f for f in self.module.functions if self.signatures[f.name].returns is None]
        while pending:
            failed: dict[str, bool] = {}  # function -> its last probe found errors and no return type
            for _ in range(len(pending) + 1):
                changed = False
                for fdef in pending:
                    checker = FunctionChecker(self, fdef, probe=True)
                    with self.function_imports(fdef):
                        checker.run()
                    inferred = checker.inferred_return()
                    if inferred is not None and inferred != self.signatures[fdef.name].returns:
                        self.signatures[fdef.name].returns = inferred
                        changed = True
                    # its own errors, not ones that follow from a type still being inferred
                    failed[fdef.name] = inferred is None and checker.failed and not checker.used_pending
                if not changed:
                    break
            # errors of their own (or of a callee) keep these types unknown: the errors are reported
            # where they are, and callers take the error type rather than blame a dependence on itself
            broken = [name for name, failed_alone in failed.items()
                      if failed_alone and self.signatures[name].returns is None]
            for name in broken:
                self.signatures[name].returns = ERROR
            pending = [f for f in pending if self.signatures[f.name].returns is None] if broken else []

    def probe_alone(self, name: str) -> bool:
        """Check a function without reporting (check/field_types.py); did it find errors of its own?"""
        fdef = self.definitions[name]
        if name in self.module.broken:
            return True
        checker = FunctionChecker(self, fdef, probe=True)
        with self.function_imports(fdef):
            checker.run()
        return checker.failed and not checker.used_pending

    def check_function(self, fdef: S.FunctionDef) -> T.Function:
        with self.function_imports(fdef):
            probe = FunctionChecker(self, fdef, probe=True)
            probe.run()
            final = FunctionChecker(self, fdef, probe=False, known_locals=probe.locals)
            return final.run()


class _PendingSignature:
    """A signature whose return type may still be inferred."""

    def __init__(self, params: tuple[tuple[str, Type], ...], defaults: tuple[Value | None, ...],
                 returns: Type | None, keyword_only: int = 0):
        self.params = params
        self.defaults = defaults
        self.returns = returns
        self.keyword_only = keyword_only

    def freeze(self) -> T.Signature:
        return T.Signature(self.params, self.returns or ERROR, self.defaults, self.keyword_only)


# the builtin exception classes, which `raise` and `except` name (user-defined ones need classes)
EXCEPTION_CLASSES = frozenset(name for name, value in vars(builtins).items()
                              if isinstance(value, type) and issubclass(value, BaseException))

# A definite-assignment state: the names surely bound here, as a bit mask over the function's
# names (FunctionChecker.bound); None where control cannot reach. A mask, not a frozenset: a new
# frozenset at every assignment costs the number of names bound so far, quadratic in a function of
# many locals (5 s for 20,000 of them); an int's `|` and `&` do the same with a word per 64 names.
State = int | None


def _meet(*states: State) -> State:
    reachable = [s for s in states if s is not None]
    if not reachable:
        return None
    return functools.reduce(operator.and_, reachable)


class FunctionChecker(UnpackingChecks, ExpressionChecker):
    module: ModuleChecker  # more than the ModuleContext that expressions need

    def __init__(self, module: ModuleChecker, fdef: S.FunctionDef, probe: bool,
                 known_locals: dict[str, Type] | None = None):
        super().__init__(module)
        fdef = inline_bound_methods(fdef)  # `ins = xs.insert` ... `ins(i, x)` (check/bound_methods.py)
        self.fdef = fdef
        self.probe = probe
        self.signature = module.signatures[fdef.name]
        self.locals: dict[str, Type] = {name: t for name, t in self.signature.params}
        self.bits: dict[str, int] = {}  # name -> its bit in a State
        self.state: State = self.bound(self.locals)
        self.assigned_names = _assigned_names(fdef.body) - set(self.locals)
        # module variables it assigns: declared `global`, or any at a kernel cell's top level
        self.global_names = set(fdef.global_names) | (self.assigned_names & set(module.variables) if fdef.script
                                                      else set())
        for name in sorted(self.global_names & set(module.constants) - set(module.variables)):
            if name in self.assigned_names:
                self.error(f"'{name}' is a constant, compiled into the cell's code: a function cannot assign it "
                           f"with 'global {name}' (in the jitcell kernel, '{name}: int = ...' at the top level "
                           "declares a module variable, which functions can assign)", fdef.loc)
            self.global_names.discard(name)  # reads of it are reads of the constant
        self.assigned_names -= self.global_names | set(fdef.global_names)
        for name in sorted(self.global_names - set(module.variables)):
            if module.script:
                self.error(f"'global {name}': no module variable '{name}' is declared; declare it at the top "
                           f"level of a cell, e.g. '{name}: int = 0'", fdef.loc)
            else:
                self.error(f"'global {name}': a %%jit cell has no module variables (its top-level names are "
                           "constants); the jitcell kernel has them", fdef.loc)
        # The probe pass learned each local's type at its first assignment; the final
        # pass starts from those, so a read before that assignment (in a loop) is typed.
        self.locals.update(known_locals or {})
        self.returns: list[tuple[Type, Loc]] = []
        self.yields: list[tuple[Type, Loc]] = []  # a generator function's
        self.loops: list[list[State]] = []  # per enclosing loop: the states at its breaks
        self.handles: list[str] = []  # the handle locals of the except clauses around a statement
        self.finally_loops: int | None = None  # in a finally block: the loops around it
        self.handler_count = 0
        self.comprehensions = 0  # numbers the comprehensions' scopes (check/comprehensions.py)
        self.row_loops = 0  # numbers the index variables of loops over a 2-D array's rows
        self.expected_type: Type | None = None  # where the comprehension being checked goes, if known

    def take_expected_type(self) -> Type | None:
        """The declared type of where the comprehension being checked goes (once: not its inner ones)."""
        expected, self.expected_type = self.expected_type, None
        return expected

    def is_assigned(self, name: str) -> bool:
        return self.state is None or bool(self.state & self.bound((name,)))

    def bound(self, names) -> int:
        """The State in which exactly `names` are bound."""
        mask = 0
        for name in names:
            mask |= 1 << self.bits.setdefault(name, len(self.bits))
        return mask

    def run(self) -> T.Function:
        errors_before = len(self.module.errors)
        body = self.script_body() if self.fdef.script else self.block(self.fdef.body)
        returns = self.signature.returns
        if self.state is not None and returns not in (None, NONE, ERROR) and not self.fdef.generator \
                and not isinstance(returns, Optional):  # falling off its end returns None
            self.error(f"{self.fdef.name}() can reach its end without returning a value (Python "
                       f"would return None); end it with a return statement", self.fdef.loc)
        params_ok = all(t is not ERROR for _, t in self.signature.params)  # else already reported
        if returns is None and not self.probe and len(self.module.errors) == errors_before and params_ok:
            if self.inferred_return() is None:
                self.error(f"cannot infer the return type of '{self.fdef.name}' (it depends on "
                           f"itself); annotate it: def {self.fdef.name}(...) -> int", self.fdef.loc)
        if not self.probe and len(self.module.errors) == errors_before and params_ok:
            # a local whose type no statement gave (it is read, e.g. as its own loop's bound, before
            # anything assigns it) must not reach lowering untyped
            params = {name for name, _ in self.signature.params}  # an ERROR parameter is reported already
            for name, t in self.locals.items():
                if t is ERROR and name not in params:
                    self.error(f"the type of '{name}' is unknown: it is read before anything assigns it "
                               f"(Python would raise UnboundLocalError)", self.fdef.loc)
        sig = self.signature.freeze()
        if _holds_empty_tuple(sig.returns):  # the boundary (and the manifest's grammar of types) has no ()
            at = self.fdef.returns.loc if self.fdef.returns is not None else \
                next((loc for t, loc in self.returns if _holds_empty_tuple(t)), self.fdef.loc)
            self.error(f"the value of a cell cannot be or hold an empty tuple ({sig.returns})" if self.fdef.script
                       else f"the result of {self.fdef.name}() cannot be or hold an empty tuple ({sig.returns}); "
                            f"return None, or a tuple of one value or more", at)
        return T.Function(self.fdef.name, sig, dict(self.locals), body, self.fdef.docstring, self.fdef.loc)

    def inferred_return(self) -> Type | None:
        if self.fdef.generator:
            yielded = [t for t, _ in self.yields if t is not ERROR]
            return Generator(yielded[0]) if yielded else None
        known = [t for t, _ in self.returns if t is not ERROR]
        if not known and not self.returns:
            return NONE
        typed = [t for t in known if t not in (EMPTY_DICT, EMPTY_SET, EMPTY_LIST)]  # `return {}` takes another's type
        return (typed or known)[0] if known else None

    def script_body(self) -> tuple[T.Stmt, ...]:
        """A kernel cell's top level: a final expression statement is the cell's result."""
        *first, last = self.fdef.body
        body = self.block(tuple(first))
        if not isinstance(last, S.ExprStmt):
            return body + self.block((last,))
        value = self.typed_dict(self.expr(last.value), "here")
        if value.type in (NONE, ERROR):
            return body + (T.Eval(value, last.loc),)
        self.returns.append((value.type, last.loc))
        self.state = None
        return body + (T.Return(value, last.loc),)

    # ---- statements --------------------------------------------------------------

    def block(self, stmts: tuple[S.Stmt, ...]) -> tuple[T.Stmt, ...]:
        out = []
        for k, stmt in enumerate(stmts):
            typed = self.stmt(stmt)
            if typed is not None:
                out.append(typed)
            if (proved := exit_unless(stmt)) is not None and k + 1 < len(stmts):  # check/inheritance.py
                with self.narrowed_class(proved, _assigned_names(stmts[k + 1:])):  # `if not isinstance(...):
                    out.extend(self.block(stmts[k + 1:]))  # return`: the rest of the block knows it
                break
        return tuple(out)

    def stmt(self, node: S.Stmt) -> T.Stmt | None:
        match node:
            case S.Assign():
                return self.assign(node)
            case S.AssignTargets():
                return self.assign_targets(node)
            case S.AssignAttr():
                return self.assign_field(node)  # check/classes.py
            case S.AugAssign(target=target, op="+", value=value, loc=loc) \
                    if _mutable_list(self.locals.get(target.id)) or self.locals.get(target.id) is EMPTY_LIST:
                # `xs += ys` extends the list in place (another name for it sees the items)
                call = S.Call(S.Attribute(target, "extend", loc), (value,), (), loc)
                current = self.name(target.id, target.loc)
                return T.Eval(self.list_method(current, "extend", call), loc)
            case S.AugAssign(target=target, op="*", value=value, loc=loc) \
                    if _mutable_list(self.locals.get(target.id)):
                times = self.expr(value)  # `xs *= n` repeats the list in place
                if times.type not in (INT, BOOL, ERROR):
                    self.error(f"can't multiply sequence by non-int of type '{times.type}'", loc)
                    return None
                current = self.name(target.id, target.loc)
                return T.Eval(T.ListOp("repeat_in_place", (current, self.to_int(times)), NONE, loc), loc)
            case S.AugAssign(target=target, op=op, value=value, loc=loc) \
                    if isinstance(self.locals.get(target.id), Array):  # in place (check/array_exprs.py)
                return self.array_in_place(self.name(target.id, target.loc), op, self.expr(value), loc)
            case S.AugAssign(target=target, op=op, value=value, loc=loc):
                current = self.name(target.id, target.loc)
                if isinstance(current.type, Set):
                    result = self.set_in_place(op, current, self.expr(value), loc)
                else:
                    result = self.augmented(op, current, self.expr(value), loc)  # __iadd__ (check/dunders.py)
                return self.bind((target,), (result,), None, loc, augmented=op)
            case S.If(test=test, body=body, orelse=orelse, loc=loc):
                t_test = self.condition(test)
                start = self.state
                when_true, when_false = self.proofs(test)  # names proved not None (check/optional.py)
                known = t_test.value if isinstance(t_test, T.Literal) and t_test.type is BOOL else None
                self.state = None if known is False else self.proved(start, when_true)  # `if False:`: never
                folded = known is not None and mentions_type_test(test)  # isinstance(...): the dead branch is
                with self.narrowed_class(test, _assigned_names(body)):  # isinstance(s, C): s is a C (inheritance.py)
                    t_body = () if folded and known is False else self.block(body)  # not checked (introspection.py)
                after_body, self.state = self.state, None if known is True else self.proved(start, when_false)
                t_else = () if folded and known is True else self.block(orelse)
                self.state = _meet(after_body, self.state)
                return T.If(t_test, t_body, t_else, loc)
            case S.While(test=test, body=body, orelse=orelse, loc=loc):
                before = self.state = self.unproved(self.state, _assigned_names(body))  # the test sees them too
                t_test = self.condition(test)
                forever = isinstance(t_test, T.Literal) and bool(t_test.value)
                when_true, when_false = self.proofs(test)
                self.state = self.proved(before, when_true)
                return self.loop(lambda b, e: T.While(t_test, b, e, loc), body, orelse, forever,
                                 after=self.proved(before, when_false))
            case S.For():
                return self.for_loop(node)
            case S.AssignItem() | S.AugAssignItem() | S.DeleteItem():
                return self.item_statement(node)
            case S.Break(loc=loc) | S.Continue(loc=loc) if self.finally_loops == len(self.loops):
                word = "break" if isinstance(node, S.Break) else "continue"
                self.error(f"'{word}' in a finally block is not supported", loc)
                return None
            case S.Break(loc=loc) | S.Continue(loc=loc):
                if not self.loops:
                    word = "break" if isinstance(node, S.Break) else "continue"
                    self.error(f"'{word}' outside a loop", loc)
                    return None
                if isinstance(node, S.Break):
                    self.loops[-1].append(self.state)
                self.state = None
                return T.Break(loc) if isinstance(node, S.Break) else T.Continue(loc)
            case S.Return(loc=loc) if self.finally_loops is not None:
                self.error("'return' in a finally block is not supported", loc)
                self.state = None
                return None
            case S.Return(value=value, loc=loc):
                return self.return_(value, loc)
            case S.Raise():
                return self.raise_(node)
            case S.Try():
                return self.try_(node)
            case S.Yield(value=value, loc=loc):
                return self.yield_(value, loc)
            case S.Pass():
                return None
            case S.Assert(test=test, msg=msg, loc=loc):
                t_test = self.condition(test)
                t_msg: T.Expr | str | None = None
                if isinstance(t_test, T.Literal) and t_test.value is True and mentions_type_test(test):
                    pass  # `assert callable(f), f"{f}"`: the message is never made, so it is not checked
                elif isinstance(msg, S.Const) and isinstance(msg.value, str):
                    t_msg = msg.value
                elif msg is not None:
                    t_msg = self.expr(msg)
                    if t_msg.type is not ERROR and t_msg.type not in (INT, FLOAT, BOOL, STR, COMPLEX):
                        self.error("an assert message must be a str or a number", msg.loc)
                self.state = self.proved(self.state, self.proofs(test)[0])
                return T.Assert(t_test, t_msg, loc)
            case S.ExprStmt(value=value, loc=loc):
                return T.Eval(self.typed_dict(self.expr(value), "here"), loc)
            case S.Emit():
                return self.emit(node)
        self.error(f"{type(node).__name__} is not supported", node.loc)
        return None

    # ---- exceptions (lower/exceptions.py) ------------------------------------------

    def exception_class(self, node: S.Name) -> str | None:
        """The name of the builtin exception class `node` names, else None after an error."""
        if node.id not in self.locals and node.id not in self.module.definitions and node.id in EXCEPTION_CLASSES:
            return node.id
        self.error(f"'{node.id}' is not a builtin exception class; jitcell raises and catches Python's builtin "
                   "exceptions only (a class of the cell cannot derive from Exception yet)", node.loc)
        return None

    def raise_(self, node: S.Raise) -> T.Stmt | None:
        exc, loc = node.exc, node.loc
        cause: str | None = None
        if isinstance(node.cause, S.Const) and node.cause.value is None:
            cause = "None"
        elif isinstance(node.cause, S.Name) and node.cause.id in self.caught:
            cause = self.caught[node.cause.id]
        elif node.cause is not None:
            self.error("'raise ... from' takes None or the name of a caught exception in jitcell", node.cause.loc)
        self.state = None
        if exc is None:
            if not self.handles:
                self.error("a bare 'raise' outside an except clause is not supported", loc)
                return None
            return T.Raise(None, (), self.handles[-1], cause, loc)
        if isinstance(exc, S.Name) and exc.id in self.caught:
            return T.Raise(None, (), self.caught[exc.id], cause, loc)
        if isinstance(exc, S.Name):
            cls = self.exception_class(exc)
            return T.Raise(cls, (), None, cause, loc) if cls else None
        if isinstance(exc, S.Call) and isinstance(exc.func, S.Name):
            cls = self.exception_class(exc.func)
            if cls is None:
                return None
            if exc.keywords:
                self.error(f"{cls}() takes no keyword arguments", exc.keywords[0].loc)
                return None
            args = tuple(self.text_or_expr(a) for a in exc.args)
            for a in args:
                if a.type is not ERROR and a.type not in (INT, FLOAT, BOOL, STR, COMPLEX):
                    self.error(f"an argument of an exception must be a str or a number in jitcell, not {a.type}",
                               a.loc)
            return T.Raise(cls, args, None, cause, loc)
        self.error("'raise' takes a builtin exception class, a call of one, or a caught exception", exc.loc)
        return None

    def try_(self, node: S.Try) -> T.Stmt:
        start = self.state
        t_body = self.block(node.body)
        t_else = self.block(node.orelse)
        ends = [self.state]
        start = self.unproved(start, _assigned_names(node.body) | _assigned_names(node.orelse))
        handlers = []
        for h in node.handlers:
            classes = ("BaseException",) if h.classes is None else \
                tuple(c for c in (self.exception_class(n) for n in h.classes) if c is not None)
            handle = f"except.{self.handler_count}"
            self.handler_count += 1
            self.locals[handle] = INT
            self.state = start  # anything the body assigns may be unbound here
            outer = dict(self.caught)
            if h.name is not None:
                if h.name in self.locals or h.name in self.assigned_names:
                    self.error(f"'{h.name}' names a caught exception and a variable; use another name", h.loc)
                self.caught[h.name] = handle
            self.handles.append(handle)
            t_handler = self.block(h.body)
            self.handles.pop()
            self.caught = outer
            ends.append(self.state)
            handlers.append(T.Handler(classes, handle, t_handler, h.loc))
        normal = _meet(*ends)
        t_final: tuple[T.Stmt, ...] = ()
        if node.finalbody:
            outer_loops, self.finally_loops = self.finally_loops, len(self.loops)
            handled = set().union(*(_assigned_names(h.body) for h in node.handlers))
            start = self.unproved(start, handled)
            self.state = _meet(start, normal) if normal is not None else start  # runs on every path
            t_final = self.block(node.finalbody)
            self.finally_loops = outer_loops
            normal = self.unproved(normal, _assigned_names(node.finalbody))
            self.state = None if normal is None or self.state is None else normal | self.state
        else:
            self.state = normal
        return T.Try(t_body, tuple(handlers), t_else, t_final, node.loc)

    def loop(self, make: Callable[[tuple[T.Stmt, ...], tuple[T.Stmt, ...]], T.Stmt], body: tuple[S.Stmt, ...],
             orelse: tuple[S.Stmt, ...], forever: bool, loop_var: str | tuple[str, ...] | None = None,
             after: State | int = -1) -> T.Stmt:
        """`after`: the state when a while loop's test is false; a while loop has cleared the proofs of
        what its body assigns before its test, and its state holds what the test proved."""
        before = self.state if after != -1 else self.unproved(self.state, _assigned_names(body))
        self.loops.append([])
        loop_vars = {loop_var} if isinstance(loop_var, str) else set(loop_var or ())
        self.state = before if before is None else before | self.bound(loop_vars)
        t_body = self.block(body)
        breaks = self.loops.pop()
        self.state = None if forever else before if after == -1 else after
        t_else = self.block(orelse)
        self.state = _meet(self.state, *breaks)
        return make(t_body, t_else)

    def for_loop(self, node: S.For) -> T.Stmt | None:
        """The simple loops keep their own nodes (ForRange is versioned, lower/versioning.py); every
        other one is a ForEach over an iterable, its target a pattern."""
        matrix = self.locals.get(node.iter.id) if isinstance(node.iter, S.Name) else None
        if isinstance(matrix, Array) and matrix.ndim >= 2 and isinstance(node.iter, S.Name) and \
                node.iter.id not in _assigned_names(node.body):
            self.row_loops += 1
            return self.for_loop(_over_rows(node, node.iter, self.row_loops))
        if self.is_prange(node.iter):
            return self.prange_loop(node)  # check/ranges.py
        iterable = self.iterable(node.iter)
        if iterable is None:
            for name in _target_names(node.target):
                self.locals.setdefault(name, ERROR)  # reads of them report nothing more
            return None
        target, loc = node.target, node.loc
        plain = _plain_names(target)
        if isinstance(target, S.Name) and isinstance(iterable, (T.RangeIter, T.ArrayIter)) and not iterable.reverse:
            var = target.id
            declared = self.declare(var, iterable.type)
            if declared not in (iterable.type, ERROR):
                made = "a range() loop makes it an int" if isinstance(iterable, T.RangeIter) else \
                    f"this loop gives it {iterable.type}"
                self.error(f"'{var}' is {declared}; {made}", target.loc)
            if isinstance(iterable, T.RangeIter):
                start, stop, step = iterable.start, iterable.stop, iterable.step
                return self.loop(lambda b, e: T.ForRange(var, start, stop, step, b, e, loc),
                                 node.body, node.orelse, forever=False, loop_var=var)
            array = iterable.array
            return self.loop(lambda b, e: T.ForArray(var, array, b, e, loc), node.body, node.orelse,
                             forever=False, loop_var=var)
        if isinstance(target, S.Name) and isinstance(iterable, T.StrIter) and not iterable.reverse:  # lower/strings.py
            var, text = target.id, iterable.text
            declared = self.declare(var, STR)
            if declared not in (STR, ERROR):
                self.error(f"'{var}' is {declared}; this loop gives it str", target.loc)
            return self.loop(lambda b, e: T.ForStr(var, text, b, e, loc), node.body, node.orelse,
                             forever=False, loop_var=var)
        if isinstance(iterable, T.ListIter) and not iterable.reverse and plain is not None \
                and _unpacks_plainly(target, iterable.type):
            return self.for_list(node, plain, iterable.list)
        if isinstance(iterable, T.DictIter) and plain is not None and \
                (len(plain) == 2 if iterable.mode == "items" else isinstance(target, S.Name)):
            return self.for_dict(node, plain, iterable)
        pattern = self.pattern(target, iterable.type, in_loop=True)
        if pattern is None:
            return None
        names = tuple(_target_names(target))
        return self.loop(lambda b, e: T.ForEach(pattern, iterable, b, e, loc), node.body, node.orelse,
                         forever=False, loop_var=names)

    def is_prange(self, node: S.Expr) -> bool:
        """`prange(...)` (from jitcell or numba) or `numba.prange(...)`."""
        if not isinstance(node, S.Call):
            return False
        func = node.func
        if isinstance(func, S.Name):
            return self.module.imports.get(func.id) in ("jitcell.prange", "numba.prange") and func.id not in self.locals
        return isinstance(func, S.Attribute) and func.attr == "prange" and isinstance(func.value, S.Name) \
            and self.module.imports.get(func.value.id) == "numba" and func.value.id not in self.locals

    def prange_loop(self, node: S.For) -> T.Stmt | None:
        """`for i in prange(...)`: range's loop; under parallel=True marked to run on threads
        (compiler/parallel.py checks its body, lower/parallel.py runs it), else range itself."""
        assert isinstance(node.iter, S.Call)
        if node.iter.keywords:
            self.error("prange() takes no keyword arguments", node.iter.keywords[0].loc)
            return None
        if not isinstance(node.target, S.Name):
            self.error("the target of a prange loop must be a name: for i in prange(n)", node.target.loc)
            return None
        as_range = S.Call(S.Name("range", node.iter.func.loc), node.iter.args, (), node.iter.loc)
        loop = self.for_loop(dataclasses.replace(node, iter=as_range))
        if self.module.parallel and isinstance(loop, T.ForRange):
            return dataclasses.replace(loop, parallel=True)
        return loop

    def for_list(self, node: S.For, targets: tuple[S.Name, ...], lst: T.Expr) -> T.Stmt | None:
        """`for x in l`, and `for a, b in l` over a list of tuples of two items: by index, reading the
        length at each step (lower/lists.py), as CPython does."""
        assert isinstance(lst.type, List)  # for_loop has checked
        element = lst.type.element
        if len(targets) == 1 and isinstance(node.target, S.Name):
            wanted: tuple[Type, ...] = (element,)
        elif isinstance(element, Tuple) and len(element.items) == len(targets):
            wanted = element.items
        else:
            self.error(f"the items of a {lst.type} cannot be unpacked into {len(targets)} names", node.target.loc)
            return None
        for target, t in zip(targets, wanted, strict=True):
            declared = self.declare(target.id, t)
            if declared not in (t, ERROR):
                self.error(f"'{target.id}' is {declared}; this loop gives it {t}", target.loc)
        names = tuple(t.id for t in targets)
        return self.loop(lambda b, e: T.ForList(names, lst, b, e, node.loc), node.body, node.orelse,
                         forever=False, loop_var=names)

    def for_dict(self, node: S.For, targets: tuple[S.Name, ...], it: T.DictIter) -> T.Stmt | None:
        d = it.dict
        assert isinstance(d.type, Dict)  # a DictIter's
        wanted = {"keys": (d.type.key,), "values": (d.type.value,), "items": (d.type.key, d.type.value)}[it.mode]
        for target, t in zip(targets, wanted, strict=True):
            declared = self.declare(target.id, t)
            if declared not in (t, ERROR):
                self.error(f"'{target.id}' is {declared}; this loop gives it {t}", target.loc)
        names = tuple(t.id for t in targets)
        mode = it.mode
        return self.loop(lambda b, e: T.ForDict(names, d, mode, b, e, node.loc), node.body, node.orelse,
                         forever=False, loop_var=names)

    # ---- targets: names, items, tuples of targets -----------------------------------------

    def pattern(self, target: S.Target, t: Type, in_loop: bool = False) -> T.Pattern | None:
        """Where a value of type `t` goes. Outside a loop's target, each name is bound as it is
        filled (Python assigns left to right: `i, a[i] = 1, 2` stores into a[1])."""
        loc = target.loc
        match target:
            case S.Tuple(elts=elts):
                if not isinstance(t, Tuple) or any(isinstance(e, S.Starred) for e in elts):
                    return self.unpacking_pattern(target, t, in_loop)  # unpacking.py
                if not isinstance(t, Tuple):
                    self.error(f"cannot unpack non-iterable {t} object" if t in (INT, FLOAT, BOOL) else
                               f"cannot unpack {t} into {len(elts)} targets: jitcell unpacks tuples only", loc)
                    return None
                if len(t.items) != len(elts):
                    self.error(f"too many values to unpack (expected {len(elts)})" if len(t.items) > len(elts)
                               else f"not enough values to unpack (expected {len(elts)}, got {len(t.items)})", loc)
                    return None
                items = [self.pattern(e, item, in_loop)  # type: ignore[arg-type]  # parse made targets of them
                         for e, item in zip(elts, t.items, strict=True)]
                if any(i is None for i in items):
                    return None
                return T.Pattern(t, None, tuple(i for i in items if i is not None))
            case S.Name(id=name):
                hole = T.Hole(t, loc)
                if name in self.global_names:
                    if in_loop:
                        self.error(f"a loop cannot assign the module variable '{name}' in jitcell", loc)
                        return None
                    stmt = self.set_global((target,), (hole,), loc, None)
                    return None if stmt is None else T.Pattern(t, stmt)
                declared = self.declare(name, t)
                if not self.can_coerce(t, declared):
                    self.error(f"'{name}' is {declared} and cannot hold the {t} assigned to it"
                               f"{truncate_hint(declared, t)}", loc)
                    return None
                if self.state is not None and not in_loop:
                    self.state = self.state | self.bound((name,) + ((not_none(name),) if isinstance(declared, Optional)
                                                                   else ()))
                return T.Pattern(t, T.Assign((name,), (self.coerce(hole, declared, ""),), loc))
            case S.Subscript():
                stmt = self.item_statement(S.AssignItem(target, S.Received(t, loc), loc))
                return None if stmt is None else T.Pattern(t, stmt)
            case S.Attribute():
                stmt = self.assign_field(S.AssignAttr(target, S.Received(t, loc), None, None, loc))
                return None if stmt is None else T.Pattern(t, stmt)
        self.error(f"{type(target).__name__} cannot be assigned to", loc)
        return None

    def assign_targets(self, node: S.AssignTargets) -> T.Stmt | None:
        """`a = b = v`, `a[i], a[j] = a[j], a[i]`, nested tuples: v first, then each target in order."""
        source = unpacked_value(node.value) if any(isinstance(t, S.Tuple) for t in node.targets) else node.value
        value = self.typed_dict(self.expr(source), "in an unpacking assignment")
        if value.type is NONE:
            value = self.error("this gives None, and jitcell has no None variables", value.loc)
        if value.type is ERROR:
            for target in node.targets:
                for name in _target_names(target):
                    self.locals.setdefault(name, ERROR)
            return None
        patterns = [self.pattern(target, value.type) for target in node.targets]
        if any(p is None for p in patterns):
            for target in node.targets:
                for name in _target_names(target):
                    self.locals.setdefault(name, ERROR)  # reads of them report nothing more
            return None
        return T.Destructure(tuple(p for p in patterns if p is not None), value, node.loc)

    def item_statement(self, node: S.AssignItem | S.AugAssignItem | S.DeleteItem) -> T.Stmt | None:
        """`c[i] = v`, `c[i] op= v`, `del c[i]` for a dict c (arrays: by their own rules)."""
        container = self.expr(node.target.value)
        if container.type is ERROR:
            return None
        if isinstance(container.type, Array):
            if isinstance(node.target.value, S.Attribute) and node.target.value.attr in ("real", "imag"):
                self.error(f"writing through '.{node.target.value.attr}' is not supported by jitcell: it is a copy "
                           "there, not NumPy's view of the array", node.target.loc)
                return None
            return self.array_item_statement(node, container)
        if isinstance(container.type, VarTuple):
            self.error(immutable_message(isinstance(node, S.DeleteItem)), node.target.loc)
            return None
        if isinstance(container.type, List):
            return self.list_item_statement(node, container)
        if container.type is NONE_LIST:  # the probe pass: the item stored types it (check/none_lists.py)
            if isinstance(node, S.AssignItem) and isinstance(node.target.value, S.Name) \
                    and (made := stored_type(self.expr(node.value))) is not None:
                self.locals[node.target.value.id] = made
            return None
        if isinstance(container.type, Instance):
            return self.instance_item_statement(node, container)  # __setitem__ (check/dunders.py)
        if not isinstance(container.type, Dict):
            self.error(f"'{container.type}' does not support item assignment", node.target.loc)
            return None
        key = self.dict_key_of(container, node.target.indices, node.target.loc)
        if key is None:
            return None
        value_type = container.type.value
        match node:
            case S.AssignItem(value=value):
                typed = self.coerce(self.expr(value), value_type, f"a value of {container.type}")
                return T.DictSet(container, key, typed, node.loc)
            case S.AugAssignItem(op=op, value=value):
                in_place = self.dict_value_in_place(node, container, key)
                if in_place is not None:
                    return in_place
                result = self.augmented(op, T.Hole(value_type, node.loc), self.expr(value), node.loc)
                if result.type is not ERROR and not self.can_coerce(result.type, value_type):
                    self.error(f"'{op}=' on a {container.type} value gives {result.type}", node.loc)
                    return None
                return T.DictUpdate(container, key, self.coerce(result, value_type, "the new value"), node.loc)
            case S.DeleteItem():
                return T.DictDelete(container, key, node.loc)
        return None

    def dict_value_in_place(self, node: S.AugAssignItem, d: T.Expr, key: T.Expr) -> T.Stmt | None:
        """`d[k] op= v` where Python's op= changes the value itself (an array; a list's += and *=; a
        set's |=, &=, -=, ^=): the value d[k] changes in place, and d[k] stays that object. None when
        op= makes a new value (then d[k] gets it: DictUpdate)."""
        assert isinstance(d.type, Dict)
        t, op, loc = d.type.value, node.op, node.loc
        current = T.DictGet(d, key, None, t, node.target.loc)
        if isinstance(t, Array):  # check/array_exprs.py
            return self.array_in_place(current, op, self.expr(node.value), loc)
        if _mutable_list(t) and op == "+":
            call = S.Call(S.Attribute(node.target, "extend", loc), (node.value,), (), loc)
            return T.Eval(self.list_method(current, "extend", call), loc)
        if _mutable_list(t) and op == "*":
            times = self.expr(node.value)
            if times.type not in (INT, BOOL, ERROR):
                self.error(f"can't multiply sequence by non-int of type '{times.type}'", loc)
                return None
            return T.Eval(T.ListOp("repeat_in_place", (current, self.to_int(times)), NONE, loc), loc)
        if isinstance(t, Set):
            return T.Eval(self.set_in_place(op, current, self.expr(node.value), loc), loc)
        return None

    def list_item_statement(self, node: S.AssignItem | S.AugAssignItem | S.DeleteItem,
                            lst: T.Expr) -> T.Stmt | None:
        assert isinstance(lst.type, List)  # item_statement has checked
        if len(node.target.indices) != 1:
            self.error("list indices must be integers or slices, not tuple", node.target.loc)
            return None
        if isinstance(node.target.indices[0], (S.Slice, S.SliceAll)):
            return self.list_slice_statement(node, lst, node.target.indices[0])
        index = self.list_index(self.expr(node.target.indices[0]))
        element = lst.type.element
        match node:
            case S.AssignItem(value=value):
                return T.ListSet(lst, index, self.coerce(self.expr(value), element, f"an item of {lst.type}"),
                                 node.loc)
            case S.AugAssignItem(op=op, value=value):
                result = self.augmented(op, T.Hole(element, node.loc), self.expr(value), node.loc)
                if result.type is not ERROR and not self.can_coerce(result.type, element):
                    self.error(f"'{op}=' on an item of {lst.type} gives {result.type}", node.loc)
                    return None
                return T.ListUpdate(lst, index, self.coerce(result, element, "the new item"), node.loc)
            case S.DeleteItem():
                return T.ListDelete(lst, index, node.loc)
        return None

    def yield_(self, value: S.Expr | None, loc: Loc) -> T.Stmt | None:
        if value is None or (isinstance(value, S.Const) and value.value is None):
            self.error("a generator of jitcell yields values of one type; 'yield' without a value (None) is "
                       "not supported", loc)
            return None
        typed = self.expr(value)
        t = typed.type
        if t is ERROR:
            return None
        self.yields.append((t, loc))
        expected = self.signature.returns
        if isinstance(expected, Generator):
            if self.fdef.returns is None and t != expected.item:
                advice = (f"annotate '-> Iterator[{_join_hint(expected.item, t)}]' or convert"
                          if is_numeric(t) and is_numeric(expected.item) else "a generator yields values of one type")
                self.error(f"{self.fdef.name}() yields {expected.item} elsewhere and {t} here; {advice}", loc)
                return None
            typed = self.coerce(typed, expected.item, f"value {self.fdef.name}() yields")
        return T.Yield(typed, loc)

    def list_slice_statement(self, node: S.AssignItem | S.AugAssignItem | S.DeleteItem, lst: T.Expr,
                             index: S.Slice | S.SliceAll) -> T.Stmt | None:
        """`l[a:b:c] = m` (m a list of l's type), `del l[a:b:c]`."""
        assert isinstance(lst.type, List)  # list_item_statement has checked
        if isinstance(node, S.AugAssignItem):
            self.error(f"'{node.op}=' on a slice of a list is not supported", node.loc)
            return None
        value = self.expr(node.value) if isinstance(node, S.AssignItem) else None
        bounds = self.slice_bounds(index, node.target.loc)
        if bounds is None or (value is not None and value.type is ERROR):
            return None
        if value is None:
            return T.Eval(T.ListOp("delete_slice", (lst, *bounds), NONE, node.loc), node.loc)
        if not self.can_coerce(value.type, lst.type):
            self.error(f"slice assignment to a {lst.type} takes a {lst.type} in jitcell, not {value.type}",
                       value.loc)
            return None
        value = self.coerce(value, lst.type, "the items assigned to a slice")
        return T.Eval(T.ListOp("set_slice", (value, lst, *bounds), NONE, node.loc), node.loc)

    def return_(self, value: S.Expr | None, loc: Loc) -> T.Stmt:
        if self.fdef.generator:
            if value is not None and not (isinstance(value, S.Const) and value.value is None):
                self.error("'return' with a value in a generator is not supported (Python hands the value to "
                           "StopIteration); use a bare 'return' to stop", loc)
            self.state = None
            return T.Return(None, loc)
        if value is None or (isinstance(value, S.Const) and value.value is None):
            typed, t = None, NONE
        else:
            if isinstance(value, (S.Comprehension, S.DictLiteral)):
                self.expected_type = self.signature.returns
            typed = self.expr(value)
            if typed.type is RANGE:
                typed = self.error("a range cannot be returned in jitcell (it does not cross into Python); "
                                   "return list(r) or tuple(r)", typed.loc)
            if self.fdef.returns is None and not self.probe and \
                    not isinstance(self.signature.returns, (Dict, Set, List)):
                hint = f"annotate the result, e.g. 'def {self.fdef.name}(...) -> dict[str, int]'"
                typed = self.typed_dict(typed, hint)
            t = typed.type
            if function_inside(t):  # an annotated result says so at the def (signature)
                if self.fdef.returns is None:
                    self.error(RETURNED_FUNCTION, value.loc)
                t = ERROR
        self.returns.append((t, loc))
        expected = self.signature.returns
        if expected is not None and t is not ERROR:
            if expected is NONE and t is not NONE:
                self.error(f"{self.fdef.name}() returns None but this returns {t}", loc)
            elif expected is not NONE and t is NONE and isinstance(expected, Optional):
                typed = T.NoneValue(expected, loc)
            elif expected is not NONE and t is NONE:
                self.error(f"{self.fdef.name}() returns {expected}; a bare return would give None", loc)
            elif typed is not None:
                if self.fdef.returns is None and typed.type != expected and typed.type not in (EMPTY_DICT, EMPTY_SET,
                                                                                               EMPTY_LIST):
                    self.error(f"{self.fdef.name}() returns {expected} elsewhere and {t} here; "
                               f"annotate '-> {_join_hint(expected, t)}' or convert", loc)
                else:
                    typed = self.coerce(typed, expected, f"return value of {self.fdef.name}()")
        self.state = None
        return T.Return(typed, loc)

    # ---- assignment --------------------------------------------------------------

    def assign(self, node: S.Assign) -> T.Stmt | None:
        targets = node.targets
        values: tuple[T.Expr, ...]
        if len(targets) == 1 and (isinstance(node.value, (S.Comprehension, S.ListLiteral, S.DictLiteral))
                                  or is_none_display(node.value)):  # [None] * n (check/none_lists.py)
            # `rows: list[list[int]] = [[] for _ in range(n)]` (or `= [[]]`): the items take the declared type
            self.expected_type = self.module.annotation(node.annotation, f"'{targets[0].id}'", node.loc) \
                if node.annotation is not None else self.locals.get(targets[0].id)
            values = (self.expr(node.value),)
        elif len(targets) == 1:
            values = (self.expr(node.value),)
        elif isinstance(node.value, S.Tuple) and len(node.value.elts) == len(targets):
            values = tuple(self.expr(v) for v in node.value.elts)
        elif isinstance(value := self.expr(unpacked_value(node.value)), T.Literal) and value.type is ERROR:
            for target in targets:
                self.locals.setdefault(target.id, ERROR)
            return None
        elif isinstance(value.type, Tuple) and len(value.type.items) == len(targets):
            return self.unpack(targets, value, node.loc)
        else:  # a list, a str, an array, a tuple of another length: item by item (unpacking.py)
            pattern = self.pattern(S.Tuple(targets, node.loc), value.type)
            if pattern is None:
                for target in targets:
                    self.locals.setdefault(target.id, ERROR)  # reads of them report nothing more
                return None
            return T.Destructure((pattern,), value, node.loc)
        annotation = None
        if node.annotation is not None:
            annotation = self.module.annotation(node.annotation, f"'{targets[0].id}'", node.loc)
        return self.bind(targets, values, annotation, node.loc)

    def unpack(self, targets: tuple[S.Name, ...], value: T.Expr, loc: Loc) -> T.Stmt:
        """`a, b = t` for a tuple value t: each name takes an item's type (exactly)."""
        assert isinstance(value.type, Tuple)  # assign has checked
        for target, item in zip(targets, value.type.items, strict=True):
            declared = self.declare(target.id, item)
            if declared not in (item, ERROR) and item is not ERROR:
                self.error(f"'{target.id}' is {declared} and cannot hold the {item} unpacked into it", target.loc)
        if self.state is not None:
            self.state = self.state | self.bound(t.id for t in targets)
        return T.Unpack(tuple(t.id for t in targets), value, loc)

    def declare(self, name: str, t: Type) -> Type:
        """Fix a local's type at its first assignment and return the declared type."""
        declared = self.locals.get(name)
        if declared is None:
            declared = t
            # The probe pass may see ERROR for a type still being inferred; the final
            # pass only for a reported mistake, after which reads of the name stay quiet.
            if declared is not ERROR or not self.probe:
                self.locals[name] = declared
        return declared

    def bind(self, targets: tuple[S.Name, ...], values: tuple[T.Expr, ...], annotation: Type | None, loc: Loc,
             augmented: str | None = None) -> T.Stmt | None:
        if any(t.id in self.global_names for t in targets):
            return self.set_global(targets, values, loc, augmented)
        names, coerced = [], []
        for target, value in zip(targets, values, strict=True):
            name = target.id
            if value.type is NONE and not isinstance(annotation or self.locals.get(name), Optional):
                self.error(f"this gives None: '{name}' can hold it if it is declared so, e.g. '{name}: int | None "
                           f"= None'", value.loc)
                self.locals.setdefault(name, ERROR)  # so that reads of it report nothing more
                value = T.Literal(0, ERROR, value.loc)
            if annotation is not None and annotation is not ERROR:
                declared = self.locals.get(name)
                if declared is not None and declared != annotation:
                    value = self.error(f"'{name}' is already {declared}; it cannot be declared {annotation}", loc)
                elif declared is None:
                    self.locals[name] = annotation
            if value.type is EMPTY_LIST and annotation is None and self.locals.get(name) in (None, EMPTY_LIST) \
                    and not self.probe:
                self.error(f"cannot infer the element type of '{name}'; annotate it: {name}: list[int] = []",
                           value.loc)
                self.locals[name] = ERROR  # reads of it report nothing more
                value = T.Literal(0, ERROR, value.loc)
            if value.type is NONE_LIST and not self.probe and self.locals.get(name) in (None, NONE_LIST):
                self.error(untyped_message(name), value.loc)  # check/none_lists.py
                self.locals[name] = ERROR
                value = T.Literal(0, ERROR, value.loc)
            if value.type is EMPTY_DICT and annotation is None and self.locals.get(name) is None:
                self.error(f"the type of an empty dict is not known: write '{name}: dict[str, int] = {{}}' "
                           "(with its key and value types)", value.loc)
                value = T.Literal(0, ERROR, value.loc)
            if value.type is EMPTY_SET and annotation is None and self.locals.get(name) is None:
                self.error(f"the type of an empty set() is not known: write '{name}: set[int] = set()' "
                           "(with its element type)", value.loc)
                value = T.Literal(0, ERROR, value.loc)
            declared = self.declare(name, value.type if annotation is None else annotation)
            if self.can_coerce(value.type, declared):
                value = self.coerce(value, declared, "")
            elif augmented:
                hint = f"; declare it as '{name}: float = ...'" if value.type is FLOAT else ""
                value = self.error(f"'{name}' is {declared}, but '{name} {augmented}= ...' gives "
                                   f"{value.type}{hint}", loc)
            else:
                value = self.error(f"'{name}' is {declared} (from its first assignment) and cannot hold "
                                   f"{value.type}{truncate_hint(declared, value.type)}", value.loc)
            names.append(name)
            coerced.append(value)
        if self.state is not None:
            self.state = self.state | self.bound(names)
        for name, value in zip(names, coerced, strict=True):
            self.state = self.proved(self.unproved(self.state, {name}),
                                     {name} if not isinstance(value.type, Optional) or isinstance(value, T.Wrap)
                                     else set())
        return T.Assign(tuple(names), tuple(coerced), loc)

    def proved(self, state: State, names: set[str]) -> State:
        """`state` where `names` are known not to be None (check/optional.py)."""
        return state if state is None or not names else state | self.bound(not_none(n) for n in names)

    def unproved(self, state: State, names: set[str]) -> State:
        """`state` where nothing is known of whether `names` are None (they may be assigned)."""
        optional = [n for n in names if isinstance(self.locals.get(n), Optional)]
        return state if state is None or not optional else state & ~self.bound(not_none(n) for n in optional)


    def set_global(self, targets: tuple[S.Name, ...], values: tuple[T.Expr, ...], loc: Loc,
                   augmented: str | None) -> T.Stmt | None:
        if len(targets) > 1:
            self.error("module variables are assigned one at a time: 'a = x' then 'b = y'", loc)
            return None
        name, value = targets[0].id, values[0]
        declared = self.module.variables[name]
        if self.can_coerce(value.type, declared):
            value = self.coerce(value, declared, "")
        else:
            verb = f"'{name} {augmented}= ...' gives" if augmented else "cannot hold"
            value = self.error(f"the module variable '{name}' is {declared}; {verb} {value.type}"
                               f"{truncate_hint(declared, value.type)}", value.loc)
        return T.SetGlobal(name, value, loc)


def _holds_empty_tuple(t: Type | None) -> bool:
    return isinstance(t, Tuple) and (not t.items or any(_holds_empty_tuple(i) for i in t.items))


def _arrays_in_tuple_items(t: Type) -> bool:
    """A tuple parameter whose items holding arrays are each a list or dict of them that a parameter may
    be: the boundary passes each item as such a parameter (loader/bind.py)."""
    return isinstance(t, Tuple) and all(not arrays_inside(i) or _arrays_in_tuple_items(i) or (
        list_result_of_arrays(i) and not isinstance(i, VarTuple)) for i in t.items)


def _mutable_list(t: Type | None) -> bool:
    """A list, not a tuple[T, ...] (which `+=` and `*=` rebind to a new tuple, as Python does)."""
    return isinstance(t, List) and not isinstance(t, VarTuple)


def _join_hint(a: Type, b: Type) -> str:
    return "float" if FLOAT in (a, b) else "int"


def _plain_names(target: S.Target) -> tuple[S.Name, ...] | None:
    """`x` or `k, v`: the names, if the target is a name or a flat tuple of names."""
    if isinstance(target, S.Name):
        return (target,)
    if isinstance(target, S.Tuple) and all(isinstance(e, S.Name) for e in target.elts):
        return tuple(e for e in target.elts if isinstance(e, S.Name))
    return None


def _over_rows(node: S.For, matrix: S.Name, unique: int) -> S.For:
    """`for row in m` over a 2-D array m (a name the body does not rebind): NumPy's rows, as
    `for i in range(len(m)): row = m[i]` (a row view each; len(m) read once, as NumPy's iterator does)."""
    loc = node.loc
    index = S.Name(f"jitcell.row{unique}", loc)  # a name no cell can spell, one per loop
    rows = S.Call(S.Name("range", loc), (S.Call(S.Name("len", loc), (matrix,), (), loc),), (), loc)
    take = S.AssignTargets((node.target,), S.Subscript(matrix, (index,), loc), loc)
    return S.For(index, rows, (take, *node.body), node.orelse, loc)


def _unpacks_plainly(target: S.Target, element: Type) -> bool:
    """`for x in l`, or `for a, b in l` over tuples of as many items: ForList's own forms."""
    return isinstance(target, S.Name) or (isinstance(target, S.Tuple) and isinstance(element, Tuple)
                                          and len(element.items) == len(target.elts) > 1)


def _target_names(target: S.Target) -> list[str]:
    """The names a target binds (items of containers bind none), left to right."""
    if isinstance(target, S.Name):
        return [target.id]
    if isinstance(target, S.Starred):
        return _target_names(target.target)
    if isinstance(target, S.Tuple):
        return [name for e in target.elts for name in _target_names(e)]  # type: ignore[arg-type]
    return []


def _assigned_names(stmts: tuple[S.Stmt, ...]) -> set[str]:
    names: set[str] = set()
    for stmt in stmts:
        match stmt:
            case S.Assign(targets=targets):
                names.update(t.id for t in targets)
            case S.AugAssign(target=target):
                names.add(target.id)
            case S.AssignTargets(targets=targets):
                names.update(name for t in targets for name in _target_names(t))
            case S.For(target=target, body=body, orelse=orelse):
                names.update(_target_names(target))
                names |= _assigned_names(body) | _assigned_names(orelse)
            case S.If(body=body, orelse=orelse) | S.While(body=body, orelse=orelse):
                names |= _assigned_names(body) | _assigned_names(orelse)
            case S.Try(body=body, handlers=handlers, orelse=orelse, finalbody=finalbody):
                names |= _assigned_names(body) | _assigned_names(orelse) | _assigned_names(finalbody)
                for h in handlers:
                    names |= _assigned_names(h.body)
    return names
