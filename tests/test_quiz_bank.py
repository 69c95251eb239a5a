"""Question bank loader: typed questions, problems located by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_prep.dev.checks import run_checks
from interview_prep.errors import UserError
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.models import (
    MultiQuestion,
    NumericQuestion,
    OpenQuestion,
    SingleQuestion,
    TextQuestion,
)

FIXTURES = Path(__file__).parent / "fixtures" / "quiz"


def _problems(bank) -> dict[tuple[str, int | None, str | None], str]:
    return {(p.file, p.line, p.field): p.message for p in bank.problems}


def test_valid_bank_loads_every_kind_typed():
    bank = load_bank(FIXTURES / "valid")
    assert bank.problems == []
    by_id = bank.by_id()
    assert isinstance(by_id["asr-ctc-blank"], SingleQuestion)
    assert isinstance(by_id["asr-wer-parts"], MultiQuestion)
    assert isinstance(by_id["asr-whisper-rate"], NumericQuestion)
    assert isinstance(by_id["asr-pipeline-task"], TextQuestion)
    assert isinstance(by_id["asr-long-audio"], OpenQuestion)
    assert by_id["asr-whisper-rate"].unit == "Hz"
    assert by_id["asr-wer-parts"].correct_indexes == [0, 1, 3]
    assert by_id["tts-vocoder-role"].topic == "tts"
    assert by_id["asr-whisper-rate"].location == "asr.yaml:46"
    assert bank.titles["tts"] == "Text to speech (fixture)"
    assert bank.topics == ["asr", "tts"]


def test_exponent_without_dot_is_a_number():
    """PyYAML reads `1e-4` as a string; the bank loader reads it as the number it means."""
    question = load_bank(FIXTURES / "valid").by_id()["asr-tiny-lr"]
    assert question.answer == pytest.approx(1e-4)


def test_errors_name_file_line_and_field():
    problems = _problems(load_bank(FIXTURES / "broken"))
    assert "unknown field" in problems[("asr.yaml", 21, "questions[1].toleranse")]
    assert "required" in problems[("asr.yaml", 15, "questions[1].tolerance")]
    assert "exactly one correct" in problems[("asr.yaml", 31, "questions[2].choices")]
    assert "required" in problems[("asr.yaml", 51, "questions[3].choices[1].why")]
    assert "at least 1" in problems[("asr.yaml", 64, "questions[4].references")]
    assert "unknown kind 'essay'" in problems[("asr.yaml", 66, "questions[5].kind")]
    assert "topic prefix 'asr-'" in problems[("asr.yaml", 74, "questions[6].id")]
    assert "less than or equal to 3" in problems[("asr.yaml", 76, "questions[6].difficulty")]
    assert "lowercase" in problems[("asr.yaml", 77, "questions[6].tags[0]")]
    assert "at least 1" in problems[("asr.yaml", 79, "questions[6].accepted")]
    assert "http(s) URL" in problems[("asr.yaml", 83, "questions[6].references[0].url")]
    assert "first defined at asr.yaml:4" in problems[("asr.yaml", 94, "id")]
    assert "file name stem 'tts'" in problems[("tts.yaml", 1, "topic")]
    assert "duplicate key" in problems[("tts.yaml", 9, "questions[0].prompt")]


def test_problem_string_shows_location_and_question():
    bank = load_bank(FIXTURES / "broken")
    text = next(str(p) for p in bank.problems if p.field == "questions[1].toleranse")
    assert text.startswith("asr.yaml:21 [asr-typo-field]: questions[1].toleranse: unknown field")


def test_one_bad_question_does_not_stop_the_others():
    bank = load_bank(FIXTURES / "broken")
    assert [q.id for q in bank.questions] == ["asr-good-one", "asr-good-two", "tts-fine"]
    # the duplicate keeps the first definition
    assert isinstance(bank.by_id()["asr-good-one"], NumericQuestion)


def test_yaml_syntax_error_names_line_and_column():
    bank = load_bank(FIXTURES / "syntax")
    assert bank.questions == []
    syntax = next(p for p in bank.problems if "YAML syntax error" in p.message)
    assert (syntax.file, syntax.line, syntax.column) == ("asr.yaml", 6, 13)  # where the unclosed quote starts
    assert str(syntax).startswith("asr.yaml:6:13 [asr-broken-yaml]: YAML syntax error")


def _bank_with(tmp_path: Path, question_yaml: str) -> list:
    (tmp_path / "asr.yaml").write_text(
        "topic: asr\ntitle: T\nquestions:\n" + question_yaml, encoding="utf-8"
    )
    return load_bank(tmp_path).problems


BASE = """\
  - id: asr-x
    difficulty: 1
    tags: [t]
    prompt: P
    explanation: E
    references:
      - title: R
        url: https://example.org
"""


@pytest.mark.parametrize(
    ("extra", "field", "fragment"),
    [
        ("    kind: numeric\n    answer: 1\n", "questions[0].tolerance", "required for kind numeric"),
        ("    kind: numeric\n    answer: 1\n    tolerance: -1\n", "questions[0].tolerance", "greater than or equal"),
        ("    kind: numeric\n    answer: yes\n    tolerance: 0\n", "questions[0].answer", "must be a number"),
        ("    kind: text\n    accepted: [a]\n    patterns: ['(']\n", "questions[0].patterns[0]", "regular expression"),
        ("    kind: open\n", "questions[0].model_answer", "required for kind open"),
        ("    kind: open\n    model_answer: M\n    choices: []\n", "questions[0].choices", "unknown field"),
        ("    kind: multi\n    choices:\n      - {text: A, correct: false, why: w}\n"
         "      - {text: B, correct: false, why: w}\n", "questions[0].choices", "at least one correct"),
        ("    kind: single\n    choices:\n      - {text: A, correct: true, why: w}\n", "questions[0].choices",
         "at least 2"),
        ("    kind: single\n    choices:\n      - {text: A, correct: true, why: yes}\n"
         "      - {text: B, correct: false, why: w}\n", "questions[0].choices[0].why", "quote it"),
        ("    kind: single\n    choices:\n      - {text: A, correct: true, why: w}\n"
         "      - {text: a, correct: false, why: w}\n", "questions[0].choices", "same text"),
    ],
)
def test_rules(tmp_path, extra, field, fragment):
    problems = _bank_with(tmp_path, BASE + extra)
    assert any(p.field == field and fragment in p.message for p in problems), [str(p) for p in problems]


def test_missing_kind_and_unknown_top_level_field(tmp_path):
    (tmp_path / "asr.yaml").write_text("topic: asr\ntitle: T\nauthor: me\nquestions:\n" + BASE, encoding="utf-8")
    problems = {p.field: (p.line, p.message) for p in load_bank(tmp_path).problems}
    assert problems["author"][0] == 3 and "unknown field" in problems["author"][1]
    assert problems["questions[0].kind"] == (5, "required: one of single, multi, numeric, text, open")


def test_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_bank(tmp_path / "nope")


def test_dev_check_reports_violations_and_passes_valid_content(tmp_path):
    (tmp_path / "quiz").symlink_to(FIXTURES / "broken", target_is_directory=True)
    broken = run_checks(tmp_path, ["quiz"])["quiz"]
    assert any(v.where == "quiz/asr.yaml:21" and "toleranse" in v.message for v in broken)
    valid_root = tmp_path / "valid"
    valid_root.mkdir()
    (valid_root / "quiz").symlink_to(FIXTURES / "valid", target_is_directory=True)
    assert run_checks(valid_root, ["quiz"]) == {"quiz": []}
    with pytest.raises(UserError, match="unknown check"):
        run_checks(valid_root, ["nope"])
