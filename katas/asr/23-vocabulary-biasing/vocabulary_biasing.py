"""Kata asr-23: bias Whisper towards the store's product names. See README.md for the exact rules."""

import numpy as np


def transcribe_with_catalog(audio: np.ndarray, sampling_rate: int, catalog: list[str]) -> str:
    """Transcribe a customer query with Whisper, biased towards the product names in `catalog`."""
    raise NotImplementedError("write transcribe_with_catalog (see README.md), then run: interview-prep check asr-23")
