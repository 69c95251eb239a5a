"""`interview-prep quiz`: a spaced-repetition quiz session in the terminal."""

from __future__ import annotations

import argparse
from pathlib import Path


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "quiz",
        help="answer interview questions with spaced repetition",
        description="Ask today's due reviews, then new questions (daily limits: 20 new, 200 reviews). "
        "Choices are shuffled at every showing. After each result: Enter for the next question, "
        "1/2 to say you guessed (Again/Hard), f to flag, s to suspend. "
        "Ctrl-C or Ctrl-D ends the session; every answer given is already saved.",
    )
    parser.add_argument(
        "--topic", action="append", default=[], metavar="T", help="only this topic (repeatable)"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="X", help="only questions tagged X (repeatable)"
    )
    parser.add_argument("--due", action="store_true", help="only reviews that are due (no new questions)")
    parser.add_argument("--limit", type=_positive, metavar="N", help="ask at most N questions")
    parser.add_argument("--flagged", action="store_true", help="only flagged questions")
    parser.add_argument(
        "--seed", type=int, metavar="N", help="choice order of a session shown before (printed at the start)"
    )
    parser.add_argument(
        "--list-topics", action="store_true", help="list topics with new and due counts, then exit"
    )
    parser.add_argument("--list-tags", action="store_true", help="list tags with question counts, then exit")
    parser.add_argument(
        "--list-flagged", action="store_true", help="list flagged and suspended questions, then exit"
    )
    for change, what in (
        ("flag", "flag question ID"),
        ("unflag", "remove the flag of question ID"),
        ("suspend", "never ask question ID until it is unsuspended"),
        ("unsuspend", "schedule question ID again"),
    ):
        parser.add_argument(f"--{change}", action="append", default=[], metavar="ID", help=f"{what} (repeatable)")
    parser.add_argument(
        "--bank", type=Path, metavar="DIR", help="question bank folder (default: the shipped bank)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the quiz (imports stay inside so other commands start fast)."""
    from interview_prep.quiz.queue import Filters
    from interview_prep.quiz.terminal import run_quiz

    filters = Filters(tuple(args.topic), tuple(args.tag), args.due, args.limit, args.flagged)
    marks = {change: getattr(args, change) for change in ("flag", "unflag", "suspend", "unsuspend")}
    return run_quiz(
        filters,
        bank_dir=args.bank,
        list_topics=args.list_topics,
        seed=args.seed,
        list_tags=args.list_tags,
        list_flagged=args.list_flagged,
        marks=marks,
    )
