"""Rich renderables for the terminal quiz (built here, printed by the CLI)."""

from __future__ import annotations

import re
from datetime import datetime

from rich import box
from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from interview_prep.progress.marks import Mark
from interview_prep.quiz.checking import DONT_KNOW, letter
from interview_prep.quiz.models import (
    MultiQuestion,
    NumericQuestion,
    OpenQuestion,
    Question,
    SingleQuestion,
    TextQuestion,
)
from interview_prep.quiz.queue import TagOverview, TopicOverview
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.session import Outcome, TopicScore

RATING_STYLES = {Rating.AGAIN: "red", Rating.HARD: "yellow", Rating.GOOD: "green", Rating.EASY: "cyan"}
_LABEL_RE = re.compile(r"^[A-Z][\w ()/-]{0,30}:\s")


def keep_line_breaks(text: str) -> str:
    """Markdown in which lines starting with a label (`Reference: ...`, `Hypothesis: ...`) stay on
    their own line; other single line breaks are wrapping and flow as usual. Fences are left alone."""
    lines = text.strip().split("\n")
    fenced = False
    for i, line in enumerate(lines[:-1]):
        fenced ^= line.lstrip().startswith("```")
        following = lines[i + 1]
        if not fenced and line.strip() and following.strip() and (_LABEL_RE.match(line) or _LABEL_RE.match(following)):
            lines[i] = line.rstrip() + "\\"
    return "\n".join(lines)


def stars(difficulty: int) -> str:
    return "●" * difficulty + "○" * (3 - difficulty)


def until(moment: datetime, now: datetime) -> str:
    """'in 10 min', 'in 5 h', 'in 3 days', 'now'."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"in {round(seconds / 3600)} h"
    days = round(seconds / 86400)
    return f"in {days} day{'s' if days != 1 else ''}"


def answer_hint(question: Question) -> str:
    """One line telling the learner how to answer."""
    match question:
        case SingleQuestion():
            hint = f"one letter a-{letter(len(question.choices) - 1)} (or 1-{len(question.choices)})"
        case MultiQuestion():
            hint = "every correct letter, e.g. a,c"
        case NumericQuestion():
            hint = f"a number in {question.unit}" if question.unit else "a number"
        case TextQuestion():
            hint = "a short answer"
        case _:
            return "Think it through and write notes if you like (several lines), then see the model answer"
    return f"Answer with {hint}; {DONT_KNOW} if you don't know"


def question_panel(question: Question, position: int, total: int, title: str) -> Panel:
    """The question: progress, topic, difficulty, prompt and choices."""
    parts: list[RenderableType] = [Markdown(keep_line_breaks(question.prompt))]
    if isinstance(question, SingleQuestion | MultiQuestion):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column()
        for i, choice in enumerate(question.choices):
            grid.add_row(f"{letter(i)})", Markdown(choice.text))
        parts += [Text(""), grid]
    if isinstance(question, MultiQuestion):
        parts.append(Text("(select all that apply)", style="italic"))
    parts += [Text(""), Text(answer_hint(question), style="dim")]
    header = Table.grid(expand=True)
    header.add_column()
    header.add_column(justify="right")
    header.add_row(
        Text(f"Question {position}/{total}", style="bold"), ProgressBar(total, position - 1, width=24)
    )
    return Panel(
        Group(header, Text(""), *parts),
        title=f"[bold]{escape(title)}[/] · {stars(question.difficulty)}",
        title_align="left",
        subtitle=question.kind,
        subtitle_align="right",
        border_style="blue",
        padding=(1, 2),
    )


def model_answer_panel(question: OpenQuestion, notes: str = "") -> RenderableType:
    """The model answer, with the learner's notes beside it when there are any."""
    answer = Panel(
        Markdown(question.model_answer),
        title="Model answer",
        title_align="left",
        border_style="magenta",
        padding=(0, 2),
    )
    if not notes.strip():
        return answer
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(ratio=2)
    grid.add_row(
        Panel(Text(notes.strip()), title="Your notes", title_align="left", border_style="cyan", padding=(0, 1)),
        answer,
    )
    return grid


def after_answer_prompt(outcome: Outcome, mark: Mark) -> str:
    """What the learner can do once the result is shown: next, "I guessed", flag, suspend."""
    options = ["[bold]Enter[/] next"]
    if outcome.result.correct:
        options.append("I guessed: [red]1 Again[/] / [yellow]2 Hard[/]")
    options.append(f"f {'unflag' if mark.flagged else 'flag'}")
    options.append(f"s {'unsuspend' if mark.suspended else 'suspend'}")
    return " · ".join(options) + " › "


def rating_prompt() -> str:
    labels = " · ".join(f"[{RATING_STYLES[r]}]{int(r)} {r.label}[/]" for r in Rating)
    return f"How well did you know it? {labels} › "


