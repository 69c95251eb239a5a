"""Rich renderables for `interview-prep plan` (the TUI plan screen uses the same texts)."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interview_prep.plan.schedule import DayProgress, DayStatus, Slip, Streak
from interview_prep.plan.status import PlanView
from interview_prep.progress.days import day_starts

RESCHEDULE_RULE = (
    "One plan day is due per day. A day you miss (or leave unfinished) stays due and the rest "
    "of the week moves back one day: work never piles up."
)
AWAY_DAYS = 3
STATUS_STYLES = {DayStatus.DONE: "green", DayStatus.DUE: "bold yellow", DayStatus.UPCOMING: "dim"}


def short_date(day: date) -> str:
    """'Mon 3 Mar'."""
    return f"{day:%a} {day.day} {day:%b}"


def status_label(progress: DayProgress, today: date) -> str:
    """'done Mon 3 Mar', 'due today', 'tomorrow', 'Thu 6 Mar'."""
    if progress.status is DayStatus.DONE:
        return "done today" if progress.date == today else f"done {short_date(progress.date)}"
    if progress.status is DayStatus.DUE:
        return "due today"
    if progress.date == today:
        return "today"
    return "tomorrow" if progress.date and (progress.date - today).days == 1 else short_date(progress.date)


def goals_text(progress: DayProgress) -> tuple[str, str]:
    """(katas 'passed/total', quiz 'answered/goal') for one day."""
    katas = f"{len(progress.katas_passed)}/{len(progress.day.katas)}" if progress.day.katas else "-"
    quiz = f"{min(progress.quiz_answered, progress.quiz_goal)}/{progress.quiz_goal}" if progress.quiz_goal else "-"
    return katas, quiz


def streak_text(streak: Streak) -> Text:
    """'🔥 3-day streak (best 5)' or a nudge when today has no study yet."""
    text = Text()
    if streak.current:
        text.append(f"{streak.current}-day streak", style="bold magenta")
        text.append(f" (best {streak.longest})", style="dim")
        if not streak.studied_today:
            text.append(" · study today to keep it", style="yellow")
    else:
        text.append("no streak yet: study today to start one", style="dim")
    return text


def week_table(view: PlanView) -> Table:
    """The week: one row per day with its date, focus, goals and status."""
    status = view.status
    table = Table(title=view.plan.title, box=box.ROUNDED, title_style="bold")
    table.add_column("Day", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Focus")
    table.add_column("Katas", justify="right", no_wrap=True)
    table.add_column("Quiz", justify="right", no_wrap=True)
    table.add_column("Mock", justify="center", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for progress in status.days:
        katas, quiz = goals_text(progress)
        mock = ("✓" if progress.mock_done else "·") if progress.day.mock else "-"
        focus = Text(progress.day.title, style="bold" if progress.status is DayStatus.DUE else "")
        if progress.slipped:
            focus.append(f"  (moved {len(progress.slipped)}×)", style="yellow")
        table.add_row(
            str(progress.day.day),
            short_date(progress.date) if progress.date else "",
            focus,
            katas,
            quiz,
            mock,
            Text(status_label(progress, status.today), style=STATUS_STYLES[progress.status]),
        )
    return table


def today_panel(view: PlanView) -> Panel:
    """What to do now: the due day's remaining katas and quiz, with the commands to run."""
    status = view.status
    progress = status.due or status.next_day
    if progress is None:
        return Panel(
            Text("The week is complete. Keep your reviews going with `interview-prep quiz`, or start "
                 "another round with `interview-prep plan start`."),
            title="Done", border_style="green", title_align="left",
        )
    lines: list[RenderableType] = [Text(progress.day.summary)]
    for kata in progress.katas_left:
        lines.append(Text.assemble("• kata ", (view.kata_titles.get(kata, kata), "bold"),
                                   (f"  interview-prep check {kata}", "cyan")))
    left = progress.quiz_goal - progress.quiz_answered
    if left > 0:
        topics = progress.day.quiz.topics
        names = ", ".join(view.topic_titles.get(t, t) for t in topics) or "any topic (due reviews first)"
        command = "interview-prep quiz" + "".join(f" --topic {t}" for t in topics)
        lines.append(Text.assemble(f"• {left} quiz question(s): {names}  ", (command, "cyan")))
    if progress.day.mock and not progress.mock_done:
        lines.append(Text.assemble("• a mock interview  ", ("interview-prep mock", "cyan")))
    if progress.status is DayStatus.DUE:
        title, style = f"Today · Day {progress.day.day}: {progress.day.title}", "yellow"
    elif status.today < status.start:
        title, style = f"The plan starts {short_date(status.start)} · Day 1: {progress.day.title}", "cyan"
    else:
        title, style = f"Today's day is done · next: Day {progress.day.day}: {progress.day.title}", "green"
    return Panel(Group(*lines), title=title, title_align="left", border_style=style)


def slip_runs(slips: list[Slip]) -> list[tuple[date, date, int, str]]:
    """Consecutive slips of the same day and kind merged: (first, last, day, kind)."""
    runs: list[tuple[date, date, int, str]] = []
    for slip in slips:
        if runs and runs[-1][2:] == (slip.day, slip.kind) and (slip.on - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], slip.on, slip.day, slip.kind)
        else:
            runs.append((slip.on, slip.on, slip.day, slip.kind))
    return runs


def slips_text(view: PlanView) -> Text | None:
    """The days that moved the plan back (runs merged), or None."""
    if not view.status.slips:
        return None
    text = Text()
    for first, last, day, kind in slip_runs(view.status.slips):
        when = short_date(first) if first == last else f"{short_date(first)} – {short_date(last)}"
        count = (last - first).days + 1
        text.append(f"• {when}: ", style="bold")
        text.append(f"day {day} {kind}" + (f" ({count} days)" if count > 1 else ""),
                    style="red" if kind == "missed" else "yellow")
        text.append(" → the rest of the week moved back\n", style="dim")
    if len(view.status.missed) >= AWAY_DAYS:
        text.append("Been away? `interview-prep plan start` restarts the week today (your work is kept).\n",
                    style="cyan")
    text.rstrip()
    return text


def plan_view(view: PlanView) -> Group:
    """Everything `interview-prep plan` prints."""
    status = view.status
    header = Text.assemble(
        ("Started ", "dim"), short_date(status.start), (" · today ", "dim"), short_date(status.today),
        (f" ({day_starts(status.rollover_hour)})", "dim"), (" · finish ", "dim"), short_date(status.finish_date), "  ",
    )
    header.append_text(streak_text(status.streak))
    parts: list[RenderableType] = [header, week_table(view), today_panel(view)]
    if slips := slips_text(view):
        parts += [Text(f"Missed or unfinished days ({len(status.missed)} missed):", style="bold"), slips]
    parts.append(Text(RESCHEDULE_RULE, style="dim italic"))
    return Group(*parts)
