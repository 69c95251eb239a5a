"""The dashboard's panels: today's plan item, streak, due reviews, kata progress, the review
forecast (on tall terminals) and the next step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import DataTable, Label, ProgressBar, Static

if TYPE_CHECKING:
    from datetime import datetime

    from interview_prep.plan.status import PlanView
    from interview_prep.quiz.queue import Queue, TopicOverview
    from interview_prep.quiz.stats import ForecastDay
    from interview_prep.viz.progress import TrackProgress


class PlanPanel(Static):
    """Today's item of the weekly plan, or how to start the plan."""

    def on_mount(self) -> None:
        self.border_title = "Today"

    def show_plan(self, view: PlanView | None, error: str | None) -> None:
        if error:
            self.update(f"[$text-error]The plan could not be loaded:[/] {escape(error)}")
            return
        if view is None:
            self.update(  # one line each: the panel ends lines that do not fit with "…"
                "[b]The weekly plan is not set up yet.[/b]\n"
                "[dim]Open the plan ([/dim]w[dim]) and start it ([/dim]s[dim]):[/dim]\n"
                "[dim]7 days of ASR, TTS, classification and review.[/dim]"
            )
            return
        from interview_prep.plan.render import goals_text

        status = view.status
        progress = status.due or status.next_day
        if progress is None:
            self.update("[b $text-success]The week is complete.[/] [dim]Keep your reviews going.[/dim]")
            return
        katas, quiz = goals_text(progress)
        state = "[b $text-warning]due today[/]" if status.due else "[$text-success]today's day is done · next[/]"
        goals = f"katas {katas} · quiz {quiz}" + (" · mock interview" if progress.day.mock else "")
        self.update(
            f"{state} [b]Day {progress.day.day}: {escape(progress.day.title)}[/b]\n"
            f"{escape(progress.day.summary)}\n[dim]{goals}[/dim]"
        )


class StreakPanel(Static):
    """Consecutive study days (from the plan)."""

    def on_mount(self) -> None:
        self.border_title = "Streak"

    def show_streak(self, view: PlanView | None) -> None:
        if view is None:
            self.update("[b]-[/b]\n[dim]counted once the plan has started[/dim]")
            return
        streak = view.status.streak
        days = "day" if streak.current == 1 else "days"
        nudge = "" if streak.studied_today or not streak.current else "\n[$text-warning]study today to keep it[/]"
        self.update(f"[b $text-accent]{streak.current}[/] {days} in a row\n[dim]best {streak.longest}[/dim]{nudge}")


class TopicTable(DataTable):
    """Due, new and all questions per topic; titles too long for the width end in "…"."""

    NUMBER_WIDTH = 4

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.topics: list[TopicOverview] = []

    def show_topics(self, topics: list[TopicOverview]) -> None:
        self.topics = list(topics)
        self.fill()

    def on_resize(self) -> None:
        self.fill()

    def title_width(self) -> int:
        """What is left of the table's width for the Topic column (and the scrollbar, if the rows need one)."""
        padding = 2 * self.cell_padding
        width = self.size.width
        if len(self.topics) + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return max(8, width - 3 * (self.NUMBER_WIDTH + padding) - padding)

    def fill(self) -> None:
        row = self.cursor_row
        self.clear(columns=True)
        for label in ("Due", "New", "All"):
            self.add_column(Text(label, justify="right"), width=self.NUMBER_WIDTH)
        self.add_column("Topic", width=self.title_width())
        for topic in self.topics:
            self.add_row(
                Text(str(topic.due or "·"), justify="right"),
                Text(str(topic.new or "·"), justify="right"),
                Text(str(topic.total), justify="right"),
                Text(topic.title, no_wrap=True, overflow="ellipsis"),
                key=topic.topic,
            )
        if self.topics:
            self.move_cursor(row=min(row, len(self.topics) - 1))


class ReviewsPanel(Vertical):
    """Today's quiz queue and, per topic, what is due and new (Enter on a topic quizzes it)."""

    def compose(self) -> ComposeResult:
        yield Static("[dim]loading the question bank…[/dim]", id="reviews-summary")
        yield TopicTable(id="topics")

    def on_mount(self) -> None:
        self.border_title = "Reviews"

    def show_reviews(
        self, queue: Queue | None, topics: list[TopicOverview], now: datetime, error: str | None
    ) -> None:
        from interview_prep.quiz.render import next_due_line

        summary = self.query_one("#reviews-summary", Static)
        table = self.query_one(TopicTable)
        if error or queue is None:
            table.show_topics([])
            summary.update(f"[$text-error]The question bank could not be loaded:[/] {escape(error or '')}")
            return
        if queue.questions:
            summary.update(
                f"[b $text-warning]{queue.due}[/] due · [b $text-accent]{queue.new}[/] new today "
                f"[dim]· press r to start[/dim]"
            )
        else:
            summary.update(f"[b $text-success]Nothing due.[/] [dim]{next_due_line(queue.next_due, now)}[/dim]")
        table.show_topics(topics)


class ForecastPanel(Vertical):
    """Questions falling due per day over the next two weeks (shown when the terminal is tall)."""

    def on_mount(self) -> None:
        self.border_title = "Review forecast"

    async def show_forecast(self, forecast: list[ForecastDay]) -> None:
        # imported here, after the worker has loaded the statistics: start-up stays light
        from interview_prep.tui.widgets.progress.plots import ProgressPlot
        from interview_prep.viz.progress import ProgressData

        if not self.query(ProgressPlot):
            await self.mount_all([ProgressPlot("forecast", id="forecast-plot"),
                                  Static(id="forecast-caption", classes="plot-caption")])
        caption = self.query_one(ProgressPlot).set_data(ProgressData(forecast=forecast))
        self.query_one("#forecast-caption", Static).update(caption)


class TrackRow(Horizontal):
    """One track: name, a progress bar of passed katas, and the count."""

    def __init__(self, track: TrackProgress):
        super().__init__(classes="track-row")
        self.track = track

    def compose(self) -> ComposeResult:
        name = self.track.track.upper() if len(self.track.track) <= 3 else self.track.track.capitalize()
        yield Label(name, classes="track-name")
        yield ProgressBar(total=self.track.total, show_eta=False, show_percentage=False)
        yield Label(f"{self.track.passed}/{self.track.total}", classes="track-count")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.track.passed)


class KataPanel(Vertical):
    """Kata progress per track."""

    def compose(self) -> ComposeResult:
        yield Static("[dim]loading the katas…[/dim]", id="katas-summary")
        yield Vertical(id="track-rows")

    def on_mount(self) -> None:
        self.border_title = "Katas"

    async def show_tracks(self, tracks: list[TrackProgress], error: str | None) -> None:
        summary = self.query_one("#katas-summary", Static)
        rows = self.query_one("#track-rows", Vertical)
        await rows.remove_children()
        if error:
            summary.update(f"[$text-error]The kata catalog could not be loaded:[/] {escape(error)}")
            return
        passed, total = sum(t.passed for t in tracks), sum(t.total for t in tracks)
        summary.update(f"[b]{passed}[/b]/{total} passed")
        await rows.mount_all([TrackRow(track) for track in tracks])


class NextStep(Static):
    """What "continue" does now."""

    def on_mount(self) -> None:
        self.border_title = "Up next"
        self.border_subtitle = "c to continue"

    def show_step(self, label: str) -> None:
        self.update(f"[b $text-accent]▶[/] {escape(label)}")
