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


class Spoken(_Model):
    """A spoken answer (`mock --voice`): its recording (a file name in the mock's audio folder)
    and how it was spoken; `long_pauses` are (start, end) seconds of silences >= `long_pause_s`."""

    audio: str = ""
    duration_s: float
    speech_s: float
    words: int
    wpm: float
    long_pauses: list[tuple[float, float]] = []
    long_pause_s: float = 1.5


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
    covered_points: list[str] = []
    missed_points: list[str] = []
    proposed_rating: int | None = Field(default=None, ge=1, le=4)
    question_audio: str = ""
    spoken: Spoken | None = None

    @property
    def key_points(self) -> int:
        """How many key points the answer was scored against (0: not scored by the rubric)."""
        return len(self.covered_points) + len(self.missed_points)

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
    voice: bool = False
    #: where the running interview kept its audio; moved to the mock's id folder on saving
    audio_dir: str = Field(default="", exclude=True)

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
    """Save a scorecard (one transaction); returns the mock interview's id. Its audio (`mock --voice`)
    moves to `<data dir>/mock-audio/<id>/`."""
    mock_id = rows.add_result(store, card.started_at, card.minutes, card.model_dump_json())
    if card.audio_dir:
        from interview_prep.mock.voice import keep_audio

        keep_audio(card.audio_dir, mock_id)
    return mock_id


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
