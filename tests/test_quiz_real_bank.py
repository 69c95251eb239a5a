"""The shipped question bank validates (the content authors' contract, QUIZ_SCHEMA.md)."""

from __future__ import annotations

from collections import Counter

from interview_prep import paths
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.models import TOPIC_PREFIXES


def test_real_bank_validates():
    bank = load_bank(paths.quiz_dir())
    assert [str(p) for p in bank.problems] == []
    count = len(bank.questions)
    assert count >= 200, f"the bank holds {count} valid questions, fewer than 200"
    assert set(bank.titles) == set(TOPIC_PREFIXES)


def test_real_bank_uses_every_kind():
    kinds = Counter(q.kind for q in load_bank(paths.quiz_dir()).questions)
    assert set(kinds) == {"single", "multi", "numeric", "text", "open"}
