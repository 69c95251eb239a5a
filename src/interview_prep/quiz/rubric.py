"""Rubric scoring of open answers, typed or spoken: which key points an answer covers.

Every open question lists `key_points` (see `quiz.models.KeyPoint`): what an interviewer
listens for, each with accepted phrasings and/or regular expressions. `score_answer()`
checks an answer against them and `RubricScore.proposed_rating` turns the share covered
into a proposed self-rating, which the learner may override:

- every point covered, or most of them (at least two thirds) -> Good (Easy stays the
  learner's call: coverage says what was said, not how easily it came),
- some -> Hard,
- none -> Again.

Matching is deliberately simple and predictable. Phrasings are compared as whole words
after normalizing both sides: case folded, punctuation and symbols turned into spaces
(so `chunk_length_s`, "chunk length s" and "Chunk-length S" agree, which matters for
transcribed speech), and simple plurals reduced ("windows" -> "window", "batches" ->
"batch", "queries" -> "query"). Patterns are searched, case-insensitively, in the answer
as written (whitespace collapsed) and in its normalized form, so a pattern can use either.
Nothing here prints or imports a UI.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from interview_prep.quiz.models import KeyPoint, OpenQuestion
from interview_prep.quiz.rating import Rating

#: share of key points from which an answer counts as covering "most" of them
MOST = 2 / 3
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                 "seven": "7", "eight": "8", "nine": "9", "ten": "10"}
_KEEP_S = {"is", "was", "has", "his", "this", "its", "us", "as", "gas", "bus", "yes", "thus", "plus", "bias",
           "alias", "corpus", "status", "focus", "bonus", "versus", "analysis", "basis", "axis", "chaos",
           "lens", "news", "series", "species", "always", "perhaps", "various", "previous", "serious",
           "does", "goes", "vits", "lufs", "whereas"}


def _singular(word: str) -> str:
    """A simple plural reduced to its singular ("windows" -> "window"); other words unchanged."""
    if len(word) <= 3 or word in _KEEP_S or word.endswith(("ss", "us", "is")) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def _fold(text: str) -> str:
    """Case folded, accents removed, typographic quotes and dashes made plain."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Words of `text`, lowercased, singular, digits for one-word numbers, joined by single spaces."""
    words = []
    for word in _WORD_RE.findall(_fold(text)):
        word = _NUMBER_WORDS.get(word, word)
        words.append(_singular(word))
    return " ".join(words)


@lru_cache(maxsize=4096)
def _phrase(text: str) -> str:
    return normalize(text)


@dataclass(frozen=True)
class PointResult:
    """One key point: covered or not, and the text that matched (for showing why)."""

    point: KeyPoint
    covered: bool
    matched: str = ""


@dataclass(frozen=True)
class RubricScore:
    """Key points covered and missed by one answer, and the self-rating they suggest."""

    results: tuple[PointResult, ...]

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def covered(self) -> list[KeyPoint]:
        return [r.point for r in self.results if r.covered]

    @property
    def missed(self) -> list[KeyPoint]:
        return [r.point for r in self.results if not r.covered]

    @property
    def fraction(self) -> float:
        """Share of key points covered (0.0 when the question has none)."""
        return len(self.covered) / self.total if self.total else 0.0

    @property
    def proposed_rating(self) -> Rating | None:
        """The self-rating the coverage suggests (None for a question without key points)."""
        return proposed_rating(len(self.covered), self.total)

    def line(self) -> str:
        """'4 of 5 key points covered'."""
        return f"{len(self.covered)} of {self.total} key point{'s' if self.total != 1 else ''} covered"


def proposed_rating(covered: int, total: int) -> Rating | None:
    """All -> Good, most (>= 2/3) -> Good, some -> Hard, none -> Again; None without key points.

    All and most both propose Good: a rubric can tell what was said, not how easily it came,
    so Easy is left to the learner (who can always override the proposal).
    """
    if total <= 0:
        return None
    if covered <= 0:
        return Rating.AGAIN
    if covered / total >= MOST:
        return Rating.GOOD
    return Rating.HARD


def point_covered(point: KeyPoint, answer: str, normalized: str | None = None) -> PointResult:
    """Whether `answer` covers `point` (by an accepted phrasing or a pattern)."""
    normalized = normalize(answer) if normalized is None else normalized
    padded = f" {normalized} "
    for phrase in point.accept:
        wanted = _phrase(phrase)
        if wanted and f" {wanted} " in padded:
            return PointResult(point, True, phrase)
    written = " ".join(_fold(answer).split())
    for pattern in point.patterns:
        for text in (written, normalized):
            if match := re.search(pattern, text, re.IGNORECASE):
                return PointResult(point, True, match.group(0))
    return PointResult(point, False)


def score_answer(question: OpenQuestion, answer: str) -> RubricScore:
    """Score a typed or transcribed answer against the question's key points."""
    normalized = normalize(answer)
    return RubricScore(tuple(point_covered(point, answer, normalized) for point in question.key_points))


def has_rubric(question: object) -> bool:
    """True for an open question with key points."""
    return isinstance(question, OpenQuestion) and bool(question.key_points)


#: an answer that covers nothing: the rubric of every open question must score it near zero
OFF_TOPIC = "I like turtles and the weather is nice today."
MIN_KEY_POINTS = 3


def rubric_problems(questions: list) -> list[tuple[OpenQuestion, str]]:
    """Bank rule for `dev check --only quiz-rubric`: every open question has at least three key
    points, its own model answer covers every one of them, and an off-topic sentence at most one."""
    problems: list[tuple[OpenQuestion, str]] = []
    for question in questions:
        if not isinstance(question, OpenQuestion):
            continue
        if len(question.key_points) < MIN_KEY_POINTS:
            problems.append((question, f"key_points: an open question needs at least {MIN_KEY_POINTS} key points "
                                       f"(what an interviewer listens for), found {len(question.key_points)}"))
            continue
        own = score_answer(question, question.model_answer)
        for point in own.missed:
            problems.append((question, f"key_points: the model answer does not cover {point.point!r}: add a "
                                       "phrasing or pattern it contains"))
        off = score_answer(question, OFF_TOPIC)
        if len(off.covered) > 1:
            matched = ", ".join(repr(r.matched) for r in off.results if r.covered)
            problems.append((question, f"key_points: too loose, the off-topic answer {OFF_TOPIC!r} covers "
                                       f"{len(off.covered)} points (by {matched})"))
    return problems
