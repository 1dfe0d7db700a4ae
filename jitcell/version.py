"""Versions that invalidate cached libraries when they change.

`CODEGEN_ABI` is bumped whenever the generated code, the slot protocol or the
manifest changes shape; entries live under `<cache>/abi-<CODEGEN_ABI>/`, so old
entries simply stop being found.
"""

__version__ = "0.1.0"
CODEGEN_ABI = 21
