"""The compiler: the miss path only. Nothing in it is imported on a cache hit.

    driver.py     the one entry: front_end (parse, check, lower, optimize) and build (emit, link,
                  manifest)
    parse.py      Python's ast -> syntax.py's frozen nodes, or a CompileError listing every problem
    check/        syntax tree -> typed tree (typed.py, types.py)
    lower/        typed tree -> LLVM IR (llvmlite.ir only)
    backend/      LLVM (llvmlite.binding): optimize, export, emit; link with the system linker
    targets.py    the same cell built for another platform, its export table checked
    mathlib.py    the math module as the language knows it; internal.py: the runtime's dialect

Layer: above the loader (whose tables the manifest fills), below report/ and the pipeline.
"""
