"""The interactive terminal quiz: prints with rich, reads answers with `input()`.

EOF (Ctrl-D) and Ctrl-C end the session cleanly: every answer already given is committed,
and the summary is shown.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.text import Text

from interview_prep.errors import UserError
from interview_prep.progress.store import Store, open_store
from interview_prep.quiz import render
from interview_prep.quiz.bank import Bank, load_bank
from interview_prep.quiz.checking import InvalidAnswer
from interview_prep.quiz.history import load_states
from interview_prep.quiz.models import OpenQuestion
from interview_prep.quiz.queue import Filters, limits_from_meta, overview
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.session import QuizSession

MAX_WARNINGS = 10


def _now() -> datetime:
    return datetime.now(UTC)


def run_quiz(
    filters: Filters,
    bank_dir: Path | None = None,
    list_topics: bool = False,
    console: Console | None = None,
    err: Console | None = None,
) -> int:
    """Load the bank (warning about bad questions), then list topics or run a session."""
    console = console or Console(highlight=False)
    err = err or Console(stderr=True, highlight=False)
    bank = load_bank(bank_dir)
    _warn_problems(err, bank)
    if not bank.questions:
        raise UserError("the question bank has no valid questions", hint="run `interview-prep dev check`")
    with open_store() as store:
        if store.notice:
            err.print(f"[yellow]warning:[/] {store.notice}")
        if list_topics:
            console.print(
                render.topics_table(overview(bank, load_states(store), _now(), limits_from_meta(store)))
            )
            return 0
        return _run_session(console, store, bank, filters)


def _warn_problems(err: Console, bank: Bank) -> None:
    if not bank.problems:
        return
    err.print(
        f"[yellow]warning:[/] {len(bank.problems)} problem(s) in the question bank; "
        "the affected questions are skipped:"
    )
    for problem in bank.problems[:MAX_WARNINGS]:
        err.print(f"  • {problem}", markup=False, soft_wrap=True)
    if len(bank.problems) > MAX_WARNINGS:
        err.print(f"  ... and {len(bank.problems) - MAX_WARNINGS} more (run `interview-prep dev check`)")


def _run_session(console: Console, store: Store, bank: Bank, filters: Filters) -> int:
    session = QuizSession.start(store, bank, _now(), filters)
    queue = session.queue
    if not session.total:
        console.print(
            "[bold green]Nothing to ask right now.[/] " + render.next_due_line(queue.next_due, _now())
        )
        if queue.held_by_new_limit or queue.held_by_review_limit:
            console.print(
                f"[dim]Daily limits reached: {queue.held_by_new_limit} new and "
                f"{queue.held_by_review_limit} due questions wait for tomorrow.[/]"
            )
        return 0
    console.rule(f"[bold]Quiz[/] · {session.total} question(s): {queue.due} due, {queue.new} new")
    try:
        while not session.finished:
            _ask(console, session, bank.titles)
    except (EOFError, KeyboardInterrupt):
        console.print(f"\n[yellow]Session ended early.[/] {len(session.outcomes)} answer(s) saved.")
    console.print()
    if session.outcomes:
        console.print(render.summary_table(session.summary(), bank.titles))
    upcoming = min((s.due for s in load_states(store).values()), default=None)
    console.print(render.next_due_line(upcoming, _now()), style="dim")
    return 0


def _ask(console: Console, session: QuizSession, titles: dict[str, str]) -> None:
    """Show the current question, read and check the answer, record it, show the result."""
    question = session.current
    console.print()
    console.print(
        render.question_panel(
            question, session.position, session.total, titles.get(question.topic, question.topic)
        )
    )
    started = time.monotonic()
    answer = console.input("[bold cyan]›[/] ")
    while not isinstance(question, OpenQuestion) and not _readable(console, session, answer):
        answer = console.input("[bold cyan]›[/] ")
    duration = time.monotonic() - started
    rating = None
    if isinstance(question, OpenQuestion):
        console.print(render.model_answer_panel(question))
        rating = _read_rating(console)
    outcome = session.submit(answer, duration_s=duration, now=_now(), self_rating=rating)
    console.print(render.result_panel(outcome, _now()))


def _readable(console: Console, session: QuizSession, answer: str) -> bool:
    try:
        session.check(answer)
    except InvalidAnswer as exc:
        console.print(Text(str(exc), style="yellow"))
        return False
    return True


def _read_rating(console: Console) -> Rating:
    while (text := console.input(render.rating_prompt()).strip()) not in {"1", "2", "3", "4"}:
        console.print("[yellow]type 1, 2, 3 or 4[/]")
    return Rating(int(text))
