"""FSRS scheduling over simulated days, the study-day boundary, daily limits, log rebuild."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from interview_prep.progress import reviews as rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import load_states, rebuild_cards, record_answer
from interview_prep.quiz.queue import Filters, build_queue, limits_from_meta
from interview_prep.quiz.rating import Rating, auto_rating, expected_seconds
from interview_prep.quiz.scheduler import DailyLimits, Scheduler, day_start

FIXTURES = Path(__file__).parent / "fixtures" / "quiz"
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC
UTC_DAY = {"tz": UTC}


@pytest.fixture
def store():
    with open_store() as opened:
        yield opened


@pytest.fixture
def many():
    return load_bank(FIXTURES / "many")


def test_good_answers_push_the_due_date_further_each_time():
    scheduler = Scheduler()
    state = scheduler.new_card("asr-q01", T0)
    assert state.due == T0 and state.phase == "learning"
    now, intervals = T0, []
    for _ in range(6):
        state = scheduler.review(state, Rating.GOOD, now)
        intervals.append(state.due - now)
        now = state.due
    assert state.phase == "review"
    review_intervals = [i for i in intervals if i >= timedelta(days=1)]
    assert len(review_intervals) >= 4
    assert review_intervals == sorted(review_intervals) and review_intervals[-1] > review_intervals[0] * 4


def test_a_lapse_comes_back_sooner():
    scheduler = Scheduler()
    state, now = scheduler.new_card("asr-q01", T0), T0
    for _ in range(5):
        state = scheduler.review(state, Rating.GOOD, now)
        now = state.due
    before = state.due - (state.last_review or now)
    lapsed = scheduler.review(state, Rating.AGAIN, now)
    assert lapsed.phase == "relearning"
    assert lapsed.due - now <= timedelta(minutes=10)
    relearned = scheduler.review(lapsed, Rating.GOOD, lapsed.due)
    assert relearned.phase == "review"
    assert relearned.due - lapsed.due < before
    assert relearned.stability_days < state.stability_days


def test_ratings_order_the_next_interval():
    scheduler = Scheduler()
    start = scheduler.new_card("asr-q01", T0)
    dues = [scheduler.review(start, rating, T0).due for rating in Rating]
    assert dues == sorted(dues) and len(set(dues)) == 4


def test_times_must_be_timezone_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        Scheduler().new_card("asr-q01", datetime(2025, 1, 1))


def test_auto_rating_from_correctness_and_time(many):
    question = many.by_id()["asr-q01"]
    expected = expected_seconds(question)
    assert auto_rating(question, False, 1.0) is Rating.AGAIN
    assert auto_rating(question, True, expected / 2) is Rating.GOOD
    assert auto_rating(question, True, expected * 1.5) is Rating.HARD
    assert auto_rating(question, True, expected / 4) is Rating.EASY


def test_expected_time_grows_with_difficulty_and_reading():
    bank = load_bank(FIXTURES / "valid").by_id()
    short, multi, design = bank["asr-whisper-rate"], bank["asr-wer-parts"], bank["asr-long-audio"]
    assert expected_seconds(short) < expected_seconds(multi) < expected_seconds(design)


def test_day_starts_at_four_in_the_morning_local_time():
    berlin = timezone(timedelta(hours=1))
    at_0359 = datetime(2025, 3, 4, 3, 59, tzinfo=berlin)
    at_0400 = datetime(2025, 3, 4, 4, 0, tzinfo=berlin)
    assert day_start(at_0359, 4, berlin) == datetime(2025, 3, 3, 3, 0, tzinfo=UTC)
    assert day_start(at_0400, 4, berlin) == datetime(2025, 3, 4, 3, 0, tzinfo=UTC)
    assert day_start(at_0400.astimezone(UTC), 4, berlin) == day_start(at_0400, 4, berlin)
    assert day_start(at_0359, 0, berlin) == datetime(2025, 3, 3, 23, 0, tzinfo=UTC)


def _answer_all(store, bank, now, rating=Rating.GOOD, **queue_args):
    queue = build_queue(store, bank, now, **queue_args)
    for question in queue.questions:
        record_answer(store, Scheduler(), question, rating, correct=rating > Rating.AGAIN, answer="x",
                      duration_s=5.0, now=now)
    return queue


def test_daily_limit_caps_new_cards_until_the_next_study_day(store, many):
    limits = DailyLimits(new_per_day=5, reviews_per_day=200, rollover_hour=4)
    first = _answer_all(store, many, T0, limits=limits, **UTC_DAY)
    assert first.new == 5 and first.held_by_new_limit == 25
    later_same_day = build_queue(store, many, T0 + timedelta(hours=12), limits=limits, **UTC_DAY)
    assert later_same_day.new == 0 and later_same_day.held_by_new_limit == 25
    # 03:59 next morning is still the same study day; 04:00 starts a new one
    assert build_queue(store, many, datetime(2025, 3, 4, 3, 59, tzinfo=UTC), limits=limits, **UTC_DAY).new == 0
    assert build_queue(store, many, datetime(2025, 3, 4, 4, 0, tzinfo=UTC), limits=limits, **UTC_DAY).new == 5


def test_day_boundary_follows_local_time(store, many):
    new_york = timezone(timedelta(hours=-5))
    limits = DailyLimits(new_per_day=3)
    evening = datetime(2025, 3, 3, 23, 0, tzinfo=new_york)  # 04:00 UTC next day
    _answer_all(store, many, evening, limits=limits, tz=new_york)
    after_midnight = datetime(2025, 3, 4, 1, 0, tzinfo=new_york)
    assert build_queue(store, many, after_midnight, limits=limits, tz=new_york).new == 0
    next_morning = datetime(2025, 3, 4, 4, 0, tzinfo=new_york)
    assert build_queue(store, many, next_morning, limits=limits, tz=new_york).new == 3


def test_daily_limit_caps_reviews(store, many):
    limits = DailyLimits(new_per_day=30, reviews_per_day=7)
    _answer_all(store, many, T0, limits=limits, **UTC_DAY)
    # learning cards first seen today are not capped by the review limit
    soon = build_queue(store, many, T0 + timedelta(hours=1), limits=limits, **UTC_DAY)
    assert soon.due == 30 and soon.new == 0
    _answer_all(store, many, T0 + timedelta(hours=1), limits=limits, **UTC_DAY)
    due_day = min(s.due for s in load_states(store).values()) + timedelta(hours=1)
    queue = build_queue(store, many, due_day, limits=limits, **UTC_DAY)
    assert queue.due == 7 and queue.held_by_review_limit == 23
    _answer_all(store, many, due_day, limits=limits, **UTC_DAY)
    assert build_queue(store, many, due_day + timedelta(minutes=5), limits=limits, **UTC_DAY).due == 0
    next_day = build_queue(store, many, due_day + timedelta(days=1), limits=limits, **UTC_DAY)
    assert next_day.due == 7


def test_due_reviews_come_before_new_cards_and_filters_apply(store, many):
    limits = DailyLimits(new_per_day=2)
    _answer_all(store, many, T0, rating=Rating.AGAIN, limits=limits, **UTC_DAY)
    queue = build_queue(store, many, T0 + timedelta(days=1), limits=limits, **UTC_DAY)
    assert [q.id for q in queue.questions] == ["asr-q01", "asr-q02", "asr-q03", "asr-q04"]
    assert (queue.due, queue.new) == (2, 2)
    only_due = build_queue(store, many, T0 + timedelta(days=1), Filters(due_only=True), limits, UTC)
    assert [q.id for q in only_due.questions] == ["asr-q01", "asr-q02"]
    capped = build_queue(store, many, T0 + timedelta(days=1), Filters(limit=3), limits, UTC)
    assert (capped.due, capped.new, len(capped.questions)) == (2, 1, 3)


def test_limits_come_from_meta(store):
    assert limits_from_meta(store) == DailyLimits(20, 200, 4)
    store.set_meta("quiz.new_per_day", "7")
    store.set_meta("quiz.rollover_hour", "5")
    assert limits_from_meta(store) == DailyLimits(7, 200, 5)


def test_rebuild_from_review_log_equals_stored_state(store, many):
    scheduler = Scheduler()
    questions = many.questions[:6]
    now = T0
    pattern = [Rating.GOOD, Rating.AGAIN, Rating.HARD, Rating.EASY, Rating.GOOD, Rating.GOOD, Rating.AGAIN]
    for day in range(40):
        for i, question in enumerate(questions):
            state = load_states(store).get(question.id)
            if state is None or state.due <= now:
                rating = pattern[(day + i) % len(pattern)]
                record_answer(store, scheduler, question, rating, correct=rating > 1, answer=str(day),
                              duration_s=3.5, now=now + timedelta(minutes=i))
        now += timedelta(days=1, minutes=7)
    stored = load_states(store)
    assert len(rows.reviews(store)) > 6 * 5
    rebuilt = rebuild_cards(store, scheduler)
    assert stored.keys() == rebuilt.keys()
    for qid, state in stored.items():
        assert state.same_schedule(rebuilt[qid])
        assert (state.due, state.created_at) == (rebuilt[qid].due, rebuilt[qid].created_at)


def test_rebuild_can_restore_lost_card_rows(store, many):
    question = many.questions[0]
    for day in range(3):
        record_answer(store, Scheduler(), question, Rating.GOOD, correct=True, answer="2", duration_s=2,
                      now=T0 + timedelta(days=day * 3))
    before = load_states(store)[question.id]
    with store.transaction() as db:
        db.execute("DELETE FROM cards")
    assert load_states(store) == {}
    rebuild_cards(store, write=True)
    after = load_states(store)[question.id]
    assert after.same_schedule(before) and after.due == before.due
