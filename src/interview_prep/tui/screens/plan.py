"""The weekly plan: each day done, due or upcoming, what is left today, missed days, streak.

The plan is computed by `plan.status.current_week()` in a thread worker (its own store
connection); this screen only shows it. `s` starts the plan today (or restarts it after
asking), Enter opens the next thing of the selected day, `m` a mock interview.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from interview_prep.plan.status import PlanView
from interview_prep.tui.context import describe
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.widgets.common.notice import Notice
from interview_prep.tui.widgets.plan.week import TodayPanel, WeekTable, header_markup


class PlanScreen(BaseScreen):
    """The study week."""

    TITLE = "Plan"
    HELP = (
        "The seven-day study plan: **Day 1-2** ASR, **3-4** TTS, **5-6** audio classification, **7** review and "
        "a mock interview. One day is due per day; a day you miss stays due and the rest of the week moves back "
        "one day, so work never piles up. A day is done when its katas pass, its quiz questions are answered "
        "(while the day is due) and, on day 7, a mock interview is finished. The streak counts days with any "
        "quiz answer, kata attempt or mock interview. Select a day and press **Enter** to work on it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter,o", "open_day", "Work on day", tooltip="Open the selected day's next kata or quiz"),
        Binding("s", "start", "Start plan", tooltip="Start (or restart) the plan today; your work is kept"),
        Binding("m", "app.open('mock')", "Mock interview", tooltip="A timed mock interview"),
        Binding("f5", "reload", "Refresh", show=False, tooltip="Recompute the plan"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: PlanView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plan-body"):
            yield Static("[dim]loading the plan…[/dim]", id="plan-header")
            yield WeekTable(id="plan-week")
            yield TodayPanel(id="plan-today", classes="panel")
            yield Notice(id="plan-notice")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plan-notice").display = False
        self.query_one("#plan-today").border_title = "Today"

    def on_screen_resume(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        """Recompute the plan from the store."""
        self.load()

    @work(thread=True, exclusive=True, group="plan")
    def load(self) -> None:
        from interview_prep.plan.status import current_week

        try:
            catalog, bank = self.ctx.catalog(), self.ctx.bank()
            with self.ctx.open_store() as store:
                view = current_week(store, self.ctx.now(), self.ctx.tz, catalog=catalog, bank=bank)
            error = None
        except Exception as exc:  # a broken plan file or store is shown, never a crash
            view, error = None, describe(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, view, error)

    def show(self, view: PlanView | None, error: str | None) -> None:
        self.view = view
        notice = self.query_one("#plan-notice", Notice)
        ready = view is not None
        for selector in ("#plan-header", "#plan-week", "#plan-today"):
            self.query_one(selector).display = ready
        notice.display = not ready
        if error:
            notice.show_message("The plan could not be loaded", error, severity="error")
        elif view is None:
            notice.show_message(
                "The weekly plan has not started",
                "Press s to start it today: 7 days of katas and quiz goals (ASR, TTS, classification, review "
                "and a mock interview). A missed day moves the rest of the week back instead of piling up.",
            )
        else:
            self.query_one("#plan-header", Static).update(header_markup(view))
            table = self.query_one(WeekTable)
            table.show_week(view)
            current = view.status.due or view.status.next_day
            if current is not None:
                table.move_cursor(row=current.day.day - 1)
            self.query_one(TodayPanel).show_today(view)
            table.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_day":
            return self.view is not None
        return True

    def action_start(self) -> None:
        """Start the plan today; restarting asks first."""
        if self.view is None:
            self._start(True)
            return
        from interview_prep.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen("Restart the plan", "Start the week again today? Your katas, reviews and streak are kept; "
                          "only the calendar starts over.", yes="Restart"),
            self._start,
        )

    def _start(self, yes: bool | None) -> None:
        if not yes:
            return
        from interview_prep.progress import plan as plan_rows
        from interview_prep.progress.days import today

        store = self.ctx.store
        plan_rows.set_start(store, today(store, self.ctx.now(), self.ctx.tz), plan_rows.get_plan_file(store))
        self.notify("Day 1 is due today.", title="Plan started")
        self.load()

    def action_open_day(self) -> None:
        """The selected day's first kata left, else its quiz, else a mock interview."""
        if self.view is None:
            return
        table = self.query_one(WeekTable)
        progress = self.view.status.days[table.cursor_row]
        if progress.katas_left:
            from interview_prep.tui.screens.kata_detail import KataDetailScreen

            self.app.push_screen(KataDetailScreen(progress.katas_left[0]))
        elif progress.quiz_answered < progress.quiz_goal:
            self.interview_app.open_screen("quiz", topics=tuple(progress.day.quiz.topics))
        elif progress.day.mock and not progress.mock_done:
            self.interview_app.open_screen("mock")
        else:
            self.notify(f"Day {progress.day.day} is done.", title="Nothing left")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_day()
