"""The app's side of the worker zygote: learner workers forked inside bubblewrap instead of started.

A model-backed kata's learner code imports torch and transformers, and its worker loads
the kata's models: about 4.5 s of CPU per check in a started worker. The worker zygote
(`worker_zygote_main`, one per `warm.Zygotes`, only where bubblewrap confines) has done that
once; each run's worker is forked from it and confined by namespaces of its own (see
`worker_zygote_main`). A run whose folder is under `runs` gets a descriptor from
`connect()`, which its grading process uses to ask for its worker (`client.ForkedWorker`);
None while the zygote is not ready: the grading process then starts the worker itself.
`forking_problem()` tries all of that once (for `interview-prep doctor`).
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

from interview_prep.kata.sandbox import confine, leftovers
from interview_prep.kata.sandbox.zygote import Zygote

READY_TIMEOUT_S = 120.0
PROBE_MEMORY_MB = 4096  # a forked worker starts with torch and the built models mapped


class WorkerZygote(Zygote):
    """A worker zygote in bubblewrap over a fresh runs folder (ready after its imports)."""

    def __init__(self, env: dict[str, str], *, home: Path, cache: Path):
        self.runs = Path(tempfile.mkdtemp(prefix=leftovers.prefix(leftovers.RUNS)))
        self._home, self._cache = home, cache
        super().__init__(env, self.runs)
        self.track_exits = False

    def _command(self, sock_fd: int) -> list[str]:
        return confine.worker_zygote_command(confine.probe(), runs=self.runs, sock_fd=sock_fd, cache=self._cache,
                                             home=self._home)

    def connect(self) -> socket.socket | None:
        """A socket for one run's grading process to ask for its worker on; None when not ready."""
        if not self.ready:
            return None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            pid = self._fork({}, [theirs.fileno()])
        finally:
            theirs.close()
        if pid is None:
            ours.close()
            return None
        return ours

    def close(self) -> None:
        super().close()
        shutil.rmtree(self.runs, ignore_errors=True)


def forking_problem(timeout_s: float = READY_TIMEOUT_S) -> str:
    """Start a worker zygote and have it fork one confined worker, as a check does: "" when that
    works, else why not (checks then start each learner worker afresh: still confined, a few
    seconds slower)."""
    from interview_prep import paths
    from interview_prep.kata.sandbox.client import WorkerClient, WorkerGone
    from interview_prep.kata.sandbox.runner import sandbox_env

    conf = confine.probe()
    if not conf.confined:
        return f"learner code is not confined here ({conf.reason})"
    home = paths.cache_dir() / "sandbox-home"
    zygote = WorkerZygote(sandbox_env(), home=home, cache=paths.cache_dir())
    try:
        if not zygote.wait_ready(timeout_s):
            return zygote.unusable or f"the worker zygote was not ready within {timeout_s:g} s"
        line = zygote.connect()
        if line is None:
            return "the worker zygote ended"
        worker = WorkerClient(run_dir=Path(tempfile.mkdtemp(dir=zygote.runs)), files=(), memory_mb=PROBE_MEMORY_MB,
                              cpu_s=60, cache=paths.cache_dir(), home=home, zygote_fd=line.detach())
        try:
            worker.start()
            worker.request({"op": "preload", "models": [], "imports": []})  # it answers
        except WorkerGone as exc:
            return worker.fork_error or f"the forked worker ended: {exc}"
        finally:
            worker.close()
        return worker.fork_error
    finally:
        zygote.close()
