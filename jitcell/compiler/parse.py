"""parse: cell source -> `syntax.Module`, rejecting what jitcell does not compile.

    >>> parse("def f(n: int):\\n    return n + 1\\n").functions[0].body
    (Return(value=BinOp(op='+', left=Name(id='n', ...), right=Const(value=1, ...), ...), ...),)

Python's own parser reads the cell, so syntax errors are Python's. Every construct
outside the subset becomes a diagnostic naming it and its location; they travel in
`Module.errors`, and `check` reports them together with its own in one `CompileError`.
"""

from __future__ import annotations

import ast

from jitcell.abi import SCRIPT_FUNCTION  # the function a kernel cell's top-level statements become
from jitcell.errors import CompileError, Diagnostic, Loc, source_lines

from . import syntax as S
from .parse_bases import outer_base
from .parse_classes import class_def
from .parse_dunders import cell_uses

__all__ = ["parse"]

_BINOPS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
}
_UNARYOPS = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~", ast.Not: "not"}
_CMPOPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in"}

# What a user wrote, in words, for the constructs outside the subset.
_UNSUPPORTED = {
    ast.ClassDef: "classes (nested ones)", ast.Lambda: "lambda expressions",
    ast.Yield: "yield expressions used as values",
    ast.YieldFrom: "generators (yield from)", ast.Await: "await expressions",
    ast.With: "with statements", ast.AsyncWith: "async with statements", ast.AsyncFor: "async for loops",
    ast.AsyncFunctionDef: "async functions", ast.Global: "global declarations",
    ast.Nonlocal: "nonlocal declarations",
    ast.Starred: "starred expressions",
    ast.Set: "sets",
    ast.NamedExpr: "assignment expressions (:=)",
    ast.Match: "match statements",
}
# `from typing import Iterator` (or collections.abc): the annotations of generator functions, and
# typing's spellings of the types jitcell has (check/optional.py)
_ITERATOR_ANNOTATIONS = frozenset({"Iterator", "Iterable", "Generator", "Callable"})
_TYPING_ANNOTATIONS = _ITERATOR_ANNOTATIONS | {"Optional", "List", "Dict", "Tuple", "Set"}
# The compiler's passes recurse over the tree, so a tree this deep must stay well
# within Python's recursion limit.
MAX_DEPTH = 200

if hasattr(ast, "TryStar"):
    _UNSUPPORTED[ast.TryStar] = "except* clauses (exception groups)"


def parse(source: str, first_line: int = 1, script: bool = False, outer: dict | None = None) -> S.Module:
    """`script=True` (a cell of the jitcell kernel): besides defs and imports, the top level may
    declare module variables (`total: int = 0`) and hold statements; they become the body of
    a function `__cell__`, whose last expression statement is the cell's result. `outer`: the
    classes of other cells a class may derive from, name -> the signature of their `__init__`
    (parse_bases.outer_base)."""
    parser = _Parser(source, first_line, script)
    parser.outer = outer or {}
    return parser.module()


