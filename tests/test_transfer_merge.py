"""`progress import --merge`: two machines' progress combined, card state rebuilt, conflicts reported."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from interview_prep.cli import main
from interview_prep.progress import katas, mocks, transfer
from interview_prep.progress import plan as plan_rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import load_states, rebuild_cards, record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler

T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
KATA = "asr-03-ctc-greedy-decode"


def answer(store, question, rating: Rating, at: datetime) -> None:
    record_answer(store, Scheduler(), question, rating, correct=rating >= Rating.GOOD, answer="x", duration_s=2.0,
                  now=at)


@pytest.fixture
def machines(tmp_path):
    """Laptop and desktop: the desktop started from the laptop's export, then both went on."""
    q1, q2, q3 = load_bank().questions[:3]
    with open_store(tmp_path / "laptop.db") as laptop:
        answer(laptop, q1, Rating.GOOD, T0)
        katas.record_attempt(laptop, KATA, started_at="2025-03-03T10:00:00+00:00", duration_s=1.0, status="fail",
                             results_json="{}")
        plan_rows.set_start(laptop, date(2025, 3, 3))
        transfer.export_progress(laptop, tmp_path / "laptop.json")
    with open_store(tmp_path / "desktop.db") as desktop:
        transfer.import_progress(desktop, tmp_path / "laptop.json")
        answer(desktop, q1, Rating.EASY, T0 + timedelta(days=2))
        answer(desktop, q3, Rating.AGAIN, T0 + timedelta(days=2, minutes=1))
        katas.reveal_hint(desktop, KATA, 2)
        katas.record_attempt(desktop, KATA, started_at="2025-03-05T10:00:00+00:00", duration_s=2.0, status="pass",
                             results_json="{}")
        mocks.add_result(desktop, "2025-03-05T12:00:00+00:00", 30, '{"version": 1}')
        plan_rows.set_start(desktop, date(2025, 3, 5))  # restarted the week there: a conflict
        transfer.export_progress(desktop, tmp_path / "desktop.json")
    with open_store(tmp_path / "laptop.db") as laptop:
        answer(laptop, q2, Rating.HARD, T0 + timedelta(days=1))
    return tmp_path, (q1, q2, q3)


def test_merge_unites_the_logs_rebuilds_cards_and_reports_conflicts(machines):
    tmp_path, (q1, q2, q3) = machines
    with open_store(tmp_path / "laptop.db") as laptop:
        summary = transfer.import_progress(laptop, tmp_path / "desktop.json", merge=True)
        reviews = laptop.query("SELECT question_id, reviewed_at, rating FROM reviews ORDER BY reviewed_at")
        assert [(r[0], r[2]) for r in reviews] == [(q1.id, 3), (q2.id, 2), (q1.id, 4), (q3.id, 1)]  # no duplicates
        attempts = laptop.query("SELECT status FROM attempts ORDER BY started_at")
        assert [a[0] for a in attempts] == ["fail", "pass"]
        state = katas.states(laptop)[KATA]
        assert state.status == "passed" and state.hints_seen == 2
        assert laptop.query("SELECT COUNT(*) FROM mock_results")[0][0] == 1
        assert plan_rows.get_start(laptop) == date(2025, 3, 3)  # this machine's plan kept
        stored = load_states(laptop)
        assert set(stored) == {q1.id, q2.id, q3.id}
        assert {k: s.card_json for k, s in stored.items()} == {
            k: s.card_json for k, s in rebuild_cards(laptop).items()}  # q1's card saw both machines' reviews
        assert summary.backup is not None and summary.backup.is_file()
        assert summary.counts["reviews"] == 2 and summary.counts["attempts"] == 1
    assert summary.conflicts == ("meta (key=plan.start_date): value differs; kept this machine's",)


def test_merging_the_same_export_twice_adds_nothing(machines):
    tmp_path, _ = machines
    with open_store(tmp_path / "laptop.db") as laptop:
        transfer.import_progress(laptop, tmp_path / "desktop.json", merge=True)
        before = laptop.query("SELECT COUNT(*) FROM reviews")[0][0]
        again = transfer.import_progress(laptop, tmp_path / "desktop.json", merge=True)
        assert laptop.query("SELECT COUNT(*) FROM reviews")[0][0] == before
    assert sum(again.counts.values()) == 0


def test_cli_merge_prints_what_was_added_and_the_conflicts(machines, monkeypatch, capsys):
    tmp_path, _ = machines
    monkeypatch.setattr("interview_prep.progress.store.default_path", lambda: tmp_path / "laptop.db")
    assert main(["progress", "import", str(tmp_path / "desktop.json")]) == 2
    assert "--merge" in capsys.readouterr().err
    assert main(["progress", "import", "--merge", str(tmp_path / "desktop.json")]) == 0
    out = capsys.readouterr().out
    assert "merged" in out and "2 reviews" in out and "1 conflict(s)" in out and "plan.start_date" in out
    with pytest.raises(SystemExit):
        main(["progress", "import", "--merge", "--replace", str(tmp_path / "desktop.json")])
