"""check: `syntax.Module` -> `typed.Program`, or a CompileError listing every problem.

    program.py      the cell and its functions: signatures, statements, return types
    expressions.py  expressions: Python's numeric rules made static, names, calls, builtins
    strings.py, dicts.py, arrays.py   the rules for str, dict and NumPy array values

The per-type rules are mixed into ExpressionChecker; `host.py` declares what they use of it.
"""
