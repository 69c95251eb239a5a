"""One quiz run, independent of any UI: a queue of questions, answers in, reviews recorded.

Each submitted answer is checked, rated (automatically, or by the learner for open
questions) and committed in its own transaction before the session moves on, so quitting
at any point loses nothing already answered. Nothing here prints.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, tzinfo

from interview_prep.progress.store import Store
from interview_prep.quiz.bank import Bank
from interview_prep.quiz.checking import CheckResult, check_answer
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.models import OpenQuestion, Question
from interview_prep.quiz.queue import Filters, Queue, build_queue
from interview_prep.quiz.rating import Rating, auto_rating
from interview_prep.quiz.scheduler import CardState, DailyLimits, Scheduler


@dataclass(frozen=True)
class Outcome:
    """What happened to one question: the check, the rating and the card's next due date."""

    question: Question
    answer: str
    result: CheckResult
    rating: Rating
    state: CardState
    duration_s: float


@dataclass
class TopicScore:
    """Per-topic tally. Open questions count as recalled when self-rated Good or Easy."""

    topic: str
    answered: int = 0
    correct: int = 0
    self_rated: int = 0
    recalled: int = 0

    @property
    def checked(self) -> int:
        return self.answered - self.self_rated

    @property
    def score(self) -> float | None:
        """Share of answers right or recalled (None when nothing was answered)."""
        return (self.correct + self.recalled) / self.answered if self.answered else None


class QuizSession:
    """Asks `questions` in order; `submit()` records each answer before moving on."""

    def __init__(
        self,
        store: Store,
        questions: list[Question],
        *,
        scheduler: Scheduler | None = None,
        queue: Queue | None = None,
        session_id: str | None = None,
    ):
        self.store = store
        self.questions = list(questions)
        self.scheduler = scheduler or Scheduler()
        self.queue = queue
        self.session_id = session_id or uuid.uuid4().hex[:12]
        self.outcomes: list[Outcome] = []

    @classmethod
    def start(
        cls,
        store: Store,
        bank: Bank,
        now: datetime,
        filters: Filters | None = None,
        limits: DailyLimits | None = None,
        tz: tzinfo | None = None,
        scheduler: Scheduler | None = None,
    ) -> QuizSession:
        """A session over today's queue (due cards, then new ones) for the given filters."""
        queue = build_queue(store, bank, now, filters, limits, tz)
        return cls(store, queue.questions, scheduler=scheduler, queue=queue)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def position(self) -> int:
        """1-based number of the current question (total + 1 when finished)."""
        return len(self.outcomes) + 1

    @property
    def current(self) -> Question | None:
        return self.questions[len(self.outcomes)] if len(self.outcomes) < self.total else None

    @property
    def finished(self) -> bool:
        return self.current is None

    def check(self, answer: str) -> CheckResult:
        """Check an answer to the current question without recording it (raises InvalidAnswer)."""
        if self.current is None:
            raise RuntimeError("the session is finished")
        return check_answer(self.current, answer)

    def submit(
        self, answer: str, *, duration_s: float, now: datetime, self_rating: Rating | None = None
    ) -> Outcome:
        """Check, rate and record the current question's answer, then move to the next one.

        Open questions need `self_rating`; objective ones are rated from correctness and time.
        """
        question = self.current
        result = self.check(answer)
        if isinstance(question, OpenQuestion):
            if self_rating is None:
                raise ValueError("open questions need a self-rating")
            rating = Rating(self_rating)
        else:
            rating = auto_rating(question, bool(result.correct), duration_s)
        state = record_answer(
            self.store,
            self.scheduler,
            question,
            rating,
            correct=result.correct,
            answer=answer,
            duration_s=duration_s,
            now=now,
            session_id=self.session_id,
        )
        outcome = Outcome(question, answer, result, rating, state, duration_s)
        self.outcomes.append(outcome)
        return outcome

    def summary(self) -> list[TopicScore]:
        """Scores per topic, in the order topics first came up."""
        scores: dict[str, TopicScore] = {}
        for outcome in self.outcomes:
            score = scores.setdefault(outcome.question.topic, TopicScore(outcome.question.topic))
            score.answered += 1
            if outcome.result.correct is None:
                score.self_rated += 1
                score.recalled += outcome.rating >= Rating.GOOD
            else:
                score.correct += outcome.result.correct
        return list(scores.values())
