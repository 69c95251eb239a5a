"""One thread in both grading processes (torch, OpenMP, BLAS), whatever the user's environment.

Audio a grader computes again to compare with the learner's (tts-13 checks that the fitted speech is
exactly our TTS output at the returned rate) is bit-identical only with the same thread count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_prep.kata.catalog import load_catalog
from interview_prep.kata.sandbox import confine
from interview_prep.kata.sandbox.runner import grade, sandbox_env


def test_both_processes_use_one_thread_even_when_the_user_sets_more(monkeypatch):
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        monkeypatch.setenv(name, "2")
    worker = confine.worker_env(Path("/home"), Path("/cache"), Path("/tmp"))
    grader = sandbox_env()
    for env in (worker, grader):
        assert {env[n] for n in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")} == {"1"}


@pytest.mark.models
def test_fitted_speech_matches_the_graders_with_more_threads_in_the_environment(monkeypatch):
    """With 2 threads in the worker and 1 in the grader, the tts-13 reference failed: the audio differed."""
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    kata = load_catalog().get("tts-13-fit-the-slot")
    results = grade(kata, kata.solution_dir, seed=1)
    assert results.passed, [(t.name, t.message) for t in results.tests if t.status != "pass"]
