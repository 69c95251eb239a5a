"""Export and import of progress: identical state on a fresh store, refusal of bad files, atomicity."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from interview_prep.cli import main
from interview_prep.errors import UserError
from interview_prep.progress import katas, marks, mocks, transfer
from interview_prep.progress import plan as plan_rows
from interview_prep.progress.store import MIGRATIONS, open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler

T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)


def fill(store) -> None:
    """Progress of every kind, through the components' own writers."""
    questions = load_bank().questions[:6]
    for i, question in enumerate(questions):
        record_answer(store, Scheduler(), question, Rating(1 + i % 4), correct=bool(i % 2) if i < 5 else None,
                      answer=f"answer {i} — ü", duration_s=3.25 + i, now=T0 + timedelta(minutes=i), session_id="s1")
    record_answer(store, Scheduler(), questions[0], Rating.GOOD, correct=True, answer="a", duration_s=2.0,
                  now=T0 + timedelta(days=1), shuffle_seed=12345)
    marks.set_mark(store, questions[1].id, flagged=True, suspended=True)
    katas.record_attempt(store, "asr-03-ctc-greedy-decode", started_at="2025-03-03T10:00:00+00:00",
                         duration_s=1.5, status="fail", results_json='{"version": 3, "status": "fail"}')
    katas.reveal_hint(store, "asr-03-ctc-greedy-decode", 2)
    katas.record_attempt(store, "asr-03-ctc-greedy-decode", started_at="2025-03-03T10:05:00+00:00",
                         duration_s=2.0, status="pass", results_json='{"version": 3, "status": "pass"}')
    katas.mark_solution_viewed(store, "asr-04-wer", forced=True)
    mocks.add_result(store, "2025-03-09T09:00:00+00:00", 45, json.dumps({"version": 1, "topics": []}))
    plan_rows.set_start(store, date(2025, 3, 3))
    store.set_meta("quiz.new_per_day", "15")
    store.set_meta(katas.WORKSPACE_KEY, "/home/me/workspace")  # machine-local: not exported


def tables(store) -> dict[str, list[tuple]]:
    names = [r[0] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: [tuple(r) for r in store.query(f"SELECT * FROM {name} ORDER BY rowid")
                   if not (name == "meta" and r[0] in transfer.LOCAL_META_KEYS)] for name in names}


@pytest.fixture
def exported(tmp_path):
    with open_store(tmp_path / "a.db") as source:
        fill(source)
        summary = transfer.export_progress(source, tmp_path / "progress.json")
        state = tables(source)
    return tmp_path / "progress.json", state, summary


def test_export_then_import_into_a_fresh_store_gives_identical_state(tmp_path, exported):
    path, state, summary = exported
    assert summary.counts["reviews"] == 7 and summary.counts["attempts"] == 2 and summary.counts["mock_results"] == 1
    with open_store(tmp_path / "b.db") as target:
        result = transfer.import_progress(target, path)
        assert result.backup is None and result.counts == summary.counts
        assert tables(target) == state
        assert target.get_meta(katas.WORKSPACE_KEY) is None  # local path not carried over
        assert plan_rows.get_start(target) == date(2025, 3, 3)
        assert katas.state(target, "asr-03-ctc-greedy-decode").hints_seen == 2
    assert all(rows for name, rows in state.items())  # every table had something to carry


def test_export_file_is_versioned_json_without_local_paths(exported):
    path, _, _ = exported
    data = json.loads(path.read_text())
    assert (data["format"], data["version"], data["schema_version"]) == ("interview-prep-progress", 1, len(MIGRATIONS))
    assert {"attempts", "reviews", "cards", "kata_state", "mock_results", "meta"} <= set(data["tables"])
    assert {"key": "plan.start_date", "value": "2025-03-03"} in data["tables"]["meta"]
    assert "/home/me/workspace" not in path.read_text()


