"""Every test runs against a private cache directory, never the user's."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The cache, and the key that signs it (loader/signing.py), of this session, not the user's."""
    path = tmp_path_factory.mktemp("jitcell-cache")
    settings = {"JITCELL_CACHE_DIR": str(path), "JITCELL_KEY_FILE": str(tmp_path_factory.mktemp("jitcell-key") / "key")}
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    yield path
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """A cache directory of this test's own, also set in the environment for child processes."""
    path = tmp_path / "cache"
    monkeypatch.setenv("JITCELL_CACHE_DIR", str(path))
    return path


def run_python(code: str, *, env: dict | None = None, timeout: float = 120):
    """Run `code` in a fresh Python process (this interpreter); returns the CompletedProcess."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
