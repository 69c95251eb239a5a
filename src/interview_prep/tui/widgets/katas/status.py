"""The kata sidebar: the learner's status on the kata, and the live grading indicator."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import ProgressBar, Static

from interview_prep.kata.catalog import Kata
from interview_prep.progress.katas import KataState

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
STATUS_MARKUP = {
    "pending": "[$text-muted]· not solved yet[/]",
    "failed": "[b $text-error]✗ failing[/]",
    "passed": "[b $text-success]✓ passed[/]",
}


def status_markup(kata: Kata, state: KataState, folder: str | None, watching: bool) -> str:
    """Status, tries, hints, solution and the files to edit, as markup."""
    lines = [STATUS_MARKUP.get(state.status, state.status)]
    if state.ever_passed and state.status != "passed":
        lines.append("[dim](passed before)[/dim]")
    lines.append(f"tries [b]{state.attempts}[/b] · hints [b]{state.hints_seen}[/b]/{len(kata.hints)}")
    lines.append(f"day {kata.day} · {'★' * kata.difficulty} · ~{kata.minutes} min")
    if state.solution_viewed:
        lines.append("[dim]solution viewed[/dim]")
    if folder:
        lines.append("")
        lines.append(f"[dim]edit[/dim] {escape(', '.join(kata.files))}")
        lines.append(f"[dim]{escape(folder)}[/dim]")
    lines.append("")
    lines.append("[b $text-accent]◉ watching[/] [dim]re-grades on save[/dim]" if watching else "[dim]watch: off (w)[/dim]")
    return "\n".join(lines)


class GradingStatus(Vertical):
    """A spinner with the test running now, and a progress bar of tests done."""

    def compose(self) -> ComposeResult:
        yield Static(id="grading-line")
        yield ProgressBar(id="grading-progress", show_eta=False, show_percentage=False)

    def on_mount(self) -> None:
        self.display = False
        self._frame = 0
        self._text = ""
        self._timer = self.set_interval(0.1, self._spin, pause=True)

    def start(self, text: str) -> None:
        self.display = True
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.set_text(text)
        self._timer.resume()

    def set_text(self, text: str) -> None:
        self._text = text
        self._render_line()

    def set_progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def stop(self) -> None:
        self._timer.pause()
        self.display = False

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)
        self._render_line()

    def _render_line(self) -> None:
        self.query_one("#grading-line", Static).update(
            f"[b $text-accent]{SPINNER[self._frame]}[/] {escape(self._text)} [dim](x cancels)[/dim]"
        )
