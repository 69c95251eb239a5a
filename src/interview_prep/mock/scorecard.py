"""The scorecard of a finished mock interview: per topic, per question, time used, kata result.

Stored as JSON in `mock_results` (see `progress.mocks`); `load_scorecard()` validates it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interview_prep.errors import UserError
from interview_prep.progress import mocks as rows
from interview_prep.progress.store import Store

VERSION = 1
KataStatus = Literal["pass", "fail", "error", "not attempted"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionResult(_Model):
    """One question: what was answered, whether it was right (None: self-rated), how long it took.

    `title`, `prompt` and `expected` (the right or model answer) make the transcript; scorecards
    saved before they existed leave them empty.
    """

    id: str
    topic: str
    kind: str
    answered: bool
    correct: bool | None = None
    self_rating: int | None = Field(default=None, ge=1, le=4)
    answer: str = ""
    duration_s: float = 0.0
    title: str = ""
    prompt: str = ""
    expected: str = ""

    @property
    def credit(self) -> bool:
        """Right, or (open questions) self-rated Good or Easy."""
        if not self.answered:
            return False
        return bool(self.correct) if self.correct is not None else (self.self_rating or 0) >= 3


class TopicResult(_Model):
    """Tally of one topic: asked, answered, credited (right or recalled)."""

    topic: str
    title: str
    asked: int
    answered: int
    credited: int

    @property
    def score(self) -> float:
        return self.credited / self.asked if self.asked else 0.0


class KataResult(_Model):
    """The kata under the clock: last verdict, tests passed, grading runs, time to the last run."""

    id: str
    title: str
    status: KataStatus
    tests_passed: int = 0
    tests_total: int = 0
    runs: int = 0
    time_s: float = 0.0
    message: str = ""


class Scorecard(_Model):
    """A finished mock interview."""

    version: Literal[1] = VERSION
    seed: int
    started_at: str
    finished_at: str
    minutes: int
    time_used_s: float
    ended_early: bool = False
    topics: list[TopicResult]
    questions: list[QuestionResult]
    kata: KataResult | None = None

    @property
    def credited(self) -> int:
        return sum(t.credited for t in self.topics)

    @property
    def asked(self) -> int:
        return sum(t.asked for t in self.topics)

    @property
    def question_score(self) -> float:
        return self.credited / self.asked if self.asked else 0.0


def save_scorecard(store: Store, card: Scorecard) -> int:
    """Save a scorecard (one transaction); returns the mock interview's id."""
    return rows.add_result(store, card.started_at, card.minutes, card.model_dump_json())


def load_scorecard(store: Store, mock_id: int | None = None) -> tuple[int, Scorecard]:
    """(id, scorecard) of mock interview `mock_id`, or of the latest one."""
    if mock_id is None:
        latest = rows.results(store)
        if not latest:
            raise UserError("no mock interview yet", hint="run one with `interview-prep mock`")
        row = latest[0]
    else:
        row = rows.result(store, mock_id)
        if row is None:
            raise UserError(f"no mock interview #{mock_id}", hint="`interview-prep mock list` shows them")
    try:
        return row.id, Scorecard.model_validate_json(row.scorecard_json)
    except ValidationError as exc:
        raise UserError(f"mock interview #{row.id} has an unreadable scorecard: {exc.errors()[0]['msg']}") from None


def history(store: Store) -> list[tuple[int, Scorecard]]:
    """Every readable scorecard, latest first (unreadable ones are skipped)."""
    cards = []
    for row in rows.results(store):
        try:
            cards.append((row.id, Scorecard.model_validate_json(row.scorecard_json)))
        except ValidationError:
            continue
    return cards
