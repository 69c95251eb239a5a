"""Load the study plan (`week.yaml` shipped in this package, or another file) and check it.

`load_plan()` raises one UserError naming file, line and field of every problem.
`resolve()` fits a valid plan to the installed content: katas missing from the catalog and
quiz topics without questions are dropped with a warning, so the plan keeps working while
content is added. `consistency_problems()` lists disagreements a content author must fix
(unknown katas, a kata whose `day` in kata.yaml differs from the plan, katas no day lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from interview_prep.errors import UserError
from interview_prep.plan.model import Plan, QuizGoal

DEFAULT_PLAN = "week.yaml"


def default_plan_path() -> Path:
    """The shipped seven-day plan."""
    return Path(str(resources.files("interview_prep.plan").joinpath(DEFAULT_PLAN)))


def _line(node: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    """1-based line of the deepest YAML node along a pydantic error location."""
    if node is None:
        return 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
            if pair is None:
                break
            node = pair[1] if isinstance(pair[1], yaml.MappingNode | yaml.SequenceNode) else pair[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1


def load_plan(path: Path | None = None) -> Plan:
    """Load and validate a plan file (default: the shipped week)."""
    path = Path(path) if path else default_plan_path()
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except OSError as exc:
        raise UserError(f"cannot read plan file {path}: {exc.strerror}", hint="pass an existing YAML file") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise UserError(f"{where}: invalid YAML: {exc.problem or exc}", hint="fix the YAML syntax") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}:1: a plan file must be a mapping with title and days")
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            dotted = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{path}:{_line(node, loc)}: {dotted or '(top level)'}: {message}")
        raise UserError("invalid study plan:\n  " + "\n  ".join(problems), hint="fix the named field(s)") from None


@dataclass
class Resolved:
    """A plan fitted to the installed content, and what had to be left out."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)


def resolve(plan: Plan, kata_ids: set[str], topics_with_questions: set[str]) -> Resolved:
    """Drop katas the catalog lacks and quiz topics without questions (with a warning each).

    A quiz goal whose topics all vanished is dropped; a day left without any goal keeps an
    "any topic" quiz goal so it can still be completed.
    """
    warnings: list[str] = []
    days = []
    for day in plan.days:
        katas = [k for k in day.katas if k in kata_ids]
        for missing in sorted(set(day.katas) - set(katas)):
            warnings.append(f"day {day.day}: kata {missing} is not installed; skipped")
        topics = [t for t in day.quiz.topics if t in topics_with_questions]
        for missing in [t for t in day.quiz.topics if t not in topics]:
            warnings.append(f"day {day.day}: quiz topic {missing} has no questions; skipped")
        quiz = day.quiz
        if day.quiz.topics and not topics:
            quiz = QuizGoal(topics=[], questions=day.quiz.questions if not (katas or day.mock) else 0)
        elif topics != day.quiz.topics:
            quiz = QuizGoal(topics=topics, questions=day.quiz.questions)
        days.append(day.model_copy(update={"katas": katas, "quiz": quiz}))
    return Resolved(plan.model_copy(update={"days": days}), warnings)


def consistency_problems(plan: Plan, kata_days: dict[str, int]) -> list[str]:
    """Disagreements between the plan and the catalog (`kata_days`: kata id -> `day` in kata.yaml)."""
    problems = []
    listed = plan.kata_days()
    for kata, day in listed.items():
        if kata not in kata_days:
            problems.append(f"day {day}: kata {kata} is not in the catalog")
        elif kata_days[kata] != day:
            problems.append(f"day {day}: kata {kata} has day {kata_days[kata]} in its kata.yaml")
    for kata in sorted(set(kata_days) - set(listed)):
        problems.append(f"kata {kata} (day {kata_days[kata]} in kata.yaml) is on no day of the plan")
    return problems
