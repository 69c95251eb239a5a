"""Reference solution of kata classify-16: store sound events through the audio-classification pipeline."""

import functools

import numpy as np
import soxr
from transformers import pipeline

from interview_prep import models

RATE = 16000


@functools.cache
def _classifier():
    return pipeline("audio-classification", model=str(models.model_path("events")), device="cpu")


def classify(audio: np.ndarray, sample_rate: int, top_k: int = 3, threshold: float = 0.5) -> dict:
    """{"label": best label or "unknown" below `threshold`, "top": [(label, score), ...] best first}."""
    x = np.asarray(audio, dtype=np.float32)
    if sample_rate != RATE:
        x = soxr.resample(x, sample_rate, RATE).astype(np.float32)
    top = [(p["label"], float(p["score"])) for p in _classifier()(x, top_k=top_k)]
    return {"label": top[0][0] if top[0][1] >= threshold else "unknown", "top": top}
