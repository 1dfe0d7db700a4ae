"""The loader: everything a cache hit runs, and nothing that imports llvmlite.

    cache.py        the on-disk cache: keys, lookup, atomic publish
    fingerprint.py  what this machine's code generator is, remembered without llvmlite
    misses.py       why the cache missed, against the cell's previous entry
    load.py         dlopen a library and patch every slot (addresses.py: what each must hold)
    library.py      Library and Slot: a compiled cell once loaded
    symbols.py      a built library's export and import tables, read from the file
    bind.py         JitFunction: the Python callable for each entry point
    variables.py    module variables of kernel cells
    namespace.py    calls between cells: late binding, re-patching, recompiling stale callers

Layer: above the runtime (runtime/), below the compiler (compiler/).
"""
