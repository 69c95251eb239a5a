"""Kata classify-17: sound event detection over a store recording. See README.md."""

import numpy as np

Event = tuple[str, float, float]  # (label, onset in s, offset in s)


def merge_windows(window_labels: list[str], hop_s: float, window_s: float, background: str = "silence") -> list[Event]:
    """Merge runs of equal window labels into (label, onset, offset) events; `background` runs are dropped."""
    raise NotImplementedError("write merge_windows (see README.md), then run: interview-prep check classify-17")


def event_f1(reference: list[Event], estimated: list[Event], collar_s: float = 0.5) -> float:
    """Event-based F1 of `estimated` against `reference` (same label, onset/offset within the collars)."""
    raise NotImplementedError("write event_f1 (see README.md)")


def detect_events(audio: np.ndarray, sample_rate: int) -> list[Event]:
    """The sound events of a store recording, as (label, onset, offset) tuples sorted by onset."""
    raise NotImplementedError("write detect_events (see README.md)")
