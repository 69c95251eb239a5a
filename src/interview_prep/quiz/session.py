"""One quiz run, independent of any UI: a queue of questions, answers in, reviews recorded.

Each submitted answer is checked, rated (automatically, or by the learner for open
questions) and committed in its own transaction before the session moves on, so quitting
at any point loses nothing already answered. Nothing here prints.

Choice questions are shown with their options shuffled (`quiz.shuffle`, seeded by the
session's `seed`); `current` is the question as shown. Time spent after a rejected
(unreadable) answer does not count against the rating. After a right answer the learner
may say "I guessed" (`downgrade`), and flag or suspend the question just answered.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import datetime, tzinfo

from interview_prep.progress.marks import Mark, get_mark, set_mark
from interview_prep.progress.store import Store
from interview_prep.quiz.bank import Bank
from interview_prep.quiz.checking import CheckResult, InvalidAnswer, check_answer
from interview_prep.quiz.history import amend_last_rating, record_answer
from interview_prep.quiz.models import OpenQuestion, Question
from interview_prep.quiz.queue import Filters, Queue, build_queue
from interview_prep.quiz.rating import Rating, auto_rating
from interview_prep.quiz.scheduler import CardState, DailyLimits, Scheduler
from interview_prep.quiz.shuffle import new_seed, showing_seed, shuffled


@dataclass(frozen=True)
class Outcome:
    """What happened to one question: the check, the rating and the card's next due date."""

    question: Question
    answer: str
    result: CheckResult
    rating: Rating
    state: CardState
    duration_s: float
    guessed: bool = False

    @property
    def right(self) -> bool:
        """Right and not rated Again ("I guessed"), or (open question) self-rated Good or Easy."""
        if self.result.correct is None:
            return self.rating >= Rating.GOOD
        return self.result.correct and self.rating > Rating.AGAIN


@dataclass
class TopicScore:
    """Per-topic tally. Open questions count as recalled when self-rated Good or Easy; a right
    answer the learner downgraded to Again ("I guessed") does not count as correct."""

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
        seed: int | None = None,
    ):
        self.store = store
        self.questions = list(questions)
        self.scheduler = scheduler or Scheduler()
        self.queue = queue
        self.session_id = session_id or uuid.uuid4().hex[:12]
        self.seed = new_seed() if seed is None else seed
        self.outcomes: list[Outcome] = []
        self._shown: tuple[int, Question] | None = None
        self._answer_time: float | None = None  # when the first unreadable answer was typed

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
        seed: int | None = None,
    ) -> QuizSession:
        """A session over today's queue (due cards, then new ones) for the given filters."""
        queue = build_queue(store, bank, now, filters, limits, tz)
        return cls(store, queue.questions, scheduler=scheduler, queue=queue, seed=seed)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def position(self) -> int:
        """1-based number of the current question (total + 1 when finished)."""
        return len(self.outcomes) + 1

    @property
    def current(self) -> Question | None:
        """The question to answer now, as shown (choices in this showing's order)."""
        index = len(self.outcomes)
        if index >= self.total:
            return None
        if self._shown is None or self._shown[0] != index:
            question = self.questions[index]
            self._shown = (index, shuffled(question, showing_seed(self.seed, question.id)))
            self._answer_time = None
        return self._shown[1]

    @property
    def finished(self) -> bool:
        return self.current is None

    def check(self, answer: str, *, elapsed_s: float | None = None) -> CheckResult:
        """Check an answer to the current question without recording it (raises InvalidAnswer).

        With `elapsed_s` (time since the question was shown), the first unreadable answer
        stops the clock: the time spent retyping it is not counted by `submit`.
        """
        if self.current is None:
            raise RuntimeError("the session is finished")
        try:
            return check_answer(self.current, answer)
        except InvalidAnswer:
            if elapsed_s is not None and answer.strip() and self._answer_time is None:
                self._answer_time = elapsed_s
            raise

    def submit(
        self, answer: str, *, duration_s: float, now: datetime, self_rating: Rating | None = None
    ) -> Outcome:
        """Check, rate and record the current question's answer, then move to the next one.

        Open questions need `self_rating`; objective ones are rated from correctness and time.
        """
        question = self.current
        result = self.check(answer)
        if self._answer_time is not None:
            duration_s = min(duration_s, self._answer_time)
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
            shuffle_seed=showing_seed(self.seed, question.id),
        )
        outcome = Outcome(question, answer, result, rating, state, duration_s)
        self.outcomes.append(outcome)
        return outcome

    def downgrade(self, rating: Rating) -> Outcome:
        """Mark the last (right) answer as guessed: rate it Hard or Again instead, and reschedule it."""
        if not self.outcomes:
            raise RuntimeError("nothing answered yet")
        last = self.outcomes[-1]
        if last.result.correct is not True:
            raise ValueError("only a right answer can be marked as guessed")
        if rating not in (Rating.HARD, Rating.AGAIN):
            raise ValueError("a guessed answer is rated Hard or Again")
        state = amend_last_rating(self.store, self.scheduler, last.question.id, rating)
        self.outcomes[-1] = dataclasses.replace(last, rating=rating, state=state, guessed=True)
        return self.outcomes[-1]

    def mark(self, *, flagged: bool | None = None, suspended: bool | None = None) -> Mark:
        """Flag/unflag or suspend/unsuspend the question answered last (saved at once)."""
        if not self.outcomes:
            raise RuntimeError("nothing answered yet")
        return set_mark(self.store, self.outcomes[-1].question.id, flagged=flagged, suspended=suspended)

    def last_mark(self) -> Mark:
        """Flag and suspension of the question answered last."""
        if not self.outcomes:
            raise RuntimeError("nothing answered yet")
        return get_mark(self.store, self.outcomes[-1].question.id)

    def summary(self) -> list[TopicScore]:
        """Scores per topic, in the order topics first came up."""
        scores: dict[str, TopicScore] = {}
        for outcome in self.outcomes:
            score = scores.setdefault(outcome.question.topic, TopicScore(outcome.question.topic))
            score.answered += 1
            if outcome.result.correct is None:
                score.self_rated += 1
                score.recalled += outcome.right
            else:
                score.correct += outcome.right
        return list(scores.values())
