"""Grader of kata classify-19-feedback-sentiment: sentiment of spoken feedback, carried by the words.

Clips come from the audio package's feedback generator: a sentence with clearly positive or
negative words, spoken by our TTS voice, in a given tone of voice. Tone is balanced across
sentiments (every sentiment appears equally often in every tone) and, on half the clips,
contradicts the words, so a word-blind answer (prosody only) scores about 50%.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interview_prep.audio.feedback import feedback_text, make_feedback
from interview_prep.kata import evidence
from interview_prep.kata.grading import Audio, call, expect, expect_equal, expect_type, hint, learner_function, rng

FILE = "feedback.py"
SENTIMENTS = ("positive", "negative")
RATE = 22050  # feedback arrives as the voice recorder wrote it, not at 16 kHz
# tone -> the sentiment it sounds like; it agrees with the words on half the clips and contradicts them on the rest
TONES = {"upbeat": "positive", "flat": "negative"}
BANK = range(1000, 1012)  # clip seeds per (sentiment, tone): generated once, then cached on disk
PER_CELL = 2
MIN_CORRECT = 7  # of 8 clips
TEXTS = 8


@dataclass
class _Clip:
    audio: np.ndarray
    text: str
    sentiment: str
    tone: str

    @property
    def contradicts(self) -> bool:
        return TONES[self.tone] != self.sentiment


def _clips(gen: np.random.Generator) -> list[_Clip]:
    clips = []
    for sentiment in SENTIMENTS:
        for tone in TONES:
            for seed in gen.choice(list(BANK), size=PER_CELL, replace=False):
                item = make_feedback(seed=int(seed), sentiment=sentiment, tone=tone, sample_rate=RATE)
                clips.append(_Clip(item.audio, item.text, sentiment, tone))
    return [clips[i] for i in gen.permutation(len(clips))]


@hint(1)
def test_text_sentiment():
    gen = rng()
    fn = learner_function(FILE, "text_sentiment")
    for sentiment in [SENTIMENTS[i % 2] for i in range(TEXTS)]:
        text = feedback_text(int(gen.integers(1 << 30)), sentiment)
        expect_equal(call(fn, text), sentiment, note="the words of this feedback are clearly " + sentiment)


@hint(2)
def test_classify_spoken_feedback():
    gen = rng()
    fn = learner_function(FILE, "classify_feedback")
    clips = _clips(gen)
    lines, correct, last = [], 0, None
    for clip in clips:
        last = call(fn, Audio(clip.audio, RATE), RATE)
        answer = expect_type(last, "")
        expect(answer in SENTIMENTS, last, f"expected 'positive' or 'negative', got {answer!r}")
        ok = answer == clip.sentiment
        correct += ok
        contradiction = " (tone contradicts the words)" if clip.contradicts else ""
        if not ok:  # evidence if the test fails: the missed clip, the truth against your answer
            number = len(lines) + 1
            evidence.clip(f"missed-{clip.sentiment}-{clip.tone}-{number}", clip.audio, RATE)
            evidence.class_scores(clip.sentiment, {s: float(s == clip.sentiment) for s in SENTIMENTS}, {answer: 1.0},
                                  predicted=answer, title=f"missed clip {number}: {clip.sentiment} words, "
                                                          f"{clip.tone} tone: {clip.text!r}")
        lines.append(
            f"{'ok   ' if ok else 'WRONG'} {clip.sentiment:8} {clip.tone:6} tone{contradiction}: "
            f"{answer!r} for {clip.text!r}"
        )
    wrong_on_contradictions = sum(1 for line, c in zip(lines, clips, strict=True) if c.contradicts and "WRONG" in line)
    note = "\n  ".join(["clips (truth, tone, your answer, the words spoken):", *lines])
    if wrong_on_contradictions >= PER_CELL * 2 - 1:
        note += (
            "\n  most misses are clips whose tone of voice contradicts their words: the sentiment is in the "
            "words (transcribe, then classify the text)"
        )
    expect(
        correct >= MIN_CORRECT,
        last,
        f"{correct} of {len(clips)} clips right; at least {MIN_CORRECT} of {len(clips)} needed",
        note,
    )
