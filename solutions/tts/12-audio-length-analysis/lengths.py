"""Reference solution of kata tts-12: audio length analysis."""

import numpy as np


def duration_s(audio: np.ndarray, sr: int) -> float:
    """Length of `audio` in seconds."""
    return len(audio) / sr


def _sound_bounds(audio: np.ndarray, threshold_db: float) -> tuple[int, int] | None:
    """Index of the first and last sample within `threshold_db` dB of the peak (None: all zero)."""
    magnitude = np.abs(np.asarray(audio, dtype=np.float64))
    peak = magnitude.max(initial=0.0)
    if peak == 0:
        return None
    idx = np.flatnonzero(magnitude >= peak * 10 ** (threshold_db / 20))
    return int(idx[0]), int(idx[-1])


def trim_silence(audio: np.ndarray, sr: int, threshold_db: float = -40.0) -> np.ndarray:
    """`audio` from its first to its last sample within `threshold_db` dB of the peak."""
    bounds = _sound_bounds(audio, threshold_db)
    if bounds is None:
        return audio[:0]
    first, last = bounds
    return audio[first : last + 1]


def analyze(audio: np.ndarray, sr: int, words: int, threshold_db: float = -40.0) -> dict[str, float]:
    """Duration, leading/trailing silence, speech time (s) and words per minute."""
    total = duration_s(audio, sr)
    bounds = _sound_bounds(audio, threshold_db)
    if bounds is None:
        leading, trailing = total, 0.0
    else:
        leading, trailing = bounds[0] / sr, (len(audio) - 1 - bounds[1]) / sr
    speech = total - leading - trailing
    return {
        "duration_s": total,
        "leading_silence_s": leading,
        "trailing_silence_s": trailing,
        "speech_s": speech,
        "words_per_minute": words * 60 / speech if speech > 0 else 0.0,
    }
