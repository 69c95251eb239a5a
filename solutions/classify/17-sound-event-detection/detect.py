"""Reference solution of kata classify-17: sliding-window sound event detection and event-based F1."""

import numpy as np
import soxr
from scipy.optimize import linear_sum_assignment
from scipy.signal import butter, sosfilt

from interview_prep import models

RATE = 16000
WINDOW_S, HOP_S = 1.0, 0.25

Event = tuple[str, float, float]


def merge_windows(window_labels: list[str], hop_s: float, window_s: float, background: str = "silence") -> list[Event]:
    """Merge runs of equal window labels into (label, onset, offset) events; `background` runs are dropped."""
    events: list[Event] = []
    start = (window_s - hop_s) / 2  # window i describes [start + i*hop, start + (i+1)*hop]
    i = 0
    while i < len(window_labels):
        j = i
        while j + 1 < len(window_labels) and window_labels[j + 1] == window_labels[i]:
            j += 1
        if window_labels[i] != background:
            events.append((window_labels[i], start + i * hop_s, start + (j + 1) * hop_s))
        i = j + 1
    return events


def event_f1(reference: list[Event], estimated: list[Event], collar_s: float = 0.5) -> float:
    """Event-based F1: same label, onset within the collar, offset within max(collar, half the reference length)."""
    if not reference and not estimated:
        return 1.0
    can_match = np.zeros((len(reference), len(estimated)))
    for i, (label, onset, offset) in enumerate(reference):
        offset_collar = max(collar_s, 0.5 * (offset - onset))
        for j, (e_label, e_onset, e_offset) in enumerate(estimated):
            if e_label == label and abs(e_onset - onset) <= collar_s and abs(e_offset - offset) <= offset_collar:
                can_match[i, j] = 1.0
    rows, cols = linear_sum_assignment(can_match, maximize=True)
    tp = int(can_match[rows, cols].sum())
    return 2 * tp / (len(reference) + len(estimated))


def detect_events(audio: np.ndarray, sample_rate: int) -> list[Event]:
    """Sound events of a store recording: 1 s windows every 0.25 s, gated by energy, labelled per active stretch."""
    x = np.asarray(audio, dtype=np.float32)
    if sample_rate != RATE:
        x = soxr.resample(x, sample_rate, RATE).astype(np.float32)
    win, hop = int(WINDOW_S * RATE), int(HOP_S * RATE)
    x = np.pad(x, (0, max(0, win - len(x))))
    starts = range(0, len(x) - win + 1, hop)
    scores = models.events_pipeline()([x[s:s + win] for s in starts], top_k=None)
    active = _active(x, starts, win, hop)
    labels = ["silence"] * len(active)
    i = 0
    while i < len(active):  # one label per stretch of active windows: the best summed score
        if not active[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(active) and active[j + 1]:
            j += 1
        total: dict[str, float] = {}
        for window in scores[i:j + 1]:
            for item in window:
                total[item["label"]] = total.get(item["label"], 0.0) + item["score"]
        labels[i:j + 1] = [max(total, key=total.get)] * (j + 1 - i)
        i = j + 1
    return merge_windows(labels, HOP_S, WINDOW_S)


def _active(x: np.ndarray, starts: range, win: int, hop: int) -> np.ndarray:
    """Windows whose centre hop is > 6 dB above the recording's noise floor (energy above 250 Hz)."""
    high = sosfilt(butter(4, 250.0, "highpass", fs=RATE, output="sos"), x)
    centre = (win - hop) // 2
    energy = np.array([10 * np.log10(np.mean(high[s + centre:s + centre + hop] ** 2) + 1e-12) for s in starts])
    return energy > np.percentile(energy, 20) + 6.0
