"""`interview-prep quiz` card control end to end through `main()`: "I guessed", flag, suspend, tags,
multi-line notes beside the model answer, prompts that keep their lines."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_prep.cli import main
from interview_prep.progress import reviews as rows
from interview_prep.progress.marks import all_marks
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import letter
from interview_prep.quiz.history import load_states
from interview_prep.quiz.queue import Filters, build_queue
from interview_prep.quiz.shuffle import showing_seed, shuffled
from interview_prep.quiz.stats import accuracy_by_topic

VALID = Path(__file__).parent / "fixtures" / "quiz" / "valid"
SEED = 11


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")


def quiz(monkeypatch, lines: list[str], *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(["quiz", "--bank", str(VALID), "--seed", str(SEED), *args])


def right(question_id: str) -> str:
    question = load_bank(VALID).by_id()[question_id]
    return ",".join(letter(i) for i in shuffled(question, showing_seed(SEED, question_id)).correct_indexes)


def test_i_guessed_downgrades_a_right_answer(monkeypatch, capsys):
    assert quiz(monkeypatch, [right("asr-ctc-blank"), "1", ""], "--tag", "ctc") == 0
    out = capsys.readouterr().out
    assert "I guessed: 1 Again / 2 Hard" in out and "Guessed: rated Again" in out
    with open_store() as store:
        [review] = rows.reviews(store)
        state = load_states(store)["asr-ctc-blank"]
    assert (review.correct, review.rating) == (True, 1)
    assert state.phase == "learning" and (state.due - state.created_at).total_seconds() <= 600
    assert "0/1" in out.split("Session summary")[1]  # a guess is not counted as known
    with open_store() as store:
        assert [(t.answered, t.right) for t in accuracy_by_topic(store)] == [(1, 0)]  # nor in the progress plots


def test_guessing_is_not_offered_after_a_wrong_answer(monkeypatch, capsys):
    assert quiz(monkeypatch, ["?", "2", ""], "--tag", "ctc") == 0
    out = capsys.readouterr().out
    assert "I guessed" not in out and "press Enter, or type f or s" in out
    with open_store() as store:
        assert [r.rating for r in rows.reviews(store)] == [1]


def test_flag_and_suspend_in_a_session_then_list_and_unsuspend(monkeypatch, capsys):
    assert quiz(monkeypatch, ["?", "f", "s", ""], "--tag", "ctc") == 0
    out = capsys.readouterr().out
    assert "asr-ctc-blank flagged" in out and "asr-ctc-blank suspended" in out
    with open_store() as store:
        mark = all_marks(store)["asr-ctc-blank"]
    assert mark.flagged and mark.suspended
    assert main(["quiz", "--bank", str(VALID), "--list-flagged"]) == 0
    listed = capsys.readouterr().out
    assert "asr-ctc-blank" in listed and "⚑" in listed and "⏸" in listed
    # the wrong answer makes it due again within minutes, yet it is not scheduled while suspended
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    with open_store() as store:
        assert "asr-ctc-blank" not in {q.id for q in build_queue(store, load_bank(VALID), tomorrow).questions}
    assert main(["quiz", "--bank", str(VALID), "--unsuspend", "asr-ctc-blank"]) == 0
    assert "asr-ctc-blank: unsuspended" in capsys.readouterr().out
    with open_store() as store:
        flagged = build_queue(store, load_bank(VALID), tomorrow, Filters(flagged_only=True)).questions
    assert [q.id for q in flagged] == ["asr-ctc-blank"]


def test_flag_and_suspend_from_the_command_line(monkeypatch, capsys):
    assert main(["quiz", "--bank", str(VALID), "--suspend", "asr-whisper-rate", "--flag", "tts-vocoder-role"]) == 0
    with open_store() as store:
        marks = all_marks(store)
    assert marks["asr-whisper-rate"].suspended and marks["tts-vocoder-role"].flagged
    capsys.readouterr()
    assert quiz(monkeypatch, [], "--tag", "sampling-rate") == 0  # asr-whisper-rate and tts-piper-rate
    out = capsys.readouterr().out
    assert "Question 1/1" in out and "Whisper" not in out
    assert main(["quiz", "--bank", str(VALID), "--list-topics"]) == 0
    asr = next(line for line in capsys.readouterr().out.splitlines() if "│ asr " in line)
    assert [cell.strip() for cell in asr.split("│")][3:5] == ["6", "6"]  # 7 new questions, one suspended
    assert main(["quiz", "--bank", str(VALID), "--suspend", "asr-nope"]) == 2
    assert "unknown question id asr-nope" in capsys.readouterr().err


def test_list_tags(capsys):
    assert main(["quiz", "--bank", str(VALID), "--list-tags"]) == 0
    out = capsys.readouterr().out
    wav2vec2 = next(line for line in out.splitlines() if "wav2vec2" in line)
    assert "Quiz tags" in out and [cell.strip() for cell in wav2vec2.split("│")][1:4] == ["wav2vec2", "2", "asr"]


def test_open_notes_span_lines_and_sit_beside_the_model_answer(monkeypatch, capsys):
    assert quiz(monkeypatch, ["chunk it", "with a stride", "", "3", ""], "--tag", "design") == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "Your notes" in line)
    assert "Model answer" in row  # the two panels share their top line: side by side
    assert any("chunk it" in line and "Chunk with" in line for line in out.splitlines())
    with open_store() as store:
        [review] = rows.reviews(store)
    assert (review.answer, review.rating) == ("chunk it\nwith a stride", 3)


def test_prompt_keeps_its_labelled_lines(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz", "--bank", str(VALID.parent / "labelled")]) == 0
    lines = [line.strip("│ ") for line in capsys.readouterr().out.splitlines()]
    start = lines.index("Reference: do you have this jacket in medium")
    assert lines[start + 1 : start + 3] == ["Hypothesis: do you have the jacket in a medium",
                                            "What is the WER (three decimals)?"]
