"""lower: `typed.Program` -> `llvmlite.ir.Module`, plus the slots and error sites it uses.

    program.py     the module: entry points, slots, calls; and each function's statements
                   and expressions
    arith.py       Python's numeric semantics in LLVM IR (checked ints, floor division, ...)
    heap.py        reference-counted values: ownership of temporaries, strings, tuples
    dicts.py       dicts through the runtime library's table
    arrays.py      NumPy arrays: element access, bounds checks, the boundary
    versioning.py  loops with an unchecked twin where a guard proves no check can fire
    host.py        what heap, dicts and arrays use of the function lowerer (Protocols)

The per-type lowerings are mixed into the function lowerer; `host.py` declares what they use.
"""
