"""Plan rows of the progress store: the plan's start date and file (meta) and study activity.

The plan's per-day state is not stored: it is derived from the activity (reviews, kata
attempts, finished mock interviews) and the start date, so it can never disagree with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from interview_prep.progress.store import Store

START_KEY = "plan.start_date"
FILE_KEY = "plan.file"


@dataclass(frozen=True)
class Activity:
    """Everything a learner did, as UTC times: reviews (topic), kata attempts (id, status), mocks."""

    reviews: list[tuple[datetime, str]] = field(default_factory=list)
    attempts: list[tuple[datetime, str, str]] = field(default_factory=list)
    mocks: list[datetime] = field(default_factory=list)


def get_start(store: Store) -> date | None:
    """The date the learner started the plan (None before `plan start`)."""
    value = store.get_meta(START_KEY)
    return date.fromisoformat(value) if value else None


def set_start(store: Store, start: date, plan_file: str | None = None) -> None:
    """(Re)start the plan on `start`; `plan_file` remembers a custom plan (None: the shipped week)."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (START_KEY, start.isoformat()),
        )
        if plan_file:
            db.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (FILE_KEY, plan_file),
            )
        else:
            db.execute("DELETE FROM meta WHERE key = ?", (FILE_KEY,))


def get_plan_file(store: Store) -> str | None:
    return store.get_meta(FILE_KEY)


def _time(value: str) -> datetime:
    """A stored ISO time as an aware datetime (times without a zone are UTC)."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def activity(store: Store) -> Activity:
    """All reviews, kata attempts and mock interviews, oldest first."""
    return Activity(
        reviews=[
            (_time(r[0]), r[1]) for r in store.query("SELECT reviewed_at, topic FROM reviews ORDER BY reviewed_at, id")
        ],
        attempts=[
            (_time(r[0]), r[1], r[2])
            for r in store.query("SELECT started_at, kata_id, status FROM attempts ORDER BY started_at, id")
        ],
        mocks=[_time(r[0]) for r in store.query("SELECT started_at FROM mock_results ORDER BY started_at, id")],
    )
