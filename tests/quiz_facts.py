"""Shared machinery of the library-verified quiz facts (tests/test_quiz_facts_*.py).

Each facts module maps question ids to zero-argument functions that compute the answer
with the installed libraries; `check_fact` compares it with what the bank says.
"""

from __future__ import annotations

from typing import Any

import yaml

from interview_prep.paths import quiz_dir
from interview_prep.quiz.checking import normalize_text

#: the banks the facts, corrections and provenance tests cover (the original seven topics)
BANK_FILES = (
    "audio-fundamentals.yaml",
    "asr.yaml",
    "pipelines.yaml",
    "tts.yaml",
    "audio-classification.yaml",
    "deployment.yaml",
    "retail-scenarios.yaml",
)


def load_questions(bank_files: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Raw question dicts of the given bank files, by id."""
    questions: dict[str, dict[str, Any]] = {}
    for name in bank_files:
        data = yaml.safe_load((quiz_dir() / name).read_text(encoding="utf-8"))
        for question in data["questions"]:
            questions[question["id"]] = question
    return questions


def same_text(a: str, b: str) -> bool:
    """Equal as the quiz would judge a typed answer (case, whitespace, quotes, backticks)."""
    return normalize_text(a.replace("`", "")) == normalize_text(b.replace("`", ""))


def bank_matches(question: dict[str, Any], truth: object) -> tuple[bool, str]:
    """Whether the bank's answer for `question` equals `truth`, and what the bank says."""
    kind = question["kind"]
    if kind == "numeric":
        answer, tolerance = question["answer"], question["tolerance"]
        return abs(float(truth) - answer) <= tolerance, f"{answer} +- {tolerance}"
    if kind == "single":
        (correct,) = [c["text"] for c in question["choices"] if c["correct"]]
        return same_text(correct, str(truth)), correct
    if kind == "text":
        accepted = question["accepted"]
        return any(same_text(a, str(truth)) for a in accepted), repr(accepted)
    raise AssertionError(f"{question['id']}: kind {kind!r} cannot be library-verified")


def check_fact(questions: dict[str, dict[str, Any]], facts: dict, question_id: str) -> None:
    truth = facts[question_id]()
    ok, bank_says = bank_matches(questions[question_id], truth)
    assert ok, f"{question_id}: the libraries compute {truth!r}, the bank says {bank_says}"


def check_verified_tags(questions: dict[str, dict[str, Any]], facts: dict) -> None:
    tagged = {qid for qid, q in questions.items() if "verified" in q["tags"]}
    assert tagged == set(facts), (
        f"tagged but unchecked: {sorted(tagged - set(facts))}; checked but untagged: {sorted(set(facts) - tagged)}"
    )

