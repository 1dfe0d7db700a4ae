"""Drive a real Jupyter kernel of this Python through jupyter_client: the demo and the tests use it.

    with KernelSession(env={"JITCELL_CACHE_DIR": "/tmp/c"}) as kernel:
        kernel.execute("%load_ext jitcell")
        reply = kernel.execute("%%jit\\ndef f(n: int) -> int:\\n    return n + 1\\n")
        reply.displays[0]["text/plain"]     # 'jitcell: bound f · cache miss ...'
        kernel.restart()                    # a new process, a new memory layout
        kernel.evaluate("f(41)")            # 42

The kernel runs `sys.executable -m ipykernel_launcher` (or, with kernel="jitcell",
`-m jitcell.kernel`) from a private kernelspec, so it is always this interpreter,
whatever kernels the user has installed.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jupyter_client is imported when a session starts
    from jupyter_client import BlockingKernelClient, KernelManager

__all__ = ["KernelSession", "Reply", "KernelDied"]


class KernelDied(RuntimeError):
    """The kernel process exited while running a cell."""


@dataclass
class Reply:
    status: str  # "ok", "error", or "died"
    stdout: str = ""
    stderr: str = ""
    displays: list[dict] = field(default_factory=list)  # display_data and execute_result bundles
    error: dict | None = None  # ename, evalue, traceback

    @property
    def result(self) -> dict | None:
        return self.displays[-1] if self.displays else None


class KernelSession:
    def __init__(self, env: dict | None = None, kernel: str = "python3"):
        self.env = env
        self.kernel_name = kernel
        self._manager: KernelManager | None = None
        self._client: BlockingKernelClient | None = None
        self._spec_dir: Path | None = None

    @property
    def manager(self) -> KernelManager:
        if self._manager is None:
            raise RuntimeError("the kernel session has not been started")
        return self._manager

    @property
    def client(self) -> BlockingKernelClient:
        if self._client is None:
            raise RuntimeError("the kernel session has not been started")
        return self._client

    def __enter__(self) -> KernelSession:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()

    def start(self) -> None:
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpecManager

        env = {**os.environ, **(self.env or {})}
        self._spec_dir = Path(tempfile.mkdtemp(prefix="jitcell-kernel-"))
        # IPC sockets in a private directory: no TCP ports, nothing to eavesdrop on
        self._manager = manager = KernelManager(kernel_name=self.kernel_name, transport="ipc",
                                                ip=str(self._spec_dir / "socket"))
        module = {"python3": "ipykernel_launcher", "jitcell": "jitcell.kernel"}.get(self.kernel_name)
        if module is not None:
            spec = self._spec_dir / self.kernel_name
            spec.mkdir()
            (spec / "kernel.json").write_text(json.dumps({
                "argv": [sys.executable, "-m", module, "-f", "{connection_file}"],
                "display_name": f"{self.kernel_name} (jitcell session)",
                "language": "python" if self.kernel_name == "python3" else "jitcell"}))
            manager.kernel_spec_manager = KernelSpecManager(kernel_dirs=[str(self._spec_dir)])
        manager.start_kernel(env=env)
        self._connect()

    def _connect(self) -> None:
        self._client = client = self.manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)

    def restart(self, env: dict | None = None) -> None:
        """Restart the kernel process; `env` (if given) is added to the session's environment."""
        self.client.stop_channels()
        extra = {} if env is None else {"env": {**os.environ, **(self.env or {}), **env}}
        self.manager.restart_kernel(now=True, **extra)
        self._connect()

    def shutdown(self) -> None:
        if self._client is not None:
            self._client.stop_channels()
        if self._manager is not None and self._manager.has_kernel:
            self._manager.shutdown_kernel(now=True)
        if self._spec_dir is not None:
            shutil.rmtree(self._spec_dir, ignore_errors=True)

    @property
    def pid(self) -> int | None:
        provisioner = getattr(self._manager, "provisioner", None)
        process = getattr(provisioner, "process", None)
        return getattr(process, "pid", None)

    def is_alive(self) -> bool:
        return self.manager.is_alive()

    def interrupt(self) -> None:
        """Kernel > Interrupt: SIGINT to the kernel process."""
        self.manager.interrupt_kernel()

    def execute(self, code: str, timeout: float = 120, interrupt_after: float | None = None) -> Reply:
        """Run a cell and collect its output; `interrupt_after` seconds after sending it, interrupt
        the kernel (once), as the Interrupt button does."""
        msg_id = self.client.execute(code)
        reply = Reply(status="ok")
        interrupt_at = None if interrupt_after is None else time.monotonic() + interrupt_after
        while True:
            wait = 1.0
            if interrupt_at is not None:
                wait = max(0.0, min(wait, interrupt_at - time.monotonic()))
                if wait == 0.0:
                    self.interrupt()
                    interrupt_at = None
                    continue
            try:
                msg = self.client.get_iopub_msg(timeout=wait)
            except queue.Empty:
                if interrupt_at is not None:
                    continue
                if not self.is_alive():
                    reply.status = "died"
                    return reply
                timeout -= 1
                if timeout <= 0:
                    raise TimeoutError(f"the kernel did not finish within the time limit: {code[:60]!r}") from None
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                if content["name"] == "stdout":
                    reply.stdout += content["text"]
                else:
                    reply.stderr += content["text"]
            elif kind in ("display_data", "execute_result"):
                reply.displays.append(content["data"])
            elif kind == "error":
                reply.status = "error"
                reply.error = {k: content[k] for k in ("ename", "evalue", "traceback")}
            elif kind == "status" and content["execution_state"] == "idle":
                return reply

    def evaluate(self, expression: str):
        """The value of an expression in the kernel, sent back as JSON."""
        reply = self.execute(f"import json as _json\nprint(_json.dumps({expression}))")
        if reply.status == "died":
            raise KernelDied(f"the kernel died while evaluating {expression!r}")
        if reply.status != "ok":
            error = reply.error or {}
            raise RuntimeError(f"{error.get('ename')}: {error.get('evalue')}")
        return json.loads(reply.stdout.strip().splitlines()[-1])
