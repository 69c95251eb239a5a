"""Numeric answers the way people write them (percent for fractions, `2/7`, unit prefixes), and time
spent retyping an unreadable answer not lowering the rating."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_prep.cli import main
from interview_prep.progress import reviews as rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import InvalidAnswer, check_answer
from interview_prep.quiz.models import NumericQuestion, Reference
from interview_prep.quiz.rating import Rating, expected_seconds
from interview_prep.quiz.session import QuizSession

REF = [Reference(title="r", url="https://example.org")]
VALID = Path(__file__).parent / "fixtures" / "quiz" / "valid"
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)


def numeric(answer: float, tolerance: float, unit: str | None = None) -> NumericQuestion:
    return NumericQuestion(id="asr-n", kind="numeric", difficulty=1, tags=["t"], prompt="p", explanation="e",
                           references=REF, answer=answer, tolerance=tolerance, unit=unit)


@pytest.mark.parametrize(
    ("question", "answer", "correct"),
    [
        (numeric(0.286, 0.001), "28.6%", True),  # a fraction is asked: a percentage is read as one
        (numeric(0.286, 0.001), "28.6 %", True),
        (numeric(0.286, 0.001), "2/7", True),
        (numeric(0.286, 0.001), "2 / 7", True),
        (numeric(0.286, 0.001), "30%", False),
        (numeric(28.6, 0.1, "%"), "0.286", True),  # a percentage is asked: a bare fraction is read as one
        (numeric(28.6, 0.1, "%"), "28.6", True),
        (numeric(28.6, 0.1, "%"), "28.6%", True),
        (numeric(28.6, 0.1, "%"), "2/7", True),
        (numeric(28.6, 0.1, "%"), "0.3", False),
        (numeric(0.5, 0.01, "%"), "0.5", True),
        (numeric(320000, 0, "bytes"), "320 KB", True),
        (numeric(320000, 0, "bytes"), "320kB", True),
        (numeric(320000, 0, "bytes"), "0.32 MB", True),
        (numeric(320000, 0, "bytes"), "320000 bytes", True),
        (numeric(1024, 0, "bytes"), "1 KiB", True),
        (numeric(500, 1, "MB"), "0.5 GB", True),
        (numeric(1.5, 0.01, "GB"), "1500 MB", True),
        (numeric(8000, 0, "Hz"), "8 kHz", True),
    ],
)
def test_numbers_as_people_write_them(question, answer, correct):
    assert check_answer(question, answer).correct is correct


@pytest.mark.parametrize(
    ("question", "answer", "message"),
    [
        (numeric(320000, 0, "bytes"), "320 kb", "unexpected unit 'kb'"),  # kilobits are not bytes
        (numeric(0.5, 0.1), "1/0", "divide by zero"),
        (numeric(28.6, 0.1, "Hz"), "28.6%", "unexpected unit '%'"),
    ],
)
def test_unreadable_numbers_still_say_why(question, answer, message):
    with pytest.raises(InvalidAnswer, match=message):
        check_answer(question, answer)


def test_time_spent_on_a_rejected_answer_does_not_lower_the_rating():
    question = load_bank(VALID).by_id()["asr-whisper-rate"]
    quick = expected_seconds(question) / 2  # a Good answer time
    with open_store() as store:
        session = QuizSession(store, [question, question])
        with pytest.raises(InvalidAnswer):
            session.check("16 kilo-hertz", elapsed_s=quick)
        outcome = session.submit("16 kHz", duration_s=quick + 60, now=T0)  # a minute to retype it
        assert (outcome.rating, outcome.duration_s) == (Rating.GOOD, quick)
        # an empty Enter is not an answer: the clock keeps running
        with pytest.raises(InvalidAnswer):
            session.check("  ", elapsed_s=1.0)
        assert session.submit("16000", duration_s=quick + 60, now=T0).rating is Rating.HARD


def test_cli_does_not_count_retyping_time(monkeypatch, capsys):
    clock = iter([0.0, 5.0, 200.0, 200.0])  # shown, rejected at 5 s, accepted at 200 s

    monkeypatch.setattr("interview_prep.quiz.terminal.monotonic", lambda: next(clock))
    monkeypatch.setattr("sys.stdin", io.StringIO("16 kilohertz\n16 kHz\n\n"))
    assert main(["quiz", "--bank", str(VALID), "--tag", "whisper", "--limit", "1"]) == 0
    assert "unexpected unit" in capsys.readouterr().out
    with open_store() as store:
        [review] = rows.reviews(store)
    assert review.correct and review.duration_s == 5.0 and review.rating >= Rating.GOOD
