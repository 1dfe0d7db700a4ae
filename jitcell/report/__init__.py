"""What the notebook shows about a compiled cell.

    summary.py      the one-line summary under each cell
    diagnostics.py  what the linker and loader did: exports, globals, slots, libraries, problems
    inspection.py   generated IR and assembly, syntax-highlighted
    annotate.py     annotated source: each line's checks, reference counts, calls, loops, and why
                    (marks.py finds them in the code codemap.py reads back)
    teaching.py     teaching mode: a child process that runs a cached library without patching

Layer: above the compiler (inspection asks the driver to generate code again), below the pipeline
and the front ends (magics/, kernel/), which decide what to display.
"""
