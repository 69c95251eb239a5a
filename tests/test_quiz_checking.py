"""Answer checking for every question kind: right, wrong, and the edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import InvalidAnswer, check_answer, normalize_text
from interview_prep.quiz.models import NumericQuestion, Reference, TextQuestion

BANK = load_bank(Path(__file__).parent / "fixtures" / "quiz" / "valid").by_id()
REF = [Reference(title="r", url="https://example.org")]


def numeric(answer: float, tolerance: float, unit: str | None = None) -> NumericQuestion:
    return NumericQuestion(id="asr-n", kind="numeric", difficulty=1, tags=["t"], prompt="p", explanation="e",
                           references=REF, answer=answer, tolerance=tolerance, unit=unit)


def text(accepted: list[str], patterns: list[str] | None = None) -> TextQuestion:
    return TextQuestion(id="asr-t", kind="text", difficulty=1, tags=["t"], prompt="p", explanation="e",
                        references=REF, accepted=accepted, patterns=patterns or [])


@pytest.mark.parametrize(
    ("answer", "correct", "chosen"),
    [("a", True, (0,)), ("A", True, (0,)), (" 1 ", True, (0,)), ("(a)", True, (0,)), ("a)", True, (0,)),
     ("b", False, (1,)), ("3", False, (2,))],
)
def test_single(answer, correct, chosen):
    result = check_answer(BANK["asr-ctc-blank"], answer)
    assert result.correct is correct
    assert result.chosen == chosen
    assert "<pad>" in result.expected


@pytest.mark.parametrize("answer", ["d", "4", "0", "a,b", "pad", ""])
def test_single_unreadable(answer):
    with pytest.raises(InvalidAnswer):
        check_answer(BANK["asr-ctc-blank"], answer)


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("a,b,d", True), ("abd", True), ("d b a", True), ("1 2 4", True), ("1,2,4", True), ("A; B; D", True),
     ("a and b and d", True), ("a,b", False), ("a,b,c,d", False), ("c", False), ("a,a,b,d", True)],
)
def test_multi_exact_set(answer, correct):
    assert check_answer(BANK["asr-wer-parts"], answer).correct is correct


def test_multi_feedback_names_missed_and_extra():
    result = check_answer(BANK["asr-wer-parts"], "a,c")
    assert result.correct is False
    assert "missed b, d" in result.feedback and "wrongly chose c" in result.feedback


@pytest.mark.parametrize("answer", ["a,e", "x", "7"])
def test_multi_unreadable(answer):
    with pytest.raises(InvalidAnswer):
        check_answer(BANK["asr-wer-parts"], answer)


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("16000", True), ("16000 Hz", True), ("16000hz", True), ("16 kHz", True), ("16 KHZ", True),
     ("16,000", True), ("1.6e4", True), ("16000.0", True), ("+16000", True), ("  16000  ", True),
     ("16001", False), ("8 kHz", False), ("-16000", False)],
)
def test_numeric_with_unit(answer, correct):
    assert check_answer(BANK["asr-whisper-rate"], answer).correct is correct


@pytest.mark.parametrize("answer", ["sixteen thousand", "16 frames", "16000 s", "Hz"])
def test_numeric_unreadable(answer):
    with pytest.raises(InvalidAnswer):
        check_answer(BANK["asr-whisper-rate"], answer)


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("20", True), ("17.5", True), ("22.5", True), ("17.49", False), ("22.51", False),
     ("0.0225 s", True), ("0.02251 s", False), ("22.5ms", True)],
)
def test_numeric_tolerance_bounds_are_inclusive(answer, correct):
    assert check_answer(BANK["asr-frame-stride"], answer).correct is correct


def test_numeric_bounds_survive_binary_rounding():
    question = numeric(0.1, 0.05)
    assert check_answer(question, "0.15").correct is True
    assert check_answer(question, "0.05").correct is True
    assert check_answer(question, "0.1501").correct is False


def test_numeric_scientific_notation_and_zero_tolerance():
    question = BANK["asr-tiny-lr"]
    assert check_answer(question, "1e-4").correct is True
    assert check_answer(question, "1E-4").correct is True
    assert check_answer(question, "0.0001").correct is True
    assert check_answer(question, "1.1e-4").correct is False
    with pytest.raises(InvalidAnswer, match="without a unit"):
        check_answer(question, "1e-4 Hz")


def test_numeric_expected_shows_tolerance_and_unit():
    assert check_answer(BANK["asr-frame-stride"], "10").expected == "20 ± 2.5 ms"
    assert check_answer(BANK["asr-frame-stride"], "10").feedback == "off by 10"


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("automatic-speech-recognition", True), ("  Automatic-Speech-Recognition  ", True),
     ("`automatic-speech-recognition`", True), ('"automatic-speech-recognition".', True),
     ("automatic speech   recognition", True), ("ASR", True), ("asr!", True),
     ("speech-recognition", False), ("automatic-speech-recognitio", False)],
)
def test_text_normalization_and_patterns(answer, correct):
    assert check_answer(BANK["asr-pipeline-task"], answer).correct is correct


def test_text_patterns_are_full_matches():
    question = text(["16000"], [r"16\s*k(hz)?"])
    assert check_answer(question, "16 kHz").correct is True
    assert check_answer(question, "16k").correct is True
    assert check_answer(question, "116 kHz").correct is False
    assert check_answer(question, "16 kHz please").correct is False


def test_normalize_text():
    assert normalize_text("  `Hello,   World.`  ") == "hello, world"
    assert normalize_text("'x'?") == "x"


def test_open_is_self_rated():
    result = check_answer(BANK["asr-long-audio"], "I would chunk it")
    assert result.correct is None
    assert "chunk_length_s" in result.expected


@pytest.mark.parametrize("qid", ["asr-ctc-blank", "asr-wer-parts", "asr-whisper-rate", "asr-pipeline-task"])
def test_question_mark_means_dont_know(qid):
    result = check_answer(BANK[qid], " ? ")
    assert result.correct is False
    assert result.expected
