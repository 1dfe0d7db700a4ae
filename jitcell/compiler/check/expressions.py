"""Typing rules for expressions: Python's numeric semantics made static.

    n + 0.5        ->  Binary("+", Convert(Local("n", int), float), Literal(0.5), float)
    n < x          ->  Compare((Local n: int, Local x: float), ("<",))   # exact, no promotion
    a or b         ->  Logical("or", (a, b), int)    # both operands int: the value of a or b
    2**63 - 1      ->  Literal(9223372036854775807, int)   # int constant expressions are exact

The rules follow Python: bool takes part in arithmetic as int, int meets float as
float, `/` always gives a float. Where Python's result type would depend on run-time
values (int `or` float, `max(1, 2.5)`), jitcell asks for an explicit conversion.
`FunctionChecker` in program.py adds statements and scopes on top of this class.
"""

from __future__ import annotations

import operator
from dataclasses import replace

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.internal import INTRINSICS
from jitcell.compiler.mathlib import MATH_CONSTANTS, MATH_FUNCTIONS
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
    Generator,
    Instance,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    is_numeric,
)
from jitcell.errors import Diagnostic, Loc

from .array_exprs import ArrayExprChecks
from .arrays import NUMPY_CONSTANTS, ArrayChecks
from .callables import CallableChecks
from .classes import ClassChecks
from .complexes import ComplexChecks
from .comprehensions import GENERATOR_CONSUMERS, ComprehensionChecks
from .constants import typed_constant, typed_default
from .declines import Declines
from .dict_calls import dict_call_syntax
from .dicts import EMPTY_DICT, DictChecks
from .dunders import DunderChecks
from .exception_args import ExceptionArgChecks
from .formatting import FormatChecks
from .host import ModuleContext
from .inheritance import InheritanceChecks
from .introspection import INTROSPECTION_BUILTINS, IntrospectionChecks
from .iteration import ITERATOR_PLACES, ITERATORS, IterationChecks
from .lists import EMPTY_LIST, ListChecks, arrays_inside
from .none_lists import NONE_LIST, stored_type
from .numpy_functions import NumpyFunctionChecks
from .optional import OptionalChecks
from .powers import PowerChecks
from .randoms import RandomChecks
from .ranges import RangeChecks
from .sets import EMPTY_SET, SetChecks
from .special_dispatch import SpecialDispatch
from .str_methods import STR_BUILTINS, StrMethodChecks
from .strings import StringChecks, empty_tuple, instances_inside, shown_tuple
from .unsupported import builtin_refusal
from .vartuples import VarTupleChecks, fixed_fits

__all__ = ["ExpressionChecker", "BUILTINS", "INT_MIN", "INT_MAX", "truncate_hint", "int_text"]

INT_MIN, INT_MAX = -(2**63), 2**63 - 1

BUILTINS = frozenset({"abs", "min", "max", "int", "float", "bool", "print", "round", "len", "str", "sum", "any",
                      "all", "divmod", "input", "set", "dict", "list", "sorted", "complex", "tuple", "pow", "repr",
                      *STR_BUILTINS}) \
    | ITERATORS | INTROSPECTION_BUILTINS
_ARITHMETIC = frozenset({"+", "-", "*", "/", "//", "%", "**"})
_BITWISE = frozenset({"&", "|", "^"})
_SHIFTS = frozenset({"<<", ">>"})


