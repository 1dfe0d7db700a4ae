"""What the notebook shows about a compiled cell.

    summary.py      the one-line summary under each cell
    diagnostics.py  what the linker and loader did: exports, globals, slots, libraries, problems
    inspection.py   generated IR and assembly, syntax-highlighted
    teaching.py     teaching mode: a child process that runs a cached library without patching

Layer: above the compiler (inspection asks the driver to generate code again), below the pipeline
and the front ends (magics/, kernel/), which decide what to display.
"""
