"""The kata commands end to end: init, list, check, hint, solution, reset, next (real grading)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_prep import paths
from interview_prep.cli import main
from interview_prep.kata.catalog import load_catalog
from interview_prep.progress import katas as progress
from interview_prep.progress.store import open_store

CTC = "asr-03-ctc-greedy-decode"


@pytest.fixture
def workspace(tmp_path, capsys):
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    capsys.readouterr()
    return root


def _solve(workspace, kata_id: str = CTC) -> None:
    kata = load_catalog(strict=False).get(kata_id)
    for name in kata.files:
        shutil.copy(kata.solution_dir / name, workspace / kata.rel_path / name)


def _state(kata_id: str = CTC) -> progress.KataState:
    with open_store() as store:
        return progress.state(store, kata_id)


def test_init_remembers_the_workspace_and_keeps_edits(workspace, capsys):
    starter = workspace / "asr" / "03-ctc-greedy-decode" / "ctc_decode.py"
    starter.write_text("# mine\n")
    assert main(["init"]) == 0  # no folder: the remembered one
    out = capsys.readouterr().out
    assert str(workspace) in out and "kept" in out and "your edits are safe" in out
    assert starter.read_text() == "# mine\n"


def test_check_starter_fails_and_records_attempt(workspace, capsys):
    assert main(["check", "asr-03"]) == 1
    out = capsys.readouterr().out
    assert "not implemented yet" in out and "✗ 0 of 8 tests passed" in out
    assert "interview-prep hint asr-03-ctc-greedy-decode" in out
    state = _state()
    assert state.status == "failed" and state.attempts == 1


def test_check_json_is_exercism_v3(workspace, capsys):
    assert main(["check", CTC, "--json", "--seed", "7"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 3 and data["status"] == "fail"
    assert {t["status"] for t in data["tests"]} == {"fail"}
    assert all("seed=7" in t["message"] for t in data["tests"])
    _solve(workspace)
    assert main(["check", CTC, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "pass"
    with open_store() as store:
        stored = [a.status for a in progress.attempts(store, CTC)]
    assert stored == ["pass", "fail"]


def test_pass_moves_on_and_unlocks_the_solution(workspace, capsys):
    assert main(["solution", CTC]) == 2
    assert "opens after you pass it" in capsys.readouterr().err
    _solve(workspace)
    assert main(["check", CTC]) == 0
    out = capsys.readouterr().out
    assert "✓ all 8 tests passed" in out
    catalog = load_catalog(strict=False)
    after = catalog.after(catalog.get(CTC))[0].id  # the kata after the one passed last
    assert f"next: {after}" in out
    assert main(["next"]) == 0
    assert f"next: {after}" in capsys.readouterr().out  # one "next kata" everywhere
    assert main(["solution", CTC]) == 0
    assert "def greedy_decode" in capsys.readouterr().out
    state = _state()
    assert state.solution_viewed and not state.solution_forced


def test_forced_solution_is_recorded(workspace, capsys):
    assert main(["solution", "asr-04-wer", "--force"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith('"""') or "def word_error_rate" in captured.out
    assert "recorded" in captured.err
    solution = load_catalog(strict=False).get("asr-04-wer").solution_dir / "word_error_rate.py"
    assert captured.out == solution.read_text()  # redirected: the plain file, no line numbers, no wrapping
    assert _state("asr-04-wer").solution_forced


def test_hints_are_revealed_in_order_and_remembered(workspace, capsys):
    hints = load_catalog(strict=False).get(CTC).hints
    assert main(["hint", CTC]) == 0
    assert "hint 1/4" in capsys.readouterr().out
    assert main(["hint", "ctc-greedy-decode"]) == 0
    out = capsys.readouterr().out
    assert "hint 2/4" in out and hints[1].split()[0] in out
    assert main(["hint", CTC, "4"]) == 0
    assert _state().hints_seen == 4
    assert main(["hint", CTC, "9"]) == 2
    assert "has hints 1 to 4" in capsys.readouterr().err
    assert main(["list", "--track", "asr"]) == 0
    assert "4/4" in capsys.readouterr().out


