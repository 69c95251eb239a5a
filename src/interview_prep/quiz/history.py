"""The review log: record an answer (review + card state in one transaction), load card
states, and rebuild every card's state by replaying the log."""

from __future__ import annotations

from datetime import datetime

from interview_prep.progress import reviews as rows
from interview_prep.progress.store import Store
from interview_prep.quiz.models import MultiQuestion, Question, SingleQuestion
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
    shuffle_seed: int | None = None,
) -> CardState:
    """Log a review and update the card, atomically; returns the card's new state.

    For a choice question the review keeps the order its choices were shown in (`question.order`).
    """
    now = as_utc(now)
    shown = question.order if isinstance(question, SingleQuestion | MultiQuestion) else ()
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
                ",".join(map(str, shown)),
                shuffle_seed,
            ),
        )
        rows.put_card(db, _row(new))
    return new


def amend_last_rating(store: Store, scheduler: Scheduler, question_id: str, rating: Rating) -> CardState:
    """Change the rating of the question's latest review ("I guessed") and replay its card from the log."""
    with store.transaction() as db:
        logged = rows.question_reviews(db, question_id)
        if not logged:
            raise ValueError(f"{question_id} has no review to amend")
        rows.set_rating(db, logged[-1][0], int(rating))
        state = None
        for _, review in rows.question_reviews(db, question_id):
            when = datetime.fromisoformat(review.reviewed_at)
            state = scheduler.review(state or scheduler.new_card(question_id, when), Rating(review.rating), when)
        rows.put_card(db, _row(state))
    return state


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
