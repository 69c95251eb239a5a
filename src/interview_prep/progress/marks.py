"""Card marks of the progress store (`card_marks`): flagged and suspended questions.

A mark exists for any question id, reviewed or not, so a question can be suspended before
it is ever asked. Suspended questions are never scheduled until unsuspended.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_prep.progress.store import Store, utc_now


@dataclass(frozen=True)
class Mark:
    """A question's flag and suspension."""

    question_id: str
    flagged: bool = False
    suspended: bool = False


def all_marks(store: Store) -> dict[str, Mark]:
    """Every question with a flag or a suspension, by id."""
    rows = store.query(
        "SELECT question_id, flagged, suspended FROM card_marks WHERE flagged OR suspended ORDER BY question_id"
    )
    return {r[0]: Mark(r[0], bool(r[1]), bool(r[2])) for r in rows}


def suspended_ids(store: Store) -> frozenset[str]:
    """Ids of the suspended questions."""
    return frozenset(qid for qid, mark in all_marks(store).items() if mark.suspended)


def get_mark(store: Store, question_id: str) -> Mark:
    return all_marks(store).get(question_id) or Mark(question_id)


def set_mark(
    store: Store, question_id: str, *, flagged: bool | None = None, suspended: bool | None = None
) -> Mark:
    """Set the flag and/or the suspension of a question (None leaves it as is); returns the new mark."""
    current = get_mark(store, question_id)
    mark = Mark(
        question_id,
        current.flagged if flagged is None else flagged,
        current.suspended if suspended is None else suspended,
    )
    with store.transaction() as db:
        db.execute(
            "INSERT INTO card_marks(question_id, flagged, suspended, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(question_id) DO UPDATE SET flagged = excluded.flagged, "
            "suspended = excluded.suspended, updated_at = excluded.updated_at",
            (question_id, int(mark.flagged), int(mark.suspended), utc_now()),
        )
    return mark
