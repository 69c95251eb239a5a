"""Review statistics for progress views: reviews per study day, accuracy per topic, the
review forecast (from FSRS card state) and retention over time (from the review log).

An answer counts as right when it was correct and not marked "I guessed" (rated Again),
or, for a self-rated open question, when the learner rated it Good or Easy (the same rule
as a session's summary). Days are study days: they start at the learner's rollover hour,
local time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from interview_prep.progress import reviews as rows
from interview_prep.progress.days import study_date
from interview_prep.progress.store import Store
from interview_prep.quiz.queue import limits_from_meta
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import as_utc, day_start, iso


@dataclass(frozen=True)
class DayCount:
    """Reviews logged on one study day."""

    day: date
    reviews: int
    right: int


@dataclass(frozen=True)
class TopicAccuracy:
    """All answers ever given in one topic."""

    topic: str
    answered: int
    right: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True)
class ForecastDay:
    """Questions that fall due on one study day (today also counts the overdue ones)."""

    day: date
    due: int


@dataclass(frozen=True)
class RetentionDay:
    """Repeat reviews (of questions answered before) on one study day, and how many were right."""

    day: date
    reviews: int
    right: int

    @property
    def retention(self) -> float | None:
        return self.right / self.reviews if self.reviews else None


def is_right(review: rows.Review) -> bool:
    """Correct and not guessed (a right answer is rated Again only by "I guessed"), or (open
    question) self-rated Good or Easy."""
    if review.correct is None:
        return review.rating >= Rating.GOOD
    return review.correct and review.rating > Rating.AGAIN


def study_day(moment: datetime, rollover_hour: int, tz: tzinfo | None = None) -> date:
    """The local date of the study day containing `moment` (`progress.days.study_date`, used everywhere)."""
    return study_date(moment, tz, rollover_hour)


def _window(store: Store, now: datetime, tz: tzinfo | None) -> tuple[int, date]:
    """(rollover hour, today's study day)."""
    rollover = limits_from_meta(store).rollover_hour
    return rollover, study_day(as_utc(now), rollover, tz)


def reviews_per_day(store: Store, now: datetime, days: int = 14, tz: tzinfo | None = None) -> list[DayCount]:
    """One entry per study day, oldest first, ending with today (days without reviews count 0)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    rollover, today = _window(store, now, tz)
    labels = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    # one spare day on each side absorbs daylight-saving shifts; the labels filter exactly
    since = day_start(as_utc(now), rollover, tz) - timedelta(days=days)
    until = day_start(as_utc(now), rollover, tz) + timedelta(days=2)
    counts: Counter[date] = Counter()
    right: Counter[date] = Counter()
    for review in rows.reviews(store, since=iso(since), until=iso(until)):
        day = study_day(datetime.fromisoformat(review.reviewed_at), rollover, tz)
        counts[day] += 1
        right[day] += is_right(review)
    return [DayCount(day, counts[day], right[day]) for day in labels]


def accuracy_by_topic(store: Store) -> list[TopicAccuracy]:
    """Answers and right answers per topic over the whole review log, by topic name."""
    answered: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for review in rows.reviews(store):
        answered[review.topic] += 1
        right[review.topic] += is_right(review)
    return [TopicAccuracy(topic, answered[topic], right[topic]) for topic in sorted(answered)]


def review_forecast(store: Store, now: datetime, days: int = 14, tz: tzinfo | None = None) -> list[ForecastDay]:
    """Questions due per study day from today on (`days` entries), from the stored FSRS card state.

    Overdue questions count today; questions never answered have no card and are not counted.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    rollover, today = _window(store, now, tz)
    due: Counter[date] = Counter()
    for card in rows.all_cards(store):
        due[max(today, study_day(datetime.fromisoformat(card.due), rollover, tz))] += 1
    return [ForecastDay(today + timedelta(days=n), due[today + timedelta(days=n)]) for n in range(days)]


def retention_per_day(store: Store, now: datetime, days: int = 14, tz: tzinfo | None = None) -> list[RetentionDay]:
    """Share of repeat reviews answered right per study day, oldest first, ending with today.

    A first answer to a question is learning, not recall, so it is left out (Anki's "true
    retention"); FSRS schedules for `scheduler.DEFAULT_RETENTION` (90 %).
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    rollover, today = _window(store, now, tz)
    labels = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    seen: set[str] = set()
    counts: Counter[date] = Counter()
    right: Counter[date] = Counter()
    for review in rows.reviews(store):
        if review.question_id in seen:
            day = study_day(datetime.fromisoformat(review.reviewed_at), rollover, tz)
            counts[day] += 1
            right[day] += is_right(review)
        seen.add(review.question_id)
    return [RetentionDay(day, counts[day], right[day]) for day in labels]
