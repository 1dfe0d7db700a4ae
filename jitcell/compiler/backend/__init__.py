"""The back end: LLVM's optimizer and code generator (machine.py, the only importer of
llvmlite.binding) and the system linker (link.py)."""
