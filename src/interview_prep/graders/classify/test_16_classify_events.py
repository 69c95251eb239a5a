"""Grader of kata classify-16-classify-events: the events pipeline with top-k and an "unknown" threshold.

Clips are fresh 1 s store sounds from the audio package (speech classes use TTS utterances
the model never heard), at 16000, 22050 or 44100 Hz. The truth scores come from the same
pipeline run here on the clip resampled to 16 kHz with soxr; scores may differ by a small
tolerance (another good resampler), so near-ties are never graded.
"""

from __future__ import annotations

import functools

import numpy as np

from interview_prep.audio.events import EVENT_CLASSES, event_clip
from interview_prep.audio.io import resample
from interview_prep.kata import evidence
from interview_prep.kata.grading import Audio, Returned, call, expect, expect_type, hint, learner_function, rng

FILE = "classify_events.py"
RATE = 16000
SCORE_TOL = 0.01  # same 16 kHz input
RESAMPLED_TOL = 0.05  # the learner may resample with another good resampler
TIE_GAP = 0.05  # ranks and decisions are graded only when scores are at least this far apart
MIN_CORRECT = 14  # of 18 clips in the accuracy test


@functools.cache
def _pipeline():
    from interview_prep import models

    return models.events_pipeline()


@functools.cache
def _pool():
    from interview_prep.audio.speech import speech_pool

    return speech_pool("test", RATE)


class _Clip:
    def __init__(self, gen: np.random.Generator, label: str, rate: int, snr_db: float, distractor: float = 0.0):
        self.label, self.rate, self.snr_db = label, rate, snr_db
        clip = event_clip(label, gen, 1.0, snr_db, RATE, distractor, None, _pool()).audio
        self.audio = clip if rate == RATE else resample(clip, RATE, rate)
        x16 = clip if rate == RATE else resample(self.audio, rate, RATE)
        ranked = _pipeline()(x16, top_k=None)
        self.scores = {item["label"]: float(item["score"]) for item in ranked}
        self.ranked = [item["label"] for item in ranked]

    def describe(self) -> str:
        top = ", ".join(f"{label} {self.scores[label]:.3f}" for label in self.ranked[:4])
        return f"clip: {self.label} at {self.snr_db:.1f} dB SNR, {self.rate} Hz; pipeline scores at 16 kHz: {top}, …"


def _result(returned: Returned, top_k: int, note: str) -> tuple[str, list[tuple[str, float]]]:
    value = expect_type(returned, {"label": "", "top": [("", 0.0)] * top_k}, note=note)
    labels = [label for label, _ in value["top"]]
    expect(len(set(labels)) == len(labels), returned, f"labels in 'top' repeat: {labels}", note)
    unknown = [label for label in labels if label not in EVENT_CLASSES]
    expect(not unknown, returned, f"'top' holds labels the model does not have: {unknown}", note)
    scores = [score for _, score in value["top"]]
    expect(scores == sorted(scores, reverse=True), returned, f"'top' must be sorted by score, best first: {scores}",
           note)
    return value["label"], value["top"]


def _check_top(clip: _Clip, top_k: int, tol: float) -> tuple[Returned, str]:
    fn = learner_function(FILE, "classify")
    name = f"{clip.label}-{clip.rate}hz"
    evidence.clip(name, clip.audio, clip.rate)
    returned = call(fn, Audio(clip.audio, clip.rate), clip.rate, top_k=top_k)
    note = clip.describe()
    label, top = _result(returned, top_k, note)
    evidence.class_scores(clip.label, clip.scores, top, predicted=label,
                          title=f"{name}, top_k={top_k}: the pipeline's scores at 16 kHz vs yours")
    for name, score in top:
        want = clip.scores[name]
        problem = f"score of {name!r} is {score:.4f}, the pipeline gives {want:.4f} on this clip at 16 kHz (± {tol})"
        if clip.rate != RATE and abs(score - want) > tol:
            problem += f": resample the {clip.rate} Hz input to 16000 Hz before the pipeline"
        expect(abs(score - want) <= tol, returned, problem, note)
    ranked = clip.ranked
    if top_k < len(ranked) and clip.scores[ranked[top_k - 1]] - clip.scores[ranked[top_k]] >= TIE_GAP:
        expect({name for name, _ in top} == set(ranked[:top_k]), returned,
               f"'top' holds {[n for n, _ in top]}, expected the {top_k} best: {ranked[:top_k]}", note)
    return returned, label


@hint(1)
def test_top_k_labels_and_scores():
    gen = rng()
    for label, top_k in zip(gen.choice(EVENT_CLASSES, size=3, replace=False), (1, 3, 5), strict=True):
        _check_top(_Clip(gen, str(label), RATE, float(gen.uniform(10.0, 20.0))), top_k, SCORE_TOL)


@hint(2)
def test_resamples_to_16k():
    gen = rng()
    sounds = [c for c in EVENT_CLASSES if c != "silence"]  # room tone is "silence" at any rate: it tells nothing
    for label, rate in zip(gen.choice(sounds, size=4, replace=False), (22050, 44100) * 2, strict=True):
        _check_top(_Clip(gen, str(label), rate, float(gen.uniform(10.0, 20.0))), 3, RESAMPLED_TOL)


@hint(3)
def test_unknown_below_threshold():
    gen = rng()
    fn = learner_function(FILE, "classify")
    graded = 0
    while graded < 6:
        clip = _Clip(gen, str(gen.choice(EVENT_CLASSES)), RATE, float(gen.uniform(-5.0, 10.0)), distractor=0.5)
        best = clip.scores[clip.ranked[0]]
        threshold = round(float(np.clip(best + gen.choice([-1, 1]) * gen.uniform(0.06, 0.2), 0.2, 0.95)), 2)
        if abs(best - threshold) < TIE_GAP:
            continue
        returned = call(fn, Audio(clip.audio, RATE), RATE, top_k=2, threshold=threshold)
        note = clip.describe()
        label, _ = _result(returned, 2, note)
        want = clip.ranked[0] if best >= threshold else "unknown"
        rule = f"the best score {best:.3f} is {'at or above' if best >= threshold else 'below'} threshold {threshold}"
        expect(label == want, returned, f"'label' is {label!r}, expected {want!r}: {rule}", note)
        graded += 1


@hint(4)
def test_accuracy_on_fresh_clips():
    gen = rng()
    fn = learner_function(FILE, "classify")
    right, lines, last = 0, [], None
    for i, label in enumerate([c for c in EVENT_CLASSES for _ in range(2)]):
        clip = _Clip(gen, label, (22050, 44100)[i % 2], float(gen.uniform(10.0, 20.0)))
        last = call(fn, Audio(clip.audio, clip.rate), clip.rate)
        answer, top = _result(last, 3, clip.describe())
        right += answer == label
        if answer != label:
            evidence.clip(f"missed-{label}-{clip.rate}hz", clip.audio, clip.rate)
            evidence.class_scores(label, clip.scores, top, predicted=answer,
                                  title=f"missed {label} at {clip.rate} Hz: you said {answer!r}")
            lines.append(f"{label} at {clip.rate} Hz, {clip.snr_db:.1f} dB: you said {answer!r}")
    print(f"accuracy: {right}/{2 * len(EVENT_CLASSES)}")
    expect(right >= MIN_CORRECT, last,
           f"{right} of {2 * len(EVENT_CLASSES)} clips right (default top_k=3, threshold=0.5; 'unknown' counts as "
           f"wrong); at least {MIN_CORRECT} needed", "misses: " + "; ".join(lines))
