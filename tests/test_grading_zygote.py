"""The grading zygote: processes forked from it grade as started ones, a dead zygote falls back to
starting them, nothing outlives the app, and the zygote is undumpable and a single thread."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from kata_helpers import alive, expect_golden, orphan_then_hang

from interview_prep import paths
from interview_prep.kata.catalog import load_catalog
from interview_prep.kata.sandbox.client import descendants
from interview_prep.kata.sandbox.runner import Standby, grade, sandbox_env
from interview_prep.kata.sandbox.zygote import Forked, Zygote

GOLDEN = Path(__file__).parent / "fixtures" / "grading_cases"


@pytest.fixture(scope="module")
def asr05():
    return load_catalog().get("asr-05-transcribe-queries")


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def _wait_for(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.mark.models
def test_a_forked_grading_process_grades_as_a_started_one(asr05, grading_zygote, tmp_path):
    """A wrong solution fails with the golden case's messages through a process forked ahead (as the
    pool prepares one). References pass through forked processes in the dev check test."""
    others = set(descendants(grading_zygote.proc.pid))  # the session's pool forks from this zygote too
    standby = Standby(asr05, zygote=grading_zygote)
    assert isinstance(standby.proc, Forked)
    case = GOLDEN / "asr05_fail_first_channel"
    folder = tmp_path / "solution"
    folder.mkdir()
    shutil.copy(case / "transcribe_queries.py", folder)
    failed = grade(asr05, folder, seed=1234, standby=standby)
    expect_golden(failed, case)
    # the forked process has the run's own environment (the evidence folder is named there)
    assert failed.evidence_dir is not None and any(failed.evidence_dir.rglob("*.wav")), failed.evidence_dir
    assert _wait_for(lambda: set(descendants(grading_zygote.proc.pid)) <= others), "a forked process outlived its check"


def test_a_dead_zygote_falls_back_to_starting_the_process(asr05):
    zygote = Zygote(sandbox_env(), paths.cache_dir() / "sandbox-home")  # its own: this one is killed
    assert zygote.wait_ready(180), "the zygote never became ready"
    zygote.proc.kill()
    assert _wait_for(lambda: zygote.gone)
    standby = Standby(asr05, zygote=zygote)
    try:
        assert isinstance(standby.proc, subprocess.Popen)
    finally:
        standby.close()
        zygote.close()


@pytest.mark.models
def test_killing_the_app_ends_the_zygotes_and_every_process_they_forked(tmp_path):
    """Both zygotes of a pool (grading processes, and learner workers where bubblewrap confines)."""
    folder = tmp_path / "solution"
    folder.mkdir()
    marker = f"interview-prep-zygote-app-{os.getpid()}"
    (folder / "transcribe_queries.py").write_text(orphan_then_hang("transcribe(audio, sample_rate)", marker))
    app = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            from pathlib import Path
            from interview_prep.kata.catalog import load_catalog
            from interview_prep.kata.sandbox.warm import WarmPool
            kata = load_catalog().get("asr-05-transcribe-queries")
            pool = WarmPool()
            zygote, worker_zygote = pool._zygote_for(kata), pool._worker_zygote_for(kata)
            assert zygote.wait_ready(180) and (worker_zygote is None or worker_zygote.wait_ready(180))
            pool.prepare(kata)
            worker_zygote_pid = worker_zygote.proc.pid if worker_zygote is not None else zygote.proc.pid
            print(zygote.proc.pid, pool._standby.proc.pid, worker_zygote_pid, flush=True)
            pool.grade(kata, Path({str(folder)!r}), seed=1)
        """)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        zygote_pid, grading_pid, worker_zygote_pid = map(int, app.stdout.readline().split())
        assert _wait_for(lambda: alive(marker) != [], 120)
        app.kill()
        app.wait()
        assert _wait_for(lambda: _gone(zygote_pid) and _gone(grading_pid) and _gone(worker_zygote_pid))
        assert _wait_for(lambda: alive(marker) == [])
    finally:
        app.kill()


def test_the_zygote_cannot_be_traced_or_read_by_same_user_processes(grading_zygote):
    """Where the worker is not confined, the learner's code runs as the same user: the zygote being
    undumpable keeps it from tracing the zygote or opening /proc/PID/mem to rewrite it (and so every
    grading process forked later). It reports the flag as the kernel has it (PR_GET_DUMPABLE)."""
    assert grading_zygote.dumpable is False


def test_the_zygote_is_one_thread_with_the_models_loaded(grading_zygote):
    """Fork safety: a thread alive at the fork (torch's pools, tqdm's monitor) could hold a lock the
    child then waits on forever; the zygote loads weights but runs no inference, and is ready only
    with a single thread."""
    assert grading_zygote.threads == 1 and grading_zygote.unusable == ""
