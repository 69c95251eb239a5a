"""Reference solution of kata classify-19: spoken feedback sentiment by transcribing, then scoring the words."""

import functools

import numpy as np
import soxr
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from interview_prep import models

RATE = 16000


@functools.cache
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def text_sentiment(text: str) -> str:
    """"positive" when VADER's compound score is >= 0, else "negative"."""
    return "positive" if _analyzer().polarity_scores(text)["compound"] >= 0 else "negative"


def classify_feedback(audio: np.ndarray, sample_rate: int) -> str:
    """Transcribe the clip (Whisper tiny.en at 16 kHz), then classify the transcript's words."""
    x = np.asarray(audio, dtype=np.float32)
    if sample_rate != RATE:
        x = soxr.resample(x, sample_rate, RATE).astype(np.float32)
    text = models.asr_pipeline()(x)["text"]
    return text_sentiment(text)
