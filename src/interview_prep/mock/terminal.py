"""The interactive `interview-prep mock`: questions with a countdown, then the kata, then the scorecard.

Input is read with `input()`, so the countdown is shown with every prompt (the TUI screen
shows a live one). Ctrl-C or Ctrl-D ends the interview early; the scorecard is still saved.
Every step is checkpointed, so an interview cut off otherwise (a closed terminal) is offered
again by the next `interview-prep mock`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from interview_prep.errors import UserError
from interview_prep.mock import render
from interview_prep.mock.scorecard import save_scorecard
from interview_prep.mock.session import (
    Clock,
    MockInterview,
    Phase,
    draw_for,
    kata_root,
    load_unfinished,
    save_unfinished,
)
from interview_prep.progress.days import rollover_hour
from interview_prep.progress.store import Store, open_store
from interview_prep.quiz import render as quiz_render
from interview_prep.quiz.checking import InvalidAnswer
from interview_prep.quiz.models import OpenQuestion, Question
from interview_prep.quiz.rating import Rating


def _now() -> datetime:
    return datetime.now(UTC)


def run_mock(minutes: int, seed: int | None = None, console: Console | None = None, clock: Clock = _now) -> int:
    """Offer to resume an unfinished mock interview, else draw a new one; run it, save it, print its scorecard."""
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.quiz.bank import load_bank

    console = console or Console(highlight=False)
    bank = load_bank()
    if not bank.questions:
        raise UserError("the question bank has no valid questions", hint="run `interview-prep dev check`")
    catalog = load_catalog(strict=False)
    with open_store() as store:
        interview, problem = load_unfinished(store, bank, catalog, clock)
        if problem:
            console.print(Text(problem, style="yellow"))
        if interview is not None:
            console.print(Panel(f"An unfinished mock interview: {interview.progress_line()}. "
                                "The clock was paused while you were away.", border_style="cyan"))
            try:
                reply = console.input("[bold]Resume it?[/] [Y/n] (n saves its scorecard as it stands) ")
            except (EOFError, KeyboardInterrupt):
                console.print("\nLeft for later: `interview-prep mock` offers it again.")
                return 0
            if reply.strip().lower() in ("n", "no"):
                _save(console, store, interview, ended_early=True)
                interview = None
        if interview is None:
            draw, seed = draw_for(store, bank, catalog, minutes, seed)
            console.print(render.intro(draw, bank.titles))
            try:
                console.input("[bold]Press Enter to start the clock[/] ")
            except (EOFError, KeyboardInterrupt):
                console.print("\nNo interview started.")
                return 0
            interview = MockInterview(draw, clock, seed, dict(bank.titles))
        ended_early = False
        try:
            save_unfinished(store, interview)
            while interview.phase is Phase.QUESTIONS:
                _ask(console, interview)
                save_unfinished(store, interview)
            if interview.phase is Phase.KATA:
                ended_early = _kata(console, store, interview)
        except (EOFError, KeyboardInterrupt):
            ended_early = True
            console.print("\n[yellow]Interview ended early.[/]")
        if interview.expired:
            console.print("[bold red]Time is up.[/]")
        _save(console, store, interview, ended_early)
    return 0


def _save(console: Console, store: Store, interview: MockInterview, ended_early: bool) -> None:
    """Finish the interview, save its scorecard (dropping the checkpoint) and print it."""
    card = interview.finish(ended_early)
    mock_id = save_scorecard(store, card)
    console.print()
    console.print(render.scorecard(card, mock_id, rollover_hour(store)))
    console.print(f"[dim]Saved as mock interview #{mock_id}: `interview-prep mock show {mock_id}` shows it again.[/]")


def _ask(console: Console, interview: MockInterview) -> None:
    question = interview.current
    console.print()
    console.print(render.countdown(interview.time_left(), interview.draw.minutes))
    title = interview.titles.get(question.topic, question.topic)
    console.print(quiz_render.question_panel(question, interview.position, len(interview.questions), title))
    answer = console.input("[bold cyan]›[/] ")
    while not isinstance(question, OpenQuestion):
        try:
            interview.check(answer)
            break
        except InvalidAnswer as exc:
            console.print(Text(str(exc), style="yellow"))
            answer = console.input("[bold cyan]›[/] ")
    rating = None
    if isinstance(question, OpenQuestion):
        console.print(quiz_render.model_answer_panel(question))
        while (text := console.input(quiz_render.rating_prompt()).strip()) not in {"1", "2", "3", "4"}:
            console.print("[yellow]type 1, 2, 3 or 4[/]")
        rating = Rating(int(text))
    result = interview.submit(answer, rating)
    if not result.answered:
        console.print("[yellow]Time for the questions is up: this answer does not count.[/]")
    elif result.correct is not None:
        verdict = "[green]✓ right[/]" if result.correct else "[red]✗ not quite[/]"
        console.print(verdict, Text(f"answer: {_expected(question)}", style="dim"))


def _expected(question: Question) -> str:
    from interview_prep.quiz.checking import expected_answer

    return expected_answer(question)


def _kata(console: Console, store: Store, interview: MockInterview) -> bool:
    """The coding part; True when the learner gave up (q) before a pass and before time was up."""
    from interview_prep.kata.render import print_results
    from interview_prep.kata.workspace import learner_files

    kata = interview.draw.kata
    folder = interview.prepare_kata(kata_root(store, interview.started_at))
    save_unfinished(store, interview)
    files = ", ".join(str(f) for f in learner_files(folder.parents[1], kata))
    console.print()
    console.print(Panel(
        Text.assemble(("Statement: ", "bold"), str(folder / "README.md"), "\n", ("Edit: ", "bold"), files, "\n\n",
                      ("Press Enter to grade (as often as you like); type q and Enter to finish.", "dim")),
        title=f"Coding · {kata.title}", title_align="left", border_style="cyan"))
    while interview.phase is Phase.KATA:
        left = render.clock_text(interview.time_left())
        command = console.input(f"[bold cyan]⏱ {left}[/] grade [Enter] · finish [q] › ").strip().lower()
        if command in ("q", "quit", "finish"):
            return True
        if interview.phase is not Phase.KATA:
            break
        with console.status(f"grading {kata.id}…"):
            results = interview.grade_kata()
        save_unfinished(store, interview)
        print_results(console, kata, results, hints=False)  # hints and replays act on the normal workspace
        if results.passed:
            console.print("[bold green]Solved under the clock.[/]")
            return False
    return False