def _choices_table(question: SingleQuestion | MultiQuestion, chosen: tuple[int, ...]) -> Table:
    table = Table.grid(padding=(0, 1))
    for _ in range(3):
        table.add_column(no_wrap=True)
    table.add_column()
    for i, choice in enumerate(question.choices):
        mark = Text("✓", style="bold green") if choice.correct else Text("✗", style="red")
        you = Text("you ▸", style="bold") if i in chosen else Text("")
        table.add_row(
            you, mark, Text(f"{letter(i)})", style="bold"), Markdown(f"{choice.text} — *{choice.why}*")
        )
    return table


def result_panel(outcome: Outcome, now: datetime) -> Panel:
    """Verdict, expected answer, per-choice reasons, explanation and references."""
    question, result = outcome.question, outcome.result
    if result.correct is None:
        verdict, style = "Self-rated", "magenta"
    elif result.correct:
        verdict, style = "✓ Correct", "green"
    else:
        verdict, style = "✗ Not quite", "red"
    parts: list[RenderableType] = []
    if isinstance(question, NumericQuestion | TextQuestion):
        parts.append(Markdown(f"**Answer:** {result.expected}"))
        if not result.correct:
            parts.append(Text.assemble(("You: ", "bold"), outcome.answer.strip()))
    if result.feedback and result.correct is not None:
        parts.append(Text(result.feedback, style="dim"))
    if isinstance(question, SingleQuestion | MultiQuestion):
        parts.append(_choices_table(question, result.chosen))
    parts += [Text("")] if parts else []
    parts.append(Markdown(question.explanation))
    refs = Text("Read more: ", style="dim")
    for i, ref in enumerate(question.references):
        refs.append(("; " if i else "") + ref.title, style=f"link {ref.url} underline")
        refs.append(f" ({ref.url})", style="dim")
    parts += [Text(""), refs]
    rating = outcome.rating
    title = (
        f"[bold {style}]{verdict}[/] · [{RATING_STYLES[rating]}]{rating.label}[/] · "
        f"{outcome.duration_s:.0f}s · next review {until(outcome.state.due, now)}"
    )
    return Panel(Group(*parts), title=title, title_align="left", border_style=style, padding=(0, 2))


def summary_table(scores: list[TopicScore], titles: dict[str, str]) -> Table:
    """Score per topic plus a total row."""
    table = Table(title="Session summary", box=box.ROUNDED, title_style="bold", show_footer=True)
    total = TopicScore("total")
    for score in scores:
        for name in ("answered", "correct", "self_rated", "recalled"):
            setattr(total, name, getattr(total, name) + getattr(score, name))
    table.add_column("Topic", footer="Total")
    table.add_column("Answered", justify="right", footer=str(total.answered))
    table.add_column("Correct", justify="right", footer=f"{total.correct}/{total.checked}")
    table.add_column("Open recalled", justify="right", footer=f"{total.recalled}/{total.self_rated}")
    table.add_column("Score", justify="right", footer=_percent(total.score))
    for score in scores:
        table.add_row(
            Text(titles.get(score.topic, score.topic)),
            str(score.answered),
            f"{score.correct}/{score.checked}",
            f"{score.recalled}/{score.self_rated}",
            _percent(score.score),
        )
    return table


def _percent(value: float | None) -> Text:
    if value is None:
        return Text("-")
    style = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text(f"{value:.0%}", style=f"bold {style}")


def topics_table(rows: list[TopicOverview]) -> Table:
    """`quiz --list-topics`: what each topic holds and what is due today."""
    table = Table(title="Quiz topics", box=box.ROUNDED, title_style="bold")
    table.add_column("Topic (--topic)", style="cyan", no_wrap=True)
    table.add_column("Title")
    for name in ("Questions", "New", "Due today"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(
            row.topic,
            Text(row.title),
            str(row.total),
            str(row.new),
            Text(str(row.due), style="bold yellow" if row.due else ""),
        )
    return table


def tags_table(rows: list[TagOverview]) -> Table:
    """`quiz --list-tags`: every tag, how many questions carry it, and their topics."""
    table = Table(title="Quiz tags", box=box.ROUNDED, title_style="bold")
    table.add_column("Tag (--tag)", style="cyan", no_wrap=True)
    table.add_column("Questions", justify="right")
    table.add_column("Topics")
    for row in rows:
        table.add_row(row.tag, str(row.questions), ", ".join(row.topics))
    return table


def marks_table(marks: list[Mark], questions: dict[str, Question]) -> Table:
    """`quiz --list-flagged`: flagged and suspended questions."""
    table = Table(title="Flagged and suspended questions", box=box.ROUNDED, title_style="bold")
    table.add_column("Question", style="cyan", no_wrap=True)
    table.add_column("Flagged", justify="center")
    table.add_column("Suspended", justify="center")
    table.add_column("Prompt")
    for mark in marks:
        question = questions.get(mark.question_id)
        prompt = " ".join(question.prompt.split()) if question else "(no longer in the bank)"
        table.add_row(
            mark.question_id,
            "⚑" if mark.flagged else "",
            "⏸" if mark.suspended else "",
            Text(prompt if len(prompt) <= 60 else prompt[:59] + "…"),
        )
    return table


def next_due_line(next_due: datetime | None, now: datetime) -> str:
    return f"Next review due {until(next_due, now)}." if next_due else "No reviews scheduled yet."
