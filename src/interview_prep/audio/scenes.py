"""Store scenes: 20-60 s recordings of sound events over store ambience, with an event list.

Events do not overlap each other (gaps of at least `min_gap` s) so every onset is
measurable; each event is scaled to exactly `snr_db` against the ambience within its own
span. Speech-bearing events use the held-out TTS pool, so the event classifier never
heard these utterances in training.
"""

from __future__ import annotations

import numpy as np

from interview_prep.audio.cache import cached
from interview_prep.audio.degrade import noise_gain_for_snr
from interview_prep.audio.events import (
    DEFAULT_RATE,
    EVENT_CLASSES,
    SILENCE,
    SPEECH_CLASSES,
    event_waveform,
    store_ambience,
)
from interview_prep.audio.items import EventSpan, Scene
from interview_prep.audio.levels import normalize_peak
from interview_prep.audio.seeding import as_rng

SCENE_VERSION = 1
SCENE_LABELS = tuple(c for c in EVENT_CLASSES if c != SILENCE)
SCENE_PEAK_DBFS = -3.0


def make_scene(
    seed: int = 0,
    duration: float = 30.0,
    snr_db: float = 10.0,
    labels: tuple[str, ...] = SCENE_LABELS,
    min_gap: float = 0.3,
    max_gap: float = 2.5,
    sample_rate: int = DEFAULT_RATE,
    use_cache: bool = True,
) -> Scene:
    """A `duration`-second store recording; truth: events (label, onset, offset) by onset.

    Events of random `labels` follow each other with gaps drawn from [min_gap, max_gap];
    the whole scene is then scaled to a -3 dBFS peak (SNRs are unchanged).
    """
    if not 20.0 <= duration <= 60.0:
        raise ValueError(f"scene duration must be within 20-60 s, got {duration}")
    unknown = set(labels) - set(SCENE_LABELS)
    if unknown or not labels:
        raise ValueError(f"scene labels must be a non-empty subset of {SCENE_LABELS}, got {labels}")
    params = dict(
        duration=duration,
        snr_db=snr_db,
        labels=list(labels),
        min_gap=min_gap,
        max_gap=max_gap,
        sample_rate=sample_rate,
    )

    def build() -> Scene:
        pool = None
        if SPEECH_CLASSES & set(labels):
            from interview_prep.audio.speech import speech_pool

            pool = speech_pool("test", sample_rate)
        return _scene(as_rng(seed), duration, snr_db, labels, min_gap, max_gap, sample_rate, pool)

    return cached("scene", SCENE_VERSION, params, seed, build, Scene) if use_cache else build()


def _scene(rng, duration, snr_db, labels, min_gap, max_gap, sr, pool) -> Scene:
    n = int(round(duration * sr))
    bed = store_ambience(n, rng, sr)
    mix = bed.astype(np.float64)
    events: list[EventSpan] = []
    cursor = int(rng.uniform(0.2, 1.5) * sr)
    while True:
        label = str(rng.choice(labels))
        event = event_waveform(label, rng, sr, pool, length_s=rng.uniform(2.0, 5.0))
        end = cursor + len(event)
        if end > n - int(0.1 * sr):
            break
        placed = np.zeros(n, np.float32)
        placed[cursor:end] = event
        # scale the event (not the bed) so that event / ambience power over its span = snr_db
        mix += placed / noise_gain_for_snr(placed, bed, snr_db, (cursor, end))
        events.append(EventSpan(label, cursor / sr, end / sr))
        cursor = end + int(rng.uniform(min_gap, max_gap) * sr)
    return Scene(
        audio=normalize_peak(mix.astype(np.float32), SCENE_PEAK_DBFS),
        sample_rate=sr,
        events=events,
        snr_db=float(snr_db),
    )
