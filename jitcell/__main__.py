"""`python -m jitcell demo` runs the demo; `python -m jitcell warm` builds the runtime library into the
cache ahead of the first cell; `python -m jitcell cache [info|list|clear|gc|verify|limit SIZE]` shows and
manages the cache (docs/architecture.md, "The cache"; the same as `%jit_cache`)."""

from __future__ import annotations

import argparse
import sys

_USAGE = "usage: python -m jitcell demo [--cache-dir DIR] | warm | cache [info|list|clear|gc|verify|limit SIZE]"

_CACHE_HELP = """\
commands:
  info         where the cache is, its entries, their size and the size cap (the default command)
  list         every entry, most recently used first: key, last use, size, functions;
               entries a lookup would not use are marked
  clear        remove every entry (only what jitcell made, in a folder that carries its CACHEDIR.TAG)
  gc           evict least-recently-used entries if over the cap (down to 90% of it), and tidy:
               stale build workspaces and temporary files, half-published entries, empty folders
  verify       check every entry as a lookup would (ownership, signature, manifest, digest);
               remove those that fail
  limit SIZE   store the size cap in the cache (500M, 2G, bytes; "default" removes it), and evict to it

The cap is JITCELL_CACHE_SIZE if set, else the one `limit` stored, else 2G. An entry a running
process has loaded is never evicted. JITCELL_CACHE_DIR sets the location.
exit status: 0; 1 when the cache cannot be used as asked (the message says why); 2 for a command line
that is not one of the above."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else "help"
    if command == "demo":
        from .demo import main as demo

        return demo(argv[1:])
    if command == "cache":
        return cache(argv[1:])
    if command == "warm":
        return warm(argv[1:])
    print(_USAGE)
    return 0 if command in ("help", "-h", "--help") else 2


def cache(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m jitcell cache", description="Show and manage jitcell's cache.",
                                     epilog=_CACHE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="info",
                        choices=("info", "list", "clear", "gc", "verify", "limit"), metavar="COMMAND",
                        help="info (default), list, clear, gc, verify or limit SIZE")
    parser.add_argument("size", nargs="?", metavar="SIZE", help="for limit: 500M, 2G, bytes, or default")
    args = parser.parse_args(argv)
    if (args.size is None) != (args.command != "limit"):
        parser.error("limit takes one SIZE (500M, 2G, bytes, or default)" if args.command == "limit"
                     else f"{args.command} takes no argument")
    from jitcell.errors import JitError
    from jitcell.report.cache import run

    try:
        print(run(args.command, args.size))
    except (JitError, ValueError) as error:  # an unsafe or foreign cache, a bad size: nothing was changed
        print(f"jitcell: {error}", file=sys.stderr)
        return 1
    return 0


def warm(argv: list[str]) -> int:
    """Build the runtime library into the cache (or find it there), so that the first cell a user
    runs compiles only itself. Idempotent: a second run is a cache hit."""
    argparse.ArgumentParser(prog="python -m jitcell warm", description=warm.__doc__).parse_args(argv)
    import jitcell
    from jitcell import runtime
    from jitcell.errors import JitError

    try:
        built = runtime.library()
    except JitError as error:
        print(f"jitcell: {error}", file=sys.stderr)
        return 1
    took = "found in the cache" if built.cache_hit else f"built in {built.compile_seconds:.1f} s"
    print(f"jitcell {jitcell.__version__}: runtime library {took}: {built.location}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
