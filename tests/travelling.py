"""What the scale-out tests hand to worker processes besides compiled functions (importable by them)."""

from __future__ import annotations

import os
import tempfile


def own_cache() -> None:
    """A pool initializer: this worker starts with an empty jitcell cache of its own."""
    os.environ["JITCELL_CACHE_DIR"] = tempfile.mkdtemp(prefix="jitcell-worker-")


def arrival(function, argument) -> dict:
    """Call `function` in this worker and say how its library got here."""
    library = function.library
    return {"result": function(argument), "pid": os.getpid(), "hit": library.cache_hit,
            "reason": library.miss_reason, "location": library.location}
