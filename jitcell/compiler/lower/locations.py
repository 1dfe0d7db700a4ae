"""Source locations in generated code, for annotation only (`lower(..., locations=True)`).

    s += i * i          %p = call {i64, i1} @llvm.smul.with.overflow.i64(...), !dbg !14
                        !14 = !DILocation(line: 5, column: 14, scope: !9)
                        !9 = distinct !DISubprogram(name: "total", line: 3, ...)

LLVM debug locations (line tables only: no variables, no types) survive optimization,
inlining and code generation: the optimized IR keeps each instruction's `!dbg`, and the
assembly its `.loc` directives, so report/annotate.py can say what each line of a cell
still does. A normal build has none of this (its IR, cache key and code are unchanged):
annotation regenerates the code with locations, as `%%jit --show` regenerates it without.

Reference-count operations carry `!jitcell.refcount` (an unknown metadata kind, which no
optimization reads), so they can be told from other loads and stores after inlining. The code of
each copy of a versioned loop lies in a lexical block of its own (`copy_scope`), whose `column`
numbers the copy (line tables do not emit lexical blocks: the number is seen only in the IR).

`LoweringNotes` records what the lowering knows and the optimized code cannot say: which
copy of which versioned loop each error site lies in, which loops were not versioned and
why, why a bounds check could not be proven away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from llvmlite import ir

from jitcell.errors import Loc

__all__ = ["DebugLocations", "LoweringNotes", "LoopNote", "REFCOUNT_KIND", "FILE_NAME"]

REFCOUNT_KIND = "jitcell.refcount"  # the metadata kind of reference-count operations
FILE_NAME = "cell"  # the DIFile every location is in (remarks say "cell:LINE:COL")


@dataclass
class LoopNote:
    """A loop as lowered: `versioned` if it got a guarded copy without overflow checks, else `why_not`."""

    line: int
    col: int
    why_not: str | None = None  # why its overflow checks stay (None: it has none, or it is versioned)
    versioned: bool = False
    primary: int = 0  # the first copy whose guard can pass (an earlier one rests on an unbounded value)


@dataclass
class LoweringNotes:
    """What annotation needs from the lowering, beside the locations in the code."""

    loops: list[LoopNote] = field(default_factory=list)
    # error site -> ((loop, copy), ...): the copies of versioned loops around the site, outermost first
    site_copies: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    site_loops: dict[int, int] = field(default_factory=dict)  # error site -> the innermost loop around it
    site_reasons: dict[int, str] = field(default_factory=dict)  # error site -> why its check stays
    copies: dict[int, tuple[int, int]] = field(default_factory=dict)  # copy scope's number -> (loop, copy)
    remarks: list[str] = field(default_factory=list)  # LLVM's, on loops it did not vectorize (the driver's)


class DebugLocations:
    """The compile unit, one subprogram per function and a DILocation per (line, col, scope)."""

    def __init__(self, module: ir.Module):
        self.module = module
        self.file = module.add_debug_info("DIFile", {"filename": FILE_NAME, "directory": ""})
        self.unit = module.add_debug_info("DICompileUnit", {
            "language": ir.DIToken("DW_LANG_Python"), "file": self.file, "producer": "jitcell",
            "isOptimized": True, "runtimeVersion": 0, "emissionKind": ir.DIToken("LineTablesOnly"),
            "nameTableKind": ir.DIToken("None")}, is_distinct=True)
        module.add_named_metadata("llvm.dbg.cu", self.unit)
        i32 = ir.IntType(32)
        module.add_named_metadata("llvm.module.flags", [i32(2), "Debug Info Version", i32(3)])
        module.add_named_metadata("llvm.module.flags", [i32(7), "Dwarf Version", i32(5)])
        self.signature = module.add_debug_info("DISubroutineType", {"types": module.add_metadata([])})
        self.refcount = module.add_metadata([])
        self._locations: dict[tuple[int, int, int], ir.DIValue] = {}

    def subprogram(self, function: ir.Function, name: str, loc: Loc) -> ir.DIValue:
        """Give `function` a subprogram named after the cell's `name`, at `loc` (its def)."""
        program = self.module.add_debug_info("DISubprogram", {
            "name": name, "linkageName": function.name, "scope": self.file, "file": self.file,
            "line": loc.line, "scopeLine": loc.line, "type": self.signature, "unit": self.unit,
            "spFlags": ir.DIToken("DISPFlagDefinition | DISPFlagLocalToUnit | DISPFlagOptimized")},
            is_distinct=True)
        function.set_metadata("dbg", program)
        return program

    def copy_scope(self, parent: ir.DIValue, loc: Loc, notes: LoweringNotes, loop: int, copy: int) -> ir.DIValue:
        """The scope of one copy of a versioned loop (`loop`: its index in notes.loops)."""
        number = len(notes.copies) + 1
        notes.copies[number] = (loop, copy)
        return self.module.add_debug_info("DILexicalBlock", {"scope": parent, "file": self.file, "line": loc.line,
                                                              "column": number}, is_distinct=True)

    def at(self, loc: Loc, scope: ir.DIValue) -> ir.DIValue:
        key = (loc.line, loc.col, id(scope))
        location = self._locations.get(key)
        if location is None:
            location = self._locations[key] = self.module.add_debug_info(
                "DILocation", {"line": loc.line, "column": loc.col, "scope": scope})
        return location

    def mark_refcount(self, *instructions: ir.Instruction) -> None:
        for instruction in instructions:
            instruction.set_metadata(REFCOUNT_KIND, self.refcount)
