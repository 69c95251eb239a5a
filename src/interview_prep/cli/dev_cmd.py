"""`interview-prep dev check`: validate all content (question banks, katas)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    dev = sub.add_parser("dev", help="tools for content authors")
    dev_sub = dev.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    check = dev_sub.add_parser("check", help="validate all content; exit 1 when anything is broken")
    check.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="content root holding quiz/, katas/, solutions/ (default: the shipped content)",
    )
    check.add_argument("--only", action="append", metavar="NAME", help="run only this check (repeatable)")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep import paths
    from interview_prep.dev.checks import run_checks

    console = Console(highlight=False)
    results = run_checks(args.root or paths.content_root(), args.only)
    for name, violations in results.items():
        if not violations:
            console.print(f"[green]✓[/] {name}")
            continue
        console.print(f"[red]✗[/] {name}: {len(violations)} problem(s)")
        for violation in violations:
            console.print(f"    {violation}", markup=False, soft_wrap=True)
    broken = sum(map(len, results.values()))
    console.print(f"[bold red]{broken} problem(s)[/]" if broken else "[bold green]all content checks pass[/]")
    return 1 if broken else 0
