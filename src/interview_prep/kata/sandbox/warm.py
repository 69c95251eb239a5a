"""Warm grading: keep a grading process ready for the kata being practised.

`WarmPool.prepare(kata)` starts a `Standby` (grader imported, models loaded on both
sides, learner worker waiting, no learner code imported) while the learner edits;
`grade()` uses it for the next check and prepares a fresh one right after, so nothing a
learner's code did in one run is there in the next. For model-backed katas the pool also
keeps a `Zygote` (torch, transformers and pytest imported once), from which each grading
process is forked instead of started from scratch, and, where bubblewrap confines, a
`WorkerZygote` from which each learner worker is forked the same way, inside the sandbox.
Watch mode and the TUI's kata screen hold a pool; it shuts its processes down after
`idle_s` without a check, or on `close()`.
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


class WarmPool:
    """One prepared grading process at a time, for the kata last practised."""

    def __init__(self, idle_s: float = IDLE_S, *, keep_evidence: bool = True):
        self.idle_s = idle_s
        self.keep_evidence = keep_evidence
        self._standby: Standby | None = None
        self._zygote: Zygote | None = None
        self._worker_zygote: WorkerZygote | None = None
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
            zygotes = [z for z in (self._zygote, self._worker_zygote) if z is not None]
            self._zygote = self._worker_zygote = None
            if self._timer is not None:
                self._timer.cancel()
        if standby is not None:
            standby.close()
        for zygote in zygotes:
            zygote.close()

    def _zygote_for(self, kata: Kata) -> Zygote | None:
        """The pool's zygote for a model-backed kata (started on first need; None while it imports:
        that process is started from scratch)."""
        if not kata.models:
            return None
        if self._zygote is None or self._zygote.gone:
            if not ready(kata):  # it would load none of the models still to build
                return None
            self._zygote = Zygote(sandbox_env(), paths.cache_dir() / "sandbox-home")
        return self._zygote

    def _worker_zygote_for(self, kata: Kata) -> WorkerZygote | None:
        """The pool's worker zygote for a model-backed kata, where bubblewrap confines (None while it
        imports: the grading process then starts the worker)."""
        if not kata.models or not confine.probe().confined:
            return None
        if self._worker_zygote is None or self._worker_zygote.gone:
            if not ready(kata):  # its view binds only what exists when it starts
                return None
            home = paths.cache_dir() / "sandbox-home"
            self._worker_zygote = WorkerZygote(sandbox_env(), home=home, cache=paths.cache_dir())
        return self._worker_zygote

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.idle_s, self.close)
        self._timer.daemon = True
        self._timer.start()
