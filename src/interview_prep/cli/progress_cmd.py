"""`interview-prep progress export|import`: move progress between machines as one JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("progress", help="export or import your progress (to move it between machines)")
    progress_sub = parser.add_subparsers(dest="progress_command", metavar="PROGRESS_COMMAND", required=True)
    export = progress_sub.add_parser(
        "export", help="write all progress to a JSON file",
        description="Write attempts, kata state, reviews, review schedule, mock interviews and the plan "
        "to one JSON file (machine-local paths are left out).",
    )
    export.add_argument("path", type=Path, metavar="PATH", help="the JSON file to write")
    export.set_defaults(func=run_export)
    imp = progress_sub.add_parser(
        "import", help="load progress from an export file (replace or merge)",
        description="Validate the export completely, then load it in one transaction: it applies fully or "
        "not at all. On a machine that already has progress, --merge adds the export to it (reviews, "
        "attempts and mock interviews from both; review schedule rebuilt from the merged log; rows that "
        "differ keep this machine's version and are listed) and --replace overwrites it.",
    )
    imp.add_argument("path", type=Path, metavar="PATH", help="a file written by `progress export`")
    how = imp.add_mutually_exclusive_group()
    how.add_argument(
        "--merge", action="store_true",
        help="add the export to progress this machine already has (a backup copy of it is kept)",
    )
    how.add_argument(
        "--replace", action="store_true",
        help="overwrite progress this machine already has (a backup copy of it is kept)",
    )
    imp.set_defaults(func=run_import)


def _counts(counts: dict[str, int]) -> str:
    names = {"attempts": "kata attempts", "reviews": "reviews", "cards": "scheduled questions",
             "mock_results": "mock interviews", "kata_state": "katas touched"}
    return ", ".join(f"{counts.get(table, 0)} {label}" for table, label in names.items())


def run_export(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep.progress.store import open_store
    from interview_prep.progress.transfer import export_progress

    with open_store() as store:
        summary = export_progress(store, args.path)
    Console(highlight=False).print(f"[green]✓[/] exported {_counts(summary.counts)} to {summary.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep.progress.store import open_store
    from interview_prep.progress.transfer import import_progress

    console = Console(highlight=False)
    with open_store() as store:
        summary = import_progress(store, args.path, replace=args.replace, merge=args.merge)
    if summary.backup:
        console.print(f"[dim]previous progress saved to {summary.backup}[/]")
    if args.merge and summary.backup:
        console.print(f"[green]✓[/] merged {summary.path}: added {_counts(summary.counts)}; "
                      "review schedule rebuilt from the merged review log")
        if summary.conflicts:
            console.print(f"[yellow]{len(summary.conflicts)} conflict(s), this machine's version kept:[/]")
            for conflict in summary.conflicts:
                console.print(f"  {conflict}", markup=False)
    else:
        console.print(f"[green]✓[/] imported {_counts(summary.counts)} from {summary.path}")
    return 0
