"""The internal dialect: raw memory for the runtime library, which is written in jitcell itself.

    def str_length(s: int) -> int:          # an object is its address, an int
        return load64(s + 16)

Compiled with `internal=True` (never for users' cells), a cell may call these
builtins; addresses are plain ints and arithmetic on them wraps. `lower` turns each
into one instruction or one call to the C library (an import from libc, as allowed).
`state(i)` is the address of word i of a zero-initialized static block of the library,
for the few counters and flags the runtime keeps. `stack_words(n)` is the address of n
8-byte words in the caller's frame (n a literal), alive until it returns. `call_c(f, a, b, c)` calls the C
function at address f as `void f(long, long, long)`: the SIGINT handler uses it to call
the handler it displaced (a handler declared `void h(int)` ignores the extra arguments,
as the x86-64 and AArch64 C calling conventions allow); `call_c_int` calls it as
`long f(long, long, long)`: the list functions call the item comparisons that a cell
generates for its element types (compiler/lower/lists.py). The `pthread_*` builtins are the
POSIX functions of the same names, every argument and result an int (an address, a key,
a thread id): the stack guard reads the thread's stack bounds and caches them per thread
(runtime/source.py, "the stack"); `getentropy(address, n)` seeds the random generators
(runtime/source_random.py), the mutex, condition and clock functions the thread pool of parallel
loops uses (runtime/source_parallel.py), and `free_address()`, libc's `free`, is the destructor of each thread's
random state. `loadf32`/`storef32` read and write a float32 as a double, and `round32(x)` rounds a double to
float32 (for float32 additions and products: done in doubles and rounded, they are exact);
`fma(x, y, z)` is x * y + z rounded once.
`pthread_getattr_np` is glibc's (and musl's): elsewhere
it is lowered to a failing call (1), and compiled code then runs without a stack guard.
The `Py*` builtins (`CAPI`) are functions of CPython's C API, called through the slots
`jitcell.slot.capi.NAME` as generated code calls them (objects are ints, addresses): the
boundary converts Python lists, dicts and sets with them (runtime/source.py, "lists at the boundary").
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from llvmlite import ir

from .types import FLOAT, INT, NONE, Type

__all__ = ["INTRINSICS", "CAPI", "lower_intrinsic", "STATE_WORDS"]

# name -> (parameter types, result type)
INTRINSICS: dict[str, tuple[tuple[Type, ...], Type]] = {
    "load64": ((INT,), INT), "store64": ((INT, INT), NONE),
    "load32": ((INT,), INT), "store32": ((INT, INT), NONE),
    "load16": ((INT,), INT), "store16": ((INT, INT), NONE),
    "load8": ((INT,), INT), "store8": ((INT, INT), NONE),
    "loadf": ((INT,), FLOAT), "storef": ((INT, FLOAT), NONE),
    "loadf32": ((INT,), FLOAT), "storef32": ((INT, FLOAT), NONE), "round32": ((FLOAT,), FLOAT),
    "fma": ((FLOAT, FLOAT, FLOAT), FLOAT),
    "malloc": ((INT,), INT), "calloc": ((INT, INT), INT), "realloc": ((INT, INT), INT), "free": ((INT,), NONE),
    "memcpy": ((INT, INT, INT), NONE), "memmove": ((INT, INT, INT), NONE),
    "memset": ((INT, INT, INT), NONE), "memcmp": ((INT, INT, INT), INT),
    "state": ((INT,), INT), "stack_words": ((INT,), INT),
    "call_c": ((INT, INT, INT, INT), NONE), "call_c_int": ((INT, INT, INT, INT), INT),
    "pthread_self": ((), INT), "pthread_getattr_np": ((INT, INT), INT), "free_address": ((), INT),
    "pthread_attr_getstack": ((INT, INT, INT), INT), "pthread_attr_destroy": ((INT,), INT),
    "pthread_key_create": ((INT, INT), INT), "pthread_getspecific": ((INT,), INT),
    "pthread_setspecific": ((INT, INT), INT), "getentropy": ((INT, INT), INT),
    # the thread pool of parallel loops (runtime/source_parallel.py)
    "pthread_mutex_init": ((INT, INT), INT), "pthread_mutex_lock": ((INT,), INT),
    "pthread_mutex_unlock": ((INT,), INT), "pthread_cond_init": ((INT, INT), INT),
    "pthread_cond_wait": ((INT, INT), INT), "pthread_cond_timedwait": ((INT, INT, INT), INT),
    "pthread_cond_broadcast": ((INT,), INT), "clock_gettime": ((INT, INT), INT),
}

STATE_WORDS = 384

_I8, _I16, _I32, _I64, _F64 = ir.IntType(8), ir.IntType(16), ir.IntType(32), ir.IntType(64), ir.DoubleType()
_F32 = ir.FloatType()
_PTR = ir.PointerType()
_VOID = ir.VoidType()

# C-API functions the runtime calls: name -> (C result, C params); INTRINSICS gets their jitcell types
CAPI: dict[str, tuple[ir.Type, list[ir.Type]]] = {
    "PyGILState_Ensure": (_I32, []), "PyGILState_Release": (_VOID, [_I32]),
    "PyErr_Occurred": (_PTR, []), "PyErr_Clear": (_VOID, []),
    "Py_IncRef": (_VOID, [_PTR]), "Py_DecRef": (_VOID, [_PTR]),
    "PyList_New": (_PTR, [_I64]), "PyList_Size": (_I64, [_PTR]),
    "PyList_GetItem": (_PTR, [_PTR, _I64]), "PyList_SetItem": (_I32, [_PTR, _I64, _PTR]),
    "PyFloat_AsDouble": (_F64, [_PTR]), "PyFloat_FromDouble": (_PTR, [_F64]),
    "PyLong_AsLongLongAndOverflow": (_I64, [_PTR, _PTR]), "PyLong_FromLongLong": (_PTR, [_I64]),
    "PyUnicode_AsUTF8AndSize": (_PTR, [_PTR, _PTR]), "PyUnicode_DecodeUTF8": (_PTR, [_PTR, _I64, _PTR]),
    "PyDict_New": (_PTR, []), "PyDict_Next": (_I32, [_PTR, _PTR, _PTR, _PTR]),
    "PyDict_SetItem": (_I32, [_PTR, _PTR, _PTR]), "PySet_New": (_PTR, [_PTR]), "PySet_Add": (_I32, [_PTR, _PTR]),
    "PyObject_GetIter": (_PTR, [_PTR]), "PyIter_Next": (_PTR, [_PTR]),
    # the callbacks into Python (runtime/source.py, "callbacks")
    "PyTuple_New": (_PTR, [_I64]), "PyTuple_SetItem": (_I32, [_PTR, _I64, _PTR]),
    "PyObject_Call": (_PTR, [_PTR, _PTR, _PTR]), "PyErr_Fetch": (_VOID, [_PTR, _PTR, _PTR]),
    # every cell's interrupt check (runtime/source.py, check_signals)
    "PyErr_CheckSignals": (_I32, []),
}
INTRINSICS.update({name: (tuple(FLOAT if t == _F64 else INT for t in params),
                          NONE if ret == _VOID else FLOAT if ret == _F64 else INT)
                   for name, (ret, params) in CAPI.items()})

_LIBC = {  # name -> (return, params)
    "malloc": (_PTR, [_I64]), "calloc": (_PTR, [_I64, _I64]), "realloc": (_PTR, [_PTR, _I64]),
    "free": (ir.VoidType(), [_PTR]),
    "memcpy": (_PTR, [_PTR, _PTR, _I64]), "memmove": (_PTR, [_PTR, _PTR, _I64]),
    "memset": (_PTR, [_PTR, ir.IntType(32), _I64]), "memcmp": (ir.IntType(32), [_PTR, _PTR, _I64]),
}


# the pthread builtins: C types of (result, params); ints are converted to and from them
_PTHREAD = {
    "pthread_self": (_I64, []), "pthread_getattr_np": (_I32, [_I64, _PTR]),
    "pthread_attr_getstack": (_I32, [_PTR, _PTR, _PTR]), "pthread_attr_destroy": (_I32, [_PTR]),
    "pthread_key_create": (_I32, [_PTR, _PTR]), "pthread_getspecific": (_PTR, [_I32]),
    "pthread_setspecific": (_I32, [_I32, _PTR]), "getentropy": (_I32, [_PTR, _I64]),
    "pthread_mutex_init": (_I32, [_PTR, _PTR]), "pthread_mutex_lock": (_I32, [_PTR]),
    "pthread_mutex_unlock": (_I32, [_PTR]), "pthread_cond_init": (_I32, [_PTR, _PTR]),
    "pthread_cond_wait": (_I32, [_PTR, _PTR]), "pthread_cond_timedwait": (_I32, [_PTR, _PTR, _PTR]),
    "pthread_cond_broadcast": (_I32, [_PTR]), "clock_gettime": (_I32, [_I32, _PTR]),
}


def _libc(module: ir.Module, name: str) -> ir.Function:
    fn = module.globals.get(name)
    if fn is None:
        ret, params = _LIBC[name] if name in _LIBC else _PTHREAD[name]
        fn = ir.Function(module, ir.FunctionType(ret, params), name)
    return fn


def _state(module: ir.Module) -> ir.GlobalVariable:
    g = module.globals.get("jitcell.rt.state")
    if g is None:
        array = ir.ArrayType(_I64, STATE_WORDS)
        g = ir.GlobalVariable(module, array, "jitcell.rt.state")
        g.linkage = "internal"
        g.initializer = ir.Constant(array, None)
    return g


def lower_intrinsic(b: ir.IRBuilder, name: str, args: list[ir.Value],
                    slot: Callable[[str], ir.GlobalVariable] | None = None) -> ir.Value | None:
    """One builtin's instructions; `slot(target)` is the lowerer's slot global (for `CAPI`)."""
    if name in CAPI:
        assert slot is not None
        return _capi_call(b, name, args, slot(f"capi.{name}"))

    def at(address, kind):
        return b.inttoptr(address, kind.as_pointer())

    match name:
        case "load64":
            return b.load(at(args[0], _I64))
        case "store64":
            b.store(args[1], at(args[0], _I64))
        case "load32":
            return b.zext(b.load(at(args[0], _I32)), _I64)
        case "store32":
            b.store(b.trunc(args[1], _I32), at(args[0], _I32))
        case "load16":
            return b.zext(b.load(at(args[0], _I16)), _I64)
        case "store16":
            b.store(b.trunc(args[1], _I16), at(args[0], _I16))
        case "load8":
            return b.zext(b.load(at(args[0], _I8)), _I64)
        case "store8":
            b.store(b.trunc(args[1], _I8), at(args[0], _I8))
        case "loadf":
            return b.load(at(args[0], _F64))
        case "storef":
            b.store(args[1], at(args[0], _F64))
        case "loadf32":  # a float32 in memory, as the double it is exactly
            return b.fpext(b.load(at(args[0], _F32)), _F64)
        case "storef32":
            b.store(b.fptrunc(args[1], _F32), at(args[0], _F32))
        case "round32":  # a double rounded to float32 (NumPy's float32 arithmetic, done in doubles)
            return b.fpext(b.fptrunc(args[0], _F32), _F64)
        case "fma":  # x * y + z rounded once (NumPy's vectorized complex multiply)
            fn = b.module.globals.get("llvm.fma.f64") or ir.Function(
                b.module, ir.FunctionType(_F64, [_F64, _F64, _F64]), "llvm.fma.f64")
            return b.call(fn, args)
        case "state":
            base = b.ptrtoint(_state(b.module), _I64)
            return b.add(base, b.mul(args[0], ir.Constant(_I64, 8)))
        case "stack_words":
            return b.ptrtoint(_stack_words(b, args[0]), _I64)
        case "call_c":
            callee = ir.FunctionType(ir.VoidType(), [_I64, _I64, _I64])
            b.call(b.inttoptr(args[0], callee.as_pointer()), args[1:])
        case "call_c_int":
            callee = ir.FunctionType(_I64, [_I64, _I64, _I64])
            return b.call(b.inttoptr(args[0], callee.as_pointer()), args[1:])
        case "malloc" | "realloc":
            pointers = [b.inttoptr(args[0], _PTR)] if name == "realloc" else []
            return b.ptrtoint(b.call(_libc(b.module, name), [*pointers, args[-1]]), _I64)
        case "calloc":
            return b.ptrtoint(b.call(_libc(b.module, name), args), _I64)
        case "free":
            b.call(_libc(b.module, "free"), [b.inttoptr(args[0], _PTR)])
        case "free_address":
            return b.ptrtoint(_libc(b.module, "free"), _I64)
        case "memcpy" | "memmove":
            b.call(_libc(b.module, name), [b.inttoptr(args[0], _PTR), b.inttoptr(args[1], _PTR), args[2]])
        case "memset":
            b.call(_libc(b.module, "memset"), [b.inttoptr(args[0], _PTR), b.trunc(args[1], _I32), args[2]])
        case "memcmp":
            result = b.call(_libc(b.module, "memcmp"), [b.inttoptr(args[0], _PTR), b.inttoptr(args[1], _PTR), args[2]])
            return b.sext(result, _I64)
        case "pthread_getattr_np" if not sys.platform.startswith("linux"):
            return ir.Constant(_I64, 1)  # no such function: the stack guard is off (source.py)
        case _ if name in _PTHREAD:
            return _c_call(b, name, args)
        case _:
            raise AssertionError(name)
    return None


def _stack_words(b: ir.IRBuilder, count: ir.Value) -> ir.Value:
    """`count` (a literal) 8-byte words in the frame of the function, allocated in its entry block
    (once, wherever the call is), alive until it returns."""
    if not isinstance(count, ir.Constant) or not isinstance(count.constant, int) or count.constant <= 0:
        raise TypeError("stack_words(n) takes a positive int literal")
    entry = b.function.entry_basic_block
    at_entry = ir.IRBuilder(entry)
    at_entry.position_at_start(entry)
    return at_entry.alloca(ir.ArrayType(_I64, count.constant))


def _capi_call(b: ir.IRBuilder, name: str, args: list[ir.Value], slot: ir.GlobalVariable) -> ir.Value | None:
    ret, params = CAPI[name]
    callee = b.load(slot, typ=ir.FunctionType(ret, params).as_pointer())
    converted = [b.inttoptr(a, t) if isinstance(t, ir.PointerType) else b.trunc(a, t) if t == _I32 else a
                 for a, t in zip(args, params, strict=True)]
    result = b.call(callee, converted)
    if ret == _VOID:
        return None
    if isinstance(ret, ir.PointerType):
        return b.ptrtoint(result, _I64)
    return b.sext(result, _I64) if ret == _I32 else result


def _c_call(b: ir.IRBuilder, name: str, args: list[ir.Value]) -> ir.Value:
    """A C function whose arguments and result travel as ints: addresses, keys, thread ids."""
    fn = _libc(b.module, name)
    converted = [b.inttoptr(a, t) if isinstance(t, ir.PointerType) else b.trunc(a, t) if t != _I64 else a
                 for a, t in zip(args, fn.function_type.args, strict=True)]
    result = b.call(fn, converted)
    if isinstance(result.type, ir.PointerType):
        return b.ptrtoint(result, _I64)
    return b.sext(result, _I64) if result.type != _I64 else result
