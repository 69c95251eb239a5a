"""The content check for `interview-prep dev check`: the shipped plan agrees with the kata catalog."""

from __future__ import annotations

from pathlib import Path

from interview_prep.dev.violation import Violation


def plan_consistency(root: Path) -> list[Violation]:
    """Every kata the plan lists exists on the same day in its kata.yaml, and every kata is planned."""
    from interview_prep.errors import UserError
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.plan.loader import consistency_problems, default_plan_path, load_plan

    where = "src/interview_prep/plan/" + default_plan_path().name
    try:
        plan = load_plan()
    except UserError as exc:
        return [Violation(where, exc.message)]
    catalog = load_catalog(root / "katas", strict=False)
    return [Violation(where, problem) for problem in consistency_problems(plan, {k.id: k.day for k in catalog})]
