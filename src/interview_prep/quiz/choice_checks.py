"""Content rules that shuffled choices depend on (the `dev check` rule `quiz-shuffle`).

Choices are shown in a fresh order every time, so a question must not name options by
letter or by place ("a) is right", "option b", "all of the above"), and shuffling must
reach every position while the keyed answers stay right.
"""

from __future__ import annotations

import re

from interview_prep.quiz.checking import check_answer, letter
from interview_prep.quiz.models import MultiQuestion, Question, SingleQuestion
from interview_prep.quiz.shuffle import shuffled, with_order

SEEDS = range(200)
_LETTER_REFS = (
    re.compile(r"\b(?:options?|choices?|answers?)\s+\(?[a-f]\)?(?=[\s,.;:)]|$)", re.IGNORECASE),
    re.compile(r"(?:^|(?<=[\s\[]))\(?[a-f]\)(?=[\s,.;:]|$)|^\s*\(?[A-F]\)\s", re.MULTILINE),
    re.compile(r"\b(?:both|either|neither)\s+\(?[a-f]\)?\s+(?:and|or|nor)\s+\(?[a-f]\)?\b", re.IGNORECASE),
)
_PLACE_REFS = re.compile(
    r"\b(?:all|none|both|neither|either) of the (?:above|below|previous|others)\b"
    r"|\bthe (?:above|previous|next|last|first) (?:options?|choices?|answers?)\b",
    re.IGNORECASE,
)


def _texts(question: SingleQuestion | MultiQuestion) -> list[tuple[str, str]]:
    fields = [("prompt", question.prompt), ("explanation", question.explanation)]
    for i, choice in enumerate(question.choices):
        fields += [(f"choices[{i}].text", choice.text), (f"choices[{i}].why", choice.why)]
    return fields


def _reference_problems(question: SingleQuestion | MultiQuestion) -> list[str]:
    problems = []
    for field, text in _texts(question):
        for pattern in (*_LETTER_REFS, _PLACE_REFS):
            if match := pattern.search(text):
                problems.append(
                    f"{field} refers to an option by letter or place ({match.group(0).strip()!r}); "
                    "choices are shuffled at every showing: name the option by its content"
                )
                break
    return problems


def _shuffle_problems(question: SingleQuestion | MultiQuestion) -> list[str]:
    positions: set[int] = set()
    for seed in SEEDS:
        shown = shuffled(question, seed)
        if sorted(c.text for c in shown.choices) != sorted(c.text for c in question.choices):
            return [f"shuffling with seed {seed} changed the set of choices"]
        if with_order(question, shown.order).choices != shown.choices:
            return [f"the recorded order of seed {seed} does not replay the shown choices"]
        keyed = ",".join(letter(i) for i in shown.correct_indexes)
        if not check_answer(shown, keyed).correct:
            return [f"with seed {seed} the keyed answer ({keyed}) is not accepted in the shown order"]
        positions.add(shown.order.index(0))
    if len(positions) < len(question.choices):
        return [f"shuffling never shows the first choice at position(s) "
                f"{', '.join(letter(i) for i in sorted(set(range(len(question.choices))) - positions))}"]
    return []


def choice_order_problems(questions: list[Question]) -> list[tuple[Question, str]]:
    """(question, message) for every choice question that shuffling would break or that does not shuffle."""
    found = []
    for question in questions:
        if isinstance(question, SingleQuestion | MultiQuestion):
            found += [(question, m) for m in _reference_problems(question) + _shuffle_problems(question)]
    return found
