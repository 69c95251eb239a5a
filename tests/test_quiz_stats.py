"""Review statistics: reviews per study day (rollover, empty days), accuracy per topic, the review
forecast and retention over time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import load_states, record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler
from interview_prep.quiz.stats import accuracy_by_topic, retention_per_day, review_forecast, reviews_per_day

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


def test_forecast_counts_each_card_on_the_study_day_it_falls_due(questions):
    with open_store() as store:
        # answered right 20 days ago: FSRS set a due date some days later, now overdue -> today
        answer(store, questions["asr-ctc-blank"], NOW - timedelta(days=20), correct=True)
        answer(store, questions["asr-wer-parts"], NOW, correct=True)  # first Good: a learning step, today
        answer(store, questions["asr-long-audio"], NOW, correct=False)  # Again: due again today
        answer(store, questions["tts-vocoder-role"], NOW, correct=True, rating=Rating.EASY)  # straight to review
        easy_due = load_states(store)["tts-vocoder-role"].due
        forecast = review_forecast(store, NOW, days=14, tz=UTC)
    assert [f.day for f in forecast] == [date(2025, 3, 10) + timedelta(days=n) for n in range(14)]
    assert easy_due > NOW + timedelta(days=2)
    easy_day = (easy_due - timedelta(hours=4)).date()  # the 04:00 rollover, UTC
    assert {f.day: f.due for f in forecast if f.due} == {date(2025, 3, 10): 3, easy_day: 1}


def test_forecast_leaves_out_cards_due_after_the_window(questions):
    with open_store() as store:
        answer(store, questions["asr-ctc-blank"], NOW, correct=True, rating=Rating.EASY)
        due = load_states(store)["asr-ctc-blank"].due
        assert sum(f.due for f in review_forecast(store, NOW, days=(due - NOW).days + 2, tz=UTC)) == 1
        assert sum(f.due for f in review_forecast(store, NOW, days=(due - NOW).days - 1, tz=UTC)) == 0


def test_retention_counts_only_repeat_reviews(questions):
    with open_store() as store:
        first = NOW - timedelta(days=3)
        answer(store, questions["asr-ctc-blank"], first, correct=False)  # first answers: not recall
        answer(store, questions["asr-wer-parts"], first, correct=True)
        answer(store, questions["asr-ctc-blank"], NOW - timedelta(days=1), correct=True)
        answer(store, questions["asr-ctc-blank"], NOW, correct=False)
        answer(store, questions["asr-wer-parts"], NOW, correct=True)
        answer(store, questions["asr-long-audio"], NOW, correct=None, rating=Rating.GOOD)  # first: left out
        days = retention_per_day(store, NOW, days=4, tz=UTC)
    assert [(d.day, d.reviews, d.right) for d in days] == [
        (date(2025, 3, 7), 0, 0), (date(2025, 3, 8), 0, 0), (date(2025, 3, 9), 1, 1), (date(2025, 3, 10), 2, 1),
    ]
    assert days[0].retention is None and days[-1].retention == pytest.approx(0.5)


def test_empty_forecast_and_retention():
    with open_store() as store:
        assert [f.due for f in review_forecast(store, NOW, days=3, tz=UTC)] == [0, 0, 0]
        assert [d.reviews for d in retention_per_day(store, NOW, days=3, tz=UTC)] == [0, 0, 0]
