"""Warm grading: keep a grading process ready for the kata being practised.

`WarmPool.prepare(kata)` starts a `Standby` (grader imported, models loaded on both
sides, learner worker waiting, no learner code imported) while the learner edits;
`grade()` uses it for the next check and prepares a fresh one right after, so nothing a
learner's code did in one run is there in the next. For model-backed katas the pool also
keeps `Zygotes`: a `Zygote` (torch, transformers and pytest imported once), from which each
grading process is forked instead of started from scratch, and, where bubblewrap confines, a
`WorkerZygote` from which each learner worker is forked the same way, inside the sandbox.
Watch mode and the TUI's kata screen hold a pool; it shuts its processes down after
`idle_s` without a check, or on `close()`. Pools given the same `Zygotes` share them (the
test suite's do) and leave them running when they close.
Batch grading (`dev check`, the test suite) names the kata it grades next: that process
warms up while the current check runs, on the core the check leaves idle.
"""

from __future__ import annotations

import threading
from pathlib import Path

from interview_prep import paths
from interview_prep.kata.catalog import Kata
from interview_prep.kata.results import Results
from interview_prep.kata.sandbox import confine
from interview_prep.kata.sandbox.runner import Standby, grade, ready, sandbox_env
from interview_prep.kata.sandbox.worker_zygote import WorkerZygote
from interview_prep.kata.sandbox.zygote import Zygote

IDLE_S = 600.0


class Zygotes:
    """The zygotes grading forks from, each started on first need (and again if it ended): one
    with torch, transformers and pytest imported, for grading processes, and, where bubblewrap
    confines, one inside the sandbox with the models loaded, for learner workers."""

    def __init__(self):
        self._grading: Zygote | None = None
        self._worker: WorkerZygote | None = None
        self._lock = threading.Lock()

    def grading(self) -> Zygote:
        with self._lock:
            if self._grading is None or self._grading.gone:
                self._grading = Zygote(sandbox_env(), paths.cache_dir() / "sandbox-home")
            return self._grading

    def worker(self) -> WorkerZygote | None:
        """None where bubblewrap does not confine (each worker is then started)."""
        if not confine.probe().confined:
            return None
        with self._lock:
            if self._worker is None or self._worker.gone:
                self._worker = WorkerZygote(sandbox_env(), home=paths.cache_dir() / "sandbox-home",
                                            cache=paths.cache_dir())
            return self._worker

    def close(self) -> None:
        with self._lock:
            zygotes = [z for z in (self._grading, self._worker) if z is not None]
            self._grading = self._worker = None
        for zygote in zygotes:
            zygote.close()


class WarmPool:
    """One prepared grading process at a time, for the kata last practised."""

    def __init__(self, idle_s: float = IDLE_S, *, keep_evidence: bool = True, zygotes: Zygotes | None = None):
        """`zygotes`: shared with other pools (this one then leaves them running on close)."""
        self.idle_s = idle_s
        self.keep_evidence = keep_evidence
        self._standby: Standby | None = None
        self._zygotes = zygotes or Zygotes()
        self._own_zygotes = zygotes is None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def prepare(self, kata: Kata) -> None:
        """Have a warm process for `kata` (starting one if none is alive for it); none while its
        models or librosa's kernels are not built (its next check builds them)."""
        if not ready(kata):
            return
        with self._lock:
            current = self._standby
            if current is not None and current.usable(kata, None, None):
                self._arm()
                return
            self._standby = Standby(kata, keep_evidence=self.keep_evidence, zygote=self._zygote_for(kata),
                                    worker_zygote=self._worker_zygote_for(kata))
            self._arm()
        if current is not None:  # ending it takes up to a few seconds: not on the caller's time
            threading.Thread(target=current.close, daemon=True).start()

    def grade(self, kata: Kata, source_dir: Path, *, next_kata: Kata | None = None, **options) -> Results:
        """Grade with the warm process when it is for `kata` (else cold). The next process is
        prepared for `next_kata` while this check runs, or for `kata` again after it."""
        with self._lock:
            standby, self._standby = self._standby, None
        if standby is not None and not standby.usable(kata, options.get("timeout_s"), options.get("memory_mb")):
            standby.close()
            standby = None
        if next_kata is not None:
            self.prepare(next_kata)
        try:
            with self._lock:
                zygote, worker_zygote = self._zygote_for(kata), self._worker_zygote_for(kata)
            return grade(kata, source_dir, standby=standby, zygote=zygote, worker_zygote=worker_zygote, **options)
        finally:
            if next_kata is None:
                self.prepare(kata)

    def close(self) -> None:
        """End the prepared process and the zygotes, if any."""
        with self._lock:
            standby, self._standby = self._standby, None
            if self._timer is not None:
                self._timer.cancel()
        if standby is not None:
            standby.close()
        if self._own_zygotes:
            self._zygotes.close()

    def _zygote_for(self, kata: Kata) -> Zygote | None:
        """The zygote for a model-backed kata (None while it imports: that process is started from
        scratch), once the kata's models are built: it would load none still to build."""
        return self._zygotes.grading() if kata.models and ready(kata) else None

    def _worker_zygote_for(self, kata: Kata) -> WorkerZygote | None:
        """The worker zygote for a model-backed kata where bubblewrap confines (None while it imports:
        the grading process then starts the worker), once the kata's models are built: its view
        binds only what exists when it starts."""
        return self._zygotes.worker() if kata.models and ready(kata) else None

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.idle_s, self.close)
        self._timer.daemon = True
        self._timer.start()
