"""Kata asr-06: long-form transcription with segment timestamps. See README.md for the exact rules."""

import numpy as np


def transcribe_long(audio: np.ndarray, sampling_rate: int) -> list[dict]:
    """Transcribe a long mono recording into time-ordered segments {"start": s, "end": s, "text": str}."""
    raise NotImplementedError("write transcribe_long (see README.md), then run: interview-prep check asr-06")
