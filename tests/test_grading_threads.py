"""The learner worker's torch threads: both cores while the grading process waits, never spinning."""

from __future__ import annotations

import os
from pathlib import Path

from interview_prep.kata.sandbox import confine


def _env(monkeypatch, **user: str) -> dict[str, str]:
    for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in user.items():
        monkeypatch.setenv(name, value)
    return confine.worker_env(Path("/home"), Path("/cache"), Path("/tmp"))


def test_worker_uses_up_to_two_cores_with_idle_threads_asleep(monkeypatch):
    env = _env(monkeypatch)
    assert env["OMP_NUM_THREADS"] == str(min(2, len(os.sched_getaffinity(0))))
    assert env["OMP_WAIT_POLICY"] == "PASSIVE"  # a spinning idle thread made a check 10x slower under load


def test_the_users_thread_settings_win(monkeypatch):
    env = _env(monkeypatch, OMP_NUM_THREADS="1", OMP_WAIT_POLICY="ACTIVE")
    assert (env["OMP_NUM_THREADS"], env["OMP_WAIT_POLICY"]) == ("1", "ACTIVE")
