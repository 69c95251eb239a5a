"""Reference solution of kata tts-10: speech from the stock transformers TTS pipeline."""

import functools

import numpy as np
import torch
from transformers import pipeline

import interview_prep.models.piper_vits  # noqa: F401 - registers our Piper VITS classes with transformers
from interview_prep import models


@functools.cache
def _pipe():
    """Load the pipeline once: building it takes seconds, calling it a fraction of that."""
    return pipeline("text-to-speech", model=str(models.model_path("tts")), device="cpu")


def synthesize(text: str, seed: int = 0) -> tuple[np.ndarray, int]:
    """Speak `text`: (float32 1-D audio in [-1, 1], sample rate in Hz); same text and seed, same audio."""
    torch.manual_seed(seed)  # VITS samples noise (durations and waveform): seed right before every call
    out = _pipe()(text)
    audio = np.asarray(out["audio"], dtype=np.float32).reshape(-1)
    return audio, int(out["sampling_rate"])
