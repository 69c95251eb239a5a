"""`interview-prep mock`, `mock list` and `mock show` through `main()` with a real store."""

from __future__ import annotations

import io

import pytest

from interview_prep.cli import main
from interview_prep.kata.catalog import load_catalog
from interview_prep.mock.scorecard import history
from interview_prep.mock.session import draw_for
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import letter


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def scripted_answers(seed: int, minutes: int) -> tuple[list[str], object]:
    """Start, answer every question (first one right, the rest "?"), give up the kata."""
    with open_store() as store:
        draw, _ = draw_for(store, load_bank(), load_catalog(strict=False), minutes, seed)
    lines = [""]
    for index, question in enumerate(draw.questions):
        if question.kind == "open":
            lines += ["my notes", "3"]
        elif index == 0 and question.kind in ("single", "multi"):
            lines.append(",".join(letter(i) for i in question.correct_indexes))
        else:
            lines += ["zzz-not-a-choice"] if question.kind in ("single", "multi") else []
            lines.append("?")
    return lines + ["q"], draw


def test_mock_runs_to_a_saved_scorecard(monkeypatch, capsys):
    lines, draw = scripted_answers(seed=4, minutes=45)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["mock", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "Mock interview · 45 minutes" in out and "do not change your review schedule" in out
    assert "left" in out and f"Question {len(draw.questions)}/{len(draw.questions)}" in out
    assert "there is no choice" in out  # an unreadable answer is asked again, not scored
    assert "Time used:" in out and "Saved as mock interview #1" in out
    with open_store() as store:
        [(mock_id, card)] = history(store)
        assert store.query("SELECT COUNT(*) FROM reviews")[0][0] == 0
    scenarios = sum(q.kind == "open" for q in draw.questions)
    assert card.credited == 1 + scenarios and card.asked == len(draw.questions)
    assert card.kata.status == "not attempted" and card.kata.id == draw.kata.id and card.ended_early
    assert main(["mock", "show"]) == 0
    shown = capsys.readouterr().out
    assert "Mock interview #1" in shown and f"{card.credited}" in shown and "not attempted" in shown
    assert main(["mock", "list"]) == 0
    assert "Mock interviews" in capsys.readouterr().out


def test_ctrl_c_before_the_start_saves_nothing(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["mock", "--minutes", "20"]) == 0
    assert "No interview started" in capsys.readouterr().out
    with open_store() as store:
        assert history(store) == []


def test_bad_arguments_and_unknown_ids_are_clear_errors(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["mock", "--minutes", "500"])
    assert exited.value.code == 2 and "choose 10-180 minutes" in capsys.readouterr().err
    assert main(["mock", "show", "7"]) == 2
    assert "no mock interview #7" in capsys.readouterr().err
    assert main(["mock", "list"]) == 0 and "No mock interview yet" in capsys.readouterr().out


def unfinished_checkpoint(seed: int = 4) -> str:
    """An interview left after one answer (as a closed terminal or a quit app leaves it); its first question id."""
    from datetime import UTC, datetime

    from interview_prep.mock.session import MockInterview, save_unfinished

    with open_store() as store:
        draw, _ = draw_for(store, load_bank(), load_catalog(strict=False), 45, seed)
        interview = MockInterview(draw, lambda: datetime.now(UTC), seed, {})
        interview.submit("?")
        save_unfinished(store, interview)
    return draw.questions[0].id


def test_an_unfinished_interview_is_offered_and_resumed(monkeypatch, capsys):
    first = unfinished_checkpoint()
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))  # Enter: resume; then the input ends (Ctrl-D)
    assert main(["mock"]) == 0
    out = capsys.readouterr().out
    assert "An unfinished mock interview: 1 of" in out and "Question 2/" in out and "Saved as mock interview #1" in out
    with open_store() as store:
        [(_, card)] = history(store)
    assert card.questions[0].id == first and card.questions[0].answered and card.ended_early


def test_declining_saves_the_unfinished_scorecard_then_offers_a_new_one(monkeypatch, capsys):
    unfinished_checkpoint()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["mock"]) == 0
    out = capsys.readouterr().out
    assert "Saved as mock interview #1" in out and "No interview started" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["mock"]) == 0
    assert "unfinished" not in capsys.readouterr().out  # the checkpoint went with the saved scorecard


def test_review_these_names_questions_and_show_question_opens_one(monkeypatch, capsys):
    first = unfinished_checkpoint()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    main(["mock"])
    out = capsys.readouterr().out
    assert "Transcript" in out and f"interview-prep mock show 1 --question {first}" in out
    assert main(["mock", "show", "1", "--question", first]) == 0
    shown = capsys.readouterr().out
    assert "Your answer: ?" in shown and ("Right answer:" in shown or "Model answer:" in shown)
    assert main(["mock", "show", "1", "--question", "nope-001"]) == 2
    assert "did not ask nope-001" in capsys.readouterr().err
