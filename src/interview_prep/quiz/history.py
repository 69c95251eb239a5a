"""The review log: record an answer (review + card state in one transaction), load card
states, and rebuild every card's state by replaying the log."""

from __future__ import annotations

from datetime import datetime

from interview_prep.progress import reviews as rows
from interview_prep.progress.store import Store
from interview_prep.quiz.models import Question
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import CardState, Scheduler, as_utc, iso


def _state(row: rows.CardRow) -> CardState:
    return CardState(
        row.question_id,
        row.card_json,
        datetime.fromisoformat(row.due),
        datetime.fromisoformat(row.created_at),
    )


def _row(state: CardState) -> rows.CardRow:
    return rows.CardRow(state.question_id, state.card_json, iso(state.due), iso(state.created_at))


def load_states(store: Store) -> dict[str, CardState]:
    """Scheduling state of every question reviewed at least once, by question id."""
    return {row.question_id: _state(row) for row in rows.all_cards(store)}


def record_answer(
    store: Store,
    scheduler: Scheduler,
    question: Question,
    rating: Rating,
    *,
    correct: bool | None,
    answer: str,
    duration_s: float,
    now: datetime,
    session_id: str = "",
) -> CardState:
    """Log a review and update the card, atomically; returns the card's new state."""
    now = as_utc(now)
    with store.transaction() as db:
        current = rows.get_card(db, question.id)
        state = _state(current) if current else scheduler.new_card(question.id, now)
        new = scheduler.review(state, rating, now)
        rows.add_review(
            db,
            rows.Review(
                question.id,
                question.topic,
                iso(now),
                int(rating),
                correct,
                round(duration_s, 3),
                answer,
                session_id,
            ),
        )
        rows.put_card(db, _row(new))
    return new


def rebuild_cards(
    store: Store, scheduler: Scheduler | None = None, *, write: bool = False
) -> dict[str, CardState]:
    """Card states recomputed from the review log alone (with `write`, they replace the stored ones)."""
    scheduler = scheduler or Scheduler()
    states: dict[str, CardState] = {}
    for review in rows.reviews(store):
        when = datetime.fromisoformat(review.reviewed_at)
        state = states.get(review.question_id) or scheduler.new_card(review.question_id, when)
        states[review.question_id] = scheduler.review(state, Rating(review.rating), when)
    if write:
        with store.transaction() as db:
            for state in states.values():
                rows.put_card(db, _row(state))
    return states
