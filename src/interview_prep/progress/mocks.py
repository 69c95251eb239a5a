"""Mock interview rows of the progress store (`mock_results`): one finished interview each,
and the checkpoint of an unfinished one (meta `mock.unfinished`).

The scorecard is stored as JSON; `interview_prep.mock.scorecard` defines and reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_prep.progress.store import Store


@dataclass(frozen=True)
class MockRow:
    id: int
    started_at: str
    minutes: int
    scorecard_json: str


#: meta key of the checkpoint of a running or unfinished interview (see `mock.session`)
UNFINISHED_KEY = "mock.unfinished"


def add_result(store: Store, started_at: str, minutes: int, scorecard_json: str) -> int:
    """Save a finished mock interview and drop its checkpoint (one transaction); returns its id."""
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO mock_results(started_at, minutes, scorecard_json) VALUES (?, ?, ?)",
            (started_at, int(minutes), scorecard_json),
        )
        db.execute("DELETE FROM meta WHERE key = ?", (UNFINISHED_KEY,))
    return int(cursor.lastrowid or 0)


def results(store: Store) -> list[MockRow]:
    """Every mock interview, latest first."""
    return [MockRow(*row) for row in store.query(
        "SELECT id, started_at, minutes, scorecard_json FROM mock_results ORDER BY started_at DESC, id DESC")]


def result(store: Store, mock_id: int) -> MockRow | None:
    row = store.query("SELECT id, started_at, minutes, scorecard_json FROM mock_results WHERE id = ?", (mock_id,))
    return MockRow(*row[0]) if row else None
