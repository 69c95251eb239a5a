"""Kata rows of the progress store: attempts and per-kata state (`attempts`, `kata_state`).

Every write is one transaction: an attempt and the kata's new status commit together.
A kata's `status` is its latest verdict (`pending` until graded, then `passed` or
`failed`); `first_passed_at` remembers that it was ever solved (it unlocks the solution).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_prep.progress.store import Store, utc_now

if TYPE_CHECKING:
    from interview_prep.kata.results import Results

WORKSPACE_KEY = "kata.workspace"
STATUSES = ("pending", "failed", "passed")


@dataclass(frozen=True)
class KataState:
    """What the learner has done with one kata."""

    kata_id: str
    status: str = "pending"
    hints_seen: int = 0
    solution_viewed: bool = False
    solution_forced: bool = False
    first_passed_at: str | None = None
    attempts: int = 0

    @property
    def ever_passed(self) -> bool:
        return self.first_passed_at is not None


@dataclass(frozen=True)
class Attempt:
    id: int
    kata_id: str
    started_at: str
    duration_s: float
    status: str
    hints_used: int


def _touch(db: sqlite3.Connection, kata_id: str) -> None:
    db.execute(
        "INSERT INTO kata_state(kata_id, updated_at) VALUES (?, ?) ON CONFLICT(kata_id) DO NOTHING",
        (kata_id, utc_now()),
    )


def states(store: Store) -> dict[str, KataState]:
    """State of every kata that has any (katas never touched are absent: pending)."""
    attempts = {
        row["kata_id"]: row["n"] for row in store.query("SELECT kata_id, COUNT(*) AS n FROM attempts GROUP BY kata_id")
    }
    result = {}
    for row in store.query("SELECT * FROM kata_state"):
        result[row["kata_id"]] = KataState(
            kata_id=row["kata_id"],
            status=row["status"],
            hints_seen=row["hints_seen"],
            solution_viewed=bool(row["solution_viewed"]),
            solution_forced=bool(row["solution_forced"]),
            first_passed_at=row["first_passed_at"],
            attempts=attempts.get(row["kata_id"], 0),
        )
    return result


def passed_ids(store: Store) -> set[str]:
    """Ids of the katas whose latest verdict is a pass."""
    return {kata_id for kata_id, s in states(store).items() if s.status == "passed"}


def state(store: Store, kata_id: str) -> KataState:
    """State of one kata (a fresh pending state if it was never touched)."""
    return states(store).get(kata_id, KataState(kata_id))


def record_attempt(
    store: Store, kata_id: str, *, started_at: str, duration_s: float, status: str, results_json: str
) -> int:
    """Log a graded attempt and update the kata's status, atomically; returns the attempt id.

    `status` is the results status (pass, fail or error); hints used are taken from the
    kata's state at this moment.
    """
    if status not in ("pass", "fail", "error"):
        raise ValueError(f"unknown attempt status {status!r}")
    now = utc_now()
    with store.transaction() as db:
        _touch(db, kata_id)
        hints = db.execute("SELECT hints_seen FROM kata_state WHERE kata_id = ?", (kata_id,)).fetchone()[0]
        cursor = db.execute(
            "INSERT INTO attempts(kata_id, started_at, duration_s, status, hints_used, results_json) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (kata_id, started_at, float(duration_s), status, hints, results_json),
        )
        passed = status == "pass"
        db.execute(
            "UPDATE kata_state SET status = ?, updated_at = ?, "
            "first_passed_at = COALESCE(first_passed_at, CASE WHEN ? THEN ? END) WHERE kata_id = ?",
            ("passed" if passed else "failed", now, passed, now, kata_id),
        )
    return int(cursor.lastrowid or 0)


def record_results(store: Store, kata_id: str, results: Results, started_at: str) -> int:
    """Log a grading run's results as an attempt (see `record_attempt`)."""
    return record_attempt(
        store,
        kata_id,
        started_at=started_at,
        duration_s=results.duration_s,
        status=str(results.status),
        results_json=results.to_json(),
    )


def attempts(store: Store, kata_id: str | None = None, limit: int = 50) -> list[Attempt]:
    """Latest attempts first (of one kata, or of all)."""
    where, params = ("WHERE kata_id = ?", (kata_id, limit)) if kata_id else ("", (limit,))
    rows = store.query(
        f"SELECT id, kata_id, started_at, duration_s, status, hints_used FROM attempts {where} "
        "ORDER BY id DESC LIMIT ?",
        params,
    )
    return [Attempt(**dict(row)) for row in rows]


def reveal_hint(store: Store, kata_id: str, number: int) -> int:
    """Remember that hints up to `number` were seen; returns the hints seen now."""
    with store.transaction() as db:
        _touch(db, kata_id)
        db.execute(
            "UPDATE kata_state SET hints_seen = MAX(hints_seen, ?), updated_at = ? WHERE kata_id = ?",
            (int(number), utc_now(), kata_id),
        )
        return int(db.execute("SELECT hints_seen FROM kata_state WHERE kata_id = ?", (kata_id,)).fetchone()[0])


def mark_solution_viewed(store: Store, kata_id: str, forced: bool) -> None:
    """Record that the reference solution was shown (`forced`: before any pass)."""
    with store.transaction() as db:
        _touch(db, kata_id)
        db.execute(
            "UPDATE kata_state SET solution_viewed = 1, solution_forced = MAX(solution_forced, ?), "
            "updated_at = ? WHERE kata_id = ?",
            (int(forced), utc_now(), kata_id),
        )


def mark_reset(store: Store, kata_id: str) -> None:
    """A reset kata is pending again (its attempts, hints and first pass are kept)."""
    with store.transaction() as db:
        _touch(db, kata_id)
        db.execute("UPDATE kata_state SET status = 'pending', updated_at = ? WHERE kata_id = ?", (utc_now(), kata_id))
