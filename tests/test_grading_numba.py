"""numba's kernels: compiled once by one process, copied into every grading process and worker.

A numba cache filled by two processes can pair a gufunc wrapper with a kernel it cannot find
(numba issue #10128): in the clean-clone CI run a worker calling `librosa.yin` died with
SIGSEGV on a cache copied from a grading process's. Now nothing but `kernels.ensure` writes a
cache another process reads.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest
from kata_helpers import demo_catalog

from interview_prep.kata.sandbox import kernels
from interview_prep.kata.sandbox.runner import Standby, grade

YIN_THEN_DECODE = """
from itertools import groupby
import librosa
import numpy as np

def greedy_decode(logits, vocab, blank=0):
    tone = np.sin(2 * np.pi * 140 * np.arange(8000) / 16000).astype(np.float32)
    assert abs(float(np.median(librosa.yin(tone, fmin=60, fmax=400, sr=16000))) - 140) < 5
    ids = np.asarray(logits).argmax(axis=-1)
    text = "".join(vocab[int(i)] for i, _ in groupby(ids) if int(i) != blank).replace("|", " ")
    return " ".join(text.split())
"""


@pytest.fixture(scope="module")
def ctc(tmp_path_factory):
    return demo_catalog(tmp_path_factory.mktemp("content")).get("asr-03-ctc-greedy-decode")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_published_kernels_are_built_once_and_only_read(ctc, tmp_path):
    published = kernels.ensure()
    assert kernels.current() and any(published.rglob("*.nbc")), "pYIN's kernels were not published"
    before = _digest(published)
    folder = tmp_path / "learner"
    folder.mkdir()
    (folder / "ctc_decode.py").write_text(YIN_THEN_DECODE)
    outcome: dict[int, object] = {}
    runs = [threading.Thread(target=lambda n=n: outcome.__setitem__(n, grade(ctc, folder, seed=n))) for n in (1, 2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    for results in outcome.values():
        assert results.passed, results.to_json()
    assert kernels.ensure() == published and _digest(published) == before


def test_a_grading_process_has_a_numba_cache_of_its_own(ctc):
    standby = Standby(ctc)
    try:
        environ = Path(f"/proc/{standby.proc.pid}/environ").read_bytes().split(b"\0")
        cache = next(v.split(b"=", 1)[1].decode() for v in environ if v.startswith(b"NUMBA_CACHE_DIR="))
        assert Path(cache).is_relative_to(standby.run_dir)
        assert kernels.current() and set(os.listdir(kernels.folder())) <= set(os.listdir(cache))
    finally:
        standby.close()


def test_a_failed_seed_copy_leaves_an_empty_cache_not_a_partial_one(tmp_path):
    source = tmp_path / "published"
    (source / "librosa_x").mkdir(parents=True)
    (source / "librosa_x" / "a.nbi").write_bytes(b"index")
    (source / "librosa_x" / "b.nbc").symlink_to(tmp_path / "gone")  # a file that vanished mid-copy
    target = tmp_path / "private"
    kernels.seed(target, source)
    assert target.is_dir() and not any(target.iterdir())
    (tmp_path / "gone").write_bytes(b"kernel")
    kernels.seed(target, source)
    assert sorted(p.name for p in target.rglob("*") if p.is_file()) == ["a.nbi", "b.nbc"]


def test_each_python_environment_has_kernels_of_its_own(monkeypatch):
    """Two virtualenvs sharing the cache (a checkout and a clean CI clone) never rebuild each other's."""
    here, stamp = kernels.folder(), kernels._stamp()
    monkeypatch.setattr(kernels, "_stamp", lambda: stamp | {"prefix": "/elsewhere/.venv"})
    assert kernels.folder() != here and kernels.folder().parent == here.parent
