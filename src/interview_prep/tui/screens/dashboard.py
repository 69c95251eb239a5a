"""The dashboard: today's plan item, streak, due reviews, kata progress and "continue".

The first frame shows empty panels; a thread worker then loads the content and reads the
store (its own connection), so start-up never waits for YAML, pydantic or SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.widgets import DataTable, Footer, Header
from textual.worker import get_current_worker

from interview_prep.tui.context import describe
from interview_prep.tui.screens import REGISTRY
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.widgets.dashboard.panels import (
    ForecastPanel,
    KataPanel,
    NextStep,
    PlanPanel,
    ReviewsPanel,
    StreakPanel,
)

if TYPE_CHECKING:
    from interview_prep.kata.catalog import Kata
    from interview_prep.plan.status import PlanView
    from interview_prep.quiz.queue import Queue, TopicOverview
    from interview_prep.quiz.stats import ForecastDay
    from interview_prep.tui.context import AppContext
    from interview_prep.viz.progress import TrackProgress


@dataclass
class DashboardData:
    """Everything the dashboard shows, read in one go."""

    now: datetime
    #: the study day of `now` and the hour it starts (`progress.days`)
    today: date | None = None
    rollover_hour: int = 4
    queue: Queue | None = None
    topics: list[TopicOverview] = field(default_factory=list)
    forecast: list[ForecastDay] = field(default_factory=list)
    bank_error: str | None = None
    tracks: list[TrackProgress] = field(default_factory=list)
    next_kata: Kata | None = None
    catalog_error: str | None = None
    plan: PlanView | None = None
    plan_error: str | None = None
    notice: str | None = None


def gather(ctx: AppContext) -> DashboardData:
    """Read the dashboard's data (runs in a worker thread with its own store connection)."""
    from interview_prep.progress import katas as kata_rows
    from interview_prep.progress.days import rollover_hour, study_date
    from interview_prep.progress.marks import suspended_ids
    from interview_prep.quiz.history import load_states
    from interview_prep.quiz.queue import build_queue, limits_from_meta, overview
    from interview_prep.quiz.stats import review_forecast
    from interview_prep.viz.progress import track_progress

    data = DashboardData(now=ctx.now())
    with ctx.open_store() as store:
        data.notice = store.notice
        data.rollover_hour = rollover_hour(store)
        data.today = study_date(data.now, ctx.tz, data.rollover_hour)
        try:
            bank = ctx.bank()
            data.queue = build_queue(store, bank, data.now, tz=ctx.tz)
            data.topics = overview(
                bank, load_states(store), data.now, limits_from_meta(store), ctx.tz, suspended_ids(store)
            )
            data.forecast = review_forecast(store, data.now, tz=ctx.tz)
        except Exception as exc:  # a broken bank is shown in its panel, never a crash
            data.bank_error = describe(exc)
        try:
            catalog = ctx.catalog()
            states = kata_rows.states(store)
            data.tracks = track_progress(catalog, states)
            data.next_kata = next(
                (k for k in catalog if k.id not in states or states[k.id].status != "passed"), None
            )
        except Exception as exc:
            data.catalog_error = describe(exc)
        try:
            from interview_prep.plan.status import current_week

            data.plan = current_week(store, data.now, ctx.tz)
        except Exception as exc:
            data.plan_error = describe(exc)
    return data


class DashboardScreen(BaseScreen):
    """Home: what to do today, and a key to every other screen (a tall terminal adds the review forecast)."""

    TITLE = "Dashboard"
    HELP = (
        "Your study day at a glance: today's plan item, the streak, the quiz reviews that are due, "
        "kata progress per track, and what **continue** (`c`) does next. Select a topic in the "
        "Reviews table and press Enter to quiz only that topic. A terminal 36 rows or taller also shows "
        "the review forecast: the questions falling due on each of the next 14 days."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue", "Continue", tooltip="Do the next thing: the plan's item, due reviews, next kata"),
        *(Binding(e.key, f"app.open('{e.name}')", e.label, tooltip=e.description) for e in REGISTRY.values()),
        Binding("q", "app.quit", "Quit", show=False),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (36, "-tall")]

    def __init__(self) -> None:
        super().__init__()
        self.data: DashboardData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="dashboard"):
            yield PlanPanel(id="plan", classes="panel")
            yield StreakPanel(id="streak", classes="panel")
            yield ReviewsPanel(id="reviews", classes="panel")
            yield KataPanel(id="katas", classes="panel")
            yield ForecastPanel(id="forecast", classes="panel")
            yield NextStep("[dim]…[/dim]", id="next-step", classes="panel")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "back"  # home has nowhere to go back to

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> None:
        data = gather(self.ctx)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, data)

    async def show(self, data: DashboardData) -> None:
        self.data = data
        from interview_prep.progress.days import day_starts

        self.sub_title = f"{data.today:%A %-d %B} · {day_starts(data.rollover_hour)}"
        if data.notice:
            self.notify(data.notice, title="Progress database", severity="warning", timeout=15)
        self.interview_app.warn_bank_problems()
        self.query_one(PlanPanel).show_plan(data.plan, data.plan_error)
        self.query_one(StreakPanel).show_streak(data.plan)
        self.query_one(ReviewsPanel).show_reviews(data.queue, data.topics, data.now, data.bank_error)
        await self.query_one(KataPanel).show_tracks(data.tracks, data.catalog_error)
        await self.query_one(ForecastPanel).show_forecast(data.forecast)
        self.query_one(NextStep).show_step(self.next_step()[0])

    def next_step(self) -> tuple[str, str, dict]:
        """(label, screen, arguments) of what "continue" opens: plan item, due reviews, next kata, new questions."""
        data = self.data
        if data is None:
            return "loading…", "", {}
        day = data.plan.status.due if data.plan else None
        if day is not None:
            if day.katas_left:
                kata_id = day.katas_left[0]
                return f"Plan day {day.day.day}: kata {kata_id}", "kata", {"kata_id": kata_id}
            if day.quiz_answered < day.quiz_goal:
                left = day.quiz_goal - day.quiz_answered
                topics = tuple(day.day.quiz.topics)
                return f"Plan day {day.day.day}: {left} quiz question(s)", "quiz", {"topics": topics}
        if data.queue is not None and data.queue.due:
            return f"Review {data.queue.due} due question(s)", "quiz", {}
        if data.next_kata is not None:
            return f"Kata {data.next_kata.id}: {data.next_kata.title}", "kata", {"kata_id": data.next_kata.id}
        if data.queue is not None and data.queue.new:
            return f"Learn {data.queue.new} new question(s)", "quiz", {}
        return "All done for today: come back tomorrow", "", {}

    def action_continue(self) -> None:
        """Open what comes next."""
        label, target, args = self.next_step()
        if target == "kata":
            from interview_prep.tui.screens.kata_detail import KataDetailScreen

            self.app.push_screen(KataDetailScreen(args["kata_id"]))
        elif target:
            self.interview_app.open_screen(target, **args)
        else:
            self.notify(label)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a topic: quiz that topic only."""
        if event.data_table.id == "topics" and event.row_key.value:
            self.interview_app.open_screen("quiz", topics=(event.row_key.value,))
