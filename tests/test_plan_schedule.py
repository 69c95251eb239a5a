"""The plan over simulated dates: completion, missed and unfinished days, rescheduling, streaks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from interview_prep.plan.model import Plan
from interview_prep.plan.schedule import DayStatus, streak, study_date, week_status
from interview_prep.progress.plan import Activity

PLAN = Plan.model_validate({
    "title": "Test week",
    "days": [
        {"day": 1, "title": "ASR", "track": "asr", "summary": "s", "katas": ["asr-01-a"],
         "quiz": {"topics": ["asr"], "questions": 2}},
        {"day": 2, "title": "TTS", "track": "tts", "summary": "s", "quiz": {"topics": ["tts"], "questions": 2}},
        {"day": 3, "title": "Review", "track": "review", "summary": "s", "quiz": {"questions": 1}, "mock": True},
    ],
})
D0 = date(2025, 3, 3)  # a Monday


def at(day: int, hour: int = 10) -> datetime:
    """A UTC moment on study day D0 + day."""
    return datetime(D0.year, D0.month, D0.day, hour, tzinfo=UTC) + timedelta(days=day)


def status(activity: Activity, today: int, hour: int = 12):
    return week_status(PLAN, activity, D0, at(today, hour), tz=UTC)


def day1_done(day: int) -> tuple[list, list]:
    return [(at(day, 9), "asr"), (at(day, 10), "asr")], [(at(day, 11), "asr-01-a", "pass")]


def test_fresh_plan_has_day_one_due_and_the_rest_on_following_days():
    week = status(Activity(), 0)
    assert [d.status for d in week.days] == [DayStatus.DUE, DayStatus.UPCOMING, DayStatus.UPCOMING]
    assert [d.date for d in week.days] == [D0, D0 + timedelta(1), D0 + timedelta(2)]
    assert week.due.day.day == 1 and week.slips == [] and not week.complete
    assert week.streak.current == 0 and week.finish_date == D0 + timedelta(2)


def test_days_done_on_time_complete_the_week():
    reviews, attempts = day1_done(0)
    reviews += [(at(1, 9), "tts"), (at(1, 10), "tts"), (at(2, 9), "pipelines")]
    week = status(Activity(reviews, attempts, mocks=[at(2, 10)]), 2)
    assert [d.status for d in week.days] == [DayStatus.DONE] * 3
    assert [d.date for d in week.days] == [D0, D0 + timedelta(1), D0 + timedelta(2)]
    assert week.complete and week.due is None and week.next_day is None and week.slips == []
    assert week.days[2].mock_done and week.days[0].katas_passed == ["asr-01-a"]
    assert week.streak.current == 3 and week.streak.studied_today


def test_missed_days_shift_the_plan_instead_of_piling_up():
    week = status(Activity(), 3)
    assert [s.on for s in week.slips] == [D0, D0 + timedelta(1), D0 + timedelta(2)]
    assert all(s.day == 1 and s.kind == "missed" for s in week.slips) and len(week.missed) == 3
    # exactly one day is due today; the others move back three days
    assert [d.status for d in week.days].count(DayStatus.DUE) == 1 and week.due.day.day == 1
    assert [d.date for d in week.days] == [D0 + timedelta(3), D0 + timedelta(4), D0 + timedelta(5)]
    assert week.days[0].slipped == [D0, D0 + timedelta(1), D0 + timedelta(2)]


def test_a_missed_day_in_the_middle_moves_only_what_follows():
    reviews, attempts = day1_done(0)
    reviews += [(at(2, 9), "tts"), (at(2, 10), "tts")]  # nothing on day 1 (Tuesday)
    week = status(Activity(reviews, attempts), 3)
    assert [(s.on, s.day, s.kind) for s in week.slips] == [(D0 + timedelta(1), 2, "missed")]
    assert [d.status for d in week.days] == [DayStatus.DONE, DayStatus.DONE, DayStatus.DUE]
    assert [d.date for d in week.days] == [D0, D0 + timedelta(2), D0 + timedelta(3)]


def test_unfinished_day_is_not_missed_but_still_moves_the_plan():
    week = status(Activity(reviews=[(at(0), "asr")]), 1)
    assert [(s.on, s.kind, s.studied) for s in week.slips] == [(D0, "unfinished", True)]
    assert week.missed == [] and week.due.day.day == 1 and week.due.quiz_answered == 1
    assert week.due.katas_left == ["asr-01-a"]


def test_only_the_due_days_topics_count_and_only_from_the_start():
    reviews = [(at(-1), "asr"), (at(-1, 11), "asr"), (at(0, 9), "tts"), (at(0, 10), "tts"), (at(0, 11), "asr")]
    week = status(Activity(reviews, [(at(0), "asr-01-a", "pass")]), 0)
    assert week.due.day.day == 1 and week.due.quiz_answered == 1  # tts answers and pre-start answers ignored
    assert week.days[1].quiz_answered == 0


def test_kata_passed_before_the_start_counts_and_failed_attempts_do_not():
    attempts = [(at(-5), "asr-01-a", "pass")]
    week = status(Activity([(at(0, 9), "asr"), (at(0, 10), "asr")], attempts), 0)
    assert week.days[0].status is DayStatus.DONE and week.days[0].date == D0
    failing = status(Activity([(at(0, 9), "asr"), (at(0, 10), "asr")], [(at(0), "asr-01-a", "fail")]), 0)
    assert failing.due.day.day == 1 and failing.due.katas_left == ["asr-01-a"]


def test_working_ahead_finishes_days_early_and_nothing_is_due_after():
    reviews, attempts = day1_done(0)
    reviews += [(at(0, 13), "tts"), (at(0, 14), "tts")]
    week = status(Activity(reviews, attempts), 0, hour=15)
    assert [d.status for d in week.days] == [DayStatus.DONE, DayStatus.DONE, DayStatus.UPCOMING]
    assert week.due is None and week.next_day.day.day == 3 and week.next_day.date == D0 + timedelta(1)
    # the next day passes with no study: day 3 slips, nothing piles up
    later = status(Activity(reviews, attempts), 2)
    assert [(s.on, s.day) for s in later.slips] == [(D0 + timedelta(1), 3)] and later.due.day.day == 3


def test_mock_counts_only_for_a_day_that_asks_for_one():
    reviews, attempts = day1_done(0)
    early_mock = status(Activity(reviews, attempts, mocks=[at(0, 12)]), 0, hour=13)
    assert not early_mock.days[2].mock_done
    reviews += [(at(1, 9), "tts"), (at(1, 10), "tts"), (at(2, 9), "asr")]
    no_mock = status(Activity(reviews, attempts), 2)
    assert no_mock.due.day.day == 3 and no_mock.due.quiz_answered == 1 and not no_mock.due.complete
    with_mock = status(Activity(reviews, attempts, mocks=[at(2, 11)]), 2)
    assert with_mock.complete and with_mock.days[2].date == D0 + timedelta(2)


def test_rollover_hour_puts_late_night_work_on_the_evening_before():
    assert study_date(at(1, 2), UTC) == D0 and study_date(at(1, 5), UTC) == D0 + timedelta(1)
    reviews, attempts = day1_done(0)
    late = [(at(1, 2), "tts"), (at(1, 3), "tts")]  # 2-3 AM on Tuesday: still Monday's study day
    week = status(Activity(reviews + late, attempts), 1)
    assert week.days[1].status is DayStatus.DONE and week.days[1].date == D0


def test_start_in_the_future_shows_the_plan_from_its_start():
    week = week_status(PLAN, Activity(), D0 + timedelta(5), at(0), tz=UTC)
    assert week.due is None and [d.date for d in week.days][0] == D0 + timedelta(5)
    assert week.slips == []


def test_streak_counts_consecutive_study_days():
    days = {D0, D0 + timedelta(1), D0 + timedelta(3), D0 + timedelta(4)}
    today = streak(days, D0 + timedelta(4))
    assert (today.current, today.longest, today.studied_today) == (2, 2, True)
    alive = streak(days, D0 + timedelta(5))  # nothing yet today: the streak is still alive
    assert (alive.current, alive.studied_today) == (2, False)
    broken = streak(days, D0 + timedelta(6))
    assert broken.current == 0 and broken.longest == 2
    assert streak(days | {D0 + timedelta(2)}, D0 + timedelta(4)).current == 5


def test_streak_in_week_status_uses_attempts_reviews_and_mocks():
    activity = Activity([(at(0), "deployment")], [(at(1), "asr-09-x", "fail")], mocks=[at(2)])
    week = status(activity, 2)
    assert week.streak.current == 3 and week.streak.longest == 3
