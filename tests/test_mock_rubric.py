"""Typed open answers in the mock interview are scored by their key points: covered and missed
points and the proposed rating are kept in the scorecard, shown in the transcript and the review,
and survive a checkpoint; the terminal proposes the rating (Enter accepts it)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from rich.console import Console

from interview_prep.cli import main
from interview_prep.kata.catalog import load_catalog
from interview_prep.mock import render
from interview_prep.mock.draw import MockDraw
from interview_prep.mock.scorecard import Spoken, history
from interview_prep.mock.session import MockInterview, draw_for
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import letter
from interview_prep.quiz.rating import Rating

BANK = load_bank()
T0 = datetime(2025, 3, 9, 9, 0, tzinfo=UTC)


def _text(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_typed_open_answer_keeps_covered_and_missed_points_and_the_proposal():
    question = BANK.by_id()["fund-wrong-rate-scenario"]
    now = [T0]
    interview = MockInterview(MockDraw(30, [question], None), lambda: now[0], seed=1)
    score = interview.score("It plays at twice the speed, so resample to 16 kHz.")
    assert score.line() == "2 of 4 key points covered" and score.proposed_rating is Rating.HARD
    now[0] += timedelta(minutes=2)
    result = interview.submit("It plays at twice the speed, so resample to 16 kHz.", Rating.GOOD)
    assert result.key_points == 4 and len(result.covered_points) == 2 and result.proposed_rating == 2
    assert result.self_rating == 3  # the learner overrode the proposal
    assert result.missed_points[0].startswith("Guard the rate")
    snapshot = interview.snapshot()
    assert snapshot["answers"][0]["missed_points"] == result.missed_points
    card = interview.finish()
    shown = _text(render.scorecard(card, 1, 4, UTC))
    assert "2/4 key points" in shown and "missed: Guard the rate" in shown
    review = _text(render.question_review(question, card.questions[0], "Audio fundamentals"))
    assert "Key points: 2 of 4 covered" in review and "✗ Accuracy stays below wideband" in review


def test_speaking_table_lists_spoken_answers():
    question = BANK.by_id()["fund-wrong-rate-scenario"]
    interview = MockInterview(MockDraw(30, [question], None), lambda: T0, seed=1)
    interview.submit("resample it", Rating.HARD)
    card = interview.finish()
    spoken = Spoken(audio="q01.wav", duration_s=42.0, speech_s=40.0, words=100, wpm=150.0,
                    long_pauses=[(10.0, 12.5)])
    card = card.model_copy(update={"questions": [card.questions[0].model_copy(update={"spoken": spoken})]})
    shown = _text(render.scorecard(card, 1, 4, UTC))
    assert "Speaking" in shown and "150" in shown and "2.5 s at 10.0 s" in shown
    assert "42.0 s · 40.0 s speaking · 100 words · 150 wpm · 1 long pause (10.0-12.5 s)" in \
        render.spoken_metrics_line(spoken)


def test_terminal_mock_proposes_the_rating_and_enter_accepts_it(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    with open_store() as store:
        draw, _ = draw_for(store, BANK, load_catalog(strict=False), 10, 5)
    lines = [""]
    for question in draw.questions:
        if question.kind == "open":
            lines += [question.model_answer.splitlines()[0], ""]  # Enter: the proposed rating
        elif question.kind in ("single", "multi"):
            lines.append(",".join(letter(i) for i in question.correct_indexes))
        else:
            lines.append("?")
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["mock", "--seed", "5", "--minutes", "10"]) == 0
    out = capsys.readouterr().out
    assert "Key points:" in out and "proposed rating" in out and "(Enter:" in out
    with open_store() as store:
        [(_, card)] = history(store)
    [result] = [q for q in card.questions if q.kind == "open"]
    assert result.key_points >= 3 and result.self_rating == result.proposed_rating
    assert not card.voice


def test_terminal_quiz_shows_key_points_and_enter_accepts_the_proposal(monkeypatch, capsys, tmp_path):
    import yaml

    from interview_prep.progress import reviews as review_rows
    from interview_prep.quiz.queue import Filters
    from interview_prep.quiz.terminal import run_quiz

    question = BANK.by_id()["fund-wrong-rate-scenario"]
    (tmp_path / "audio-fundamentals.yaml").write_text(yaml.safe_dump(
        {"topic": "audio-fundamentals", "title": "Audio", "questions": [question.model_dump()]}, sort_keys=False))
    notes = "It plays at twice the speed\nso resample to 16 kHz\nand assert the rate\n\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(notes + "\n\n"))
    console = Console(width=200, record=True, file=io.StringIO())
    assert run_quiz(Filters(), bank_dir=tmp_path, console=console, seed=1) == 0
    out = console.export_text()
    assert "3 of 4 key points covered" in out and "proposed rating: 3 Good" in out and "(Enter: 3 Good)" in out
    assert "✗ Accuracy stays below wideband audio" in out
    with open_store() as store:
        [review] = review_rows.reviews(store)
    assert review.rating == 3 and review.correct is None


def test_without_the_voice_extra_the_microphone_says_why():
    import importlib.util

    import pytest

    from interview_prep.mock.recording import microphone

    if importlib.util.find_spec("sounddevice") is not None:
        pytest.skip("the voice extra is installed here")
    available, why = microphone()
    assert not available and "interview-prep[voice]" in why
