"""The args of a caught exception: `e.args`, `e.args[i]` and `len(e.args)`.

    except ValueError as e:
        n = len(e.args)          ->  ExceptionText(handle, INT, part="len")
        print(e.args)            ->  ExceptionText(handle, STR, part="args")          # str(e.args)
        s = f"{e.args[0]}"       ->  ExceptionText(handle, STR, part="item", index=0)  # str(e.args[0])
        msg = e.args[0]          ->  ExceptionText(handle, STR, part="str_item", index=0)

What a caught exception holds is known only at run time (it may come from Python, through a
callback), so its args are read by the `exception` callback (runtime/callbacks.py): where a text
is wanted (str(), print(), an f-string field) any item gives CPython's text; as a value an item
must be a str (a TypeError names its type otherwise), the one type an argument of jitcell's own
raises and of Python's builtin errors is read as in practice.
"""

from __future__ import annotations

from jitcell.compiler import syntax as S
from jitcell.compiler import typed as T
from jitcell.compiler.types import INT, STR

from .host import CheckerHost

__all__ = ["ExceptionArgChecks"]


class ExceptionArgChecks(CheckerHost):
    """Mixed into the expression checker."""

    def caught_name(self, node: S.Expr) -> str | None:
        """The handle local of the caught exception `node` names (`e`), else None."""
        return self.caught.get(node.id) if isinstance(node, S.Name) else None

    def exception_args(self, node: S.Expr, text: bool) -> T.Expr | None:
        """`e.args` (in a text only) or `e.args[i]` of a caught `e`; None if `node` is neither."""
        if isinstance(node, S.Attribute) and node.attr == "args" and (handle := self.caught_name(node.value)):
            if not text:
                return self.error("e.args holds values whose types are known only at run time; jitcell reads "
                                  "len(e.args), e.args[i] (a str) and str(e.args)", node.loc)
            return T.ExceptionText(handle, STR, node.loc, part="args")
        if isinstance(node, S.Subscript) and isinstance(node.value, S.Attribute) and node.value.attr == "args" \
                and (handle := self.caught_name(node.value.value)):
            if len(node.indices) != 1 or isinstance(node.indices[0], (S.Slice, S.SliceAll)):
                return self.error("e.args takes one int index in jitcell", node.loc)
            index = self.coerce(self.expr(node.indices[0]), INT, "an index of e.args")
            return T.ExceptionText(handle, STR, node.loc, part="item" if text else "str_item", index=index)
        return None

    def exception_args_repr(self, node: S.Expr) -> T.Expr | None:
        """The text of `{e.args!r}` or `{e.args[i]!r}`, else None."""
        shown = self.exception_args(node, text=True)
        if isinstance(shown, T.ExceptionText) and shown.part == "item":
            return T.ExceptionText(shown.handle, STR, shown.loc, part="item_repr", index=shown.index)
        return shown  # a tuple's str is its repr

    def exception_args_value(self, node: S.Expr) -> T.Expr:
        """`e.args` or `e.args[i]` where a value is wanted."""
        found = self.exception_args(node, text=False)
        assert found is not None, "called for e.args or e.args[i] only"
        return found

    def exception_attribute(self, node: S.Attribute) -> T.Expr:
        """`e.NAME` of a caught exception other than its args."""
        return self.error(f"a caught exception gives str(e), e.args, e.args[i] and len(e.args) in jitcell, not "
                          f"e.{node.attr}", node.loc)

    def exception_args_length(self, node: S.Call) -> T.Expr | None:
        """`len(e.args)`, else None."""
        if len(node.args) == 1 and not node.keywords and isinstance(arg := node.args[0], S.Attribute) \
                and arg.attr == "args" and (handle := self.caught_name(arg.value)):
            return T.ExceptionText(handle, INT, node.loc, part="len")
        return None
