"""The worker zygote: learner workers forked inside bubblewrap grade as started ones, nothing of one
run reaches the next (files, shared memory, globals, patched models, threads, processes), and a
zygote that is gone falls back to starting the worker. The attacks on what forked workers share
(the runs folder, the mounts hiding it, the zygote's memory) are golden cases in test_kata_golden."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from kata_helpers import alive, expect_golden

from interview_prep import paths
from interview_prep.kata.catalog import load_catalog
from interview_prep.kata.sandbox import codec, confine
from interview_prep.kata.sandbox.client import ForkedWorker, WorkerClient
from interview_prep.kata.sandbox.runner import grade, sandbox_env
from interview_prep.kata.sandbox.worker_zygote import WorkerZygote, forking_problem

GOLDEN = Path(__file__).parent / "fixtures" / "grading_cases"

pytestmark = pytest.mark.skipif(not confine.probe().confined, reason="forked only where bubblewrap confines")


def _call(zygote: WorkerZygote, source: Path, filename: str, function: str):
    """Run `function` of `source/filename` in a worker forked for a run of its own; its value."""
    run = Path(tempfile.mkdtemp(dir=zygote.runs))
    client = WorkerClient(run_dir=run, files=(filename,), memory_mb=4096, cpu_s=60, cache=paths.cache_dir(),
                          home=paths.cache_dir() / "sandbox-home", zygote_fd=zygote.connect().detach())
    try:
        client.start()
        assert isinstance(client.proc, ForkedWorker)
        client.load_files(source)
        header, buffers = client.request({"op": "call", "file": filename, "name": function,
                                          "args": codec.encode([])[0], "kwargs": codec.encode({})[0]})
        assert "value" in header, header
        return codec.decode(header["value"], buffers)
    finally:
        client.close()
        shutil.rmtree(run)


def test_the_zygote_is_one_undumpable_thread_with_the_models_loaded(worker_zygote):
    assert worker_zygote.threads == 1 and worker_zygote.dumpable is False


@pytest.mark.models
def test_a_forked_worker_grades_as_a_started_one(worker_zygote, tmp_path):
    """A wrong solution fails with the golden case's messages through a forked worker. References pass
    through forked workers in the dev check test."""
    kata = load_catalog().get("asr-05-transcribe-queries")
    case = GOLDEN / "asr05_fail_first_channel"
    folder = tmp_path / "solution"
    folder.mkdir()
    source = (case / "transcribe_queries.py").read_text()
    (folder / "transcribe_queries.py").write_text(  # proof that this worker was forked: torch came loaded
        "import sys\nprint('torch already loaded:', 'torch' in sys.modules)\n" + source)
    failed = grade(kata, folder, seed=1234, worker_zygote=worker_zygote)
    expect_golden(failed, case)
    assert "torch already loaded: True" in failed.tests[0].output, failed.tests[0].output


@pytest.mark.models
def test_nothing_of_one_forked_run_reaches_the_next(worker_zygote, tmp_path):
    marker = f"interview-prep-forked-orphan-{os.getpid()}"
    (tmp_path / "leave.py").write_text(f"""
import ctypes, subprocess, sys, threading, time
from pathlib import Path
import torch
from interview_prep import models
Path("/tmp/left-behind").write_text("1")
Path("/dev/shm/left-behind").write_text("1")
segment = ctypes.CDLL(None).shmget(0x7E57, 4096, 0o1666)  # IPC_CREAT: System V shared memory
torch.left_behind = True
models.asr_pipeline().left_behind = True  # the model object every forked worker starts with
threading.Thread(target=time.sleep, args=(600,)).start()
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", {marker!r}], start_new_session=True)
def leave():
    return segment
""")
    (tmp_path / "look.py").write_text("""
import ctypes, os, threading
from pathlib import Path
import torch
from interview_prep import models
def look():
    return {"tmp": Path("/tmp/left-behind").exists(), "dev/shm": Path("/dev/shm/left-behind").exists(),
            "System V": ctypes.CDLL(None).shmget(0x7E57, 0, 0) != -1, "torch": hasattr(torch, "left_behind"),
            "model": hasattr(models.asr_pipeline(), "left_behind"), "threads": threading.active_count()}
""")
    assert _call(worker_zygote, tmp_path, "leave.py", "leave") >= 0  # run 1 left all of that behind
    deadline = time.monotonic() + 10
    while alive(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert alive(marker) == [], "run 1's orphan outlived its run"
    seen = _call(worker_zygote, tmp_path, "look.py", "look")
    assert seen == {"tmp": False, "dev/shm": False, "System V": False, "torch": False, "model": False,
                    "threads": 1}


def test_a_dead_worker_zygote_falls_back_to_starting_the_worker(tmp_path):
    zygote = WorkerZygote(sandbox_env(), home=paths.cache_dir() / "sandbox-home", cache=paths.cache_dir())
    try:
        assert zygote.wait_ready(300), zygote.unusable
        zygote.proc.kill()
        deadline = time.monotonic() + 10
        while not zygote.gone and time.monotonic() < deadline:
            time.sleep(0.05)
        kata = load_catalog().get("asr-03-ctc-greedy-decode")
        results = grade(kata, kata.solution_dir, seed=5, worker_zygote=zygote)
        assert results.status == "pass", results.to_json()[:3000]
    finally:
        zygote.close()
    assert not zygote.runs.exists()


def test_a_run_the_zygote_cannot_isolate_says_why_and_starts_its_worker(worker_zygote, tmp_path, capfd):
    """The keeper mounts only the run's own folders, under the zygote's runs folder: a run elsewhere
    cannot be isolated. The reason is kept (doctor shows it) and said on stderr; the run goes on
    with a started worker."""
    client = WorkerClient(run_dir=tmp_path / "elsewhere", files=(), memory_mb=4096, cpu_s=60,
                          cache=paths.cache_dir(), home=paths.cache_dir() / "sandbox-home",
                          zygote_fd=worker_zygote.connect().detach())
    try:
        client.start()
        header, _ = client.request({"op": "preload", "models": [], "imports": []})
    finally:
        client.close()
    assert header.get("ok") and not isinstance(client.proc, ForkedWorker)
    assert client.fork_error and client.fork_error in capfd.readouterr().err


def test_doctor_says_whether_learner_workers_are_forked_warm(capsys):
    from interview_prep.cli import main

    assert main(["doctor"]) == 0
    assert "✓ warm grading: learner workers are forked inside the sandbox" in " ".join(capsys.readouterr().out.split())
    assert forking_problem(timeout_s=0.01) == "the worker zygote was not ready within 0.01 s"
