"""Shared test set-up: no network, isolated user data, shared model cache."""

from __future__ import annotations

import os

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session", autouse=True)
def _shared_model_cache():
    """Built models are shared by all tests (and by runs): point the cache at one place."""
    if "INTERVIEW_PREP_CACHE" not in os.environ:
        import platformdirs

        os.environ["INTERVIEW_PREP_CACHE"] = platformdirs.user_cache_dir("interview-prep", appauthor=False)
    yield


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Each test gets its own data dir and workspace under INTERVIEW_PREP_HOME."""
    home = tmp_path / "ip-home"
    monkeypatch.setenv("INTERVIEW_PREP_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def asr():
    """The real Whisper tiny.en ASR pipeline from the model cache."""
    from interview_prep import models

    return models.asr_pipeline()


@pytest.fixture(scope="session")
def tts():
    """The real Piper VITS synthesizer from the model cache."""
    from interview_prep import models

    return models.tts_pipeline()
