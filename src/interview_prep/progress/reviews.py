"""Quiz rows of the progress store: the review log (`reviews`) and FSRS card state (`cards`).

Times are ISO 8601 UTC strings (the store's format); the quiz package converts. Writers
take the connection of an open transaction so a review and its card change commit
together.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from interview_prep.progress.store import Store


@dataclass(frozen=True)
class Review:
    """One answered question: our own log, enough to rebuild every card's state."""

    question_id: str
    topic: str
    reviewed_at: str
    rating: int
    correct: bool | None
    duration_s: float
    answer: str = ""
    session_id: str = ""
    choice_order: str = ""  # bank index of each choice as shown, e.g. "2,0,1"
    shuffle_seed: int | None = None


@dataclass(frozen=True)
class CardRow:
    """Stored scheduling state of one question."""

    question_id: str
    card_json: str
    due: str
    created_at: str


def add_review(db: sqlite3.Connection, review: Review) -> int:
    """Append a review (inside the caller's transaction); returns its row id."""
    cursor = db.execute(
        "INSERT INTO reviews(question_id, topic, reviewed_at, rating, correct, duration_s, answer, "
        "session_id, choice_order, shuffle_seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            review.question_id,
            review.topic,
            review.reviewed_at,
            review.rating,
            None if review.correct is None else int(review.correct),
            review.duration_s,
            review.answer,
            review.session_id,
            review.choice_order,
            review.shuffle_seed,
        ),
    )
    return int(cursor.lastrowid or 0)


def set_rating(db: sqlite3.Connection, review_id: int, rating: int) -> None:
    """Change a logged review's rating (inside the caller's transaction): "I guessed"."""
    db.execute("UPDATE reviews SET rating = ? WHERE id = ?", (rating, review_id))


def put_card(db: sqlite3.Connection, card: CardRow) -> None:
    """Insert or replace a card's state (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO cards(question_id, card_json, due, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(question_id) DO UPDATE SET card_json = excluded.card_json, due = excluded.due",
        (card.question_id, card.card_json, card.due, card.created_at),
    )


def get_card(db: sqlite3.Connection, question_id: str) -> CardRow | None:
    row = db.execute(
        "SELECT question_id, card_json, due, created_at FROM cards WHERE question_id = ?", (question_id,)
    ).fetchone()
    return CardRow(*row) if row else None


def all_cards(store: Store) -> list[CardRow]:
    """Every card, soonest due first."""
    return [
        CardRow(*row)
        for row in store.query(
            "SELECT question_id, card_json, due, created_at FROM cards ORDER BY due, question_id"
        )
    ]


def _review(row: sqlite3.Row) -> Review:
    return Review(
        row["question_id"],
        row["topic"],
        row["reviewed_at"],
        row["rating"],
        None if row["correct"] is None else bool(row["correct"]),
        row["duration_s"],
        row["answer"],
        row["session_id"],
        row["choice_order"],
        row["shuffle_seed"],
    )


def reviews(store: Store, since: str | None = None, until: str | None = None) -> list[Review]:
    """Reviews in time order (then insertion order), optionally within [since, until)."""
    rows = store.query(
        "SELECT * FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ? ORDER BY reviewed_at, id",
        (since or "", until or "9999"),
    )
    return [_review(row) for row in rows]


def question_reviews(db: sqlite3.Connection, question_id: str) -> list[tuple[int, Review]]:
    """(row id, review) of one question, in time order."""
    rows = db.execute(
        "SELECT * FROM reviews WHERE question_id = ? ORDER BY reviewed_at, id", (question_id,)
    ).fetchall()
    return [(row["id"], _review(row)) for row in rows]


def day_counts(store: Store, start: str, end: str) -> tuple[int, int]:
    """(new cards introduced, reviews of older cards) in [start, end): what daily limits count."""
    new = store.query("SELECT COUNT(*) FROM cards WHERE created_at >= ? AND created_at < ?", (start, end))[0][
        0
    ]
    old = store.query(
        "SELECT COUNT(*) FROM reviews r JOIN cards c ON c.question_id = r.question_id "
        "WHERE r.reviewed_at >= ? AND r.reviewed_at < ? AND c.created_at < ?",
        (start, end, start),
    )[0][0]
    return int(new), int(old)