def test_reset_needs_confirmation_and_keeps_a_backup(workspace, capsys):
    target = workspace / "asr" / "03-ctc-greedy-decode" / "ctc_decode.py"
    target.write_text("# attempt\n")
    assert main(["reset", CTC]) == 2  # stdin is not a terminal under pytest
    assert "--yes" in capsys.readouterr().err
    assert target.read_text() == "# attempt\n"
    assert main(["reset", CTC, "--yes"]) == 0
    assert "your version: ctc_decode.py.bak-" in " ".join(capsys.readouterr().out.split())  # wraps at 80 columns
    assert target.read_bytes() == (paths.katas_dir() / "asr" / "03-ctc-greedy-decode" / "ctc_decode.py").read_bytes()
    assert [p.read_text() for p in target.parent.glob("ctc_decode.py.bak-*")] == ["# attempt\n"]


def test_list_filters_by_status(workspace, capsys):
    _solve(workspace)
    assert main(["check", CTC]) == 0
    capsys.readouterr()
    assert main(["list", "--status", "passed"]) == 0
    out = capsys.readouterr().out
    assert CTC in out and "asr-04-wer" not in out
    assert main(["list", "--status", "pending"]) == 0
    out = capsys.readouterr().out
    assert CTC not in out and "asr-04-wer" in out


def test_user_errors_are_one_clear_message(tmp_path, capsys):
    assert main(["check", "no-such-kata"]) == 2
    assert "no kata 'no-such-kata'" in capsys.readouterr().err
    assert main(["check", CTC, "--workspace", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "no kata workspace" in err and "interview-prep init" in err and "Traceback" not in err


def test_corrupt_progress_file_is_reported_not_replaced_silently(workspace, capsys):
    db = paths.data_dir() / "progress.db"
    db.write_bytes(b"this is not a database" * 100)
    assert main(["list"]) == 0
    err = capsys.readouterr().err
    assert "unreadable" in err and "moved it to" in err
    assert list(db.parent.glob("progress.db.corrupt-*"))


def test_list_piped_prints_one_whole_line_per_kata(workspace, capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    catalog = load_catalog(strict=False)
    assert [line.split("\t")[0] for line in lines] == [k.id for k in catalog]
    assert all(line.endswith(k.title) for line, k in zip(lines, catalog, strict=True))  # titles never cut


def test_failure_points_at_the_next_unseen_hint(workspace, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # no wrapping inside the message panel
    from interview_prep.kata.render import hint_pointer

    message = "wrong result\nsee hint 2: interview-prep hint asr-03-ctc-greedy-decode 2"
    assert hint_pointer(message, 3).endswith("already shown: interview-prep hint asr-03-ctc-greedy-decode 2); "
                                             "next unseen: interview-prep hint asr-03-ctc-greedy-decode")
    assert hint_pointer(message, 2).endswith("see hint 2: interview-prep hint asr-03-ctc-greedy-decode 2")
    assert "hint" not in hint_pointer(message + "\nseed=4 (replay: interview-prep check x --seed 4)", 1, hints=False)
    assert main(["hint", CTC]) == 0 and main(["hint", CTC]) == 0 and main(["hint", CTC]) == 0
    capsys.readouterr()
    assert main(["check", CTC]) == 1  # the starter: its failures point at hints 1-2, already shown
    out = capsys.readouterr().out
    assert "already shown" in out and "next unseen: interview-prep hint asr-03-ctc-greedy-decode" in out


def test_check_names_the_evidence_folder_of_a_failed_audio_test(workspace, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    variant = Path(__file__).parent / "fixtures" / "wrong_variants" / "asr-01-load-audio" / "no_resample"
    variant = variant / "load_audio.py"
    shutil.copyfile(variant, workspace / "asr" / "01-load-audio" / "load_audio.py")
    assert main(["check", "asr-01-load-audio"]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("evidence of "))
    folder = Path(line.split(": ", 1)[1].split(" (listen")[0])
    assert folder.is_dir() and list(folder.rglob("*.png")) and list(folder.rglob("*.wav"))
    assert "interview-prep play asr-01-load-audio N" in line
