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
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?"
_NUMBER_RE = re.compile(rf"^({_NUMBER})(?:\s*/\s*({_NUMBER}))?\s*(.*)$", re.IGNORECASE)
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_QUOTES = "`'\"“”‘’"
_TRAILING_PUNCT = ".,;:!?"
_SI_PREFIXES = {
    "": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "n": 1e-9,
    "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30,
}
# unit spelling -> base unit; lowercase spellings match in any case, "B" (bytes) only as written
_SI_BASES = {"bytes": "byte", "byte": "byte", "hz": "hz", "B": "byte", "s": "s"}


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


def _split_unit(text: str) -> tuple[float, str] | None:
    """'kHz' -> (1000, 'hz'), '320 KB' unit part 'KB' -> (1000, 'byte'), 'KiB' -> (1024, 'byte')."""
    for spelling, base in _SI_BASES.items():
        ends = text.lower().endswith(spelling) if spelling.islower() else text.endswith(spelling)
        if ends and text[: -len(spelling)] in _SI_PREFIXES:
            return _SI_PREFIXES[text[: -len(spelling)]], base
    return None


def _unit_factor(given: str, unit: str | None) -> float | None:
    """Factor converting a value in `given` units to `unit`; None when they do not match.

    A percentage where a plain number (a fraction) is asked is divided by 100.
    """
    squash = "".join(given.split())
    if not squash:
        return 1.0
    if unit is None:
        return 0.01 if squash == "%" else None
    if squash.lower() == "".join(unit.split()).lower():
        return 1.0
    left, right = _split_unit(squash), _split_unit(unit.replace(" ", ""))
    if left and right and left[1] == right[1]:
        return left[0] / right[0]
    return None


def parse_number(answer: str, unit: str | None) -> float:
    """Read '16000', '16 kHz', '1.5e-3', '16,000 Hz', '2/7', '320 KB', '28.6%' as a number in `unit`."""
    return _parse_number(answer, unit)[0]


def _parse_number(answer: str, unit: str | None) -> tuple[float, bool]:
    """(value in `unit`, whether the answer gave a unit)."""
    text = answer.strip()
    if match := _THOUSANDS_RE.match(text):
        text = match.group(0).replace(",", "") + text[match.end() :]
    match = _NUMBER_RE.match(text)
    if not match:
        raise InvalidAnswer("answer with a number" + (f" (in {unit})" if unit else ""))
    numerator, denominator, given = match.groups()
    factor = _unit_factor(given, unit)
    if factor is None:
        expected = f"in {unit}" if unit else "without a unit"
        raise InvalidAnswer(f"unexpected unit {given.strip()!r}: answer {expected}")
    if denominator is not None and float(denominator) == 0:
        raise InvalidAnswer("a fraction cannot divide by zero")
    value = float(numerator) / (float(denominator) if denominator is not None else 1.0)
    return value * factor, bool(given.strip())


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


def _readings(question: NumericQuestion, answer: str) -> list[float]:
    """The values an answer can mean: a bare fraction (0.286) where a percentage is asked is also 28.6 %."""
    value, with_unit = _parse_number(answer, question.unit)
    if question.unit == "%" and not with_unit and abs(value) <= 1:
        return [value, value * 100]
    return [value]


def _check_numeric(question: NumericQuestion, answer: str, expected: str) -> CheckResult:
    value = min(_readings(question, answer), key=lambda v: abs(v - question.answer))
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
