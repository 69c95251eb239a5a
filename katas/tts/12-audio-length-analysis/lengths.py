"""Kata tts-12: audio length analysis. See README.md for the exact rules."""

import numpy as np


def duration_s(audio: np.ndarray, sr: int) -> float:
    """Length of `audio` in seconds."""
    raise NotImplementedError("write duration_s (see README.md), then run: interview-prep check tts-12")


def trim_silence(audio: np.ndarray, sr: int, threshold_db: float = -40.0) -> np.ndarray:
    """`audio` from its first to its last sample within `threshold_db` dB of the peak."""
    raise NotImplementedError("write trim_silence (see README.md), then run: interview-prep check tts-12")


def analyze(audio: np.ndarray, sr: int, words: int, threshold_db: float = -40.0) -> dict[str, float]:
    """Duration, leading/trailing silence, speech time (s) and words per minute."""
    raise NotImplementedError("write analyze (see README.md), then run: interview-prep check tts-12")
