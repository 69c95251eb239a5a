"""A YAML syntax error costs only the question it is in: one exact line and column, and a plain
statement of what was skipped (the question, or the whole file when the error is outside the list)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from interview_prep.cli import main
from interview_prep.dev.checks import quiz_bank
from interview_prep.quiz.bank import load_bank

REAL_ASR = Path(__file__).resolve().parents[1] / "quiz" / "asr.yaml"


def _question(qid: str, prompt: str = "What is it?") -> str:
    return (
        f"  - id: {qid}\n    kind: text\n    difficulty: 1\n    tags: [t]\n    prompt: {prompt}\n"
        "    accepted: [x]\n    explanation: E.\n    references: [{title: T, url: 'https://example.org'}]\n"
    )


def _write(folder: Path, text: str) -> Path:
    (folder / "asr.yaml").write_text(text, encoding="utf-8")
    return folder


def test_questions_before_and_after_a_broken_one_still_load(tmp_path):
    text = "topic: asr\ntitle: T\nquestions:\n" + _question("asr-one") + _question("asr-two")
    text = text.replace("  - id: asr-two\n    kind: text\n", "  - id: asr-two\n    kind: text\n   oops: [\n")
    text += _question("asr-three")
    bank = load_bank(_write(tmp_path, text))
    assert [q.id for q in bank.questions] == ["asr-one", "asr-three"]
    [problem] = bank.problems
    assert (problem.line, problem.column, problem.question_id) == (14, 4, "asr-two")
    assert "skipped this question (lines 12-20), the rest of the file was loaded" in problem.message
    assert bank.by_id()["asr-three"].location == "asr.yaml:21"  # line numbers unchanged by the recovery


def test_an_error_outside_the_question_list_skips_the_whole_file_and_says_so(tmp_path):
    bank = load_bank(_write(tmp_path, 'topic: asr\ntitle: "T\nquestions:\n' + _question("asr-one")))
    assert bank.questions == []
    [problem] = bank.problems
    assert (problem.line, problem.column) == (2, 8) and problem.message.endswith("the whole file was skipped")


def test_one_indentation_slip_in_the_shipped_asr_bank_costs_one_question(tmp_path):
    """The reported bug: a slip inside one answer dropped all ASR questions and gave two lines (12 and 4)."""
    lines = REAL_ASR.read_text(encoding="utf-8").split("\n")
    total = sum(1 for line in lines if line.startswith("  - id: "))
    first_item = next(i for i, line in enumerate(lines) if line.startswith("  - id: "))
    slip = next(i for i in range(first_item + 1, len(lines)) if lines[i].startswith("      - "))
    lines[slip] = lines[slip][2:]  # a list item of the first answer, two spaces too far left
    bank = load_bank(_write(tmp_path, "\n".join(lines)))
    [problem] = bank.problems
    assert len(bank.questions) == total - 1
    assert (problem.line, problem.column) == (slip + 1, 5)
    assert len(re.findall(r"line", str(problem))) == 1  # "(lines a-b)": one location, no second line number
    assert str(problem).startswith(f"asr.yaml:{slip + 1}:5 ")


def test_cli_and_dev_check_report_the_location_and_what_was_skipped(tmp_path, monkeypatch, capsys):
    text = "topic: asr\ntitle: T\nquestions:\n" + _question("asr-one", prompt='"unclosed') + _question("asr-two")
    _write(tmp_path, text)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz", "--bank", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "asr.yaml:8:13 [asr-one]: YAML syntax error" in captured.err and "skipped this question" in captured.err
    assert "Question 1/1" in captured.out  # asr-two is asked
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "quiz").symlink_to(tmp_path, target_is_directory=True)
    [violation] = quiz_bank(tmp_path / "root")
    assert violation.where == "quiz/asr.yaml:8:13" and "skipped this question" in violation.message
