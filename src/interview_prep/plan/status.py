"""The learner's week from the store: load the plan, fit it to the installed content, replay.

`current_week()` is what the CLI and the TUI call; it starts nothing and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from interview_prep.plan.loader import load_plan, resolve
from interview_prep.plan.model import Plan
from interview_prep.plan.schedule import WeekStatus, week_status
from interview_prep.progress import plan as rows
from interview_prep.progress.days import rollover_hour
from interview_prep.progress.store import Store

if TYPE_CHECKING:
    from interview_prep.kata.catalog import Catalog
    from interview_prep.quiz.bank import Bank


@dataclass
class PlanView:
    """A started plan's status plus what the UI needs to show it."""

    plan: Plan
    status: WeekStatus
    kata_titles: dict[str, str] = field(default_factory=dict)
    topic_titles: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def plan_for(store: Store, plan_path: Path | None = None) -> Plan:
    """The plan file given, else the one remembered by `plan start --file`, else the shipped week."""
    remembered = rows.get_plan_file(store)
    return load_plan(plan_path or (Path(remembered) if remembered else None))


def current_week(
    store: Store,
    now: datetime,
    tz: tzinfo | None = None,
    plan_path: Path | None = None,
    *,
    catalog: Catalog | None = None,
    bank: Bank | None = None,
) -> PlanView | None:
    """The week as of `now`, or None when the plan was never started.

    `catalog` and `bank` default to the installed content (the TUI passes the ones it loaded).
    """
    start = rows.get_start(store)
    if start is None:
        return None
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.quiz.bank import load_bank

    catalog = catalog if catalog is not None else load_catalog(strict=False)
    bank = bank if bank is not None else load_bank()
    resolved = resolve(plan_for(store, plan_path), set(catalog.ids()), {q.topic for q in bank.questions})
    status = week_status(
        resolved.plan, rows.activity(store), start, now, tz, rollover_hour(store)
    )
    return PlanView(
        resolved.plan,
        status,
        {k.id: k.title for k in catalog},
        dict(bank.titles),
        resolved.warnings,
    )
