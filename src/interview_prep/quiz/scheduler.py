"""FSRS scheduling behind our own small interface, plus the study day and daily limits.

`fsrs` (v6, pinned major) is used only here: `CardState` keeps its Card as JSON, the
rest of the app sees due dates, phases and our `Rating`. Fuzzing is off so replaying the
review log (`history.rebuild_cards`) reproduces the stored state exactly. All times are
timezone-aware UTC, truncated to whole seconds (the store's time format).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import fsrs

from interview_prep.quiz.rating import Rating

DEFAULT_RETENTION = 0.9
DEFAULT_MAX_INTERVAL_DAYS = 3650
_PHASES = {fsrs.State.Learning: "learning", fsrs.State.Review: "review", fsrs.State.Relearning: "relearning"}


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC, whole seconds. Naive datetimes are refused (ambiguous)."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    """The store's time format: ISO 8601, UTC, seconds."""
    return as_utc(moment).isoformat(timespec="seconds")


def card_id_for(question_id: str) -> int:
    """Stable FSRS card id derived from the question id (fits in 53 bits)."""
    return int.from_bytes(hashlib.blake2b(question_id.encode(), digest_size=6).digest(), "big")


@dataclass(frozen=True)
class CardState:
    """Scheduling state of one question: the FSRS card (opaque JSON) and when it is due."""

    question_id: str
    card_json: str
    due: datetime
    created_at: datetime

    @property
    def _card(self) -> fsrs.Card:
        return fsrs.Card.from_json(self.card_json)

    @property
    def phase(self) -> str:
        """'learning', 'review' or 'relearning' (after a lapse)."""
        return _PHASES[self._card.state]

    @property
    def stability_days(self) -> float | None:
        return self._card.stability

    @property
    def last_review(self) -> datetime | None:
        return self._card.last_review

    def same_schedule(self, other: CardState) -> bool:
        """True when both states hold the same FSRS card (compared as data, not text)."""
        return self.question_id == other.question_id and json.loads(self.card_json) == json.loads(
            other.card_json
        )


class Scheduler:
    """Schedules reviews with FSRS; pure (no storage), every call takes `now`."""

    def __init__(
        self,
        desired_retention: float = DEFAULT_RETENTION,
        maximum_interval_days: int = DEFAULT_MAX_INTERVAL_DAYS,
    ):
        self._fsrs = fsrs.Scheduler(
            desired_retention=desired_retention, maximum_interval=maximum_interval_days, enable_fuzzing=False
        )

    def new_card(self, question_id: str, now: datetime) -> CardState:
        """A never-reviewed card, due at `now`."""
        now = as_utc(now)
        card = fsrs.Card(card_id=card_id_for(question_id), due=now)
        return CardState(question_id, card.to_json(), now, now)

    def review(self, state: CardState, rating: Rating, now: datetime) -> CardState:
        """The card's new state after a review rated `rating` at `now`."""
        card, _ = self._fsrs.review_card(state._card, fsrs.Rating(int(rating)), review_datetime=as_utc(now))
        return CardState(state.question_id, card.to_json(), as_utc(card.due), state.created_at)

    def retrievability(self, state: CardState, now: datetime) -> float:
        """Probability (0..1) that the learner recalls the answer at `now`."""
        return self._fsrs.get_card_retrievability(state._card, current_datetime=as_utc(now))


@dataclass(frozen=True)
class DailyLimits:
    """Anki-style caps per study day; the day starts at `rollover_hour` local time."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4


def day_start(now: datetime, rollover_hour: int = 4, tz: tzinfo | None = None) -> datetime:
    """Start (UTC) of the study day containing `now`; `tz` defaults to the system's local zone."""
    local = now.astimezone(tz)
    start = local.replace(hour=rollover_hour, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start.astimezone(UTC)