class _Parser:
    outer: dict = {}  # parse's

    def __init__(self, source: str, first_line: int, script: bool = False):
        self.source = source
        self.first_line = first_line
        self.script = script
        self.lines = source_lines(source)  # as `ast` counts them (U+2028 in a string ends no line)
        self.errors: list[Diagnostic] = []
        self.global_names: set[str] | None = None  # `global` names of the function being parsed
        self.function_node: ast.FunctionDef | None = None  # the function being parsed
        self.function_names: dict[str, list] | None = None  # its ast.Name nodes by name (check_global)
        self.function_imports: list[S.Import] | None = None  # the imports in its body

    # ---- entry ----------------------------------------------------------------

    def module(self) -> S.Module:
        unreadable = self.unreadable()
        if unreadable is not None:
            raise CompileError([unreadable], self.source, self.first_line)
        try:
            tree = ast.parse(self.source, filename="cell")
        except SyntaxError as e:
            line = (e.lineno or 1) + self.first_line - 1
            message = e.msg if e.msg.startswith("invalid syntax") else f"invalid syntax: {e.msg}"
            raise CompileError([Diagnostic(message, Loc(line, e.offset or 1))],
                               self.source, self.first_line) from None
        except RecursionError:  # the ast module's own limit, far beyond MAX_DEPTH
            tree = None
        deepest, node = _deepest(tree) if tree is not None else (MAX_DEPTH + 1, None)
        if tree is None or deepest > MAX_DEPTH:
            loc = self.loc(node) if node is not None else Loc(self.first_line, 1)
            raise CompileError([Diagnostic(
                f"this is nested more than {MAX_DEPTH} levels deep, which jitcell does not compile; "
                "split it into several statements", loc)], self.source, self.first_line)
        functions: list[S.FunctionDef] = []
        imports: list[S.Import] = []
        broken: set[str] = set()
        variables: list[S.Variable] = []
        constants: list[S.Constant] = []
        top: list[S.Stmt] = []
        classes: list[S.ClassDef] = []
        uses = cell_uses(tree) if any(isinstance(node, ast.ClassDef) for node in tree.body) else frozenset()
        class_nodes: dict[str, ast.ClassDef] = {}  # those defined so far: the bases a class may have
        for i, node in enumerate(tree.body):
            if i == 0 and _is_docstring(node):
                continue
            if self.script and not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
                self.top_level(node, variables, top)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                constants.extend(self.constant(node))
            elif _is_docstring(node):
                continue  # a string statement is a comment, as in a function
            elif isinstance(node, ast.FunctionDef):
                errors_before = len(self.errors)
                functions.append(self.function(node))
                if len(self.errors) > errors_before:
                    broken.add(node.name)
            elif isinstance(node, ast.ClassDef):  # its methods are functions of the cell (parse_classes.py)
                node, bases = outer_base(node, class_nodes, self.outer)  # a base of another cell
                cls, methods, failed = class_def(self, node, {**bases, **class_nodes}, uses)
                class_nodes[node.name] = node
                classes.append(cls)
                functions.extend(methods)
                broken.update(m.name for m in methods if failed)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                imp = self.import_(node)
                if imp is not None:
                    imports.append(imp)
            else:
                self.error(node, "only 'def', 'class', imports and constants such as 'N = 100' may appear at the top "
                                 f"level of a %%jit cell, not {_describe(node)}")
        seen: dict[str, S.FunctionDef] = {}
        for fn in functions:
            if fn.name in seen:
                self.errors.append(Diagnostic(
                    f"function '{fn.name}' is defined twice in this cell "
                    f"(first at line {seen[fn.name].loc.line})", fn.loc))
            seen[fn.name] = fn
        if self.script:
            loc = Loc(self.first_line, 1)
            functions.append(S.FunctionDef(SCRIPT_FUNCTION, (), None, tuple(top) or (S.Pass(loc),), None, loc,
                                           script=True))
        return S.Module(tuple(functions), tuple(imports), tuple(self.errors), frozenset(broken),
                        tuple(variables), tuple(constants), tuple(classes))

    def constant(self, node: ast.Assign | ast.AnnAssign) -> list[S.Constant]:
        """A %%jit cell's top-level assignment: `PI = 3.14159`, `N: int = 100`, `A, B = 1, 2`
        (check/constants.py computes the values)."""
        loc = self.loc(node)
        if isinstance(node, ast.AnnAssign):
            if not isinstance(node.target, ast.Name) or node.value is None:
                self.error(node, "a constant at the top level of a %%jit cell is 'NAME: type = value'")
                return []
            return [S.Constant(node.target.id, self.expr(node.value), self.annotation(node.annotation), loc)]
        if len(node.targets) != 1:
            self.error(node, "a constant at the top level of a %%jit cell is assigned once: 'A = 1', not 'A = B = 1'")
            return []
        target = node.targets[0]
        if isinstance(target, ast.Name):
            return [S.Constant(target.id, self.expr(node.value), None, loc)]
        if isinstance(target, ast.Tuple) and (names := _all_names(target.elts)) is not None:
            value = self.expr(node.value)
            return [S.Constant(n.id, value, None, self.loc(n), i) for i, n in enumerate(names)]
        self.error(target, "only names are assigned at the top level of a %%jit cell (its constants: 'N = 100')")
        return []

    def top_level(self, node: ast.stmt, variables: list, top: list) -> None:
        """A kernel cell's top-level statement: a module variable's declaration (its value is
        assigned when the cell runs, in order), or a statement of `__cell__`."""
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is None:
                self.error(node, f"'{node.target.id}' is declared without a value; "
                                 f"write '{node.target.id}: {ast.unparse(node.annotation)} = ...'")
                return
            variables.append(S.Variable(node.target.id, self.annotation(node.annotation), self.loc(node)))
            top.append(S.Assign((self.name(node.target),), self.expr(node.value), None, self.loc(node)))
            return
        if isinstance(node, ast.Return):
            self.error(node, "'return' outside a function")
            return
        if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Yield, ast.YieldFrom)):
            self.error(node, "'yield' outside function")
            return
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            self.error(node, "'global' belongs in a function; at the top level of a cell every declared "
                             "variable is already global")
            return
        stmt = self.stmt(node)
        if stmt is not None:
            top.append(stmt)

    # ---- helpers ----------------------------------------------------------------

    def unreadable(self) -> Diagnostic | None:
        """A character Python's parser cannot read at all, where it is: a lone surrogate (the
        source cannot be encoded in UTF-8: ast.parse raises UnicodeEncodeError) or a null character
        (a SyntaxError that says not where)."""
        if self.source.isascii() and "\0" not in self.source:
            return None
        for number, text in enumerate(self.lines):
            for col, char in enumerate(text, 1):
                if "\ud800" <= char <= "\udfff":
                    message = (f"a lone surrogate character (U+{ord(char):04X}) cannot be encoded in UTF-8, so "
                               f"Python cannot compile this cell; in a string literal, write it as the escape "
                               f"\\u{ord(char):04x}")
                elif char == "\0":
                    message = ("source code cannot contain null characters (U+0000); in a string literal, write "
                               "it as the escape \\x00")
                else:
                    continue
                return Diagnostic(message, Loc(number + self.first_line, col))
        return None

    def loc(self, node: ast.AST) -> Loc:
        line = getattr(node, "lineno", 1)
        offset = getattr(node, "col_offset", 0)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = len(text.encode()[:offset].decode(errors="replace")) + 1  # ast counts UTF-8 bytes
        return Loc(line + self.first_line - 1, col)

    def error(self, node: ast.AST, message: str) -> None:
        self.errors.append(Diagnostic(message, self.loc(node)))

    def unsupported(self, node: ast.AST) -> None:
        what = _UNSUPPORTED.get(type(node))
        self.error(node, f"{what} are not supported" if what else
                   f"{_describe(node)} is not supported")

    # ---- top level ---------------------------------------------------------------

    def import_(self, node: ast.Import | ast.ImportFrom) -> S.Import | None:
        names = []
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "numba" and alias.asname is None:  # for numba.prange only (check/parallel.py)
                    names.append(("numba", "numba"))
                    continue
                if alias.name not in ("math", "numpy", "cmath", "random"):
                    self.error(node, f"only 'import math', 'import cmath', 'import numpy' and 'import random' are "
                                     f"supported, not "
                                     f"'import {alias.name}'")
                    continue
                names.append((alias.asname or alias.name, alias.name))
        elif node.module == "__future__" and all(a.name == "annotations" for a in node.names):
            return None  # lets CPython run the cell too: annotations such as float[:] stay unevaluated
        elif node.module in ("jitcell", "numba") and not node.level and all(a.name == "prange" for a in node.names):
            names.extend((a.asname or a.name, f"{node.module}.prange") for a in node.names)  # check/parallel.py
        elif node.module == "dataclasses" and not node.level and all(a.name == "dataclass" and a.asname is None
                                                                       for a in node.names):
            return None  # the decorator of classes (parse_classes.py)
        elif node.module in ("typing", "collections.abc") and not node.level \
                and all(a.name in (_TYPING_ANNOTATIONS if node.module == "typing" else _ITERATOR_ANNOTATIONS)
                        and a.asname is None for a in node.names):
            return None  # names for annotations, read by the checker
        else:
            if node.module == "typing" and not node.level:
                unknown = next(a.name for a in node.names
                               if a.name not in _TYPING_ANNOTATIONS or a.asname is not None)
                why = "jitcell gives every value one static type, so annotate with that type (list[int], not " \
                      "list[Any]); " if unknown == "Any" else ""
                self.error(node, f"typing.{unknown} is not supported: {why}jitcell reads Optional, List, Dict, Tuple, "
                                 f"Set, Iterator, Iterable, Generator and Callable from typing, as annotations only")
                return None
            if node.module not in ("math", "numpy", "cmath", "random") or node.level:
                self.error(node, f"only 'from math import ...', 'from cmath import ...', 'from numpy import ...' and "
                                 f"'from random import ...' (and Optional, List, Dict, Tuple, Set, Iterator, Iterable, "
                                 f"Generator, Callable from typing for annotations) are supported, not "
                                 f"'from {'.' * node.level}{node.module or ''} import ...'")
                return None
            for alias in node.names:
                if alias.name == "*" and node.module in ("numpy", "random"):
                    self.error(node, f"'from {node.module} import *' is not supported; name what you use")
                    continue
                names.append((alias.asname or alias.name, f"{node.module}.{alias.name}"))  # math.*: check expands it
        return S.Import(tuple(names), self.loc(node)) if names else None

    def function(self, node: ast.FunctionDef) -> S.FunctionDef:
        if node.decorator_list:
            self.error(node.decorator_list[0], "decorators are not supported on %%jit functions")
        a = node.args
        starred = a.vararg or a.kwarg
        if starred is not None:
            self.error(starred, "*args and **kwargs are not supported")
        if a.posonlyargs:
            self.error(node, "positional-only parameters are not supported")
        defaults = [None] * (len(a.args) - len(a.defaults)) + list(a.defaults) + list(a.kw_defaults)
        every = a.args + a.kwonlyargs
        for i, arg in enumerate(every):  # what Python's own compiler says (ast.parse lets it pass)
            if any(other.arg == arg.arg for other in every[:i]):
                self.error(arg, f"duplicate argument '{arg.arg}' in function definition")
        params = []
        for i, (arg, default) in enumerate(zip(every, defaults, strict=True)):
            params.append(S.Param(arg.arg, self.annotation(arg.annotation) if arg.annotation else None,
                                  self.expr(default) if default is not None else None,
                                  self.loc(arg), keyword_only=i >= len(a.args)))
        body = list(node.body)
        docstring = _docstring(body[0]) if body else None
        if docstring is not None:
            body.pop(0)
        returns = self.annotation(node.returns) if node.returns is not None else None
        self.global_names, self.function_node, self.function_names = set(), node, None
        self.function_imports = []
        stmts = self.block(body) if body else (S.Pass(self.loc(node)),)
        imports, self.function_imports = tuple(self.function_imports), None
        global_names, self.global_names, self.function_node = frozenset(self.global_names), None, None
        generator = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)
                        if n is not node and not isinstance(n, ast.Lambda))
        return S.FunctionDef(node.name, tuple(params), returns, stmts, docstring, self.loc(node), global_names,
                             generator=generator, imports=imports)

    # ---- statements ----------------------------------------------------------------

    def block(self, nodes: list[ast.stmt]) -> tuple[S.Stmt, ...]:
        out = []
        for node in nodes:
            stmt = self.stmt(node)
            if stmt is not None:
                out.append(stmt)
        return tuple(out)

    def stmt(self, node: ast.stmt) -> S.Stmt | None:
        loc = self.loc(node)
        match node:
            case ast.Assign(targets=[ast.Subscript() as target], value=value):
                return S.AssignItem(self.subscript(target), self.expr(value), loc)
            case ast.Assign(targets=[ast.Attribute() as target], value=value):  # a field (check/classes.py)
                return S.AssignAttr(self.attribute(target), self.expr(value), None, None, loc)
            case ast.AnnAssign(target=ast.Attribute() as target, annotation=ann, value=value) if value is not None:
                return S.AssignAttr(self.attribute(target), self.expr(value), None, self.annotation(ann), loc)
            case ast.AugAssign(target=ast.Attribute() as target, op=op, value=value) if type(op) in _BINOPS:
                return S.AssignAttr(self.attribute(target), self.expr(value), _BINOPS[type(op)], None, loc)
            case ast.Assign(targets=[target], value=value) if _plain(target):
                names = self.assign_targets(target)
                if names is None:
                    return None
                return S.Assign(names, self.expr(value), None, loc)
            case ast.Assign(targets=targets, value=value):
                parsed = [self.target(t) for t in targets]
                if any(t is None for t in parsed):
                    return None
                return S.AssignTargets(tuple(t for t in parsed if t is not None), self.expr(value), loc)
            case ast.AnnAssign(target=ast.Name() as target, annotation=ann, value=value):
                if value is None:
                    self.error(node, f"'{target.id}' is declared without a value; "
                                     f"write '{target.id}: {ast.unparse(ann)} = ...'")
                    return None
                return S.Assign((self.name(target),), self.expr(value), self.annotation(ann), loc)
            case ast.AnnAssign():
                self.error(node, "only a plain name can be the target of an annotated assignment")
            case ast.AugAssign(target=ast.Name() as target, op=op, value=value):
                opname = _BINOPS.get(type(op))
                if opname is None:
                    self.error(node, f"the operator '{type(op).__name__}' is not supported")
                    return None
                return S.AugAssign(self.name(target), opname, self.expr(value), loc)
            case ast.AugAssign(target=ast.Subscript() as target, op=op, value=value):
                opname = _BINOPS.get(type(op))
                if opname is None:
                    self.error(node, f"the operator '{type(op).__name__}' is not supported")
                    return None
                return S.AugAssignItem(self.subscript(target), opname, self.expr(value), loc)
            case ast.AugAssign():
                self.error(node, "only a name or an item can be the target of an augmented assignment")
            case ast.Delete(targets=[ast.Subscript() as target]):
                return S.DeleteItem(self.subscript(target), loc)
            case ast.Delete():
                self.error(node, "only 'del d[key]' is supported")
            case ast.If(test=test, body=body, orelse=orelse):
                return S.If(self.expr(test), self.block(body), self.block(orelse), loc)
            case ast.While(test=test, body=body, orelse=orelse):
                return S.While(self.expr(test), self.block(body), self.block(orelse), loc)
            case ast.For(target=target, iter=it, body=body, orelse=orelse):
                loop_target = self.target(target)
                if loop_target is None:
                    return None
                return S.For(loop_target, self.expr(it), self.block(body), self.block(orelse), loc)
            case ast.Break():
                return S.Break(loc)
            case ast.Continue():
                return S.Continue(loc)
            case ast.Return(value=value):
                return S.Return(self.expr(value) if value is not None else None, loc)
            case ast.Pass():
                return S.Pass(loc)
            case ast.Assert(test=test, msg=msg):
                return S.Assert(self.expr(test), self.expr(msg) if msg is not None else None, loc)
            case ast.Raise(exc=exc, cause=cause):
                return S.Raise(self.expr(exc) if exc is not None else None,
                               self.expr(cause) if cause is not None else None, loc)
            case ast.Try(body=body, handlers=handlers, orelse=orelse, finalbody=finalbody):
                clauses = [self.handler(h) for h in handlers]
                if any(c is None for c in clauses):
                    return None
                return S.Try(self.block(body), tuple(c for c in clauses if c is not None), self.block(orelse),
                             self.block(finalbody), loc)
            case ast.Expr(value=ast.Yield(value=value)):
                return S.Yield(self.expr(value) if value is not None else None, loc)
            case ast.Expr(value=value):
                if isinstance(value, ast.Constant) and (isinstance(value.value, str) or value.value is ...):
                    return S.Pass(loc)  # a string statement is a comment, `...` a placeholder
                return S.ExprStmt(self.expr(value), loc)
            case ast.FunctionDef():
                self.error(node, "nested functions are not supported; define "
                                 f"'{node.name}' at the top level of the cell")
            case ast.Import() | ast.ImportFrom() if self.function_imports is not None:
                imp = self.import_(node)  # the same modules as at the top level, for this function
                if imp is not None and self.function_import_problem(node, imp) is None:
                    self.function_imports.append(imp)
            case ast.Import() | ast.ImportFrom():
                self.error(node, "imports must be at the top level of the cell")
            case ast.Global(names=names) if self.global_names is not None:
                self.global_names.update(names)
                self.check_global(node)
            case _:
                self.unsupported(node)
        return None

    def function_import_problem(self, node: ast.Import | ast.ImportFrom, imp: S.Import) -> str | None:
        """An import in a function binds local names when it runs: jitcell takes one that surely runs
        before every use of its names (a statement of the function's own body, above the uses)."""
        function = self.function_node
        assert function is not None
        problem = None
        if not any(node is top for top in function.body):
            problem = "an import inside a function must be a statement of the function's body in jitcell, not " \
                      "inside an if, a loop or a try (Python binds its names only where it runs)"
        else:
            names = {local for local, _ in imp.names}
            early = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id in names
                     and (n.lineno, n.col_offset) < (node.lineno, node.col_offset)]
            if early:
                problem = f"'{early[0].id}' is used before this import (Python would raise UnboundLocalError there)"
        if problem is not None:
            self.error(node, problem)
        return problem

    def handler(self, node: ast.ExceptHandler) -> S.Handler | None:
        """`except`, `except E`, `except (E1, E2) as e`: the classes must be names."""
        classes: tuple[S.Name, ...] | None = None
        if node.type is not None:
            nodes = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if not all(isinstance(n, ast.Name) for n in nodes):
                self.error(node.type, "an except clause must name exception classes (or a tuple of them)")
                return None
            classes = tuple(S.Name(n.id, self.loc(n)) for n in nodes if isinstance(n, ast.Name))
        return S.Handler(classes, node.name, self.block(node.body), self.loc(node))

    def check_global(self, node: ast.Global) -> None:
        """What Python's compiler refuses, with its messages: a parameter declared global, a name
        annotated in the function, or used or assigned in it before its `global` statement."""
        fn = self.function_node
        assert fn is not None  # a `global` statement is parsed inside a function only
        if self.function_names is None:  # once per function, not per statement
            self.function_names = {}
            for n in ast.walk(fn):
                if isinstance(n, ast.Name):
                    self.function_names.setdefault(n.id, []).append(n)
                elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
                    self.function_names.setdefault(f"{n.target.id}:", []).append(n)
        at = (node.lineno, node.col_offset)
        for name in node.names:
            annotated = self.function_names.get(f"{name}:", [])
            earlier = [n for n in self.function_names.get(name, []) if (n.lineno, n.col_offset) < at]
            if any(a.arg == name for a in fn.args.args):
                self.error(node, f"name '{name}' is parameter and global")
            elif annotated:
                self.error(max([node, *annotated], key=lambda n: (n.lineno, n.col_offset)),
                           f"annotated name '{name}' can't be global")
            elif earlier:
                done = "is assigned to before" if any(isinstance(n.ctx, ast.Store) for n in earlier) else \
                    "is used prior to"
                self.error(node, f"name '{name}' {done} global declaration")

    def assign_targets(self, target: ast.expr) -> tuple[S.Name, ...] | None:
        if isinstance(target, ast.Name):
            return (self.name(target),)
        if isinstance(target, ast.Tuple) and (plain := _all_names(target.elts)) is not None:
            return tuple(self.name(e) for e in plain)
        if isinstance(target, (ast.Tuple, ast.List)):
            self.error(target, "only names can be unpacked into: a, b = ...")
        else:
            self.unsupported(target)
        return None

    def target(self, node: ast.expr) -> S.Target | None:
        """An assignment or loop target: a name, an item, or a tuple (or list) of targets."""
        match node:
            case ast.Name():
                return self.name(node)
            case ast.Subscript():
                return self.subscript(node)
            case ast.Tuple(elts=elts) | ast.List(elts=elts):
                starred = [e for e in elts if isinstance(e, ast.Starred)]
                if len(starred) > 1:
                    self.error(starred[1], "multiple starred expressions in assignment")
                    return None
                items = [self.starred(e) if isinstance(e, ast.Starred) else self.target(e) for e in elts]
                if any(i is None for i in items):
                    return None
                return S.Tuple(tuple(i for i in items if i is not None), self.loc(node))
            case ast.Attribute():  # a field (check/classes.py)
                return self.attribute(node)
            case ast.Starred():
                self.error(node, "starred assignment target must be in a list or tuple")
                return None
        self.unsupported(node)
        return None

    def starred(self, node: ast.Starred) -> S.Starred | None:
        """`*rest` inside a tuple (or list) target."""
        inner = self.target(node.value)
        return None if inner is None else S.Starred(inner, self.loc(node))

    def name(self, node: ast.Name) -> S.Name:
        return S.Name(node.id, self.loc(node))

    def attribute(self, node: ast.Attribute) -> S.Attribute:
        return S.Attribute(self.expr(node.value), node.attr, self.loc(node))

    # ---- expressions ----------------------------------------------------------------

    def annotation(self, node: ast.expr) -> S.Expr:
        """An annotation: an expression where `...` may end a tuple's items (`tuple[int, ...]`); a string is
        the annotation it holds (`"Node | None"`, a class named before Python has made it)."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
            try:
                inner = ast.parse(node.value.strip(), mode="eval").body
            except SyntaxError:
                return self.expr(node)
            for part in ast.walk(inner):  # located at the string (not its contexts: ast.Load() is shared)
                if isinstance(part, ast.expr):
                    part.lineno, part.col_offset = node.lineno, node.col_offset
            return self.annotation(inner)
        if isinstance(node, ast.List):  # the parameters of Callable[[A, B], R]
            return S.ListLiteral(tuple(self.annotation(e) for e in node.elts), self.loc(node))
        if not isinstance(node, ast.Subscript):
            return self.expr(node)
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if len(parts) == 2 and isinstance(parts[0], ast.Constant) and parts[0].value is Ellipsis:
            # Callable[..., R]: the checker asks for the parameters (check/callables.py)
            return S.Subscript(self.expr(node.value), (S.Const(..., self.loc(parts[0])), self.annotation(parts[1])),
                               self.loc(node))
        if isinstance(node.value, ast.Name) and node.value.id == "tuple" and len(parts) == 2 \
                and isinstance(parts[1], ast.Constant) and parts[1].value is Ellipsis:
            indices: tuple[S.Expr, ...] = (self.annotation(parts[0]), S.Const(..., self.loc(parts[1])))
        else:
            indices = tuple(self.index(p) if isinstance(p, ast.Slice) else self.annotation(p) for p in parts)
        return S.Subscript(self.expr(node.value), indices, self.loc(node))

    def expr(self, node: ast.expr) -> S.Expr:
        loc = self.loc(node)
        match node:
            case ast.Name(id=name):
                return S.Name(name, loc)
            case ast.Constant(value=value):
                if value is Ellipsis or isinstance(value, bytes):
                    self.error(node, f"{type(value).__name__} constants are not supported")
                    return S.Const(0, loc)  # the cell fails after parsing: the value is never used
                return S.Const(value, loc)
            case ast.BinOp(left=left, op=op, right=right):
                opname = "@" if isinstance(op, ast.MatMult) else _BINOPS[type(op)]  # @: arrays only
                return S.BinOp(opname, self.expr(left), self.expr(right), loc)
            case ast.UnaryOp(op=op, operand=operand):
                return S.UnaryOp(_UNARYOPS[type(op)], self.expr(operand), loc)
            case ast.BoolOp(op=op, values=values):
                return S.BoolOp("and" if isinstance(op, ast.And) else "or",
                                tuple(self.expr(v) for v in values), loc)
            case ast.Compare(left=left, ops=ops, comparators=comparators):
                names = []
                for comparison in ops:
                    names.append(_CMPOPS.get(type(comparison)) or ("is" if isinstance(comparison, ast.Is)
                                                                    else "is not"))  # check/optional.py
                return S.Compare(self.expr(left), tuple(names),
                                 tuple(self.expr(c) for c in comparators), loc)
            case ast.IfExp(test=test, body=body, orelse=orelse):
                return S.IfExp(self.expr(test), self.expr(body), self.expr(orelse), loc)
            case ast.Call(func=func, args=args, keywords=keywords):
                for a in args:
                    if isinstance(a, ast.Starred):
                        self.error(a, "*args in calls are not supported")
                kws = []
                for k in keywords:
                    if k.arg is None:
                        self.error(k.value, "**kwargs in calls are not supported")
                        continue
                    kws.append(S.Keyword(k.arg, self.expr(k.value), self.loc(k)))
                return S.Call(self.expr(func), tuple(self.expr(a) for a in args
                                                     if not isinstance(a, ast.Starred)),
                              tuple(kws), loc)
            case ast.Attribute(value=value, attr=attr):
                return S.Attribute(self.expr(value), attr, loc)
            case ast.Tuple(elts=elts):
                return S.Tuple(tuple(self.expr(e) for e in elts), loc)
            case ast.Subscript():
                return self.subscript(node)
            case ast.List(elts=elts):
                return S.ListLiteral(tuple(self.expr(e) for e in elts), loc)
            case ast.Dict(keys=keys, values=values):
                if any(k is None for k in keys):
                    self.error(node, "** unpacking in a dict literal is not supported")
                    keys, values = [], []
                return S.DictLiteral(tuple(self.expr(k) for k in keys if k is not None),
                                     tuple(self.expr(v) for v in values), loc)
            case ast.Set(elts=elts):
                for e in elts:
                    if isinstance(e, ast.Starred):
                        self.error(e, "* unpacking in a set literal is not supported")
                return S.SetLiteral(tuple(self.expr(e) for e in elts if not isinstance(e, ast.Starred)), loc)
            case ast.JoinedStr(values=values):
                return S.FString(tuple(self.fstring_part(v) for v in values), loc)
            case ast.ListComp() | ast.SetComp() | ast.GeneratorExp() | ast.DictComp():
                return self.comprehension(node)
            case _:
                self.unsupported(node)
                return S.Const(0, loc)

    def comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> S.Expr:
        generators = []
        for clause in node.generators:
            if clause.is_async:
                self.error(clause.iter, "async comprehensions are not supported")
            target = self.target(clause.target)
            if target is None:
                return S.Const(0, self.loc(node))
            generators.append(S.Generator(target, self.expr(clause.iter), tuple(self.expr(c) for c in clause.ifs),
                                          self.loc(clause.target)))
        kind = {ast.ListComp: "list", ast.SetComp: "set", ast.GeneratorExp: "generator",
                ast.DictComp: "dict"}[type(node)]
        if isinstance(node, ast.DictComp):
            element, value = self.expr(node.key), self.expr(node.value)
            return S.Comprehension(kind, element, value, tuple(generators), self.loc(node))
        return S.Comprehension(kind, self.expr(node.elt), None, tuple(generators), self.loc(node))

    def subscript(self, node: ast.Subscript) -> S.Subscript:
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return S.Subscript(self.expr(node.value), tuple(self.index(p) for p in parts), self.loc(node))

    def index(self, node: ast.expr) -> S.Expr:
        if isinstance(node, ast.Slice):
            if node.lower is None and node.upper is None and node.step is None:
                return S.SliceAll(self.loc(node))
            start, stop, step = (None if part is None else self.expr(part)
                                 for part in (node.lower, node.upper, node.step))
            return S.Slice(start, stop, step, self.loc(node))
        return self.expr(node)

    def fstring_part(self, node: ast.expr) -> str | S.FormattedValue:
        if isinstance(node, ast.Constant):
            return str(node.value)  # the text between fields
        if not isinstance(node, ast.FormattedValue):  # an f-string holds only text and fields
            self.unsupported(node)
            return ""
        spec = ""
        if isinstance(node.format_spec, ast.JoinedStr):  # a spec is itself an f-string
            pieces = node.format_spec.values
            if all(isinstance(p, ast.Constant) for p in pieces):
                spec = "".join(str(p.value) for p in pieces if isinstance(p, ast.Constant))
            else:
                self.error(node.format_spec, "a format spec with {fields} inside is not supported")
        conversion = {-1: None, 115: "s", 114: "r", 97: "a"}[node.conversion]
        return S.FormattedValue(self.expr(node.value), conversion, spec, self.loc(node))


def _deepest(tree: ast.AST) -> tuple[int, ast.AST]:
    """The depth of the syntax tree (`1 + 1 + ... + 1` nests once per `+`) and its deepest node."""
    deepest = (0, tree)
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest[0] and hasattr(node, "lineno"):
            deepest = (depth, node)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _docstring(node: ast.stmt) -> str | None:
    """The text of a statement that is a string literal alone (a docstring where it comes first)."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return node.value.value
    return None


def _is_docstring(node: ast.stmt) -> bool:
    return _docstring(node) is not None


def _plain(target: ast.expr) -> bool:
    """A name, or a tuple of names: `a = v`, `a, b = v` (the simple forms, typed.Assign and Unpack);
    `a, = v` unpacks one item, a pattern like any other."""
    return isinstance(target, ast.Name) or (isinstance(target, ast.Tuple) and len(target.elts) > 1
                                            and _all_names(target.elts) is not None)


def _all_names(nodes: list[ast.expr]) -> list[ast.Name] | None:
    """The nodes, if every one is a plain name."""
    names = [n for n in nodes if isinstance(n, ast.Name)]
    return names if len(names) == len(nodes) else None


def _describe(node: ast.AST) -> str:
    if type(node) in _UNSUPPORTED:
        return _UNSUPPORTED[type(node)]
    words = {
        ast.Assign: "an assignment", ast.AnnAssign: "an assignment", ast.AugAssign: "an assignment",
        ast.Expr: "an expression statement", ast.If: "an if statement", ast.For: "a for loop",
        ast.While: "a while loop", ast.Return: "a return statement", ast.Assert: "an assert",
        ast.Pass: "'pass'",
    }
    return words.get(type(node), f"'{type(node).__name__}'")
