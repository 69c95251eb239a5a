"""Generated audio items: the audio, its sample rate and its truth (text, label, onsets)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import numpy as np


@dataclass(eq=False, kw_only=True)
class AudioItem:
    """Base of all generated items: float32 mono `audio` at `sample_rate` plus truth fields."""

    audio: np.ndarray
    sample_rate: int

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.audio) / self.sample_rate

    def truth(self) -> dict[str, Any]:
        """Everything but the audio, as JSON-ready values."""
        return {
            f.name: _jsonable(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in ("audio", "sample_rate")
        }

    @classmethod
    def from_truth(cls, audio: np.ndarray, sample_rate: int, truth: dict[str, Any]) -> Self:
        """Rebuild an item from `truth()` output (used by the on-disk cache)."""
        return cls(audio=audio, sample_rate=int(sample_rate), **truth)

    def save(self, path: str | Path) -> Path:
        """Write the audio (format from the extension, 32-bit float)."""
        from interview_prep.audio.io import save_audio

        return save_audio(path, self.audio, self.sample_rate, subtype="FLOAT")


@dataclass(frozen=True)
class EventSpan:
    """One sound event inside a clip or scene: class label and onset/offset in seconds."""

    label: str
    onset: float
    offset: float


@dataclass(eq=False, kw_only=True)
class SpeechClip(AudioItem):
    """Retail speech spoken by our TTS voice; `text` is the truth as written ("$4.99")."""

    text: str
    kind: str
    speaking_rate: float


@dataclass(eq=False, kw_only=True)
class EventClip(AudioItem):
    """A short clip holding one sound event of class `label` between `onset` and `offset` (s)
    over a background at `snr_db` (event power vs background power over the event's span)."""

    label: str
    onset: float
    offset: float
    snr_db: float | None


@dataclass(eq=False, kw_only=True)
class Scene(AudioItem):
    """A store recording: events (sorted by onset) mixed over ambience at `snr_db` each."""

    events: list[EventSpan] = field(default_factory=list)
    snr_db: float

    @classmethod
    def from_truth(cls, audio: np.ndarray, sample_rate: int, truth: dict[str, Any]) -> Self:
        truth = dict(truth, events=[EventSpan(**e) for e in truth["events"]])
        return cls(audio=audio, sample_rate=int(sample_rate), **truth)


@dataclass(eq=False, kw_only=True)
class FeedbackClip(AudioItem):
    """Spoken customer feedback: `sentiment` ("positive"/"negative") is carried by the words;
    `tone` ("upbeat", "flat" or None for the voice's own prosody) by pitch and speaking rate."""

    text: str
    sentiment: str
    tone: str | None


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
