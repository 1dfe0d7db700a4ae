"""NumPy's broadcasting in generated code: shapes of operands, the result's shape, loops over it.

    a (3, 1) + b (4,)      axis 1: a's 1 and b's 4 -> 4 (a's stride there becomes 0)
                           axis 0: a's 3, b has none -> 3          result (3, 4)
    a (3,) + b (4,)        3 != 4, neither is 1: ValueError "operands could not be broadcast
                           together with shapes (3,) (4,) " (the shapes of that operation's operands)

A `Shape` is an operand's ndim and its dims as values; a scalar's is (). Each axis of the
result is the operands' dims there: 1 gives way to the others, which must agree. An operand
walks the result's index space with stride 0 on axes it broadcasts along.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from llvmlite import ir

from .arith import I64

__all__ = ["Shape", "Operand", "broadcast", "loop_nest", "shape_operands"]


def _i(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


@dataclass(frozen=True)
class Shape:
    dims: tuple[ir.Value, ...]  # len is the ndim; () for a scalar


@dataclass
class Operand:
    """An array input of a fused loop: where its elements are, its dims and strides (in elements)."""

    data: ir.Value
    dims: list[ir.Value]
    strides: list[ir.Value]

    def shape(self) -> Shape:
        return Shape(tuple(self.dims))


def broadcast(b: ir.IRBuilder, shapes: list[Shape]) -> tuple[Shape, ir.Value]:
    """The broadcast shape of `shapes`, and an i1 that is true where they do not broadcast."""
    ndim = max(len(s.dims) for s in shapes)
    dims: list[ir.Value] = []
    bad: ir.Value = ir.Constant(ir.IntType(1), 0)
    for axis in range(ndim):
        present = [s.dims[axis - (ndim - len(s.dims))] for s in shapes if axis >= ndim - len(s.dims)]
        out: ir.Value = _i(1)
        for n in present:
            out = b.select(b.icmp_signed("!=", n, _i(1)), n, out)
        for n in present:
            bad = b.or_(bad, b.and_(b.icmp_signed("!=", n, _i(1)), b.icmp_signed("!=", n, out)))
        dims.append(out)
    return Shape(tuple(dims)), bad


def shape_operands(shapes: list[Shape]) -> list[ir.Value]:
    """The operands of an array_operands site: the count, then each shape's ndim and dims (to 2)."""
    values: list[ir.Value] = [_i(len(shapes))]
    for s in shapes:
        values += [_i(len(s.dims)), *s.dims, *[_i(0)] * (2 - len(s.dims))]
    return values


def effective_strides(b: ir.IRBuilder, operand: Operand, ndim: int) -> list[ir.Value]:
    """The operand's strides along each of the result's `ndim` axes: 0 where it broadcasts."""
    strides: list[ir.Value] = []
    offset = ndim - len(operand.dims)
    for axis in range(ndim):
        if axis < offset:
            strides.append(_i(0))
        else:
            n, s = operand.dims[axis - offset], operand.strides[axis - offset]
            strides.append(b.select(b.icmp_signed("==", n, _i(1)), _i(0), s))
    return strides


def loop_nest(b: ir.IRBuilder, fn: ir.Function, dims: list[ir.Value],
              body: Callable[[list[ir.Value]], None], descending: bool = False) -> None:
    """Loops over every index of `dims` in C order (the last axis innermost), `body(indices)` inside;
    `descending`: from the last index down (a 1-D update that must not overwrite what it reads)."""

    def level(axis: int, indices: list[ir.Value]) -> None:
        if axis == len(dims):
            body(indices)
            return
        before = b.block
        head, inside, end = (fn.append_basic_block(f"each.{name}") for name in ("head", "body", "end"))
        b.branch(head)
        b.position_at_end(head)
        i = b.phi(I64, name=f"i{axis}")
        i.add_incoming(_i(0), before)
        b.cbranch(b.icmp_signed("<", i, dims[axis]), inside, end)
        b.position_at_end(inside)
        index = b.sub(b.sub(dims[axis], _i(1)), i) if descending else i
        level(axis + 1, [*indices, index])
        i.add_incoming(b.add(i, _i(1)), b.block)
        b.branch(head)
        b.position_at_end(end)

    level(0, [])
