"""Kata classify-15: MFCC and log-mel statistics pooled per clip. See README.md."""

import numpy as np


def log_mel(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Log-mel spectrogram in dB of `audio` resampled to 16 kHz: float32, shape (64, frames)."""
    raise NotImplementedError("write log_mel (see README.md), then run: interview-prep check classify-15")


def mfcc(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """The first 20 MFCCs of `log_mel(audio, sample_rate)`: float32, shape (20, frames)."""
    raise NotImplementedError("write mfcc (see README.md)")


def clip_features(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """One vector per clip: MFCC mean, MFCC std, log-mel mean, log-mel std: float32, shape (168,)."""
    raise NotImplementedError("write clip_features (see README.md)")
