"""Reference solution of kata asr-06: long-form transcription with segment timestamps."""

import numpy as np
import soxr

from interview_prep import models

WHISPER_RATE = 16000


def transcribe_long(audio: np.ndarray, sampling_rate: int) -> list[dict]:
    """Transcribe a long mono recording into time-ordered segments {"start": s, "end": s, "text": str}."""
    x = np.asarray(audio, dtype=np.float32)
    if sampling_rate != WHISPER_RATE:
        x = soxr.resample(x, sampling_rate, WHISPER_RATE).astype(np.float32)
    duration = len(x) / WHISPER_RATE
    # No chunk_length_s: Whisper's own sequential long-form decoding, which needs timestamps.
    out = models.asr_pipeline()(x, return_timestamps=True)
    segments = []
    for chunk in out["chunks"]:
        start, end = chunk["timestamp"]
        text = chunk["text"].strip()
        if not text:
            continue
        start = min(float(start or 0.0), duration)
        end = duration if end is None else min(max(float(end), start), duration)
        segments.append({"start": start, "end": end, "text": text})
    return segments
