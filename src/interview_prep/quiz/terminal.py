"""The interactive terminal quiz: prints with rich, reads answers with `input()`.

After each result the learner presses Enter for the next question, or says "I guessed"
(1 Again / 2 Hard, after a right answer), or flags (f) or suspends (s) the question.
Notes to an open question may span lines (an empty line ends them) and stay beside the
model answer. EOF (Ctrl-D) and Ctrl-C end the session cleanly: every answer already given
is committed, and the summary is shown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from time import monotonic

from rich.console import Console
from rich.text import Text

from interview_prep.errors import UserError
from interview_prep.progress.marks import all_marks, set_mark, suspended_ids
from interview_prep.progress.store import Store, open_store
from interview_prep.quiz import render
from interview_prep.quiz.bank import Bank, load_bank
from interview_prep.quiz.checking import InvalidAnswer
from interview_prep.quiz.history import load_states
from interview_prep.quiz.models import OpenQuestion
from interview_prep.quiz.queue import Filters, limits_from_meta, overview, tag_overview
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.session import Outcome, QuizSession

MAX_WARNINGS = 10


def _now() -> datetime:
    return datetime.now(UTC)


def run_quiz(
    filters: Filters,
    bank_dir: Path | None = None,
    list_topics: bool = False,
    console: Console | None = None,
    err: Console | None = None,
    *,
    seed: int | None = None,
    list_tags: bool = False,
    list_flagged: bool = False,
    marks: dict[str, list[str]] | None = None,
) -> int:
    """Load the bank (warning about bad questions), then list, change card marks, or run a session.

    `marks` maps "flag", "unflag", "suspend", "unsuspend" to question ids.
    """
    console = console or Console(highlight=False)
    err = err or Console(stderr=True, highlight=False)
    bank = load_bank(bank_dir)
    _warn_problems(err, bank)
    if not bank.questions:
        raise UserError("the question bank has no valid questions", hint="run `interview-prep dev check`")
    if list_tags:
        console.print(render.tags_table(tag_overview(bank)))
        return 0
    with open_store() as store:
        if store.notice:
            err.print(f"[yellow]warning:[/] {store.notice}")
        if marks and any(marks.values()):
            _apply_marks(console, store, bank, marks)
            return 0
        if list_flagged:
            marked = list(all_marks(store).values())
            console.print(render.marks_table(marked, bank.by_id()) if marked else "No flagged or suspended questions.")
            return 0
        if list_topics:
            console.print(
                render.topics_table(
                    overview(bank, load_states(store), _now(), limits_from_meta(store), suspended=suspended_ids(store))
                )
            )
            return 0
        return _run_session(console, store, bank, filters, seed)


_MARK_CHANGES = {
    "flag": {"flagged": True},
    "unflag": {"flagged": False},
    "suspend": {"suspended": True},
    "unsuspend": {"suspended": False},
}


def _apply_marks(console: Console, store: Store, bank: Bank, marks: dict[str, list[str]]) -> None:
    known = bank.by_id()
    unknown = sorted({qid for ids in marks.values() for qid in ids} - set(known))
    if unknown:
        raise UserError(
            f"unknown question id {', '.join(unknown)}", hint="ids are shown after each answer and in the bank files"
        )
    for change, ids in marks.items():
        for qid in ids:
            set_mark(store, qid, **_MARK_CHANGES[change])
            console.print(f"{qid}: {change}ged" if change.endswith("flag") else f"{qid}: {change}ed")


def _warn_problems(err: Console, bank: Bank) -> None:
    if not bank.problems:
        return
    err.print(
        f"[yellow]warning:[/] {len(bank.problems)} problem(s) in the question bank; "
        "each says what was skipped (a question, or the whole file):"
    )
    for problem in bank.problems[:MAX_WARNINGS]:
        err.print(f"  • {problem}", markup=False, soft_wrap=True)
    if len(bank.problems) > MAX_WARNINGS:
        err.print(f"  ... and {len(bank.problems) - MAX_WARNINGS} more (run `interview-prep dev check`)")


def _run_session(console: Console, store: Store, bank: Bank, filters: Filters, seed: int | None) -> int:
    session = QuizSession.start(store, bank, _now(), filters, seed=seed)
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
    console.rule(
        f"[bold]Quiz[/] · {session.total} question(s): {queue.due} due, {queue.new} new · "
        f"[dim]--seed {session.seed}[/]"
    )
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
    started = monotonic()
    rating = None
    if isinstance(question, OpenQuestion):
        answer = _read_notes(console)
        duration = monotonic() - started
        console.print(render.model_answer_panel(question, answer))
        rating = _read_rating(console, _rubric(console, question, answer))
    else:
        answer = console.input("[bold cyan]›[/] ")
        while not _readable(console, session, answer, monotonic() - started):
            answer = console.input("[bold cyan]›[/] ")
        duration = monotonic() - started
    outcome = session.submit(answer, duration_s=duration, now=_now(), self_rating=rating)
    console.print(render.result_panel(outcome, _now()))
    _after_answer(console, session, outcome)


def _read_notes(console: Console) -> str:
    """Notes over several lines; an empty line ends them."""
    console.print("[dim]Notes: Enter starts a new line; an empty line shows the model answer.[/]")
    lines: list[str] = []
    while line := console.input("[bold cyan]›[/] " if not lines else "[bold cyan]…[/] "):
        lines.append(line)
    return "\n".join(lines)


def _readable(console: Console, session: QuizSession, answer: str, elapsed: float) -> bool:
    try:
        session.check(answer, elapsed_s=elapsed)
    except InvalidAnswer as exc:
        console.print(Text(str(exc), style="yellow"))
        return False
    return True


def _after_answer(console: Console, session: QuizSession, outcome: Outcome) -> None:
    """Enter moves on; 1/2 say "I guessed" (after a right answer); f and s toggle flag and suspension."""
    qid = outcome.question.id
    while command := console.input(render.after_answer_prompt(outcome, session.last_mark())).strip().lower():
        mark = session.last_mark()
        if command in ("1", "2") and outcome.result.correct:
            outcome = session.downgrade(Rating(int(command)))
            console.print(
                f"Guessed: rated [{render.RATING_STYLES[outcome.rating]}]{outcome.rating.label}[/], "
                f"next review {render.until(outcome.state.due, _now())}."
            )
        elif command == "f":
            flagged = session.mark(flagged=not mark.flagged).flagged
            console.print(f"{qid} {'flagged' if flagged else 'unflagged'} (`quiz --list-flagged` lists flags).")
        elif command == "s":
            suspended = session.mark(suspended=not mark.suspended).suspended
            console.print(
                f"{qid} suspended: it will not be asked until `quiz --unsuspend {qid}`."
                if suspended
                else f"{qid} unsuspended."
            )
        else:
            console.print("[yellow]press Enter, or type 1, 2, f or s[/]" if outcome.result.correct
                          else "[yellow]press Enter, or type f or s[/]")


def _rubric(console: Console, question: OpenQuestion, notes: str) -> Rating | None:
    """Score the notes against the key points, show covered and missed, return the proposed rating."""
    from interview_prep.quiz.rubric import has_rubric, score_answer
    from interview_prep.quiz.rubric_render import rubric_text

    if not notes.strip() or not has_rubric(question):
        return None
    score = score_answer(question, notes)
    console.print(rubric_text(score))
    return score.proposed_rating


def _read_rating(console: Console, proposed: Rating | None = None) -> Rating:
    """1-4; with a proposed rating (from the key points), Enter accepts it."""
    from interview_prep.quiz.rubric_render import proposed_rating_prompt, read_rating

    while (rating := read_rating(console.input(proposed_rating_prompt(proposed)), proposed)) is None:
        console.print("[yellow]type 1, 2, 3 or 4[/]" + (" (or Enter to accept the proposal)" if proposed else ""))
    return rating
