"""`interview-prep plan`: the study week (done, due today, missed) and `plan start`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "plan",
        help="the seven-day study plan: what is done, due today and missed",
        description="Show the study week. The first run starts the plan today. A missed day is "
        "rescheduled: the rest of the week moves back one day instead of piling up.",
    )
    parser.add_argument("--file", type=Path, metavar="YAML", help="use this plan file for this run")
    parser.add_argument("--warnings", action="store_true", help="list plan items the installed content lacks")
    parser.set_defaults(func=show)
    plan_sub = parser.add_subparsers(dest="plan_command", metavar="PLAN_COMMAND")
    start = plan_sub.add_parser(
        "start", help="(re)start the plan; your katas and reviews are kept",
        description="Start the plan on a date (default today). Restarting keeps every kata and review; "
        "only the week's calendar starts again.",
    )
    start.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="start date (default: today)")
    start.add_argument("--file", type=Path, metavar="YAML", help="follow this plan file instead of the shipped week")
    start.set_defaults(func=start_plan)


def _today(store) -> date:
    """Today's study day, with the learner's rollover hour."""
    from datetime import UTC, datetime

    from interview_prep.progress.days import today

    return today(store, datetime.now(UTC))


def start_plan(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep.plan.loader import load_plan
    from interview_prep.plan.render import short_date
    from interview_prep.progress import plan as rows
    from interview_prep.progress.store import open_store

    plan_file = str(args.file.expanduser().resolve()) if args.file else None
    plan = load_plan(Path(plan_file) if plan_file else None)
    with open_store() as store:
        start = args.date or _today(store)
        rows.set_start(store, start, plan_file)
    Console(highlight=False).print(f"[green]✓[/] {plan.title}: day 1 is due {short_date(start)}.")
    return show(argparse.Namespace(file=None, warnings=False))


def show(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from rich.console import Console

    from interview_prep.plan.render import plan_view, short_date
    from interview_prep.plan.status import current_week, plan_for
    from interview_prep.progress import plan as rows
    from interview_prep.progress.store import open_store

    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    with open_store() as store:
        if store.notice:
            err.print(f"[yellow]warning:[/] {store.notice}")
        if rows.get_start(store) is None:
            plan_for(store, args.file)  # a bad plan file fails before anything is written
            rows.set_start(store, _today(store))
            console.print(f"[green]Your study plan starts today, {short_date(_today(store))}.[/] "
                          "[dim](`interview-prep plan start --date` picks another day)[/]")
        view = current_week(store, datetime.now(UTC), plan_path=args.file)
    console.print(plan_view(view))
    if view.warnings:
        if args.warnings:
            for warning in view.warnings:
                err.print(f"[yellow]warning:[/] {warning}")
        else:
            err.print(f"[dim]{len(view.warnings)} plan item(s) are not installed yet "
                      "(`interview-prep plan --warnings` lists them).[/]")
    return 0
