"""Kata asr-05: transcribe customer voice queries with the local Whisper pipeline."""

import numpy as np

from interview_prep import models


def transcribe(audio: np.ndarray, sample_rate: int) -> str:
    """Transcript of `audio` (mono or (frames, channels), float32 or int16, any sample rate)."""
    raise NotImplementedError("write transcribe (see README.md), then run: interview-prep check asr-05")
