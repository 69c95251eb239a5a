"""Review statistics for progress views: reviews per study day and accuracy per topic.

An answer counts as right when it was correct, or, for a self-rated open question, when
the learner rated it Good or Easy (the same rule as a session's summary). Days are study
days: they start at the learner's rollover hour, local time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from interview_prep.progress import reviews as rows
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


def is_right(review: rows.Review) -> bool:
    """Correct, or (open question) self-rated Good or Easy."""
    return bool(review.correct) if review.correct is not None else review.rating >= Rating.GOOD


def study_day(moment: datetime, rollover_hour: int, tz: tzinfo | None = None) -> date:
    """The local date of the study day containing `moment`."""
    return day_start(moment, rollover_hour, tz).astimezone(tz).date()


def reviews_per_day(store: Store, now: datetime, days: int = 14, tz: tzinfo | None = None) -> list[DayCount]:
    """One entry per study day, oldest first, ending with today (days without reviews count 0)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    rollover = limits_from_meta(store).rollover_hour
    today = study_day(as_utc(now), rollover, tz)
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
