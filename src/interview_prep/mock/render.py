"""Rich renderables for the mock interview: intro, countdown line, scorecard, history."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from rich import box
from rich.console import Group
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interview_prep.mock.draw import MockDraw
from interview_prep.mock.scorecard import QuestionResult, Scorecard
from interview_prep.mock.session import question_title
from interview_prep.progress.days import day_starts, study_date
from interview_prep.quiz.checking import expected_answer, letter
from interview_prep.quiz.models import MultiQuestion, OpenQuestion, Question, SingleQuestion
from interview_prep.quiz.rating import Rating

KATA_STYLES = {"pass": "green", "fail": "red", "error": "magenta", "not attempted": "dim"}
NOT_RECORDED = "Mock answers do not change your review schedule or kata records; the scorecard is saved."


def clock_text(left: timedelta) -> str:
    """'12:05' (minutes:seconds) or '1:02:03'."""
    seconds = max(0, int(left.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def countdown(left: timedelta, total_minutes: int) -> Text:
    """'⏱ 12:05 left' coloured by urgency."""
    share = left.total_seconds() / (total_minutes * 60)
    style = "bold red" if share < 0.1 else "bold yellow" if share < 0.25 else "bold cyan"
    return Text.assemble(("⏱ ", style), (clock_text(left), style), (" left", "dim"))


TERMINAL_KEYS = "Type ? if you don't know; Ctrl-C ends the interview early (the scorecard is still saved)."


def intro(draw: MockDraw, titles: dict[str, str], keys: str = TERMINAL_KEYS) -> Panel:
    """What the interview holds, before the clock starts; `keys` says how to answer and stop."""
    concepts = [q for q in draw.questions if q.kind != "open"]
    scenarios = [q for q in draw.questions if q.kind == "open"]
    topics = ", ".join(dict.fromkeys(titles.get(q.topic, q.topic) for q in concepts))
    lines = [
        Text.assemble(("Questions: ", "bold"), f"{len(concepts)} conceptual ({topics}) and "
                      f"{len(scenarios)} scenario question(s), about {draw.question_minutes:.0f} min"),
    ]
    if draw.kata:
        lines.append(Text.assemble(("Coding: ", "bold"), f"{draw.kata.title} ({draw.kata.id}), "
                                   f"about {draw.kata.minutes} min, solved in your editor and graded here"))
    else:
        lines.append(Text(f"No kata fits in {draw.minutes} minutes (a kata gets at most half the time): "
                          "questions only.", style="yellow"))
    lines += [Text(""), Text(NOT_RECORDED, style="dim"), Text(keys, style="dim")]
    return Panel(Group(*lines), title=f"Mock interview · {draw.minutes} minutes", title_align="left",
                 border_style="cyan")


def _percent(value: float) -> Text:
    style = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text(f"{value:.0%}", style=f"bold {style}")


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


def scorecard(
    card: Scorecard, mock_id: int | None, rollover_hour: int, tz: tzinfo | None = None, *, commands: bool = True
) -> Group:
    """Per topic, time used, the kata result, the transcript and, when `commands`, what to review
    with the command that opens each question (the TUI lists them to select instead)."""
    day, time = started(card, rollover_hour, tz)
    table = Table(box=box.ROUNDED, show_footer=True, title_style="bold",
                  title=f"Mock interview{f' #{mock_id}' if mock_id else ''} · {day}, {time}")
    table.add_column("Topic", footer="Total")
    table.add_column("Asked", justify="right", footer=str(card.asked))
    table.add_column("Answered", justify="right", footer=str(sum(t.answered for t in card.topics)))
    table.add_column("Right", justify="right", footer=str(card.credited))
    table.add_column("Score", justify="right", footer=_percent(card.question_score))
    for topic in card.topics:
        table.add_row(topic.title, str(topic.asked), str(topic.answered), str(topic.credited), _percent(topic.score))
    used = Text.assemble(("Time used: ", "bold"), f"{_minutes(card.time_used_s)} of {card.minutes} min",
                         (" (ended early)" if card.ended_early else "", "yellow"))
    parts: list = [table, used]
    if card.kata:
        kata = card.kata
        line = Text.assemble(("Kata: ", "bold"), f"{kata.title} ", (kata.status, f"bold {KATA_STYLES[kata.status]}"))
        if kata.runs:
            line.append(f" · {kata.tests_passed}/{kata.tests_total} tests · {kata.runs} grading run(s) · "
                        f"best after {_minutes(kata.time_s)}")
        parts.append(line)
    parts.append(transcript(card))
    if any(q.spoken for q in card.questions):
        parts.append(speaking_table(card))
    if card.voice and mock_id is not None:
        from interview_prep.mock.voice import mock_audio_dir

        parts.append(Text.assemble(("Audio: ", "bold"), str(mock_audio_dir(mock_id)),
                                   (" (questions read aloud and your spoken answers)", "dim")))
    missed = review_these(card)
    if missed and commands:
        parts.append(Text("Review these:", style="bold"))
        for q in missed:
            command = f"interview-prep mock show {mock_id} --question {q.id}" if mock_id is not None else q.id
            parts.append(Text.assemble("  • ", q.title or q.id, (f"  {command}", "cyan")))
    return Group(*parts)


def review_these(card: Scorecard) -> list[QuestionResult]:
    """The questions answered without credit."""
    return [q for q in card.questions if q.answered and not q.credit]


def _result(q: QuestionResult) -> Text:
    if not q.answered:
        return Text("too late" if q.answer else "not answered", style="dim")
    if q.correct is None:
        text = Text(f"self-rated {Rating(q.self_rating).label}" if q.self_rating else "self-rated",
                    style="bold green" if q.credit else "bold yellow")
        if q.key_points:
            text.append(f"\n{len(q.covered_points)}/{q.key_points} key points", style="dim")
        return text
    return Text("✓ right", style="bold green") if q.correct else Text("✗ wrong", style="bold red")


def transcript(card: Scorecard) -> Table:
    """Per question: the question, your answer, the right (or model) answer, the result or rating."""
    table = Table(title="Transcript", box=box.SIMPLE_HEAD, title_style="bold", title_justify="left", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Question", ratio=3)
    table.add_column("Your answer", ratio=2)
    table.add_column("Right / model answer", ratio=3)
    table.add_column("Result", no_wrap=True)
    for number, q in enumerate(card.questions, 1):
        answer = Text(("🎤 " if q.spoken else "") + (q.answer.strip() or "-"), style="" if q.answer else "dim")
        if q.missed_points:
            answer.append("\nmissed: " + "; ".join(q.missed_points), style="yellow")
        table.add_row(str(number), q.title or q.id, answer, q.expected or "-", _result(q))
    return table


def spoken_metrics_line(spoken) -> str:
    """'42.1 s · 35.0 s speaking · 96 words · 165 wpm · 1 long pause (12.3-14.4 s)' for a spoken answer."""
    pauses = spoken.long_pauses
    line = (f"{spoken.duration_s:.1f} s · {spoken.speech_s:.1f} s speaking · {spoken.words} words · "
            f"{spoken.wpm:.0f} wpm · ")
    if not pauses:
        return line + f"no pause of {spoken.long_pause_s:g} s or more"
    spans = ", ".join(f"{a:.1f}-{b:.1f} s" for a, b in pauses)
    return line + f"{len(pauses)} long pause{'s' if len(pauses) != 1 else ''} ({spans})"


def spoken_answer(text: str, metrics) -> Panel:
    """A transcribed spoken answer as shown right after it: the transcript and its speaking metrics."""
    return Panel(Group(Text(text or "(no speech found)", style="" if text else "dim"),
                       Text(spoken_metrics_line(metrics), style="dim")),
                 title="Your spoken answer (Whisper transcript)", title_align="left", border_style="cyan")


def speaking_table(card: Scorecard) -> Table:
    """Per spoken answer: duration, speaking time, words, words per minute, long pauses (VAD)."""
    table = Table(title="Speaking", box=box.SIMPLE_HEAD, title_style="bold", title_justify="left",
                  caption="Words per minute over the time from the first to the last word; long pauses are "
                          "silences between speech segments found by the VAD.", caption_style="dim")
    for name, justify in (("#", "right"), ("Question", "left"), ("Duration", "right"), ("Speaking", "right"),
                          ("Words", "right"), ("WPM", "right"), ("Long pauses", "left")):
        table.add_column(name, justify=justify)
    for number, q in enumerate(card.questions, 1):
        if (s := q.spoken) is None:
            continue
        pauses = ", ".join(f"{b - a:.1f} s at {a:.1f} s" for a, b in s.long_pauses) or "none"
        table.add_row(str(number), q.title or q.id, f"{s.duration_s:.1f} s", f"{s.speech_s:.1f} s", str(s.words),
                      f"{s.wpm:.0f}", Text(pauses, style="yellow" if s.long_pauses else "dim"))
    return table


def question_review(question: Question, result: QuestionResult | None, topic_title: str) -> Panel:
    """One question to study again: prompt, choices, your answer, the right answer, explanation, references."""
    parts: list = [Markdown(question.prompt)]
    if isinstance(question, SingleQuestion | MultiQuestion):
        grid = Table.grid(padding=(0, 1))
        for index, choice in enumerate(question.choices):
            mark = Text("✓", style="bold green") if choice.correct else Text(" ")
            grid.add_row(mark, Text(f"{letter(index)})", style="bold"), Markdown(f"{choice.text} — *{choice.why}*"))
        parts += [Text(""), grid]
    if result is not None:
        parts += [Text(""), Text.assemble(("Your answer: ", "bold"), result.answer.strip() or "-", "  ",
                                          _result(result))]
        if result.spoken:
            parts.append(Text(spoken_metrics_line(result.spoken), style="dim"))
        if result.key_points:
            parts.append(Text.assemble(("Key points: ", "bold"), f"{len(result.covered_points)} of "
                                       f"{result.key_points} covered"))
            parts += [Text(f"  ✗ {p}", style="yellow") for p in result.missed_points]
            parts += [Text(f"  ✓ {p}", style="green") for p in result.covered_points]
    label = "Model answer" if isinstance(question, OpenQuestion) else "Right answer"
    parts += [Text(""), Text(f"{label}:", style="bold"), Markdown(expected_answer(question)), Text(""),
              Markdown(question.explanation)]
    refs = Text("Read more: ", style="dim")
    for index, ref in enumerate(question.references):
        refs.append(("; " if index else "") + ref.title, style=f"link {ref.url} underline")
        refs.append(f" ({ref.url})", style="dim")
    parts += [Text(""), refs]
    return Panel(Group(*parts), title=f"[bold]{escape(question_title(question))}[/]",
                 subtitle=f"{escape(topic_title)} · {question.id}", title_align="left", subtitle_align="right",
                 border_style="cyan", padding=(0, 2))


def started(card: Scorecard, rollover_hour: int, tz: tzinfo | None = None) -> tuple[str, str]:
    """('Thu 03 Dec', '01:12'): the study day the interview counts for, and its local start time."""
    moment = datetime.fromisoformat(card.started_at)
    return f"{study_date(moment, tz, rollover_hour):%a %d %b}", f"{moment.astimezone(tz):%H:%M}"


def history_table(cards: list[tuple[int, Scorecard]], rollover_hour: int, tz: tzinfo | None = None) -> Table:
    """`interview-prep mock list`, dated by study day."""
    table = Table(title="Mock interviews", box=box.ROUNDED, title_style="bold",
                  caption=f"Dates are study days ({day_starts(rollover_hour)}).", caption_style="dim")
    for name, justify in (("#", "right"), ("Date", "left"), ("Time", "left"), ("Minutes", "right"),
                          ("Questions", "right"), ("Kata", "left")):
        table.add_column(name, justify=justify)
    for mock_id, card in cards:
        day, time = started(card, rollover_hour, tz)
        kata = Text(f"{card.kata.status} ({card.kata.tests_passed}/{card.kata.tests_total})" if card.kata else "-",
                    style=KATA_STYLES[card.kata.status] if card.kata else "")
        table.add_row(str(mock_id), day, time, str(card.minutes), Text.assemble(
            f"{card.credited}/{card.asked} ", _percent(card.question_score)), kata)
    return table
