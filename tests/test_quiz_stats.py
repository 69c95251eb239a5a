"""Review statistics: reviews per study day (rollover, empty days) and accuracy per topic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler
from interview_prep.quiz.stats import accuracy_by_topic, reviews_per_day

BANK = Path(__file__).parent / "fixtures" / "quiz" / "valid"
NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def questions():
    return load_bank(BANK).by_id()


def answer(store, question, when, *, correct, rating=None):
    rating = rating or (Rating.GOOD if correct else Rating.AGAIN)
    record_answer(
        store, Scheduler(), question, rating, correct=correct, answer="x", duration_s=3.0, now=when
    )


def test_reviews_per_day_buckets_by_study_day(questions):
    with open_store() as store:
        answer(store, questions["asr-ctc-blank"], NOW, correct=True)
        answer(store, questions["asr-wer-parts"], NOW - timedelta(hours=1), correct=False)
        # 02:30 on 9 March is before the 04:00 rollover: it belongs to 8 March's study day
        answer(store, questions["tts-vocoder-role"], datetime(2025, 3, 9, 2, 30, tzinfo=UTC), correct=True)
        # older than the window: not counted
        answer(store, questions["tts-piper-rate"], NOW - timedelta(days=30), correct=True)
        days = reviews_per_day(store, NOW, days=7, tz=UTC)
    assert [d.day for d in days] == [date(2025, 3, 4) + timedelta(days=n) for n in range(7)]
    by_day = {d.day: (d.reviews, d.right) for d in days}
    assert by_day[date(2025, 3, 10)] == (2, 1)
    assert by_day[date(2025, 3, 8)] == (1, 1)
    assert by_day[date(2025, 3, 9)] == (0, 0)
    assert sum(d.reviews for d in days) == 3


def test_reviews_per_day_follows_the_learners_rollover_hour(questions):
    with open_store() as store:
        store.set_meta("quiz.rollover_hour", "0")
        answer(store, questions["asr-ctc-blank"], datetime(2025, 3, 9, 2, 30, tzinfo=UTC), correct=True)
        days = reviews_per_day(store, NOW, days=3, tz=UTC)
    assert {d.day: d.reviews for d in days}[date(2025, 3, 9)] == 1


def test_accuracy_counts_self_rated_good_as_right(questions):
    with open_store() as store:
        answer(store, questions["asr-ctc-blank"], NOW, correct=True)
        answer(store, questions["asr-wer-parts"], NOW, correct=False)
        answer(store, questions["asr-long-audio"], NOW, correct=None, rating=Rating.GOOD)
        answer(store, questions["asr-long-audio"], NOW + timedelta(minutes=5), correct=None, rating=Rating.HARD)
        answer(store, questions["tts-vocoder-role"], NOW, correct=True)
        topics = {t.topic: t for t in accuracy_by_topic(store)}
    assert (topics["asr"].answered, topics["asr"].right) == (4, 2)
    assert topics["asr"].accuracy == pytest.approx(0.5)
    assert (topics["tts"].answered, topics["tts"].right) == (1, 1)


def test_empty_log():
    with open_store() as store:
        assert accuracy_by_topic(store) == []
        days = reviews_per_day(store, NOW, days=14, tz=UTC)
    assert len(days) == 14 and all(d.reviews == 0 for d in days)
