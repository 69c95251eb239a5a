"""The kata browser: every kata with its status; track and status filters, search, continue.

Like rustlings' list: j/k move, g/G jump, / searches, Enter opens, c continues with the
next unsolved kata.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from interview_prep.errors import UserError
from interview_prep.tui.context import describe
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.widgets.common.notice import Notice
from interview_prep.tui.widgets.katas.kata_table import KataRow, KataTable, matches

TRACK_CYCLE: tuple[str | None, ...] = (None, "asr", "tts", "classify")
STATUS_CYCLE: tuple[str | None, ...] = (None, "todo", "done")


class KataBrowserScreen(BaseScreen):
    """The list of katas."""

    TITLE = "Katas"
    HELP = (
        "Every kata in study order with your status (✓ passed, ✗ failing, · not solved). "
        "Open one with **Enter** to read it, edit it in your `$EDITOR`, grade it, get hints. "
        "The katas live in your workspace folder; press **i** to create it if you have none."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Open the kata under the cursor"),
        Binding("c", "continue", "Continue", tooltip="Open the next unsolved kata"),
        Binding("slash", "search", "Search", tooltip="Filter by words in the id, title or tags"),
        Binding("t", "track", "Track", tooltip="Cycle the track filter: all, ASR, TTS, classify"),
        Binding("f", "status", "Filter", tooltip="Cycle the status filter: all, to do, done"),
        Binding("i", "init", "Init", tooltip="Create the kata workspace (like interview-prep init)"),
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("g,home", "jump(0)", "First", show=False),
        Binding("G,shift+g,end", "jump(-1)", "Last", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[KataRow] = []
        self.track: str | None = None
        self.status: str | None = None
        self.workspace_error: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="kata-search", placeholder="/ search katas (id, title, tags)")
        yield Static(id="kata-filters")
        yield Notice(id="kata-notice")
        yield KataTable(id="kata-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#kata-notice").display = False
        self.query_one(KataTable).focus()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="katas")
    def load(self) -> None:
        try:
            self.ctx.catalog()
        except Exception as exc:
            self.app.call_from_thread(self.show_error, describe(exc))
            return
        self.app.call_from_thread(self.refresh_rows)

    def show_error(self, message: str) -> None:
        self.query_one("#kata-notice", Notice).show_message("The katas could not be loaded", message, severity="error")
        self.query_one("#kata-notice").display = True

    def refresh_rows(self) -> None:
        """Re-read states and the workspace, then redraw the list."""
        from interview_prep.progress.katas import KataState, states

        catalog = self.ctx.catalog()
        known = states(self.ctx.store)
        self.rows = [KataRow(k, known.get(k.id, KataState(k.id))) for k in catalog]
        try:
            self.ctx.workspace()
            self.workspace_error = None
        except UserError as exc:
            self.workspace_error = exc.message
        notice = self.query_one("#kata-notice", Notice)
        problems = self.ctx.loaded.catalog_problems
        if self.workspace_error:
            notice.show_message(
                "No kata workspace",
                f"{self.workspace_error}.\nPress i to create it (the same as `interview-prep init`).",
                severity="warning",
            )
        elif problems:
            notice.show_message(
                f"{len(problems)} problem(s) in the kata catalog (those katas are hidden)",
                "\n".join(problems[:3]),
                severity="warning",
            )
        notice.display = bool(self.workspace_error or problems)
        self.redraw()
        self.refresh_bindings()

    def redraw(self) -> None:
        table = self.query_one(KataTable)
        keep = table.selected_id
        search = self.query_one("#kata-search", Input).value
        shown = [row for row in self.rows if matches(row, self.track, self.status, search)]
        table.show(shown, keep)
        passed = sum(row.state.status == "passed" for row in self.rows)
        track = self.track or "all"
        status = {None: "all", "todo": "to do", "done": "done"}[self.status]
        self.query_one("#kata-filters", Static).update(
            f"track [b]{track}[/b] (t) · status [b]{status}[/b] (f) · "
            f"showing {len(shown)} of {len(self.rows)} · [b $text-success]{passed}[/] passed"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "init":
            return self.workspace_error is not None
        return True

    # actions ------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        table = self.query_one(KataTable)
        table.focus()
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_jump(self, row: int) -> None:
        table = self.query_one(KataTable)
        table.focus()
        table.move_cursor(row=table.row_count - 1 if row < 0 else row)

    def action_search(self) -> None:
        self.query_one("#kata-search", Input).focus()

    def action_track(self) -> None:
        self.track = TRACK_CYCLE[(TRACK_CYCLE.index(self.track) + 1) % len(TRACK_CYCLE)]
        self.redraw()

    def action_status(self) -> None:
        self.status = STATUS_CYCLE[(STATUS_CYCLE.index(self.status) + 1) % len(STATUS_CYCLE)]
        self.redraw()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "kata-search":
            self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(KataTable).focus()

    def action_back(self) -> None:
        """Esc leaves the search box first, then the screen."""
        search = self.query_one("#kata-search", Input)
        if search.has_focus:
            self.query_one(KataTable).focus()
        else:
            super().action_back()

    def action_open(self) -> None:
        if kata_id := self.query_one(KataTable).selected_id:
            self.open_kata(kata_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.open_kata(event.row_key.value)

    def open_kata(self, kata_id: str) -> None:
        from interview_prep.tui.screens.kata_detail import KataDetailScreen

        self.app.push_screen(KataDetailScreen(kata_id))

    def action_continue(self) -> None:
        """The first kata in study order that is not passed (rustlings' "continue")."""
        row = next((row for row in self.rows if row.state.status != "passed"), None)
        if row is None:
            self.notify("Every kata is solved!", severity="information")
        else:
            self.open_kata(row.kata.id)

    def action_init(self) -> None:
        """Create the workspace where `interview-prep init` would, and remember it."""
        try:
            report = self.ctx.practice(self.ctx.store).init_workspace()
        except Exception as exc:
            self.notify(describe(exc), title="The workspace could not be created", severity="error")
            return
        self.notify(f"{report.root}: {len(report.created)} file(s) created", title="Workspace ready")
        self.refresh_rows()
