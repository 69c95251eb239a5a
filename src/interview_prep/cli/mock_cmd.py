"""`interview-prep mock`: a timed mock interview, and its saved scorecards (`list`, `show`)."""

from __future__ import annotations

import argparse
from pathlib import Path


def _minutes(text: str) -> int:
    from interview_prep.mock.draw import MAX_MINUTES, MIN_MINUTES

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise argparse.ArgumentTypeError(f"choose {MIN_MINUTES}-{MAX_MINUTES} minutes")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "mock",
        help="a timed mock interview: questions across topics plus one kata, then a scorecard",
        description="Conceptual and scenario questions across topics, then one kata to solve under the "
        "clock. Mock answers do not change your review schedule or kata records; the scorecard is saved.",
    )
    parser.add_argument("--minutes", type=_minutes, default=45, metavar="N", help="length (default 45)")
    parser.add_argument("--seed", type=int, metavar="N", help="draw the same interview again")
    parser.add_argument("--voice", action="store_true",
                        help="read each question aloud (our TTS voice) and answer open questions by voice: from the "
                        "microphone (optional extra `voice`) or a WAV file; transcribed by Whisper and scored")
    parser.add_argument("--answers-dir", type=Path, metavar="DIR",
                        help="with --voice: spoken answers recorded beforehand, DIR/<question id>.wav or DIR/qNN.wav "
                        "(the question's number); implies --voice")
    parser.set_defaults(func=run)
    mock_sub = parser.add_subparsers(dest="mock_command", metavar="MOCK_COMMAND")
    mock_sub.add_parser("list", help="past mock interviews").set_defaults(func=run_list)
    show = mock_sub.add_parser("show", help="the scorecard of a past mock interview, or one of its questions")
    show.add_argument("id", nargs="?", type=int, help="its number (default: the latest)")
    show.add_argument("--question", metavar="QID",
                      help="one question of it to review: your answer, the right answer, explanation, references")
    show.set_defaults(func=run_show)


def run(args: argparse.Namespace) -> int:
    from interview_prep.errors import UserError
    from interview_prep.mock.terminal import run_mock

    if args.answers_dir is not None and not args.answers_dir.is_dir():
        raise UserError(f"--answers-dir {args.answers_dir} is not a folder")
    return run_mock(args.minutes, args.seed, voice=args.voice, answers_dir=args.answers_dir)


def run_list(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep.mock.render import history_table
    from interview_prep.mock.scorecard import history
    from interview_prep.progress.days import rollover_hour
    from interview_prep.progress.store import open_store

    console = Console(highlight=False)
    with open_store() as store:
        cards = history(store)
        hour = rollover_hour(store)
    if not cards:
        console.print("No mock interview yet: start one with [bold]interview-prep mock[/].")
        return 0
    console.print(history_table(cards, hour))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    from interview_prep.mock.render import scorecard
    from interview_prep.mock.scorecard import load_scorecard
    from interview_prep.progress.days import rollover_hour
    from interview_prep.progress.store import open_store

    with open_store() as store:
        mock_id, card = load_scorecard(store, args.id)
        hour = rollover_hour(store)
    console = Console(highlight=False)
    if args.question is None:
        console.print(scorecard(card, mock_id, hour))
        return 0
    from interview_prep.errors import UserError
    from interview_prep.mock.render import question_review
    from interview_prep.quiz.bank import load_bank

    result = next((q for q in card.questions if q.id == args.question), None)
    if result is None:
        raise UserError(f"mock interview #{mock_id} did not ask {args.question}",
                        hint=f"`interview-prep mock show {mock_id}` lists its questions")
    bank = load_bank()
    question = next((q for q in bank.questions if q.id == args.question), None)
    if question is None:
        raise UserError(f"question {args.question} is no longer in the question bank")
    console.print(question_review(question, result, bank.titles.get(question.topic, question.topic)))
    return 0
