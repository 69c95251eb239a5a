"""What a mock interview of N minutes asks: conceptual questions round-robin across topics,
a few scenario (open design) questions, and one kata that fits the clock.

Budget: the kata gets its own estimate (`minutes` in kata.yaml), chosen among katas that
fit in half the session (unsolved ones first); the rest of the time goes to questions:
one scenario question per started 15 minutes of question time (1-3, about 4 minutes
each), and conceptual questions at about 1.5 minutes each (3-15).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from interview_prep.kata.catalog import Catalog, Kata
from interview_prep.quiz.bank import Bank
from interview_prep.quiz.models import OpenQuestion, Question
from interview_prep.quiz.shuffle import shuffled

MIN_MINUTES, MAX_MINUTES = 10, 180
SCENARIO_MINUTES = 4.0
CONCEPT_MINUTES = 1.5
SCENARIO_TOPIC = "retail-scenarios"


@dataclass(frozen=True)
class MockDraw:
    """The questions (conceptual first, then scenario) and the kata of one mock interview."""

    minutes: int
    questions: list[Question]
    kata: Kata | None

    @property
    def question_minutes(self) -> float:
        """Time planned for the questions (the rest is the kata's)."""
        return self.minutes - (self.kata.minutes if self.kata else 0)


def _round_robin(questions: list[Question], count: int, rng: random.Random) -> list[Question]:
    """`count` questions spread evenly over topics (each topic's order shuffled)."""
    by_topic: dict[str, list[Question]] = {}
    for question in questions:
        by_topic.setdefault(question.topic, []).append(question)
    pools = list(by_topic.values())
    for pool in pools:
        rng.shuffle(pool)
    rng.shuffle(pools)
    picked: list[Question] = []
    while len(picked) < count and any(pools):
        for pool in pools:
            if pool and len(picked) < count:
                picked.append(pool.pop())
    return picked


def pick_kata(catalog: Catalog, minutes: int, passed: set[str], rng: random.Random) -> Kata | None:
    """A kata that fits in half the session, unsolved ones preferred (None if none fits)."""
    fitting = [k for k in catalog if k.minutes <= minutes / 2]
    unsolved = [k for k in fitting if k.id not in passed]
    pool = unsolved or fitting
    return rng.choice(pool) if pool else None


def draw_mock(bank: Bank, catalog: Catalog, minutes: int, passed: set[str], seed: int) -> MockDraw:
    """Draw a mock interview (deterministic for a seed)."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        from interview_prep.errors import UserError

        raise UserError(f"a mock interview lasts {MIN_MINUTES}-{MAX_MINUTES} minutes, not {minutes}")
    rng = random.Random(seed)
    kata = pick_kata(catalog, minutes, passed, rng)
    question_time = minutes - (kata.minutes if kata else 0)
    open_questions = [q for q in bank.questions if isinstance(q, OpenQuestion)]
    preferred = [q for q in open_questions if q.topic == SCENARIO_TOPIC] or open_questions
    scenarios = min(3, max(1, -(-int(question_time) // 15)), len(preferred))
    scenario = rng.sample(preferred, scenarios)
    conceptual = [q for q in bank.questions if not isinstance(q, OpenQuestion)]
    count = int((question_time - SCENARIO_MINUTES * len(scenario)) // CONCEPT_MINUTES)
    concepts = _round_robin(conceptual, max(3, min(15, count)), rng)
    shown = [shuffled(q, rng.getrandbits(32)) for q in concepts]  # choices in a fresh order per mock
    return MockDraw(minutes, shown + scenario, kata)
