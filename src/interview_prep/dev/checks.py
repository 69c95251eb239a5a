"""Content checks run by `interview-prep dev check`.

Each check is a function `(content_root) -> list[Violation]` registered in `CHECKS` under
a short name; an empty list means the content passes. Add a check by writing such a
function and adding it to `CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from interview_prep.dev.violation import Violation

Check = Callable[[Path], list[Violation]]


def quiz_bank(root: Path) -> list[Violation]:
    """Every question in `root/quiz` parses and follows QUIZ_SCHEMA (ids unique across files)."""
    from interview_prep.quiz.bank import load_bank

    folder = root / "quiz"
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        return [Violation(str(folder), "no question bank files (*.yaml)")]
    bank = load_bank(folder)
    violations = []
    for problem in bank.problems:
        where = f"quiz/{problem.where}"
        message = ": ".join(part for part in (problem.field, problem.message) if part)
        violations.append(
            Violation(where, f"[{problem.question_id}] {message}" if problem.question_id else message)
        )
    return violations


def quiz_shuffle(root: Path) -> list[Violation]:
    """Choice questions survive shuffling: no option named by letter or place, every position reached."""
    from interview_prep.quiz.bank import load_bank
    from interview_prep.quiz.choice_checks import choice_order_problems

    folder = root / "quiz"
    if not folder.is_dir():
        return [Violation(str(folder), "no question bank folder")]
    return [
        Violation(f"quiz/{question.location}", f"[{question.id}] {message}")
        for question, message in choice_order_problems(load_bank(folder).questions)
    ]


def quiz_coverage(root: Path) -> list[Violation]:
    """The bank holds enough questions overall and in every interview area (tags, see quiz/coverage.py)."""
    from interview_prep.quiz.bank import load_bank
    from interview_prep.quiz.coverage import coverage_problems

    folder = root / "quiz"
    if not folder.is_dir():
        return [Violation(str(folder), "no question bank folder")]
    return [Violation("quiz", message) for message in coverage_problems(load_bank(folder).questions)]


def quiz_defaults(root: Path) -> list[Violation]:
    """A question stating a library default is tagged `verified` or cites documentation or source."""
    from interview_prep.dev.quiz_defaults import quiz_defaults as check

    return check(root)


def quiz_rubric(root: Path) -> list[Violation]:
    """Every open question has key points that its model answer covers and an off-topic answer does not."""
    from interview_prep.quiz.bank import load_bank
    from interview_prep.quiz.rubric import rubric_problems

    folder = root / "quiz"
    if not folder.is_dir():
        return [Violation(str(folder), "no question bank folder")]
    return [
        Violation(f"quiz/{question.location}", f"[{question.id}] {message}")
        for question, message in rubric_problems(load_bank(folder).questions)
    ]


def katas(root: Path) -> list[Violation]:
    """Every kata is complete and consistent (catalog, files, statement, hints, grader)."""
    from interview_prep.kata.devcheck import check_katas

    return check_katas(root)


def kata_graders(root: Path) -> list[Violation]:
    """Model-free katas: every starter fails its grader, every reference solution passes."""
    from interview_prep.kata.devcheck import check_kata_grading

    return check_kata_grading(root)


def kata_graders_models(root: Path) -> list[Violation]:
    """Model-backed katas: every starter fails its grader, every reference solution passes."""
    from interview_prep.kata.devcheck import check_kata_grading_models

    return check_kata_grading_models(root)


def kata_recipe(root: Path) -> list[Violation]:
    """In a source checkout, every kata has its wrong variants and its README row (CONTRIBUTING.md)."""
    from interview_prep.kata.devcheck import check_kata_recipe

    return check_kata_recipe(root)


def plan(root: Path) -> list[Violation]:
    """The weekly plan lists every kata on the day its kata.yaml gives, and no kata that does not exist."""
    from interview_prep.plan.checks import plan_consistency

    return plan_consistency(root)


CHECKS: dict[str, Check] = {
    "quiz": quiz_bank,
    "quiz-shuffle": quiz_shuffle,
    "quiz-defaults": quiz_defaults,
    "quiz-coverage": quiz_coverage,
    "quiz-rubric": quiz_rubric,
    "katas": katas,
    "kata-recipe": kata_recipe,
    "plan": plan,
    "kata-graders": kata_graders,
    "kata-graders-models": kata_graders_models,
}


def run_checks(root: Path, only: list[str] | None = None) -> dict[str, list[Violation]]:
    """Run the selected checks (all by default) against a content root."""
    unknown = set(only or ()) - set(CHECKS)
    if unknown:
        from interview_prep.errors import UserError

        raise UserError(
            f"unknown check {', '.join(sorted(unknown))}", hint=f"choose from: {', '.join(CHECKS)}"
        )
    return {name: check(root) for name, check in CHECKS.items() if not only or name in only}
