"""`interview-prep plan` end to end through `main()` with a real progress store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interview_prep.cli import main
from interview_prep.kata.catalog import load_catalog
from interview_prep.plan.loader import load_plan, resolve
from interview_prep.plan.schedule import study_date
from interview_prep.progress import katas
from interview_prep.progress import plan as plan_rows
from interview_prep.progress.store import open_store, utc_now
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def today():
    return study_date(datetime.now(UTC))


def test_first_run_starts_the_plan_today(capsys):
    assert main(["plan"]) == 0
    out = capsys.readouterr().out
    assert "Your study plan starts today" in out and "due today" in out and "Audio in, text out" in out
    assert "interview-prep quiz --topic audio-fundamentals --topic asr" in out
    with open_store() as store:
        assert plan_rows.get_start(store) == today()


def test_missed_days_are_listed_and_the_week_moves_back(capsys):
    start = today() - timedelta(days=2)
    assert main(["plan", "start", "--date", start.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "day 1 missed (2 days)" in out and out.count("due today") == 1
    assert "moves back one day" in out  # the rule is stated
    with open_store() as store:
        assert plan_rows.get_start(store) == start


def test_finished_work_marks_the_day_done(capsys):
    assert main(["plan", "start", "--date", (today() - timedelta(days=1)).isoformat()]) == 0
    capsys.readouterr()
    bank = load_bank()
    day1 = resolve(load_plan(), set(load_catalog(strict=False).ids()), {q.topic for q in bank.questions}).plan.days[0]
    with open_store() as store:
        for kata in day1.katas:
            katas.record_attempt(store, kata, started_at=utc_now(), duration_s=1.0, status="pass", results_json="{}")
        for question in [q for q in bank.questions if q.topic in day1.quiz.topics][: day1.quiz.questions]:
            record_answer(store, Scheduler(), question, Rating.GOOD, correct=True, answer="a", duration_s=5,
                          now=datetime.now(UTC))
    assert main(["plan"]) == 0
    out = capsys.readouterr().out
    assert "done today" in out and "day 1 unfinished" not in out and "day 1 missed" in out
    assert "Today's day is done" in out and "1-day streak" in out


def test_bad_plan_file_is_one_clear_error(tmp_path, capsys):
    bad = tmp_path / "week.yaml"
    bad.write_text("title: W\ndays:\n  - day: 3\n    title: T\n    track: asr\n    summary: S\n    mock: true\n")
    assert main(["plan", "start", "--file", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3: days" in err and "numbered 1, 2, 3" in err and "Traceback" not in err
    with open_store() as store:
        assert plan_rows.get_start(store) is None  # nothing was written
