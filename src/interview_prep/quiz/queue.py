"""What to ask now: filter the bank, take due cards then new ones, within the daily limits.

Due means: learning/relearning cards whose step has elapsed, and review cards due before
the end of the study day (as in Anki). Cards first seen today are exempt from the review
limit. Due cards come first (learning steps, then most overdue), then new cards, easiest
first, in curriculum order. Suspended questions are never asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from interview_prep.errors import UserError
from interview_prep.progress import reviews as rows
from interview_prep.progress.marks import Mark, all_marks
from interview_prep.progress.store import Store
from interview_prep.quiz.bank import Bank
from interview_prep.quiz.history import load_states
from interview_prep.quiz.models import Question
from interview_prep.quiz.scheduler import CardState, DailyLimits, as_utc, day_start, iso

META_KEYS = {
    "new_per_day": "quiz.new_per_day",
    "reviews_per_day": "quiz.reviews_per_day",
    "rollover_hour": "quiz.rollover_hour",
}


@dataclass(frozen=True)
class Filters:
    """Which questions a session draws from. Empty tuples mean no restriction."""

    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    due_only: bool = False
    limit: int | None = None
    flagged_only: bool = False


@dataclass
class Queue:
    """The questions to ask, in order, and why others were held back."""

    questions: list[Question] = field(default_factory=list)
    due: int = 0
    new: int = 0
    held_by_review_limit: int = 0
    held_by_new_limit: int = 0
    next_due: datetime | None = None


def limits_from_meta(store: Store) -> DailyLimits:
    """Daily limits, overridable per learner through the meta table (keys in META_KEYS)."""
    values = {
        name: int(value) for name, key in META_KEYS.items() if (value := store.get_meta(key)) is not None
    }
    return DailyLimits(**values)


def is_due(state: CardState, now: datetime, day_end: datetime) -> bool:
    """Learning steps are due when elapsed; review cards anytime on the day they fall due."""
    return state.due <= now if state.phase != "review" else state.due < day_end


def select(
    questions: Iterable[Question], topics: Iterable[str] = (), tags: Iterable[str] = ()
) -> list[Question]:
    """Questions in any of `topics` carrying any of `tags`; unknown names are user errors."""
    questions = list(questions)
    topics, tags = set(topics), {t.lower() for t in tags}
    known_topics = {q.topic for q in questions}
    if unknown := topics - known_topics:
        raise UserError(
            f"unknown topic {', '.join(sorted(unknown))}",
            hint=f"choose from: {', '.join(sorted(known_topics))}",
        )
    picked = [q for q in questions if (not topics or q.topic in topics) and (not tags or tags & set(q.tags))]
    if tags and not picked:
        raise UserError(
            f"no question tagged {', '.join(sorted(tags))}"
            + (f" in {', '.join(sorted(topics))}" if topics else ""),
            hint="`interview-prep quiz --list-topics` shows topics; tags are in the bank files",
        )
    return picked


def plan_queue(
    questions: list[Question],
    states: dict[str, CardState],
    now: datetime,
    filters: Filters,
    limits: DailyLimits,
    done_today: tuple[int, int],
    tz: tzinfo | None = None,
    marks: dict[str, Mark] | None = None,
) -> Queue:
    """Order today's questions (pure: the caller supplies states, today's counts and card marks)."""
    now = as_utc(now)
    start = day_start(now, limits.rollover_hour, tz)
    end = start + timedelta(days=1)
    marks = marks or {}
    pool = [
        q
        for q in select(questions, filters.topics, filters.tags)
        if not (mark := marks.get(q.id, Mark(q.id))).suspended and (mark.flagged or not filters.flagged_only)
    ]
    queue = Queue()
    reviewed = [(q, states[q.id]) for q in pool if q.id in states]
    due = sorted(
        ((q, s) for q, s in reviewed if is_due(s, now, end)),
        key=lambda qs: (qs[1].phase == "review", qs[1].due),
    )
    reviews_left = max(0, limits.reviews_per_day - done_today[1])
    for question, state in due:
        if state.created_at >= start:
            queue.questions.append(question)
        elif reviews_left > 0:
            queue.questions.append(question)
            reviews_left -= 1
        else:
            queue.held_by_review_limit += 1
    queue.due = len(queue.questions)
    if not filters.due_only:
        # sorted() is stable: equal difficulties keep bank (curriculum) order
        new = sorted((q for q in pool if q.id not in states), key=lambda q: q.difficulty)
        new_left = max(0, limits.new_per_day - done_today[0])
        queue.questions += new[:new_left]
        queue.new = min(len(new), new_left)
        queue.held_by_new_limit = len(new) - queue.new
    if filters.limit is not None:
        queue.questions = queue.questions[: filters.limit]
        queue.due = min(queue.due, len(queue.questions))
        queue.new = len(queue.questions) - queue.due
    upcoming = [s.due for q, s in reviewed if not is_due(s, now, end)]
    queue.next_due = min(upcoming, default=None)
    return queue


def build_queue(
    store: Store,
    bank: Bank,
    now: datetime,
    filters: Filters | None = None,
    limits: DailyLimits | None = None,
    tz: tzinfo | None = None,
) -> Queue:
    """Today's queue for the learner in `store` (limits default to the learner's settings)."""
    filters = filters or Filters()
    limits = limits or limits_from_meta(store)
    start = day_start(as_utc(now), limits.rollover_hour, tz)
    counts = rows.day_counts(store, iso(start), iso(start + timedelta(days=1)))
    return plan_queue(bank.questions, load_states(store), now, filters, limits, counts, tz, all_marks(store))


@dataclass(frozen=True)
class TopicOverview:
    """How much of one topic is new, due today, or learned and not yet due."""

    topic: str
    title: str
    total: int
    new: int
    due: int


def overview(
    bank: Bank,
    states: dict[str, CardState],
    now: datetime,
    limits: DailyLimits | None = None,
    tz: tzinfo | None = None,
    suspended: frozenset[str] = frozenset(),
) -> list[TopicOverview]:
    """Per-topic counts in curriculum order (daily limits not applied, suspended questions left out)."""
    limits = limits or DailyLimits()
    end = day_start(as_utc(now), limits.rollover_hour, tz) + timedelta(days=1)
    result = []
    for topic in bank.topics:
        ids = [q.id for q in bank.questions if q.topic == topic and q.id not in suspended]
        seen = [states[i] for i in ids if i in states]
        result.append(
            TopicOverview(
                topic,
                bank.titles[topic],
                len(ids),
                len(ids) - len(seen),
                sum(is_due(s, as_utc(now), end) for s in seen),
            )
        )
    return result


@dataclass(frozen=True)
class TagOverview:
    """One tag: how many questions carry it, and in which topics."""

    tag: str
    questions: int
    topics: tuple[str, ...]


def tag_overview(bank: Bank) -> list[TagOverview]:
    """Every tag of the bank, most used first (then alphabetical)."""
    found: dict[str, list[Question]] = {}
    for question in bank.questions:
        for tag in question.tags:
            found.setdefault(tag, []).append(question)
    rows = [
        TagOverview(tag, len(qs), tuple(t for t in bank.topics if any(q.topic == t for q in qs)))
        for tag, qs in found.items()
    ]
    return sorted(rows, key=lambda row: (-row.questions, row.tag))
