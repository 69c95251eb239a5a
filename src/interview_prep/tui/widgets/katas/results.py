"""Grading results: a table with one row per test, and the selected test's full message and
evidence (its picture and clips, for a failed audio or model-backed test)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Static

from interview_prep.kata.render import cut, test_label
from interview_prep.kata.results import Results
from interview_prep.tui.widgets.common.styles import styled
from interview_prep.tui.widgets.katas.evidence import EvidenceView

#: test status -> (icon, theme colour)
TEST_LOOK = {
    "pass": ("✓", "success"),
    "fail": ("✗", "error"),
    "error": ("!", "warning"),
    "running": ("…", "accent"),
    "queued": ("·", "text-muted"),
}


class ResultsView(Vertical):
    """The last run: per-test status and message; the cursor row's message is shown in full."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.messages: dict[str, str] = {}
        self.evidence: dict[str, list[str]] = {}
        self.error = ""

    def compose(self) -> ComposeResult:
        yield Static("[dim]No run yet: press c to check your solution.[/dim]", id="results-summary")
        table: DataTable = DataTable(id="results-table", cursor_type="row", zebra_stripes=True)
        table.add_column(" ", key="status", width=1)
        table.add_column("Test and message", key="test")
        yield table
        with VerticalScroll(id="result-scroll"):
            yield Static(id="result-detail")
            yield EvidenceView(id="result-evidence")

    def start(self, tests: list[str]) -> None:
        """A run began: list the collected tests as queued."""
        self.messages, self.evidence, self.error = {}, {}, ""
        self.query_one(EvidenceView).show([])
        table = self.query_one(DataTable)
        table.clear()
        for name in tests:
            table.add_row(*self._cells("queued", name), key=name)
        self.query_one("#results-summary", Static).update("[b $text-accent]Grading…[/]")
        self.query_one("#result-detail", Static).update("")

    def mark(self, name: str, status: str) -> None:
        """Live status of one test."""
        table = self.query_one(DataTable)
        if name not in {key.value for key in table.rows}:
            table.add_row(*self._cells(status, name), key=name)
            return
        icon, colour = TEST_LOOK.get(status, ("?", "warning"))
        table.update_cell(name, "status", styled(self.app, icon, colour, bold=True))

    def show(self, results: Results, *, cancelled: bool = False) -> None:
        """The final results of a run."""
        table = self.query_one(DataTable)
        table.clear()
        self.messages = {}
        self.evidence = {test.name: list(test.evidence) for test in results.tests if test.evidence}
        for test in results.tests:
            message = test.message or ""
            if test.output:
                message += f"\n\noutput:\n{test.output}"
            self.messages[test.name] = message
            first = (test.message or "").strip().splitlines()[:1]
            table.add_row(
                *self._cells(str(test.status), test.name, first[0] if first else ""),
                key=test.name,
                height=2 if first else 1,
            )
        counts = results.counts()
        passed = sum(n for status, n in counts.items() if str(status) == "pass")
        took = f"{results.duration_s:.1f} s · seed {results.seed}"
        if cancelled:
            text = f"[b $text-warning]Cancelled[/] after {results.duration_s:.1f} s: nothing recorded"
        elif results.passed:
            text = f"[b $text-success]✓ All {passed} tests passed[/] [dim]({took})[/dim]"
        else:
            text = f"[b $text-error]✗ {passed} of {len(results.tests)} tests passed[/] [dim]({took})[/dim]"
        if results.sandbox and not results.sandbox.startswith("confined"):
            text += f"\n[$text-warning]! your code ran {escape(results.sandbox)} (interview-prep doctor)[/]"
        self.query_one("#results-summary", Static).update(text)
        self.error = "" if cancelled else (results.message or "")
        first = next((t for t in results.tests if str(t.status) != "pass"), None)
        if first is not None:
            table.move_cursor(row=results.tests.index(first), animate=False)
        self._show_detail(first.name if first else "")

    def _cells(self, status: str, name: str, message: str = "") -> tuple:
        """Status icon, and the test's name with the first line of its message under it."""
        icon, colour = TEST_LOOK.get(status, ("?", "warning"))
        room = max(20, self.size.width - 6)
        cell = Text(cut(test_label(name), room))
        if message:
            cell.append("\n" + cut(message, room), style="dim")
        return styled(self.app, icon, colour, bold=True), cell

    def _show_detail(self, name: str) -> None:
        """The run's error (timeout, crash) if any, then the full message of test `name`."""
        parts = [f"[b $text-error]{escape(self.error)}[/]"] if self.error else []
        if message := self.messages.get(name, ""):
            parts.append(f"[b]{escape(test_label(name))}[/b]\n{escape(message)}")
        self.query_one("#result-detail", Static).update("\n\n".join(parts))
        self.query_one(EvidenceView).show(self.evidence.get(name, []))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self._show_detail(event.row_key.value)