_ORDERS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class ExpressionChecker(FormatChecks, StringChecks, StrMethodChecks, DictChecks, SetChecks, ListChecks,
                        VarTupleChecks, ArrayChecks, NumpyFunctionChecks, ArrayExprChecks, IterationChecks,
                        ComprehensionChecks, ComplexChecks, RandomChecks, OptionalChecks, IntrospectionChecks,
                        PowerChecks, RangeChecks, DunderChecks, Declines, SpecialDispatch, ClassChecks,
                        InheritanceChecks,
                        CallableChecks, ExceptionArgChecks):
    """Types expressions. Subclasses provide `locals`, `assigned_names`, `probe` and `is_assigned`."""

    locals: dict[str, Type]
    assigned_names: set[str]
    probe: bool

    def __init__(self, module: ModuleContext):
        self.module = module  # the ModuleChecker: signatures, imports, errors
        self.caught: dict[str, str] = {}  # `except ... as e` names in scope -> their handle locals
        self.failed = False  # an error was found (reported unless probing)
        self.used_pending = False  # a function whose return type is still being inferred was used

    def text_or_expr(self, node: S.Expr) -> T.Expr:
        """`node`, where a caught exception (`e`) stands for its text, str(e): in str(), print()
        and an f-string field."""
        if isinstance(node, S.Name) and node.id in self.caught:
            return T.ExceptionText(self.caught[node.id], STR, node.loc)
        if (args := self.exception_args(node, text=True)) is not None:
            return args  # str(e.args), str(e.args[i]) (check/exception_args.py)
        if (text := self.type_text(node)) is not None:  # str(type(x)): "<class 'int'>" (check/introspection.py)
            return text
        return self.shown(node, self.expr(node))  # an instance's __str__ (check/dunders.py)

    # ---- reporting ----------------------------------------------------------------

    def error(self, message: str, loc: Loc) -> T.Expr:
        if not self.probe:
            self.module.errors.append(Diagnostic(message, loc))
        self.failed = True  # a probe of a function whose return type is inferred: that function is broken
        return T.Literal(0, ERROR, loc)

    def is_assigned(self, name: str) -> bool:
        raise NotImplementedError

    # ---- conversions ----------------------------------------------------------------

    def to_float(self, e: T.Expr) -> T.Expr:
        if e.type in (FLOAT, ERROR):
            return e
        if isinstance(e, T.Literal) and isinstance(e.value, (int, float)):
            return T.Literal(float(e.value), FLOAT, e.loc)
        return T.Convert(e, FLOAT, e.loc)

    def to_int(self, e: T.Expr) -> T.Expr:
        if e.type is BOOL:
            return T.Literal(int(e.value), INT, e.loc) if isinstance(e, T.Literal) and isinstance(e.value, int) \
                else T.Convert(e, INT, e.loc)
        return e

    def truth(self, e: T.Expr) -> T.Expr:
        if e.type in (BOOL, ERROR):
            return e
        if isinstance(e, T.Literal):
            return T.Literal(bool(e.value), BOOL, e.loc)  # `while 1:` loops forever, like `while True:`
        if e.type in (INT, FLOAT, STR, COMPLEX) or isinstance(e.type, (Dict, Set, List)):
            return T.Convert(e, BOOL, e.loc)
        if e.type is RANGE:
            return self.range_truth(e)
        if (made := self.instance_truth(e)) is not None:  # __bool__, __len__ (check/dunders.py)
            return made
        return self.error(f"a value of type {e.type} has no truth value here", e.loc)

    def coerce(self, e: T.Expr, target: Type, what: str) -> T.Expr:
        """Implicit conversion where a declared type receives a value (assignment, argument, return)."""
        if e.type == target or ERROR in (e.type, target):
            return e
        if (up := self.upcast(e, target)) is not None:  # a subclass's instance (check/inheritance.py)
            return up
        if (empty := self.empty_dict_as(e, target)) is not None:
            return empty
        if (empty := self.empty_set_as(e, target)) is not None:
            return empty
        if (empty := self.empty_list_as(e, target)) is not None:
            return empty
        if (made := self.fixed_as_vartuple(e, target)) is not None:
            return made
        if isinstance(target, Optional) and (wrapped := self.coerce_optional(e, target, what)) is not None:
            return wrapped
        if target is FLOAT and e.type in (INT, BOOL):
            return self.to_float(e)
        if target is INT and e.type is BOOL:
            return self.to_int(e)
        if target is COMPLEX and e.type in (INT, FLOAT, BOOL):
            return self.to_complex(self.to_int(e))
        if isinstance(e, T.MakeTuple) and isinstance(target, Tuple) and len(e.items) == len(target.items) \
                and all(self.can_coerce(i.type, t) for i, t in zip(e.items, target.items, strict=True)):
            items = tuple(self.coerce(i, t, what) for i, t in zip(e.items, target.items, strict=True))
            return T.MakeTuple(items, target, e.loc)  # (n, 2.0) where a tuple[float, float] goes
        if (mismatch := self.function_mismatch(e, target, what)) is not None:
            return self.error(mismatch, e.loc)
        return self.error(f"{what} must be {target}, not {e.type}{truncate_hint(target, e.type)}"
                          f"{self.none_hint(e, target)}", e.loc)

    def typed_dict(self, e: T.Expr, where: str) -> T.Expr:
        """`{}` takes its type from where it goes (an annotated name, a parameter, a declared
        result); where nothing gives it one, it is an error rather than a value of no type."""
        if e.type is EMPTY_SET:
            where = "" if where.startswith("annotate") else f" {where}"
            return self.error(f"the type of an empty set() is not known{where}: assign it to an annotated name "
                              "first, like 's: set[int] = set()'", e.loc)
        if e.type is EMPTY_LIST:
            hint = "annotate it, e.g. 'xs: list[int] = []'" if not where.startswith("annotate") else where
            return self.error(f"cannot infer the element type of this empty list; {hint}", e.loc)
        if e.type is not EMPTY_DICT:
            return e
        hint = where if where.startswith("annotate") else "assign it to an annotated name first, like " \
            "'d: dict[str, int] = {}'"
        where = "" if where.startswith("annotate") else f" {where}"
        return self.error(f"the type of an empty dict is not known{where}: {hint}", e.loc)

    def can_coerce(self, source: Type, target: Type) -> bool:
        return source == target or ERROR in (source, target) or self.is_upcast(source, target) or (
            target is FLOAT and source in (INT, BOOL)) or (target is INT and source is BOOL) or (
            target is COMPLEX and source in (INT, FLOAT, BOOL)) or (
            source is EMPTY_DICT and isinstance(target, Dict)) or (source is EMPTY_SET and isinstance(target, Set)) or (
            source is EMPTY_LIST and isinstance(target, List)) or (
            isinstance(target, Optional) and (source is NONE or self.can_coerce(source, target.inner))) or (
            fixed_fits(source, target, self.can_coerce))

    def numeric(self, e: T.Expr, what: str) -> bool:
        if e.type is ERROR:
            return False
        if not is_numeric(e.type):
            self.error(f"{what} needs a number, not {e.type}", e.loc)
            return False
        return True

    # ---- expressions ----------------------------------------------------------------

    def condition(self, node: S.Expr) -> T.Expr:
        """An expression used for its truth value: operands of and/or may have any types."""
        match node:
            case S.BoolOp(op=op, values=values, loc=loc):
                return T.Logical(op, tuple(self.operands_narrowed(op, values, self.condition)), BOOL, loc)
            case S.UnaryOp(op="not", operand=operand, loc=loc):
                return T.Unary("not", self.condition(operand), BOOL, loc)
        return self.truth(self.expr(node))

    def expr(self, node: S.Expr) -> T.Expr:
        if isinstance(node, (S.BinOp, S.UnaryOp)):
            folded = fold_int(node)
            if folded is not None and INT_MIN <= folded <= INT_MAX:
                return T.Literal(folded, INT, node.loc)
        match node:
            case S.Const():
                return self.constant(node)
            case S.Name(id=name, loc=loc):
                return self.name(name, loc)
            case S.BinOp(op="%", left=S.Const(value=str())):
                return self.percent_format(node)  # check/formatting.py
            case S.BinOp(op=op, left=left, right=right, loc=loc):
                return self.binary(op, self.expr(left), self.expr(right), loc)
            case S.UnaryOp(op=op, operand=operand, loc=loc):
                return self.unary(op, operand, loc)
            case S.BoolOp(op=op, values=values, loc=loc):
                return self.logical(op, self.operands_narrowed(op, values, self.expr), loc)
            case S.Compare(left=left, ops=ops, comparators=comparators, loc=loc):
                return self.compare(left, ops, comparators, loc)
            case S.IfExp(test=test, body=body, orelse=orelse, loc=loc):
                return self.conditional(test, body, orelse, loc)
            case S.Call():
                return self.call(node)
            case S.Attribute(value=S.Name(id=name), attr="args") | S.Subscript(
                    value=S.Attribute(value=S.Name(id=name), attr="args")) if name in self.caught:
                return self.exception_args_value(node)  # check/exception_args.py
            case S.Attribute(value=S.Name(id=name)) if name in self.caught:
                return self.exception_attribute(node)
            case S.Attribute(value=S.Name(id=base), attr=attr, loc=loc) if self.math_alias(base):
                if attr in MATH_CONSTANTS:
                    return T.Literal(MATH_CONSTANTS[attr], FLOAT, loc)
                if attr in MATH_FUNCTIONS:
                    return self.error(f"functions are not values in jitcell; call {base}.{attr}(...)", loc)
                return self.error(f"math.{attr} is not supported by jitcell", loc)
            case S.Attribute(value=S.Name(id=base), attr=attr, loc=loc) if self.module_alias(base, "cmath"):
                return self.cmath_constant(attr, loc)
            case S.Attribute(value=S.Name(id=local)) if self.locals.get(local) is RANGE:
                return self.range_attribute(node)  # r.start (check/ranges.py)
            case S.Attribute(attr="real" | "imag"):
                return self.complex_part(node)  # check/complexes.py
            case S.Attribute(value=S.Call(func=S.Name(id="super"))) if (
                    sup := self.super_attribute(node)) is not None:
                return sup  # super().area, a property of the base (check/inheritance.py)
            case S.Attribute():
                return self.attribute(node)  # np.NAME, an array's shape (check/arrays.py)
            case S.FString():
                return self.fstring(node)
            case S.Tuple(elts=elts, loc=loc):
                items = [self.typed_dict(self.expr(e), "in a tuple") for e in elts]
                for item in items:
                    if item.type is RANGE:
                        return self.error("a tuple cannot hold a range in jitcell; make a list or tuple of its "
                                          "items: tuple(r)", item.loc)
                    if item.type is NONE or isinstance(item.type, Optional):
                        return self.error("a tuple cannot hold None" if item.type is NONE else
                                          f"a tuple cannot hold a value that may be None ({item.type}) in jitcell",
                                          item.loc)
                if any(item.type is ERROR for item in items):
                    return T.Literal(0, ERROR, loc)
                return T.MakeTuple(tuple(items), Tuple(i.type for i in items), loc)
            case S.Subscript(value=value, indices=indices, loc=loc):
                return self.subscript(self.expr(value), indices, loc)
            case S.DictLiteral():
                return self.dict_literal(node)
            case S.ListLiteral():
                return self.list_literal(node)
            case S.SetLiteral():
                return self.set_literal(node)
            case S.Slice() | S.SliceAll():
                return self.error("a slice is not supported here (jitcell slices lists, tuples, str and NumPy "
                                  "arrays)", node.loc)
            case S.Received(type=t, loc=loc):
                return T.Hole(t, loc)
            case S.Comprehension():
                return self.comprehension(node)
            case S.NewInstance():
                return self.new_instance(node)  # check/classes.py
        return self.error(f"{type(node).__name__} is not supported", node.loc)

    def constant(self, node: S.Const) -> T.Expr:
        value, loc = node.value, node.loc
        if isinstance(value, bool):
            return T.Literal(value, BOOL, loc)
        if isinstance(value, int):
            if not INT_MIN <= value <= INT_MAX:
                return self.error(f"the integer {int_text(value)} does not fit in 64 bits", loc)
            return T.Literal(value, INT, loc)
        if isinstance(value, float):
            return T.Literal(value, FLOAT, loc)
        if isinstance(value, complex):
            return T.Literal(value, COMPLEX, loc)
        if isinstance(value, str):
            return T.Literal(value, STR, loc)
        if value is None:
            return T.NoneValue(NONE, loc)  # a value where a `T | None` receives it (check/optional.py)
        return self.error(f"{type(value).__name__} constants are not supported", loc)

    def math_alias(self, name: str) -> bool:
        return self.module_alias(name, "math")

    def module_alias(self, name: str, module: str) -> bool:
        return name not in self.locals and self.module.imports.get(name) == module

    def name(self, name: str, loc: Loc) -> T.Expr:
        if name in self.caught:
            return self.error(f"a caught exception ('{name}') can only be used as str({name}), in print() or an "
                              f"f-string field, through {name}.args (len({name}.args), {name}.args[i]), or raised "
                              f"again (raise {name}, raise ... from {name})", loc)
        if name in self.locals:
            return self.read_narrowed(self.read_optional(T.Local(name, self.locals[name], loc,
                                                                 not self.is_assigned(name))))
        if name in self.module.variables and name not in self.assigned_names:
            return T.Global(name, self.module.variables[name], loc)
        if name in self.assigned_names:
            if self.probe:
                return T.Literal(0, ERROR, loc)
            return self.error(f"the type of '{name}' is unknown here: it is assigned only later, "
                              "from a value whose type depends on it", loc)
        if name in self.module.constants:  # folded into the code (check/constants.py)
            return typed_constant(self.module.constants[name], loc)
        if name in self.module.failed_constants:
            return T.Literal(0, ERROR, loc)  # its error is reported at the constant
        target = self.module.imports.get(name)
        if target is not None and target.startswith("numpy."):
            if target[6:] in NUMPY_CONSTANTS:
                return T.Literal(NUMPY_CONSTANTS[target[6:]], FLOAT, loc)
            return self.error(f"functions are not values in jitcell; call {name}(...)", loc)
        if target is not None and target.startswith("math."):
            member = target[5:]
            if member in MATH_CONSTANTS:
                return T.Literal(MATH_CONSTANTS[member], FLOAT, loc)
            return self.error(f"functions are not values in jitcell; call {name}(...)", loc)
        if target is not None and target.startswith("cmath."):
            return self.cmath_constant(target[6:], loc)
        if (name in self.module.definitions or target is None and name in self.module.callees) \
                and name not in self.module.classes:
            return self.function_value(name, loc)  # check/callables.py
        if name in BUILTINS or target == "math" or name in self.module.classes:  # a class is not a value (yet)
            return self.error(f"'{name}' is not a value in jitcell; call it", loc)
        return self.undefined(name, loc)

    def subscript(self, value: T.Expr, indices: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        if value.type is ERROR:
            return value
        if (made := self.instance_subscript(value, indices, loc)) is not None:  # __getitem__ (check/dunders.py)
            return made
        if isinstance(value.type, Dict):
            return self.dict_subscript(value, indices, loc)
        if value.type is RANGE:
            return self.range_item(value, indices, loc)
        if isinstance(value.type, Array):
            return self.array_subscript(value, indices, loc)
        if isinstance(value.type, List):
            return self.list_item(value, indices, loc)
        if value.type is STR:
            return self.str_subscript(value, indices, loc)
        if isinstance(value.type, Tuple) and len(indices) == 1 and isinstance(indices[0], (S.Slice, S.SliceAll)):
            return self.tuple_slice(value, indices[0], loc)
        for index in indices:
            if isinstance(index, (S.Slice, S.SliceAll)):
                return self.error(f"slices of {value.type} are not supported (jitcell slices lists, tuples, str "
                                  "and NumPy arrays)", index.loc)
        if isinstance(value.type, Tuple):
            index = indices[0]
            if len(indices) == 1 and isinstance(index, S.UnaryOp) and index.op == "-" \
                    and isinstance(index.operand, S.Const) and isinstance(index.operand.value, int):
                index = S.Const(-index.operand.value, index.loc)  # t[-1] (t[-"a"] is an error below)
            if isinstance(index, S.Const) and type(index.value) is bool:
                index = S.Const(int(index.value), index.loc)  # t[True] is t[1], as in Python
            items = value.type.items
            if len(indices) == 1 and not isinstance(index, S.Const) and items and all(t == items[0] for t in items):
                position = self.expr(index)
                if position.type is ERROR:
                    return position
                if position.type not in (INT, BOOL):
                    return self.error(f"tuple indices must be integers or slices, not {position.type}", index.loc)
                position = T.Convert(position, INT, position.loc) if position.type is BOOL else position
                return T.TupleIndex(value, position, items[0], loc)
            if len(indices) != 1 or not isinstance(index, S.Const) or type(index.value) is not int:
                return self.error("a tuple index must be an int literal, unless all the tuple's items have one type "
                                  f"(this one is {value.type})", loc)
            n = len(value.type.items)
            if not -n <= index.value < n:
                return self.error("tuple index out of range", index.loc)
            i = index.value % n
            return T.TupleItem(value, i, value.type.items[i], loc)
        return self.error(f"'{value.type}' object is not subscriptable", loc)

    def tuple_slice(self, value: T.Expr, index: S.Slice | S.SliceAll, loc: Loc) -> T.Expr:
        """t[a:b:c] with int literal bounds: a tuple whose type is known here."""
        assert isinstance(value.type, Tuple)  # subscript has checked
        bounds: list[int | None] = []
        for part in ([] if isinstance(index, S.SliceAll) else [index.start, index.stop, index.step]):
            if part is not None and isinstance(part, S.UnaryOp) and part.op == "-" \
                    and isinstance(part.operand, S.Const) and type(part.operand.value) is int:
                part = S.Const(-part.operand.value, part.loc)
            if part is not None and not (isinstance(part, S.Const) and type(part.value) in (int, type(None))):
                return self.error("a tuple slice takes int literal bounds (its result's type must be known when "
                                  "compiling)", part.loc)
            bounds.append(None if part is None else part.value)  # type: ignore[arg-type]  # an int or None
        if len(bounds) == 3 and bounds[2] == 0:
            return self.error("slice step cannot be zero", loc)
        everything = tuple(range(len(value.type.items)))
        picked = everything[slice(*bounds)] if bounds else everything
        return T.TupleSlice(value, picked, Tuple(tuple(value.type.items[i] for i in picked)), loc)

    def undefined(self, name: str, loc: Loc) -> T.Expr:
        hint = ""
        if name == "math":
            hint = "; add 'import math' at the top of the cell"
        elif name in MATH_FUNCTIONS or name in MATH_CONSTANTS:
            hint = f"; add 'from math import {name}' or write math.{name}"
        elif (refusal := builtin_refusal(name)) is not None:  # input(), open()... (check/unsupported.py)
            return self.error(refusal, loc)
        return self.error(f"name '{name}' is not defined{hint}", loc)

    def unary(self, op: str, operand: S.Expr, loc: Loc) -> T.Expr:
        if op == "not":
            return T.Unary("not", self.condition(operand), BOOL, loc)
        e = self.expr(operand)
        if (made := self.instance_unary(op, e, loc)) is not None:  # __neg__ (check/dunders.py)
            return made
        if isinstance(e.type, Array):
            return self.array_unary(op, e, loc)
        if e.type is COMPLEX:
            return self.complex_unary(op, e, loc)
        if not self.numeric(e, f"unary '{op}'"):
            return T.Literal(0, ERROR, loc)
        if op == "~":
            if e.type is FLOAT:
                return self.error("bad operand type for unary ~: 'float'", loc)
            return T.Unary("~", self.to_int(e), INT, loc)
        e = self.to_int(e)
        if op == "+":
            return e
        if isinstance(e, T.Literal) and e.type is FLOAT:
            assert isinstance(e.value, float)  # a literal of type float holds a float
            return T.Literal(-e.value, FLOAT, loc)
        if isinstance(e, T.Literal) and e.type is INT and e.value != INT_MIN:
            assert isinstance(e.value, int)  # and one of type int an int (bools became ints in to_int)
            return T.Literal(-e.value, INT, loc)
        return T.Unary("-", e, e.type, loc)

    def binary(self, op: str, left: T.Expr, right: T.Expr, loc: Loc) -> T.Expr:
        if ERROR in (left.type, right.type):
            return T.Literal(0, ERROR, loc)
        if (made := self.instance_binary(op, left, right, loc)) is not None:  # __add__ (check/dunders.py)
            return made
        if op == "@":
            return self.array_product("matmul", left, right, loc)  # numpy_functions.py
        if isinstance(left.type, Array) or isinstance(right.type, Array):
            return self.array_binary(op, left, right, loc)
        if any(isinstance(t, Set) or t is EMPTY_SET for t in (left.type, right.type)):
            return self.set_binary(op, left, right, loc)
        if isinstance(left.type, List) or isinstance(right.type, List) or EMPTY_LIST in (left.type, right.type) \
                or NONE_LIST in (left.type, right.type):
            return self.list_binary(op, left, right, loc)
        if op == "*" and STR in (left.type, right.type):
            return self.str_repeat(left, right, loc)
        if STR in (left.type, right.type):
            return self.str_binary(op, left, right, loc)
        if COMPLEX in (left.type, right.type):
            return self.complex_binary(op, left, right, loc)
        if not (is_numeric(left.type) and is_numeric(right.type)):
            return self.error(f"unsupported operand types for {op}: '{left.type}' and "
                              f"'{right.type}'", loc)
        has_float = FLOAT in (left.type, right.type)
        if op in _BITWISE and left.type is BOOL and right.type is BOOL:
            return T.Binary(op, left, right, BOOL, loc)
        if op in _BITWISE or op in _SHIFTS:
            if has_float:
                return self.error(f"unsupported operand types for {op}: '{left.type}' and "
                                  f"'{right.type}'", loc)
            return T.Binary(op, self.to_int(left), self.to_int(right), INT, loc)
        assert op in _ARITHMETIC, op
        if has_float:
            return T.Binary(op, self.to_float(left), self.to_float(right), FLOAT, loc)
        result = FLOAT if op == "/" else INT
        return T.Binary(op, self.to_int(left), self.to_int(right), result, loc)

    def compare(self, left: S.Expr, ops: tuple[str, ...], comparators: tuple[S.Expr, ...], loc: Loc) -> T.Expr:
        if (folded := self.type_compare(left, ops, comparators, loc)) is not None:  # type(x) is int
            return folded
        return self.compare_values([self.expr(left), *(self.expr(c) for c in comparators)], ops, loc)

    def compare_values(self, operands: list[T.Expr], ops: tuple[str, ...], loc: Loc) -> T.Expr:
        if len(ops) == 1 and ops[0] in ("==", "!=") and all(isinstance(e.type, Tuple) for e in operands):
            return self.tuple_equal(operands[0], operands[1], ops[0] == "!=", loc)
        if len(ops) == 1 and ops[0] in ("<", "<=", ">", ">=") and all(isinstance(e.type, Tuple) for e in operands):
            return self.tuple_order(operands[0], operands[1], ops[0], loc)
        if (made := self.instance_compare(operands, ops, loc)) is not None:  # __eq__, __lt__ (check/dunders.py)
            return made
        if (same := self.instance_identity(operands, ops, loc)) is not None:  # check/classes.py
            return same
        if "is" in ops or "is not" in ops:
            return self.identity(operands, ops, loc)
        if any(e.type is ERROR for e in operands):
            return T.Literal(False, ERROR, loc)
        if any(isinstance(e.type, Array) for e in operands):
            return self.array_compare(operands, ops, loc)
        if any(isinstance(e.type, Set) or e.type is EMPTY_SET for e in operands):
            return self.set_compare(operands, ops, loc)
        if len(ops) == 1 and ops[0] in ("in", "not in") and operands[1].type is RANGE:
            return self.range_contains(operands[0], operands[1], ops[0] == "not in", loc)
        if len(ops) == 1 and ops[0] in ("in", "not in") and isinstance(operands[1].type, Dict):
            return self.dict_contains(operands[0], operands[1], ops[0] == "not in", loc)
        if any(isinstance(e.type, List) or e.type is EMPTY_LIST for e in operands):
            return self.list_compare(operands, ops, loc)
        if any(isinstance(e.type, Dict) or e.type is EMPTY_DICT for e in operands):
            return self.dict_compare(operands, ops, loc)
        if any(e.type is COMPLEX for e in operands) and not any(e.type is STR for e in operands) \
                and "in" not in ops and "not in" not in ops:
            return self.complex_compare(operands, ops, loc)
        if any(e.type is STR for e in operands) or "in" in ops or "not in" in ops:
            return self.str_code_compare(operands, ops, loc) or self.str_compare(operands, ops, loc)
        for e in operands:
            if not self.numeric(e, "comparison"):
                return T.Literal(False, ERROR, loc)
        return T.Compare(tuple(self.to_int(e) for e in operands), tuple(ops), BOOL, loc)

    def tuple_equal(self, left: T.Expr, right: T.Expr, negated: bool, loc: Loc) -> T.Expr:
        """`a == b` of tuples: each evaluated once, then their items compared in order, the first
        unequal pair ending it (a Chain with one link); tuples of different lengths are unequal."""
        a, b = T.Slot(0, left.type, left.loc), T.Slot(1, right.type, right.loc)
        items_a, items_b = left.type.items, right.type.items  # type: ignore[attr-defined]
        if len(items_a) != len(items_b):
            test: T.Expr = T.Literal(False, BOOL, loc)
        else:
            pairs = [self.truth(self.compare_values([T.TupleItem(a, i, x, loc), T.TupleItem(b, i, y, loc)],
                                                    ("==",), loc))
                     for i, (x, y) in enumerate(zip(items_a, items_b, strict=True))]
            test = T.Logical("and", tuple(pairs), BOOL, loc) if len(pairs) > 1 else \
                pairs[0] if pairs else T.Literal(True, BOOL, loc)
        if negated:
            test = T.Unary("not", test, BOOL, loc)
        return T.Chain((left, right), (test,), BOOL, loc)

    def tuple_order(self, left: T.Expr, right: T.Expr, op: str, loc: Loc) -> T.Expr:
        """`a < b` of tuples, as CPython's tuple_richcompare: the first index whose items differ (by
        `==`) decides, by `op` on those items; if one tuple is a prefix of the other, their lengths."""
        a, b = T.Slot(0, left.type, left.loc), T.Slot(1, right.type, right.loc)
        items_a, items_b = left.type.items, right.type.items  # type: ignore[attr-defined]
        shorter = min(len(items_a), len(items_b))
        decided: T.Expr = T.Literal(_ORDERS[op](len(items_a), len(items_b)), BOOL, loc)
        for i in reversed(range(shorter)):
            x, y = T.TupleItem(a, i, items_a[i], loc), T.TupleItem(b, i, items_b[i], loc)
            differ = self.truth(self.compare_values([x, y], ("!=",), loc))
            decided = T.Conditional(differ, self.truth(self.compare_values([x, y], (op,), loc)), decided, BOOL, loc)
        return T.Chain((left, right), (decided,), BOOL, loc)

    def same_type(self, values: list[T.Expr], what: str, loc: Loc) -> Type:
        types = {v.type for v in values}
        if ERROR in types:
            return ERROR
        if len(types) > 1:
            names = " and ".join(sorted(t.name for t in types))
            self.error(f"the operands of {what} have different types ({names}); Python would "
                       "return either, so convert them to one type, e.g. float(...)", loc)
            return ERROR
        (t,) = types
        if t is NONE:
            self.error(f"None has no value to use in {what}", loc)
            return ERROR
        return t

    def logical(self, op: str, values: list[T.Expr], loc: Loc) -> T.Expr:
        if any(isinstance(v.type, Array) for v in values):  # NumPy's ValueError for more than one element
            return self.error(f"'{op}' of arrays asks for the truth value of an array, which is ambiguous; combine "
                              "bool arrays with '&' or '|'", loc)
        t = self.same_type(values, f"'{op}'", loc)
        if isinstance(t, Instance):  # a value chosen by __bool__ (check/dunders.py): not yet
            return self.error(f"'{op}' between {t} values is not supported yet by jitcell; write "
                              "'a if a else b'", loc)
        return T.Logical(op, tuple(values), t, loc)

    def conditional(self, test: S.Expr, body: S.Expr, orelse: S.Expr, loc: Loc) -> T.Expr:
        t_test = self.condition(test)
        with self.narrowed_by(test, True), self.narrowed_class(test, set()):  # isinstance() (inheritance.py)
            t_body = self.expr(body)
        with self.narrowed_by(test, False):
            values = self.vartuple_branches([t_body, self.expr(orelse)])
        if (either := self.optional_join(values)) is not None:  # `None if c else n`: an int | None
            values = [self.coerce(v, either, "") for v in values]
        if (base := self.class_join({v.type for v in values})) is not None:  # Circle or Shape: a Shape
            values = [self.coerce(v, base, "") for v in values]
        t = self.same_type(values, "a conditional expression", loc)
        return T.Conditional(t_test, values[0], values[1], t, loc)

    # ---- calls ------------------------------------------------------------------

    def call(self, node: S.Call) -> T.Expr:
        if node.args and isinstance(node.args[0], S.Comprehension) and node.args[0].kind == "generator" and (
                isinstance(node.func, S.Name) and node.func.id in GENERATOR_CONSUMERS
                and self.builtin_visible(node.func.id)
                or isinstance(node.func, S.Attribute) and node.func.attr == "join"):
            # consumed at once: built as a list (a set for set()), then consumed (check/comprehensions.py)
            kind = "list"
            if isinstance(node.func, S.Name) and node.func.id in ("set", "any", "all"):
                if node.func.id != "set" and (len(node.args) > 1 or node.keywords):
                    return self.error(f"{node.func.id}() takes exactly one argument", node.loc)
                kind = node.func.id
                if kind != "set":  # a loop that stops at the deciding item (check/comprehensions.py)
                    return self.comprehension(replace(node.args[0], kind=kind))
            node = replace(node, args=(replace(node.args[0], kind=kind), *node.args[1:]))
        func, loc = node.func, node.loc
        if (drawn := self.random_call(node)) is not None:  # random.X(), np.random.X() (check/randoms.py)
            return drawn
        if isinstance(func, S.Name) and func.id not in self.locals:
            name = func.id
            if name in self.module.definitions:
                made = self.call_cell(name, node)
                if isinstance(made.type, Generator):
                    return self.error(f"{name}() is a generator function: jitcell walks a generator where it is "
                                      f"called, as {ITERATOR_PLACES}, enumerate() or zip(); it cannot be kept "
                                      "or passed as a value", loc)
                return made
            if self.module.internal and name in INTRINSICS:
                return self.call_internal(name, node)
            if name in self.module.constants:
                return self.error(f"'{name}' is a constant of the cell, not a function", func.loc)
            target = self.module.imports.get(name)
            if target is not None and target.startswith("math."):
                return self.call_math(target[5:], node)
            if target is not None and target.startswith("numpy."):
                return self.call_numpy(target[6:], node)
            if target is not None and target.startswith("cmath."):
                return self.call_cmath(target[6:], node)
            if target is None and name in self.module.callees:  # another cell's; shadows builtins
                return self.call_cell(name, node)
            if name in BUILTINS:
                return self.call_builtin(name, node)
            if target == "math":
                return self.error("'math' is a module; call one of its functions", loc)
            return self.undefined(name, func.loc)
        if isinstance(func, S.Attribute) and isinstance(func.value, S.Name) and self.math_alias(func.value.id):
            return self.call_math(func.attr, node)
        if isinstance(func, S.Attribute) and isinstance(func.value, S.Name) and self.numpy_alias(func.value.id):
            return self.call_numpy(func.attr, node)
        if isinstance(func, S.Attribute) and isinstance(func.value, S.Name) \
                and self.module_alias(func.value.id, "cmath"):
            return self.call_cmath(func.attr, node)
        if (method := self.super_call(node)) is not None:  # super().area() (check/inheritance.py)
            return method
        if (method := self.class_call(node)) is not None:  # Point.make(...) (check/classes.py)
            return method
        if (called := self.instance_call(func, node)) is not None:  # __call__ (check/dunders.py)
            return called
        if isinstance(func, S.Name):
            return self.call_local(func, node)  # a call through a function value (check/callables.py)
        if isinstance(func, S.Attribute) and isinstance(func.value, S.Name) and func.value.id == "math":
            return self.undefined("math", func.value.loc)
        if isinstance(func, S.Attribute):
            base = self.expr(func.value)
            if base.type is ERROR:
                return base
            if isinstance(base.type, Instance):
                return self.method_call(base, func.attr, node)  # check/classes.py
            if isinstance(base.type, Optional) and isinstance(base.type.inner, Instance):  # check/optional.py
                return self.method_call(self.none_checked(base, func.attr), func.attr, node)
            if isinstance(base.type, Dict):
                return self.dict_method(base, func.attr, node)
            if isinstance(base.type, Set):
                return self.set_method(base, func.attr, node)
            if base.type is STR:
                return self.str_method(base, func.attr, node)
            if isinstance(base.type, Array):
                return self.array_method(base, func.attr, node)
            if base.type is NONE_LIST and func.attr == "append" and isinstance(func.value, S.Name) \
                    and len(node.args) == 1:  # the item that types a list of None (check/none_lists.py)
                if (stored := stored_type(self.expr(node.args[0]))) is not None:
                    self.locals[func.value.id] = stored
                return T.Literal(0, ERROR, node.loc)
            if isinstance(base.type, List) or base.type is EMPTY_LIST:
                return self.list_method(base, func.attr, node)
            if base.type is COMPLEX or is_numeric(base.type) and func.attr == "conjugate":
                return self.complex_method(base, func.attr, node)
            return self.error(f"'{base.type}' has no method {func.attr!r} in jitcell", func.loc)
        return self.error("only functions of this cell, builtins, math functions and function values named by a "
                          "parameter or local variable can be called", loc)

    def call_internal(self, name: str, node: S.Call) -> T.Expr:
        params, result = INTRINSICS[name]
        if node.keywords or len(node.args) != len(params):
            return self.error(f"{name}() takes {len(params)} positional arguments", node.loc)
        args = tuple(self.coerce(self.expr(a), t, f"argument {i + 1} of {name}()")
                     for i, (a, t) in enumerate(zip(node.args, params, strict=True)))
        return T.Intrinsic(f"mem.{name}", args, result, node.loc)

    def call_cell(self, name: str, node: S.Call, receiver: T.Expr | None = None) -> T.Expr:
        """`receiver`: the instance a method is called on (`p.norm()`), its first argument."""
        external = name not in self.module.definitions  # of another cell (namespace.py)
        sig = self.module.callees[name] if external else self.module.signatures[name]
        if isinstance(sig, str):  # a type that cannot cross cells
            return self.error(sig, node.loc)
        params = sig.params
        bound: dict[str, T.Expr] = {}
        positional = len(params) - sig.keyword_only
        given = len(node.args) + (receiver is not None)
        shown, counted = name, 0  # a class's constructor: CPython names its __init__, self counted
        if name in self.module.classes and "__init__" in self.module.classes[name].methods:
            shown, counted = self.module.classes[name].methods["__init__"], 1
        if given > positional:
            if name in self.module.classes and not counted:
                return self.error(f"{name}() takes no arguments", node.loc)
            return self.error(f"{shown}() takes {positional + counted} positional argument"
                              f"{'s' if positional + counted != 1 else ''} but {given + counted} were given", node.loc)
        if receiver is not None:
            bound[params[0][0]] = receiver
        for (pname, _), arg in zip(params[receiver is not None:], node.args, strict=False):
            bound[pname] = self.expr(arg)
        names = [p for p, _ in params]
        for kw in node.keywords:
            if kw.name not in names:
                return self.error(f"{shown}() got an unexpected keyword argument '{kw.name}'", kw.loc)
            if kw.name in bound:
                return self.error(f"{shown}() got multiple values for argument '{kw.name}'", kw.loc)
            bound[kw.name] = self.expr(kw.value)
        first_default = len(params) - len(sig.defaults)
        names_written = list(bound)  # positional ones, then keywords as written
        args = []
        for i, (pname, ptype) in enumerate(params):
            if pname in bound:
                args.append(self.coerce(bound[pname], ptype, f"argument '{pname}' of {name}()"))
            elif i >= first_default:
                args.append(typed_default(sig.defaults[i - first_default], ptype, node.loc))
        for kind, indices in (("positional", range(positional)), ("keyword-only", range(positional, len(params)))):
            missing = [f"'{params[i][0]}'" for i in indices if params[i][0] not in bound and i < first_default]
            if missing:  # CPython's wording
                listed = missing[0] if len(missing) == 1 else (
                    f"{', '.join(missing[:-1])}{',' if len(missing) > 2 else ''} and {missing[-1]}")
                return self.error(f"{shown}() missing {len(missing)} required {kind} argument"
                                  f"{'s' if len(missing) > 1 else ''}: {listed}", node.loc)
        returns = sig.returns
        if returns is ERROR:
            self.failed = True  # a callee with errors of its own: so is a caller inferred from it
        if returns is None:  # being inferred
            self.used_pending = True
            if not self.probe:
                fdef = self.module.definitions.get(name)
                example = "Iterator[int]" if fdef is not None and fdef.generator else "int"
                self.error(f"cannot infer the return type of '{name}' (it depends on itself); "
                           f"annotate it: def {name}(...) -> {example}", node.loc)
            returns = ERROR
        order = [names.index(n) for n in names_written]
        order += [i for i in range(len(params)) if i not in order]  # defaults: literals
        return T.CallCell(name, tuple(args), tuple(order), returns, node.loc, external)

    def call_input(self, node: S.Call) -> T.Expr:
        """`input()`, `input(prompt)`: Python's own input() (a line read from stdin, or in a kernel
        from the notebook's input box), called back with the prompt; a str."""
        if node.keywords:
            return self.error("input() takes no keyword arguments", node.loc)
        if len(node.args) > 1:
            return self.error(f"input expected at most 1 argument, got {len(node.args)}", node.loc)
        prompt = tuple(self.expr(a) for a in node.args)
        if prompt and prompt[0].type not in (STR, ERROR):
            return self.error(f"input() of a {prompt[0].type} prompt is not supported: jitcell passes a str "
                              f"(write input(str(x)) or an f-string)", prompt[0].loc)
        return T.Intrinsic("input", prompt, STR, node.loc)

    def round_digits(self, x: T.Expr, digits: T.Expr, loc: Loc) -> T.Expr:
        """`round(x, n)`: CPython's own (correctly rounded decimal rounding of a float; an int to a
        multiple of 10**-n, half to even), a float for a float, an int for an int or bool."""
        if not self.numeric(x, "round()"):
            return T.Literal(0, ERROR, loc)
        if digits.type not in (INT, BOOL, ERROR):
            return self.error(f"'{digits.type}' object cannot be interpreted as an integer", digits.loc)
        if ERROR in (x.type, digits.type):
            return T.Literal(0, ERROR, loc)
        t = FLOAT if x.type is FLOAT else INT
        return T.Intrinsic("round", (x if t is FLOAT else self.to_int(x), self.to_int(digits)), t, loc)

    def call_builtin(self, name: str, node: S.Call) -> T.Expr:
        loc = node.loc
        if (made := self.instance_builtin(name, node)) is not None:  # len(x) of an instance (check/dunders.py)
            return made
        if name == "print":
            return self.call_print(node)
        if name == "input":
            return self.call_input(node)
        if name in INTROSPECTION_BUILTINS:  # isinstance(), callable(), type(): folded (check/introspection.py)
            return self.introspection_call(name, node)
        if name == "pow":
            return self.pow_call(node)  # check/powers.py
        if name == "repr":
            if len(node.args) != 1 or node.keywords:
                return self.error(f"repr() takes exactly one argument ({len(node.args) + len(node.keywords)} given)",
                                  loc)
            return self.repr_of(node.args[0], loc)  # check/strings.py
        if (listed := self.list_builtin(name, node)) is not None:
            return listed
        if name == "tuple":
            return self.tuple_builtin(node)
        if name == "range":
            return self.range_value(node)  # kept as a value (check/ranges.py)
        if name in ITERATORS:
            return self.error(f"{name}() is only supported as {ITERATOR_PLACES}", loc)
        if name in ("sum", "any", "all") or (name in ("min", "max") and (len(node.args) == 1 or node.keywords)):
            return self.reduce(name, node)
        if name in ("min", "max") and len(node.args) > 1 and isinstance(self.expr(node.args[0]).type, (Tuple, List)):
            # min(a, b) of tuples or lists: the reduction over [a, b] (each evaluated once, in order)
            return self.reduce(name, S.Call(node.func, (S.ListLiteral(node.args, loc),), (), loc))
        if name == "len" and (length := self.exception_args_length(node)) is not None:
            return length
        if name == "len" and len(node.args) == 1 and not node.keywords and (length := self.iter_length(node)):
            return length
        if name == "divmod":
            return self.divmod(node)
        if name == "set":
            return self.set_call(node)
        if name == "dict":
            desugared = dict_call_syntax(node, self.locals)  # dict_calls.py
            return self.error(desugared, loc) if isinstance(desugared, str) else self.expr(desugared)
        if name == "complex":
            return self.call_complex(node)
        if node.keywords:
            return self.error(f"{name}() takes no keyword arguments in jitcell", node.keywords[0].loc)
        if name in ("int", "float") and len(node.args) == 1 and isinstance(node.args[0], S.Const) \
                and isinstance(node.args[0].value, str):
            return self.parse_number(name, node.args[0].value, loc)  # float("inf")
        given = node.args
        if name == "round" and len(given) == 2 and isinstance(given[1], S.Const) and given[1].value is None:
            given = given[:1]  # round(x, None) is round(x)
        args = [self.text_or_expr(a) if name == "str" else self.expr(a) for a in given]
        if any(a.type is ERROR for a in args):
            return T.Literal(0, ERROR, loc)
        if name in ("int", "float") and (converted := self.str_to_number(name, args, loc)) is not None:
            return converted
        if name in ("int", "float", "bool"):
            return self.call_conversion(name, node, args)
        if name in STR_BUILTINS:
            return self.str_builtin(name, args, loc)
        if name in ("len", "str"):
            if len(args) != 1:
                return self.error(f"{name}() takes exactly one argument", loc)
            if name == "str":
                return self.str_of(args[0], loc)
            if isinstance(args[0].type, Array):
                return self.array_len(args[0], loc)
            if args[0].type is RANGE:
                return self.range_length(args[0], loc)
            if isinstance(args[0].type, Tuple):
                return T.Intrinsic("len", (args[0],), INT, loc)
            if isinstance(args[0].type, List):
                return self.list_length(args[0], loc)
            if args[0].type is not STR and not isinstance(args[0].type, (Dict, Set)):
                return self.error(f"object of type '{args[0].type}' has no len()", loc)
            return T.Intrinsic("len", (args[0],), INT, loc)
        if name == "round" and len(args) == 2:
            return self.round_digits(args[0], args[1], loc)
        if name in ("abs", "round"):
            if len(args) != 1:
                return self.error(f"{name}() takes exactly one argument in jitcell" if name == "abs" else
                                  f"round() takes at most 2 arguments ({len(args)} given)", loc)
            (x,) = args
            if name == "abs" and isinstance(x.type, Array):
                return self.array_unary("abs", x, loc)
            if name == "abs" and x.type is COMPLEX:
                return self.complex_abs(x, loc)
            if name == "round" and x.type is COMPLEX:
                return self.error("type complex doesn't define __round__ method", loc)
            if not self.numeric(x, f"{name}()"):
                return T.Literal(0, ERROR, loc)
            if x.type is FLOAT:
                return T.Intrinsic(name, (x,), INT if name == "round" else FLOAT, loc)
            return T.Intrinsic("abs", (self.to_int(x),), INT, loc) if name == "abs" else self.to_int(x)
        assert name in ("min", "max")
        if len(args) < 2:
            return self.error(f"{name}() of a single iterable is not supported; pass two or more numbers", loc)
        for a in args:
            if not self.numeric(a, f"{name}()"):
                return T.Literal(0, ERROR, loc)
        t = self.same_type(args, f"{name}()", loc)
        return T.Intrinsic(name, tuple(args), t, loc)

    def divmod(self, node: S.Call) -> T.Expr:
        """`divmod(a, b)`: (a // b, a % b), ints or floats (CPython's float_divmod)."""
        if node.keywords or len(node.args) != 2:
            return self.error(f"divmod expected 2 arguments, got {len(node.args) + len(node.keywords)}", node.loc)
        a, b = (self.expr(x) for x in node.args)
        if not (self.numeric(a, "divmod()") and self.numeric(b, "divmod()")):
            return T.Literal(0, ERROR, node.loc)
        if FLOAT in (a.type, b.type):
            return T.Intrinsic("divmod", (self.to_float(a), self.to_float(b)), Tuple((FLOAT, FLOAT)), node.loc)
        return T.Intrinsic("divmod", (self.to_int(a), self.to_int(b)), Tuple((INT, INT)), node.loc)

    def call_conversion(self, name: str, node: S.Call, args: list[T.Expr]) -> T.Expr:
        loc = node.loc
        if len(args) > 1:
            return self.error(f"{name}() takes at most one argument in jitcell", loc)
        if not args:
            default = {"int": (0, INT), "float": (0.0, FLOAT), "bool": (False, BOOL)}[name]
            return T.Literal(*default, loc)
        (x,) = args
        if name == "bool":  # any value with a truth value, as in `if x:`
            return self.truth(x)
        if not self.numeric(x, f"{name}()"):
            return T.Literal(0, ERROR, loc)
        if name == "float":
            return self.to_float(x)
        if x.type is FLOAT:
            return T.Convert(x, INT, loc)
        return self.to_int(x)

    def parse_number(self, name: str, text: str, loc: Loc) -> T.Expr:
        try:
            value = int(text) if name == "int" else float(text)
        except ValueError as e:
            return self.error(str(e), loc)  # CPython's message
        if name == "int":
            return self.constant(S.Const(value, loc))
        return T.Literal(value, FLOAT, loc)

    def call_print(self, node: S.Call) -> T.Expr:
        items: list[T.Expr | str] = []
        for a in node.args:
            if isinstance(a, S.Const) and isinstance(a.value, str):
                items.append(a.value)
                continue
            e = self.text_or_expr(a)
            if empty_tuple(e):
                items.append("()")
                continue
            if e.type is NONE:
                self.error("print() of None is not supported", e.loc)
            elif e.type not in (ERROR, STR, COMPLEX) and not is_numeric(e.type) and not shown_tuple(e.type) and \
                    (not isinstance(e.type, (Set, List, Dict)) or arrays_inside(e.type) and not isinstance(e.type, Dict)
                     or instances_inside(e.type)):
                self.error(f"print() of {e.type} is not supported", e.loc)
            items.append(e)
        texts = {"sep": " ", "end": "\n"}
        flush = False
        for kw in node.keywords:
            value = kw.value.value if isinstance(kw.value, S.Const) else ...
            if kw.name in ("sep", "end") and (value is None or isinstance(value, str)):
                texts[kw.name] = texts[kw.name] if value is None else value
            elif kw.name == "flush" and isinstance(value, bool):
                flush = value
            elif kw.name in ("sep", "end", "flush"):
                self.error(f"print({kw.name}=...) must be a literal in jitcell", kw.loc)
            else:
                self.error(f"print() keyword '{kw.name}' is not supported", kw.loc)
        return T.Print(tuple(items), texts["sep"], texts["end"], flush, NONE, node.loc)

    def call_math(self, member: str, node: S.Call) -> T.Expr:
        loc = node.loc
        fn = MATH_FUNCTIONS.get(member)
        if fn is None:
            what = "a constant" if member in MATH_CONSTANTS else "not supported by jitcell"
            return self.error(f"math.{member} is {what}", loc)
        if node.keywords:
            return self.error(f"math.{member}() takes no keyword arguments", node.keywords[0].loc)
        lo, hi = fn.arity
        if not lo <= len(node.args) <= hi:
            count = str(lo) if lo == hi else f"{lo} or {hi}"
            return self.error(f"math.{member}() takes {count} argument{'s' if hi > 1 else ''}, "
                              f"got {len(node.args)}", loc)
        args = [self.expr(a) for a in node.args]
        for a in args:
            if not self.numeric(a, f"math.{member}()"):
                return T.Literal(0, ERROR, loc)
        if fn.errors == "to_int" and args[0].type in (INT, BOOL):
            return self.to_int(args[0])  # math.floor(3) is 3
        result = {"float": FLOAT, "int": INT, "bool": BOOL}[fn.result]
        return T.Intrinsic(f"math.{member}", tuple(self.to_float(a) for a in args), result, loc)


_INT_FOLDS = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv,
    "%": operator.mod, "**": operator.pow, "<<": operator.lshift, ">>": operator.rshift,
    "&": operator.and_, "|": operator.or_, "^": operator.xor,
}
_FOLD_BITS = 4096  # constant expressions are small: 2**63 - 1, not 10**10**10


