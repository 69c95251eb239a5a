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
    parser.add_argument(
        "--list-topics", action="store_true", help="list topics with new and due counts, then exit"
    )
    parser.add_argument(
        "--bank", type=Path, metavar="DIR", help="question bank folder (default: the shipped bank)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the quiz (imports stay inside so other commands start fast)."""
    from interview_prep.quiz.queue import Filters
    from interview_prep.quiz.terminal import run_quiz

    filters = Filters(tuple(args.topic), tuple(args.tag), args.due, args.limit)
    return run_quiz(filters, bank_dir=args.bank, list_topics=args.list_topics)
