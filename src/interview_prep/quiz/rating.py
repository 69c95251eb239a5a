"""Ratings (Again/Hard/Good/Easy) and how objective answers get one automatically.

Wrong -> Again. Right -> Good, or Hard when slower than the expected time, or Easy when
faster than a third of it. The expected time grows with what there is to read (prompt
and choices), the difficulty and the typing a kind needs.
"""

from __future__ import annotations

from enum import IntEnum

from interview_prep.quiz.models import MultiQuestion, NumericQuestion, Question, SingleQuestion, TextQuestion

READ_WORDS_PER_S = 4.0  # ~240 words per minute
_THINK_S = {1: 8.0, 2: 16.0, 3: 30.0}
_TYPE_S = {SingleQuestion: 2.0, MultiQuestion: 5.0, NumericQuestion: 6.0, TextQuestion: 8.0}
FAST_FRACTION = 1 / 3


class Rating(IntEnum):
    """How well the learner recalled an answer (same values as FSRS and Anki)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


def expected_seconds(question: Question) -> float:
    """Time a prepared learner needs: reading + thinking (by difficulty) + typing (by kind)."""
    words = len(question.prompt.split())
    if isinstance(question, SingleQuestion | MultiQuestion):
        words += sum(len(c.text.split()) for c in question.choices)
    return words / READ_WORDS_PER_S + _THINK_S[question.difficulty] + _TYPE_S.get(type(question), 0.0)


def auto_rating(question: Question, correct: bool, duration_s: float) -> Rating:
    """Rating of an objectively checked answer from its correctness and answer time."""
    if not correct:
        return Rating.AGAIN
    expected = expected_seconds(question)
    if duration_s > expected:
        return Rating.HARD
    if duration_s < expected * FAST_FRACTION:
        return Rating.EASY
    return Rating.GOOD
