"""The plan screen's regions: the header line, the week table and today's to-do list."""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape
from textual.widgets import DataTable, Static

from interview_prep.plan.render import RESCHEDULE_RULE, goals_text, short_date, slip_runs, status_label
from interview_prep.plan.schedule import DayStatus
from interview_prep.plan.status import PlanView
from interview_prep.progress.days import day_starts

#: DataTable cells are Rich text: plain Rich styles (theme variables only work in Textual markup)
STATUS_STYLES = {DayStatus.DONE: "green", DayStatus.DUE: "bold yellow", DayStatus.UPCOMING: "dim"}


class WeekTable(DataTable):
    """One row per plan day (row key: the day number); a focus too long for the width ends in "…"."""

    #: fixed widths of every column but Focus ("done Mon 10 Mar" is the longest status)
    WIDTHS = {"Day": 3, "Date": 10, "Katas": 5, "Quiz": 5, "Mock": 4, "Status": 15}

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.view: PlanView | None = None

    def on_mount(self) -> None:
        self.fill()

    def on_resize(self) -> None:
        self.fill()

    def show_week(self, view: PlanView) -> None:
        self.view = view
        self.fill()

    def focus_width(self) -> int:
        """What is left of the table's width for the Focus column (and the scrollbar, if the rows need one)."""
        padding = 2 * self.cell_padding
        fixed = sum(self.WIDTHS.values()) + len(self.WIDTHS) * padding
        width = self.size.width
        if self.view is not None and len(self.view.status.days) + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return max(12, width - fixed - padding)

    def fill(self) -> None:
        row = self.cursor_row
        self.clear(columns=True)
        for label in ("Day", "Date"):
            self.add_column(label, width=self.WIDTHS[label])
        self.add_column("Focus", width=self.focus_width())
        for label in ("Katas", "Quiz", "Mock", "Status"):
            self.add_column(label, width=self.WIDTHS[label])
        if self.view is None:
            return
        today = self.view.status.today
        for progress in self.view.status.days:
            katas, quiz = goals_text(progress)
            mock = ("✓" if progress.mock_done else "·") if progress.day.mock else "-"
            focus = Text(progress.day.title, no_wrap=True, overflow="ellipsis")
            if progress.slipped:
                focus.append(f" (moved {len(progress.slipped)}×)", style="yellow")
            self.add_row(
                str(progress.day.day), short_date(progress.date) if progress.date else "", focus, katas, quiz, mock,
                Text(status_label(progress, today), style=STATUS_STYLES[progress.status]), key=str(progress.day.day),
            )
        self.move_cursor(row=min(row, self.row_count - 1))


def header_markup(view: PlanView) -> str:
    """'Started Mon 3 Mar · today Thu 6 Mar (day starts 04:00) · finish Sun 9 Mar · 3-day streak (best 5)'."""
    status = view.status
    streak = status.streak
    if streak.current:
        run = f"[b $accent]{streak.current}-day streak[/] [dim](best {streak.longest})[/dim]"
        if not streak.studied_today:
            run += " [$warning]study today to keep it[/]"
    else:
        run = "[dim]no streak yet: study today to start one[/dim]"
    return (f"[dim]Started[/dim] {short_date(status.start)} [dim]· today[/dim] {short_date(status.today)} "
            f"[dim]({day_starts(status.rollover_hour)})[/dim] "
            f"[dim]· finish[/dim] {short_date(status.finish_date)}   {run}")


def today_markup(view: PlanView) -> str:
    """What is left today (or next), the days that moved the plan, and the rescheduling rule."""
    status = view.status
    progress = status.due or status.next_day
    lines: list[str] = []
    if progress is None:
        lines.append("[b $success]The week is complete.[/] Keep the reviews going, or press [b]s[/b] to start "
                     "another round.")
    else:
        if progress.status is DayStatus.DUE:
            head = "[b $warning]Due today[/]"
        elif status.today < status.start:
            head = f"[b $accent]The plan starts {short_date(status.start)}[/]"
        else:
            head = "[b $success]Today's day is done[/] · next"
        lines.append(f"{head} · [b]Day {progress.day.day}: {escape(progress.day.title)}[/b]")
        lines.append(f"[dim]{escape(progress.day.summary)}[/dim]")
        for kata in progress.katas_left:
            lines.append(f"• kata [b]{escape(view.kata_titles.get(kata, kata))}[/b] [dim]({kata})[/dim]")
        left = progress.quiz_goal - progress.quiz_answered
        if left > 0:
            topics = ", ".join(view.topic_titles.get(t, t) for t in progress.day.quiz.topics) or "any topic"
            lines.append(f"• {left} quiz question(s): {escape(topics)}")
        if progress.day.mock and not progress.mock_done:
            lines.append("• a mock interview [dim](m)[/dim]")
    runs = slip_runs(status.slips)
    if runs:
        lines.append("")
        lines.append(f"[b]Missed or unfinished days[/b] [dim]({len(status.missed)} missed)[/dim]")
        for first, last, day, kind in runs:
            when = short_date(first) if first == last else f"{short_date(first)} – {short_date(last)}"
            colour = "$error" if kind == "missed" else "$warning"
            lines.append(f"• {when}: [{colour}]day {day} {kind}[/] [dim]→ the rest of the week moved back[/dim]")
    lines += ["", f"[dim i]{escape(RESCHEDULE_RULE)}[/]"]
    return "\n".join(lines)


class TodayPanel(Static):
    """Today's to-do list for the plan."""

    def show_today(self, view: PlanView) -> None:
        self.update(today_markup(view))
