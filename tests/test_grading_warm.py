"""Warm grading: a prepared process per check, nothing carried between runs, nothing left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from kata_helpers import alive, demo_catalog, orphan_then_hang

from interview_prep.kata.catalog import load_catalog
from interview_prep.kata.sandbox import kernels, leftovers
from interview_prep.kata.sandbox.runner import Standby, grade
from interview_prep.kata.sandbox.warm import WarmPool


@pytest.fixture(scope="module")
def ctc(tmp_path_factory):
    return demo_catalog(tmp_path_factory.mktemp("content")).get("asr-03-ctc-greedy-decode")


FIRST = """
import threading, time, numpy
from interview_prep import models
models.asr_pipeline = lambda *a, **k: "patched"      # monkeypatch the model loader
numpy.STATE_FROM_RUN_1 = 1                             # a global in a library module
open("/tmp/left-by-run-1", "w").write("x")             # a file in the worker's /tmp

def _beat():
    while True:
        open("heartbeat", "a").write("x")
        time.sleep(0.05)

threading.Thread(target=_beat, daemon=False).start()  # a thread still running after the run

def greedy_decode(logits, vocab, blank=0):
    return "nonsense"
"""

SECOND = """
import os, numpy, threading
from interview_prep import models
SEEN = [getattr(models.asr_pipeline, "__name__", "?"), hasattr(numpy, "STATE_FROM_RUN_1"),
        os.path.exists("/tmp/left-by-run-1"), os.path.exists("heartbeat"), threading.active_count()]

def greedy_decode(logits, vocab, blank=0):
    raise RuntimeError(f"SEEN={SEEN}")
"""


def test_nothing_of_one_warm_run_reaches_the_next(ctc, tmp_path):
    pool = WarmPool()
    folder = tmp_path / "solution"
    folder.mkdir()
    target = folder / "ctc_decode.py"
    try:
        pool.prepare(ctc)
        target.write_text(FIRST)
        first = pool.grade(ctc, folder, seed=1)
        assert not first.passed
        target.write_text(SECOND)
        second = pool.grade(ctc, folder, seed=1)
    finally:
        pool.close()
    message = next(t.message for t in second.tests if t.message and "SEEN=" in t.message)
    assert "SEEN=['asr_pipeline', False, False, False, 1]" in message, message


def test_a_prepared_process_is_warm_before_the_check(ctc):
    standby = Standby(ctc)
    try:
        deadline = time.monotonic() + 60
        while not standby.ready and time.monotonic() < deadline:
            time.sleep(0.05)
        assert standby.ready
        assert standby.proc.poll() is None
    finally:
        standby.close()
    assert standby.proc.poll() is not None and not standby.run_dir.exists()


def test_a_prepared_worker_has_imported_the_katas_warm_imports(tmp_path):
    """classify-15 lists librosa's modules (`warm_imports`): a prepared worker imports them before
    the check, so the learner's first librosa call does not pay for them."""
    kata = load_catalog().get("classify-15-features")
    assert kata.warm_imports
    folder = tmp_path / "solution"
    folder.mkdir()
    (folder / "features.py").write_text(
        f"import sys\nLOADED = [name in sys.modules for name in {list(kata.warm_imports)!r}]\n"
        "def log_mel(*args, **kwargs):\n    raise RuntimeError(f'LOADED={LOADED}')\n"
        "mfcc = clip_features = log_mel\n")
    standby = Standby(kata)
    deadline = time.monotonic() + 60
    while not standby.ready and time.monotonic() < deadline:
        time.sleep(0.05)
    results = grade(kata, folder, seed=1, standby=standby)
    messages = [t.message or "" for t in results.tests]
    assert any(f"LOADED={[True] * len(kata.warm_imports)}" in m for m in messages), messages


def _app(content: Path, folder: Path) -> list[str]:
    """An app that checks asr-03 (copied to `content`) in `folder`."""
    return [sys.executable, "-c", textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from pathlib import Path
        from kata_helpers import demo_catalog
        from interview_prep.kata.sandbox.runner import grade
        kata = demo_catalog(Path({str(content)!r})).get("asr-03-ctc-greedy-decode")
        print(grade(kata, Path({str(folder)!r}), seed=1).status.value)
    """)]


def test_killing_the_app_mid_check_leaves_no_process(ctc, tmp_path):
    """...and the run folder it could not remove goes with the next app's check."""
    folder = tmp_path / "solution"
    folder.mkdir()
    marker = f"interview-prep-killed-app-{os.getpid()}"
    (folder / "ctc_decode.py").write_text(orphan_then_hang("greedy_decode(logits, vocab, blank=0)", marker))
    app = subprocess.Popen(_app(tmp_path / "content", folder))
    try:
        deadline = time.monotonic() + 60
        while not alive(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive(marker), "the learner's process never started"
        app.send_signal(signal.SIGKILL)
        app.wait()
        deadline = time.monotonic() + 10
        while (alive(marker) or alive(str(folder))) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive(marker) == [] and alive("grader_main.py " + str(tmp_path)) == []
    finally:
        app.kill()
    left = list(Path(tempfile.gettempdir()).glob(f"{leftovers.GRADE}{app.pid}-*"))
    assert left, "the killed app's run folder"
    shutil.copy(ctc.solution_dir / "ctc_decode.py", folder / "ctc_decode.py")
    after = subprocess.run(_app(tmp_path / "next-content", folder), capture_output=True, text=True, timeout=300)
    assert after.stdout.strip() == "pass", after.stderr[-2000:]
    assert not any(path.exists() for path in left)


@pytest.mark.models
def test_a_kata_is_prepared_ahead_only_once_its_model_is_built(tmp_path, monkeypatch):
    """On a new machine the first check of a kata builds its models. A process prepared before
    that would start a learner worker that cannot load them (the check then said "your code ended
    the learner process"): the pool prepares nothing for a kata until its models are built."""
    from interview_prep import paths
    from interview_prep.models import cache

    built = cache.ensure("events")
    kernels.ensure()
    fresh = tmp_path / "cache"
    for name in ("numba-kernels", "audio"):  # librosa's kernels and the grader's speech: not what is missing
        shutil.copytree(paths.cache_dir() / name, fresh / name)
    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(fresh))
    kata = load_catalog().get("classify-16-classify-events")
    pool = WarmPool()
    try:
        pool.prepare(kata)
        prepared = pool._standby  # none with the fix; before it, a process that tried to load the model
        deadline = time.monotonic() + 60
        while prepared is not None and not prepared.ready and prepared.proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        shutil.copytree(built, cache.model_dir("events"))  # the build is done
        results = pool.grade(kata, paths.solutions_dir() / kata.rel_path, seed=1)
    finally:
        pool.close()
    assert results.passed, [t.message for t in results.tests if t.message] + [results.message]
