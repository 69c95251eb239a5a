"""One "today" for every view: the study day.

A study day is a local calendar day that starts at the rollover hour (the quiz's
`quiz.rollover_hour`, 04:00 by default), so a session at 01:12 counts for the evening
before. The dashboard, the plan, the progress plots, the quiz limits and the mock
interview list all date things with `study_date()`, and say so with `day_starts()`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_prep.progress.store import Store

ROLLOVER_KEY = "quiz.rollover_hour"
DEFAULT_ROLLOVER_HOUR = 4


def rollover_hour(store: Store) -> int:
    """The learner's rollover hour (meta key `quiz.rollover_hour`, default 4)."""
    value = store.get_meta(ROLLOVER_KEY)
    return int(value) if value is not None else DEFAULT_ROLLOVER_HOUR


def study_date(moment: datetime, tz: tzinfo | None = None, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """The study day of `moment` (naive means UTC): its local date, where days start at `rollover_hour`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment.astimezone(tz) - timedelta(hours=rollover_hour)).date()


def today(store: Store, now: datetime, tz: tzinfo | None = None) -> date:
    """The study day of `now` with the learner's rollover hour."""
    return study_date(now, tz, rollover_hour(store))


def day_starts(hour: int) -> str:
    """'day starts 04:00': said wherever study days are shown."""
    return f"day starts {hour:02d}:00"
