"""Kata classify-18: noise robustness of the event classifier. See README.md."""

from collections.abc import Callable

import numpy as np


def mix_at_snr(clean: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    """clean + g * noise[:len(clean)], with g chosen so that the mix has exactly `snr_db` dB SNR."""
    raise NotImplementedError("write mix_at_snr (see README.md), then run: interview-prep check classify-18")


def accuracy_vs_snr(clips: list[np.ndarray], labels: list[str], noise: np.ndarray, snrs: list[float]) -> list[float]:
    """Accuracy of the events pipeline on the clips mixed with `noise` at each SNR in `snrs` (same order)."""
    raise NotImplementedError("write accuracy_vs_snr (see README.md)")


def train_robust(
    clips: list[np.ndarray], labels: list[str], noise: np.ndarray
) -> Callable[[list[np.ndarray]], list[str]]:
    """A classifier (list of 16 kHz clips -> list of labels) that holds up in `noise` at low SNR."""
    raise NotImplementedError("write train_robust (see README.md)")
