"""`python -m jitcell demo` runs the demo; `python -m jitcell cache [clear]` shows the cache."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else "help"
    if command == "demo":
        from .demo import main as demo

        return demo(argv[1:])
    if command == "cache":
        from jitcell.loader.cache import Cache

        cache = Cache()
        if argv[1:] == ["clear"]:
            print(f"removed {cache.clear()} entries from {cache.root}")
        else:
            print(f"{cache.root}: {len(cache.manifests())} entries, {cache.size_bytes() / 1024:.1f} KiB")
        return 0
    print("usage: python -m jitcell demo [--cache-dir DIR] | cache [clear]")
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
