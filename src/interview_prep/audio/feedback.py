"""Spoken customer feedback: positive or negative words, optionally an upbeat or flat tone.

Sentiment lives in the words (templated sentences with clear positive or negative
vocabulary). Tone is pure prosody of the same voice: "upbeat" = pitch 3 semitones higher
and speech 15% faster; "flat" = pitch 2 semitones lower and 12% slower; None keeps the
voice's own delivery. The pitch *range* in semitones is left as the voice speaks it (the
shift is a uniform resampling). Tone and sentiment are drawn independently, so tone says
nothing about the words (a grader can check that a model uses the right cue).
"""

from __future__ import annotations

import numpy as np

from interview_prep.audio.cache import cached
from interview_prep.audio.io import resample
from interview_prep.audio.items import FeedbackClip
from interview_prep.audio.seeding import as_rng, child_seed

FEEDBACK_VERSION = 1
DEFAULT_RATE = 16000
SENTIMENTS = ("positive", "negative")
TONES = ("upbeat", "flat")
TONE_STYLES = {  # pitch shift (semitones), speaking-rate factor
    "upbeat": (3.0, 1.15),
    "flat": (-2.0, 0.88),
}
SUBJECTS = ("the staff", "the cashier", "the checkout", "the self checkout", "the return desk", "the store")
ITEMS = ("the new blender", "this rain jacket", "the running shoe", "the coffee maker", "my order")
TEMPLATES = {
    "positive": (
        "I love this store, {subject} was friendly and really helpful.",
        "Great service today, {subject} was quick and the prices were excellent.",
        "Thank you so much, {item} is perfect and I am very happy with it.",
        "Wonderful experience, {subject} made everything easy and pleasant.",
        "I am delighted with {item}, it works great and it was a fantastic deal.",
        "Everything was clean and well organized, I really enjoyed shopping here.",
    ),
    "negative": (
        "I am very disappointed, {subject} was rude and unhelpful.",
        "Terrible service today, I waited forever and {subject} was a mess.",
        "{item} broke after one day, this is awful and I want a refund.",
        "The worst experience, {subject} was slow and nobody cared.",
        "I hate how dirty and crowded the store was, it was horrible.",
        "I am angry, {item} was damaged and the staff ignored my complaint.",
    ),
}


def feedback_text(seed: int | np.random.Generator, sentiment: str) -> str:
    """A feedback sentence whose words carry `sentiment` ("positive" or "negative")."""
    if sentiment not in SENTIMENTS:
        raise ValueError(f"sentiment must be one of {SENTIMENTS}, got {sentiment!r}")
    rng = as_rng(seed)
    template = TEMPLATES[sentiment][int(rng.integers(len(TEMPLATES[sentiment])))]
    text = template.format(subject=rng.choice(SUBJECTS), item=rng.choice(ITEMS))
    return text[0].upper() + text[1:]


def make_feedback(
    seed: int = 0,
    sentiment: str | None = None,
    tone: str | None = None,
    sample_rate: int = DEFAULT_RATE,
    use_cache: bool = True,
) -> FeedbackClip:
    """Spoken feedback. `sentiment` is drawn when None; `tone` ("upbeat", "flat") is applied
    only when given. Truth: sentiment, text and tone."""
    if tone is not None and tone not in TONES:
        raise ValueError(f"tone must be one of {TONES} or None, got {tone!r}")
    params = dict(sentiment=sentiment, tone=tone, sample_rate=sample_rate)

    def build() -> FeedbackClip:
        rng = as_rng(seed)
        label = sentiment or str(rng.choice(SENTIMENTS))
        text = feedback_text(rng, label)
        audio = spoken_with_tone(text, child_seed(rng), tone, sample_rate, use_cache)
        return FeedbackClip(audio=audio, sample_rate=sample_rate, text=text, sentiment=label, tone=tone)

    return cached("feedback", FEEDBACK_VERSION, params, seed, build, FeedbackClip) if use_cache else build()


def spoken_with_tone(
    text: str, seed: int, tone: str | None, sample_rate: int = DEFAULT_RATE, use_cache: bool = True
) -> np.ndarray:
    """TTS of `text` with the prosody of `tone` (None: the voice's own), at `sample_rate`."""
    from interview_prep.audio.speech import synthesize

    if tone is None:
        return synthesize(text, seed, 1.0, sample_rate, use_cache)
    semitones, rate = TONE_STYLES[tone]
    factor = 2 ** (semitones / 12)
    # Playing audio `factor` times faster raises its pitch by `factor` and shortens it by the
    # same factor: synthesize at rate/factor so the final speaking rate is `rate`.
    voice = synthesize(text, seed, rate / factor, sample_rate, use_cache)
    return resample(voice, sample_rate, int(round(sample_rate / factor)))
