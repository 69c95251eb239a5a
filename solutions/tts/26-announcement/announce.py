"""Reference solution of kata tts-26: a multi-part store announcement with exact pauses and a slow important part."""

import numpy as np

from interview_prep import models

SLOW_RATE = 0.75  # the important part
SILENCE_DB = -40.0  # quieter than this, relative to the part's peak, counts as silence


def _trimmed(audio: np.ndarray) -> np.ndarray:
    """`audio` without its leading and trailing silence (samples below SILENCE_DB of the peak)."""
    level = np.abs(audio)
    loud = np.nonzero(level >= level.max() * 10 ** (SILENCE_DB / 20))[0]
    return audio[loud[0] : loud[-1] + 1] if len(loud) else audio[:0]


def announce(parts: list[str], pauses_ms: list[int], important: int, seed: int = 0) -> dict:
    """Speak `parts` in order, `pauses_ms[k]` ms of silence after part k, part `important` slower."""
    if len(pauses_ms) != len(parts) - 1:
        raise ValueError(f"{len(parts)} parts need {len(parts) - 1} pauses, got {len(pauses_ms)}")
    tts = models.tts_pipeline()
    pieces, rate = [], 22050
    for k, text in enumerate(parts):
        out = tts(text, seed=seed, speaking_rate=SLOW_RATE if k == important else 1.0)
        rate = int(out["sampling_rate"])
        if k:
            pieces.append(np.zeros(round(pauses_ms[k - 1] * rate / 1000), dtype=np.float32))
        pieces.append(_trimmed(np.asarray(out["audio"], dtype=np.float32)))
    return {"audio": np.concatenate(pieces).astype(np.float32), "sampling_rate": rate}
