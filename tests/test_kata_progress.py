"""Kata progress in the SQLite store: attempts, state, atomicity, crash safety."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from interview_prep.progress import katas as progress
from interview_prep.progress.store import open_store


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "progress.db") as s:
        yield s


def _attempt(store, kata_id: str, status: str) -> int:
    return progress.record_attempt(
        store, kata_id, started_at="2026-01-01T00:00:00+00:00", duration_s=1.5, status=status, results_json="{}"
    )


def test_attempts_update_status_and_remember_first_pass(store):
    assert progress.state(store, "k").status == "pending"
    _attempt(store, "k", "fail")
    assert progress.state(store, "k").status == "failed"
    _attempt(store, "k", "pass")
    first = progress.state(store, "k")
    assert first.status == "passed" and first.ever_passed and first.attempts == 2
    _attempt(store, "k", "error")
    later = progress.state(store, "k")
    assert later.status == "failed"
    assert later.first_passed_at == first.first_passed_at
    progress.mark_reset(store, "k")
    assert progress.state(store, "k").status == "pending"
    assert progress.state(store, "k").ever_passed


def test_attempt_records_hints_used_at_that_time(store):
    _attempt(store, "k", "fail")
    assert progress.reveal_hint(store, "k", 2) == 2
    assert progress.reveal_hint(store, "k", 1) == 2  # never goes down
    _attempt(store, "k", "pass")
    used = [a.hints_used for a in progress.attempts(store, "k")]
    assert used == [2, 0]  # latest first
    assert [a.status for a in progress.attempts(store, "k")] == ["pass", "fail"]


def test_solution_views_are_recorded(store):
    progress.mark_solution_viewed(store, "k", forced=True)
    progress.mark_solution_viewed(store, "k", forced=False)
    state = progress.state(store, "k")
    assert state.solution_viewed and state.solution_forced


def test_failed_write_leaves_nothing(store):
    with pytest.raises(sqlite3.IntegrityError):
        progress.record_attempt(
            store, "k", started_at="2026-01-01T00:00:00+00:00", duration_s=1.0, status="pass", results_json=None
        )
    assert progress.states(store) == {}
    assert progress.attempts(store) == []
    with pytest.raises(ValueError):
        _attempt(store, "k", "passed")


WRITER = textwrap.dedent(
    """
    import sys
    from interview_prep.progress import katas
    from interview_prep.progress.store import open_store

    store = open_store(sys.argv[1])
    for i in range(100_000):
        attempt = katas.record_attempt(
            store, f"kata-{i % 3}", started_at="2026-01-01T00:00:00+00:00", duration_s=0.5,
            status=("pass", "fail", "error")[i % 3], results_json="{" + '"n": ' + str(i) + "}",
        )
        if i % 5 == 0:
            katas.reveal_hint(store, f"kata-{i % 3}", i % 4)
        print(attempt, flush=True)
    """
)


def test_killed_writers_lose_nothing_committed(tmp_path):
    """Writers are SIGKILLed at random moments; every attempt they reported committed survives."""
    db = tmp_path / "progress.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    rng = random.Random(20260101)
    committed: set[int] = set()
    for round_ in range(8):
        writers = [
            subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True, env=env)
            for _ in range(1 + round_ % 2)  # odd rounds: two writers competing for the lock
        ]
        time.sleep(rng.uniform(0.4, 1.5))
        for writer in writers:
            writer.send_signal(signal.SIGKILL)
        for writer in writers:
            out, _ = writer.communicate()
            committed.update(int(line) for line in out.split())
            assert writer.returncode == -signal.SIGKILL
    assert len(committed) > 20, "the writers should have committed some attempts"

    with open_store(db) as store:
        assert store.notice is None  # not treated as corrupt
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        ids = {row["id"] for row in store.query("SELECT id FROM attempts")}
        assert committed <= ids
        # every attempt's kata has its state row (both were written in one transaction)
        orphans = store.query("SELECT COUNT(*) FROM attempts WHERE kata_id NOT IN (SELECT kata_id FROM kata_state)")
        assert orphans[0][0] == 0