def corrupt(path, edit):
    data = json.loads(path.read_text())
    edit(data)
    data["checksum"] = transfer.checksum(data["tables"])
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_text(p.read_text()[: len(p.read_text()) // 2]), "not valid JSON"),
        (lambda p: p.write_text('{"hello": 1}'), "not an interview-prep progress export"),
        (lambda p: p.write_text(p.read_text().replace('"answer 1', '"answer X')), "checksum mismatch"),
        (lambda p: corrupt(p, lambda d: d.update(schema_version=99)), "newer interview-prep"),
        (lambda p: corrupt(p, lambda d: d.update(version=7)), "export format 7 is newer"),
        (lambda p: corrupt(p, lambda d: d["tables"]["reviews"][2].update(rating="good")),
         "tables.reviews[2].rating: Input should be a valid integer"),
        (lambda p: corrupt(p, lambda d: d["tables"]["reviews"][2].update(rating=9)),
         "tables.reviews[2].rating: expected a rating 1-4, got 9"),
        (lambda p: corrupt(p, lambda d: d["tables"]["attempts"][0].pop("status")),
         "tables.attempts[0].status: Field required"),
        (lambda p: corrupt(p, lambda d: d["tables"]["attempts"][1].update(id=d["tables"]["attempts"][0]["id"])),
         "tables.attempts[1]: UNIQUE constraint failed"),
        (lambda p: corrupt(p, lambda d: d["tables"]["cards"][0].update(due="next tuesday")),
         "tables.cards[0].due: expected an ISO 8601 time"),
        (lambda p: corrupt(p, lambda d: d["tables"].pop("reviews")), "tables.reviews: missing"),
        (lambda p: corrupt(p, lambda d: d["tables"].update(secrets=[])), "tables.secrets: unknown table"),
        (lambda p: corrupt(p, lambda d: d["tables"]["meta"][0].update(colour="red")), "colour: Extra inputs"),
    ],
)
def test_corrupt_export_is_refused_and_changes_nothing(tmp_path, exported, damage, message):
    path, _, _ = exported
    damage(path)
    with open_store(tmp_path / "b.db") as target:
        target.set_meta("quiz.rollover_hour", "5")
        before = tables(target)
        with pytest.raises(UserError) as caught:
            transfer.import_progress(target, path, replace=True)
        assert message in caught.value.message and str(path) in caught.value.message
        assert tables(target) == before


def test_existing_progress_is_only_replaced_on_request_with_a_backup(tmp_path, exported):
    path, state, _ = exported
    with open_store(tmp_path / "b.db") as target:
        katas.record_attempt(target, "asr-01-load-audio", started_at="2025-04-01T10:00:00+00:00",
                             duration_s=1.0, status="pass", results_json="{}")
        target.set_meta(katas.WORKSPACE_KEY, "/srv/ws")
        with pytest.raises(UserError, match="already has progress") as caught:
            transfer.import_progress(target, path)
        assert "--replace" in caught.value.hint
        result = transfer.import_progress(target, path, replace=True)
        assert tables(target) == state and target.get_meta(katas.WORKSPACE_KEY) == "/srv/ws"
    with open_store(result.backup) as backup:
        assert [a.kata_id for a in katas.attempts(backup)] == ["asr-01-load-audio"]


def test_a_failure_while_applying_rolls_everything_back(tmp_path, exported, monkeypatch):
    path, _, _ = exported
    with open_store(tmp_path / "b.db") as target:
        katas.record_attempt(target, "asr-01-load-audio", started_at="2025-04-01T10:00:00+00:00",
                             duration_s=1.0, status="pass", results_json="{}")
        before = tables(target)
        real = transfer._replace_tables

        def crash_midway(db, data):
            real(db, dict(list(data.items())[:3]))  # some tables already replaced...
            raise OSError("disk full")  # ...then the write fails

        monkeypatch.setattr(transfer, "_replace_tables", crash_midway)
        with pytest.raises(OSError):
            transfer.import_progress(target, path, replace=True)
        assert tables(target) == before


def test_older_export_is_upgraded_through_the_migrations(tmp_path, exported, monkeypatch):
    path, state, _ = exported
    upgrade = "ALTER TABLE reviews ADD COLUMN device TEXT NOT NULL DEFAULT 'terminal';"
    monkeypatch.setattr(transfer, "MIGRATIONS", [*transfer.MIGRATIONS, upgrade])
    with open_store(tmp_path / "b.db") as target:
        target.conn.executescript(f"BEGIN; {upgrade} PRAGMA user_version = {len(MIGRATIONS) + 1}; COMMIT;")
        transfer.import_progress(target, path)
        got = tables(target)
    assert got["reviews"] == [(*row, "terminal") for row in state["reviews"]]
    assert {k: v for k, v in got.items() if k != "reviews"} == {k: v for k, v in state.items() if k != "reviews"}


def test_cli_export_and_import(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    with open_store() as store:
        fill(store)
        state = tables(store)
    target = tmp_path / "out.json"
    assert main(["progress", "export", str(target)]) == 0
    assert "exported 2 kata attempts, 7 reviews" in capsys.readouterr().out
    monkeypatch.setenv("INTERVIEW_PREP_HOME", str(tmp_path / "other-machine"))
    assert main(["progress", "import", str(target)]) == 0
    assert "imported 2 kata attempts, 7 reviews" in capsys.readouterr().out
    with open_store() as store:
        assert tables(store) == state
    target.write_text("{not json")
    assert main(["progress", "import", str(target), "--replace"]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and "nothing was changed" in err and "Traceback" not in err


def test_settings_alone_do_not_block_an_import(tmp_path, exported):
    path, state, _ = exported
    with open_store(tmp_path / "b.db") as target:
        target.set_meta("tui.theme", "textual-light")  # opened the app once: no progress yet
        result = transfer.import_progress(target, path)
        assert result.backup is None and tables(target) == state
