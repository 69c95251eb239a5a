"""`interview-prep quiz` and `dev check` end to end through `main()`, with a real store."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import interview_prep
from interview_prep.cli import main
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import letter
from interview_prep.quiz.shuffle import showing_seed, shuffled

FIXTURES = Path(__file__).parent / "fixtures" / "quiz"
VALID, BROKEN = str(FIXTURES / "valid"), str(FIXTURES / "broken")
HEAVY = ("torch", "transformers", "librosa", "matplotlib", "sklearn")
SEED = 7
QUESTIONS = load_bank(Path(VALID)).by_id()


def shown(question_id: str, seed: int = SEED):
    """The question as a session with `seed` shows it (choices shuffled)."""
    return shuffled(QUESTIONS[question_id], showing_seed(seed, question_id))


def right(question_id: str, seed: int = SEED) -> str:
    return ",".join(letter(i) for i in shown(question_id, seed).correct_indexes)


def wrong(question_id: str, seed: int = SEED) -> str:
    return letter(next(i for i, c in enumerate(shown(question_id, seed).choices) if not c.correct))


def stdin(*lines: str) -> io.StringIO:
    return io.StringIO("\n".join(lines) + "\n")


class CtrlCAfterInput(io.StringIO):
    """stdin that behaves like a learner pressing Ctrl-C once the given lines are used up."""

    def readline(self, *args) -> str:
        line = super().readline(*args)
        if not line:
            raise KeyboardInterrupt
        return line


def _reviews() -> list[tuple]:
    with open_store() as store:
        return [tuple(r) for r in store.query(
            "SELECT question_id, correct, rating, answer FROM reviews ORDER BY id")]


def _cards() -> set[str]:
    with open_store() as store:
        return {r[0] for r in store.query("SELECT question_id FROM cards")}


def test_full_session_records_every_answer(monkeypatch, capsys):
    # new questions come easiest first, in bank order: this is the asr topic's order
    # each answer, then Enter after its result; the open question's notes end with an empty line
    answers = [right("asr-ctc-blank"), "", "16 kHz", "", "0.5", "", "ASR", "", right("asr-wer-parts"), "",
               "30", "", "chunk with a stride", "", "4", ""]
    monkeypatch.setattr("sys.stdin", stdin(*answers))
    assert main(["quiz", "--bank", VALID, "--topic", "asr", "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Question 1/7" in out and "Question 7/7" in out
    assert "Model answer" in out and "Session summary" in out and "Session ended early" not in out
    assert "The tokenizer reuses the pad token" in out  # per-choice why
    got = {qid: (correct, rating, answer) for qid, correct, rating, answer in _reviews()}
    assert {qid: c for qid, (c, _, _) in got.items()} == {
        "asr-ctc-blank": 1, "asr-whisper-rate": 1, "asr-tiny-lr": 0, "asr-pipeline-task": 1,
        "asr-wer-parts": 1, "asr-frame-stride": 0, "asr-long-audio": None,
    }
    assert got["asr-long-audio"][1:] == (4, "chunk with a stride")
    assert got["asr-tiny-lr"][1] == 1 and got["asr-whisper-rate"][2] == "16 kHz"
    assert all(rating >= 2 for c, rating, _ in got.values() if c == 1)
    assert _cards() == set(got)


def test_unreadable_answer_asks_again(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", stdin("z", "", wrong("asr-ctc-blank")))
    assert main(["quiz", "--bank", VALID, "--tag", "ctc", "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "there is no choice 'z'" in out and "type an answer" in out
    assert _reviews() == [("asr-ctc-blank", 0, 1, wrong("asr-ctc-blank"))]


def test_eof_mid_session_keeps_answers_and_shows_summary(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", stdin(right("asr-ctc-blank"), "", "16000", ""))
    assert main(["quiz", "--bank", VALID, "--topic", "asr", "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Question 3/7" in out and "Session ended early" in out and "2 answer(s) saved" in out
    assert "Session summary" in out
    assert [r[0] for r in _reviews()] == ["asr-ctc-blank", "asr-whisper-rate"]


def test_ctrl_c_mid_session_keeps_answers(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", CtrlCAfterInput(f"{right('asr-ctc-blank')}\n\n16000\n\n1e-4\n\n"))
    assert main(["quiz", "--bank", VALID, "--topic", "asr", "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "3 answer(s) saved" in out and "Session summary" in out
    assert [r[:2] for r in _reviews()] == [("asr-ctc-blank", 1), ("asr-whisper-rate", 1), ("asr-tiny-lr", 1)]


def test_ctrl_c_while_self_rating_saves_nothing_for_that_question(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", CtrlCAfterInput("my notes\n\n"))
    assert main(["quiz", "--bank", VALID, "--tag", "design"]) == 0
    assert "Model answer" in capsys.readouterr().out
    assert _reviews() == []


def test_second_session_asks_only_whats_left(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a\n"))
    main(["quiz", "--bank", VALID, "--topic", "asr", "--limit", "1"])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    main(["quiz", "--bank", VALID, "--topic", "asr", "--due"])
    assert "Nothing to ask right now" in capsys.readouterr().out


def test_bad_bank_warns_and_continues_with_valid_questions(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", stdin("1000", "", "jiwer", ""))
    assert main(["quiz", "--bank", BROKEN, "--topic", "asr"]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "asr.yaml:21 [asr-typo-field]: questions[1].toleranse" in captured.err
    assert [r[:2] for r in _reviews()] == [("asr-good-one", 1), ("asr-good-two", 1)]


def test_list_topics(monkeypatch, capsys):
    assert main(["quiz", "--bank", VALID, "--list-topics"]) == 0
    out = capsys.readouterr().out
    assert "asr" in out and "Text to speech (fixture)" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--topic", "cooking"], "unknown topic cooking"),
    (["--tag", "nothing-has-this"], "no question tagged nothing-has-this"),
    (["--bank", "/nonexistent/quiz"], "quiz bank folder not found"),
])
def test_user_errors_are_one_clear_message(capsys, args, message):
    assert main(["quiz", "--bank", VALID, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_dev_check_command(tmp_path, capsys):
    for name, target in (("bad", BROKEN), ("good", VALID)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "quiz").symlink_to(target, target_is_directory=True)
    assert main(["dev", "check", "--only", "quiz", "--root", str(tmp_path / "bad")]) == 1
    out = capsys.readouterr().out
    assert "quiz/asr.yaml:21" in out and "toleranse" in out and "problem(s)" in out
    assert main(["dev", "check", "--only", "quiz", "--root", str(tmp_path / "good")]) == 0
    assert "all content checks pass" in capsys.readouterr().out


def test_quiz_start_up_does_not_import_heavy_libraries(tmp_path):
    """Run the CLI in a fresh interpreter up to the first question (stdin closed), then inspect sys.modules."""
    src = str(Path(interview_prep.__file__).resolve().parents[1])
    code = (
        "import sys\n"
        "from interview_prep.cli import main\n"
        f"rc = main(['quiz', '--bank', {VALID!r}, '--limit', '2'])\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print('RC', rc, 'HEAVY', heavy)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
           "INTERVIEW_PREP_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Question 1/2" in result.stdout
    assert "RC 0 HEAVY []" in result.stdout
