"""The loader: everything a cache hit runs, and nothing that imports llvmlite.

    cache.py        the on-disk cache: keys, lookup, atomic publish, clear
    files.py        the cache's files and folders: ownership and mode checks, private atomic writes;
                    entries in use: a shared flock on each loaded library, for the process's life
    signing.py      MACs (keyed BLAKE2b) on toolchain records and the settings, with this user's key;
                    JSON text (loads, dumps) without the json package
    sealed.py       manifests as stored: sealed (a MAC over their lines' digests), read field by field
    layout.py       every name jitcell writes into a cache; walking it without following links
    limits.py       the size cap: JITCELL_CACHE_SIZE, `%jit_cache limit` (settings.json), 2 GiB
    upkeep.py       least-recently-used eviction, tidying, verify, the listing (a miss or a command only)
    fingerprint.py  what this machine's code generator is, remembered without llvmlite
    misses.py       why the cache missed, against the cell's previous entry in its notebook, session or file
    load.py         dlopen a library and patch every slot with what it must hold in this process;
                    Library and Slot: a compiled cell once loaded
    symbols.py      a built library's export and import tables, read from the file
    elf.py          an ELF file's symbol tables and needed libraries, read with struct
    bind.py         JitFunction: the Python callable for each entry point; the type that lets CPython
                    call a function's native entry point directly (the table the entries use: load.py)
    variables.py    module variables of kernel cells
    namespace.py    calls between cells: late binding, re-patching, recompiling stale callers
    shared.py       shared read-only caches under the private one (JITCELL_CACHE_PATH): owner and mode rules
    parcels.py      pickled functions: what travels to a worker process, checked before it is loaded there

Layer: above the runtime (runtime/), below the compiler (compiler/).
"""
