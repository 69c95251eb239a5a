"""The app's side of the worker zygote: learner workers forked inside bubblewrap instead of started.

A model-backed kata's learner code imports torch and transformers, and its worker loads
the kata's models: about 4.5 s of CPU per check in a started worker. The worker zygote
(`worker_zygote_main`, one per `WarmPool`, only where bubblewrap confines) has done that
once; each run's worker is forked from it and confined by namespaces of its own (see
`worker_zygote_main`). A run whose folder is under `runs` gets a descriptor from
`connect()`, which its grading process uses to ask for its worker (`client.ForkedWorker`);
None while the zygote is not ready: the grading process then starts the worker itself.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

from interview_prep.kata.sandbox import confine
from interview_prep.kata.sandbox.zygote import Zygote


class WorkerZygote(Zygote):
    """A worker zygote in bubblewrap over a fresh runs folder (ready after its imports)."""

    def __init__(self, env: dict[str, str], *, home: Path, cache: Path):
        self.runs = Path(tempfile.mkdtemp(prefix="interview-prep-runs-"))
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
