"""Reference solution of kata asr-05: transcribe customer voice queries with Whisper."""

import numpy as np
import soxr

from interview_prep import models

TARGET_RATE = 16000


def transcribe(audio: np.ndarray, sample_rate: int) -> str:
    """Transcript of `audio` (mono or (frames, channels), float32 or int16, any sample rate)."""
    audio = np.asarray(audio)
    if audio.dtype == np.int16:
        audio = audio.astype(np.float32) / 32768.0
    audio = audio.astype(np.float32)
    if audio.ndim == 2:
        audio = audio.mean(axis=1)
    if sample_rate != TARGET_RATE:
        audio = soxr.resample(audio, sample_rate, TARGET_RATE).astype(np.float32)
    result = models.asr_pipeline()({"raw": audio, "sampling_rate": TARGET_RATE})
    return result["text"].strip()
