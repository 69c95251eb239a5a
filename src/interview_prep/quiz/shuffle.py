"""Choice order: every showing of a choice question presents its options in a fresh, seeded order.

The bank lists the keyed answer anywhere (often first); a shown question is a copy whose
`choices` are permuted, so letters, checking, per-choice reasons and the expected answer
all follow the shown order with no further work. `order` (bank index of each shown choice)
and the showing's seed go to the review log, so a review can be replayed exactly.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from typing import TypeVar

from interview_prep.quiz.models import MultiQuestion, Question, SingleQuestion

Q = TypeVar("Q", bound=Question)


def new_seed() -> int:
    """A random session seed (recorded, so a session can be replayed with it)."""
    return secrets.randbits(32)


def showing_seed(session_seed: int, question_id: str) -> int:
    """The seed of one showing: the session's seed combined with the question."""
    digest = hashlib.blake2b(f"{session_seed}:{question_id}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def with_order(question: Q, order: tuple[int, ...] | list[int]) -> Q:
    """`question` with its bank choices shown in `order` (bank indexes); other kinds unchanged."""
    if not isinstance(question, SingleQuestion | MultiQuestion):
        return question
    bank = question.order
    base = [question.choices[bank.index(i)] for i in range(len(bank))]  # back to bank order
    if sorted(order) != list(range(len(base))):
        raise ValueError(f"{list(order)} is not an order of {len(base)} choices")
    shown = question.model_copy(update={"choices": [base[i] for i in order]})
    shown._order = tuple(order)
    return shown


def shuffled(question: Q, seed: int) -> Q:
    """`question` with its choices in the order `seed` gives (other kinds unchanged)."""
    if not isinstance(question, SingleQuestion | MultiQuestion):
        return question
    order = list(range(len(question.choices)))
    random.Random(seed).shuffle(order)
    return with_order(question, order)
