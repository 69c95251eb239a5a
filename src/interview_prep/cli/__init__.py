"""The `interview-prep` command line: a thin layer that delegates to the components.

Each command group lives in its own module of this package and exposes
`register(subparsers)`; `COMMAND_MODULES` lists them in help order.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import re
import sys

from interview_prep import __version__
from interview_prep.errors import UserError

COMMAND_MODULES = [
    "interview_prep.cli.models_cmd",
    "interview_prep.cli.quiz_cmd",
    "interview_prep.cli.kata_cmd",
    "interview_prep.cli.play_cmd",
    "interview_prep.cli.plan_cmd",
    "interview_prep.cli.mock_cmd",
    "interview_prep.cli.demo_cmd",
    "interview_prep.cli.progress_cmd",
    "interview_prep.cli.dev_cmd",
    "interview_prep.cli.doctor_cmd",
]


_INVALID_CHOICE = re.compile(r"invalid choice: '(?P<given>[^']*)' \(choose from (?P<choices>.*)\)")


class Parser(argparse.ArgumentParser):
    """argparse with a "did you mean" for a misspelled command (sub-commands use it too)."""

    def error(self, message: str):
        match = _INVALID_CHOICE.search(message)
        if match:
            choices = [c.strip(" '") for c in match["choices"].split(",")]
            close = difflib.get_close_matches(match["given"], choices, n=1, cutoff=0.5)
            if close:
                message += f"\ndid you mean `{self.prog} {close[0]}`?"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="interview-prep",
        description="Offline coach for speech and audio ML interviews (quiz, katas, demos).",
    )
    parser.add_argument("--version", action="version", version=f"interview-prep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, dispatch, and turn user errors into one clear message."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if not (sys.argv[1:] if argv is None else argv) and _interactive():
        return _open_app()  # before building the parser: the app's first frame needs no command module
    parser = build_parser()
    args = parser.parse_args(argv)
    from rich.console import Console

    err = Console(stderr=True)
    try:
        if args.command is None:
            return _default(parser)
        return int(args.func(args) or 0)
    except UserError as exc:
        err.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        if exc.hint:
            err.print(f"[yellow]fix:[/] {exc.hint}", highlight=False)
        return 2
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _open_app() -> int:
    """No arguments in a terminal: the Textual app (imported here so other commands start fast)."""
    from interview_prep.tui.app import run_app

    return run_app()


def _default(parser: argparse.ArgumentParser) -> int:
    """No command and no terminal (piped output): there is no app to show, so print the help."""
    parser.print_help(sys.stdout)
    return 0
