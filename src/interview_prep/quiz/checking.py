"""Check a learner's typed answer against a question.

`check_answer()` returns a `CheckResult`; input it cannot read at all (a letter out of
range, a number with the wrong unit) raises `InvalidAnswer` so the UI can ask again
instead of counting a typo as a wrong answer. `?` means "I don't know" (wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_prep.quiz.models import (
    MultiQuestion,
    NumericQuestion,
    OpenQuestion,
    Question,
    SingleQuestion,
    TextQuestion,
)

DONT_KNOW = "?"
_NUMBER_RE = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$", re.IGNORECASE)
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_QUOTES = "`'\"“”‘’"
_TRAILING_PUNCT = ".,;:!?"
_SI_PREFIXES = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "n": 1e-9}
_SI_BASES = ("hz", "s")


class InvalidAnswer(ValueError):
    """The answer cannot be read for this kind of question (the message says what is expected)."""


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check. `correct` is None for open (self-rated) questions."""

    correct: bool | None
    expected: str
    feedback: str = ""
    chosen: tuple[int, ...] = ()


def letter(index: int) -> str:
    """Choice label: 0 -> 'a'."""
    return chr(ord("a") + index)


def normalize_text(text: str) -> str:
    """Case, surrounding whitespace, inner whitespace runs, trailing punctuation, quotes/backticks."""
    previous = None
    text = text.casefold()
    while text != previous:
        previous = text
        text = " ".join(text.split()).rstrip(_TRAILING_PUNCT).strip(_QUOTES)
    return text


def parse_choices(answer: str, count: int) -> list[int]:
    """Read choice labels ('a,c', 'ac', '1 3', 'b)') into 0-based indexes, in the order given."""
    text = answer.strip().lower()
    tokens = re.split(r"[\s,;/+&]+|\band\b", text) if re.search(r"[\s,;/+&]", text) else list(text)
    indexes: list[int] = []
    for token in tokens:
        token = token.strip("().:]")
        if not token:
            continue
        if len(token) == 1 and "a" <= token <= "z":
            index = ord(token) - ord("a")
        elif token.isdigit():
            index = int(token) - 1
        else:
            raise InvalidAnswer(
                f"{token!r} is not a choice: answer with letters a-{letter(count - 1)} or 1-{count}"
            )
        if not 0 <= index < count:
            raise InvalidAnswer(f"there is no choice {token!r}: choose a-{letter(count - 1)} or 1-{count}")
        if index not in indexes:
            indexes.append(index)
    if not indexes:
        raise InvalidAnswer(f"answer with letters a-{letter(count - 1)} or numbers 1-{count}")
    return indexes


def _unit_factor(given: str, unit: str | None) -> float | None:
    """Factor converting a value in `given` units to `unit`; None when they do not match."""
    squash = "".join(given.split()).lower()
    if not squash:
        return 1.0
    if unit is None:
        return None
    if squash == "".join(unit.split()).lower():
        return 1.0

    def split(text: str) -> tuple[float, str] | None:
        for base in _SI_BASES:
            if text.lower().endswith(base) and text[: -len(base)] in _SI_PREFIXES:
                return _SI_PREFIXES[text[: -len(base)]], base
        return None

    left, right = split("".join(given.split())), split(unit.replace(" ", ""))
    if left and right and left[1] == right[1]:
        return left[0] / right[0]
    return None


def parse_number(answer: str, unit: str | None) -> float:
    """Read '16000', '16 kHz', '1.5e-3', '16,000 Hz' as a number in `unit`."""
    text = answer.strip()
    if match := _THOUSANDS_RE.match(text):
        text = match.group(0).replace(",", "") + text[match.end() :]
    match = _NUMBER_RE.match(text)
    if not match:
        raise InvalidAnswer("answer with a number" + (f" (in {unit})" if unit else ""))
    factor = _unit_factor(match.group(2), unit)
    if factor is None:
        expected = f"in {unit}" if unit else "without a unit"
        raise InvalidAnswer(f"unexpected unit {match.group(2).strip()!r}: answer {expected}")
    return float(match.group(1)) * factor


def _format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 and (value == 0 or abs(value) >= 1e-3) else f"{value:.6g}"


def expected_answer(question: Question) -> str:
    """The right answer as shown to the learner (Markdown)."""
    match question:
        case SingleQuestion() | MultiQuestion():
            return ", ".join(f"{letter(i)}) {question.choices[i].text}" for i in question.correct_indexes)
        case NumericQuestion():
            value = _format_number(question.answer)
            if question.tolerance:
                value += f" ± {_format_number(question.tolerance)}"
            return f"{value} {question.unit}" if question.unit else value
        case TextQuestion():
            return question.accepted[0]
        case OpenQuestion():
            return question.model_answer
    raise TypeError(f"unknown question type {type(question).__name__}")


def _check_choices(question: SingleQuestion | MultiQuestion, answer: str, expected: str) -> CheckResult:
    count = len(question.choices)
    chosen = parse_choices(answer, count)
    if isinstance(question, SingleQuestion):
        if len(chosen) != 1:
            raise InvalidAnswer("choose exactly one answer")
        correct = question.choices[chosen[0]].correct
        return CheckResult(correct, expected, "", tuple(chosen))
    right = set(question.correct_indexes)
    missing, extra = sorted(right - set(chosen)), sorted(set(chosen) - right)
    notes = []
    if missing:
        notes.append("missed " + ", ".join(letter(i) for i in missing))
    if extra:
        notes.append("wrongly chose " + ", ".join(letter(i) for i in extra))
    return CheckResult(not missing and not extra, expected, "; ".join(notes), tuple(sorted(chosen)))


def _check_numeric(question: NumericQuestion, answer: str, expected: str) -> CheckResult:
    value = parse_number(answer, question.unit)
    diff = abs(value - question.answer)
    # inclusive bounds, forgiving binary rounding (0.15 - 0.1 > 0.05 in floating point)
    slack = 1e-9 * max(abs(value), abs(question.answer), question.tolerance)
    correct = diff <= question.tolerance + slack
    feedback = "" if correct else f"off by {_format_number(diff)}"
    return CheckResult(correct, expected, feedback)


def _check_text(question: TextQuestion, answer: str, expected: str) -> CheckResult:
    given = normalize_text(answer)
    if not given:
        raise InvalidAnswer("type a short answer")
    correct = given in {normalize_text(a) for a in question.accepted} or any(
        re.fullmatch(p, given, re.IGNORECASE) for p in question.patterns
    )
    also = [a for a in question.accepted[1:] if normalize_text(a) != normalize_text(expected)]
    return CheckResult(correct, expected, f"also accepted: {', '.join(also)}" if also else "")


def check_answer(question: Question, answer: str) -> CheckResult:
    """Check `answer` (as typed) against `question`; raises InvalidAnswer for unreadable input."""
    expected = expected_answer(question)
    if isinstance(question, OpenQuestion):
        return CheckResult(None, expected, "compare with the model answer and rate yourself")
    if answer.strip() == DONT_KNOW:
        return CheckResult(False, expected, "skipped")
    if not answer.strip():
        raise InvalidAnswer(f"type an answer, or {DONT_KNOW} if you don't know")
    match question:
        case SingleQuestion() | MultiQuestion():
            return _check_choices(question, answer, expected)
        case NumericQuestion():
            return _check_numeric(question, answer, expected)
        case TextQuestion():
            return _check_text(question, answer, expected)
    raise TypeError(f"unknown question type {type(question).__name__}")