def fold_int(node: S.Expr) -> int | None:
    """The exact value of an int constant expression, computed as CPython does, or None.

    `2**63 - 1` and `-9223372036854775808` are 64-bit ints although 2**63 alone is not;
    folding them with Python's ints keeps them exact (with wraparound too: a constant
    is what CPython computes). Operations that raise (1 // 0, 2 ** -1) are not folded:
    they raise at run time, with CPython's message.
    """
    match node:
        case S.Const(value=value) if type(value) is int:
            return value
        case S.UnaryOp(op="-" | "+" | "~" as op, operand=operand):
            v = fold_int(operand)
            if v is None:
                return None
            return -v if op == "-" else v if op == "+" else ~v
        case S.BinOp(op=op, left=left, right=right) if op in _INT_FOLDS:
            a, b = fold_int(left), fold_int(right)
            if a is None or b is None:
                return None
            if op == "**" and (b < 0 or (abs(a) > 1 and b * a.bit_length() > _FOLD_BITS)):
                return None
            if op == "<<" and b > _FOLD_BITS:
                return None
            try:
                v = _INT_FOLDS[op](a, b)
            except (ZeroDivisionError, ValueError):
                return None
            return v if v.bit_length() <= _FOLD_BITS else None
    return None


def int_text(value: int) -> str:
    """An int for a message: in decimal, or abbreviated in hex beyond 256 bits (CPython refuses to
    convert an int of over 4300 digits to decimal, and a literal in hex may have that many)."""
    if value.bit_length() <= 256:
        return str(value)
    digits = f"{abs(value):x}"
    return f"{'-' if value < 0 else ''}0x{digits[:8]}...{digits[-4:]} ({value.bit_length()} bits)"


def truncate_hint(target: Type, source: Type) -> str:
    return " (write int(...) to truncate)" if (target, source) == (INT, FLOAT) else ""
