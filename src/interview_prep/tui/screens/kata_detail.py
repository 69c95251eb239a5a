"""One kata: the statement (Markdown), edit in `$EDITOR`, check, watch, hints, reset, solution.

Everything a learner does here goes through the practice service (`kata.practice`):
grading (warm, through a `WarmPool` prepared when the kata opens) and watch mode run in
thread workers, each on its own store connection; their events arrive as messages, so
the UI never freezes. `x` cancels a run (the engine kills the grading process group); a
cancelled run is not recorded.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Markdown, Static, TabbedContent, TabPane

from interview_prep.errors import UserError
from interview_prep.kata.catalog import Kata
from interview_prep.kata.render import test_label
from interview_prep.kata.results import Results, Status
from interview_prep.kata.sandbox.runner import Progress
from interview_prep.kata.watch import WatchEvent
from interview_prep.progress import katas as kata_rows
from interview_prep.tui.context import describe
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.widgets.common.notice import Notice
from interview_prep.tui.widgets.katas.results import ResultsView
from interview_prep.tui.widgets.katas.status import GradingStatus, status_markup


def editor_command(path: Path) -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else vi, with the file to open."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return [*shlex.split(editor), str(path)]


class GradingProgress(Message):
    """A live event from a grading run (from the runner's reader thread)."""

    def __init__(self, progress: Progress):
        super().__init__()
        self.progress = progress


class Graded(Message):
    """A run finished (or was cancelled) and was recorded; `kata` may be another one (watch)."""

    def __init__(self, kata: Kata, results: Results, cancelled: bool, save_error: str | None):
        super().__init__()
        self.kata = kata
        self.results = results
        self.cancelled = cancelled
        self.save_error = save_error


class WatchUpdate(Message):
    """A watch-mode event other than a finished run."""

    def __init__(self, event: WatchEvent):
        super().__init__()
        self.event = event


class KataDetailScreen(BaseScreen):
    """Read, solve and grade one kata."""

    TITLE = "Kata"
    HELP = (
        "**e** opens the kata's file in your `$EDITOR` (the app steps aside until you quit the editor, "
        "then grades if you changed the file). **c** grades it now; **w** re-grades on every save. "
        "Grading runs the hidden tests in a separate process: **x** cancels. **h** reveals the next hint "
        "(hints are numbered and recorded). **r** restores the starter file (yours is kept as a `.bak` "
        "file). After a pass, **s** shows the reference solution and **n** opens the next kata."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", show=False),
        Binding("e", "edit", "Edit", tooltip="Open the kata's file in $EDITOR"),
        Binding("c", "check", "Check", tooltip="Grade the kata now"),
        Binding("x", "cancel", "Cancel", tooltip="Cancel the grading run"),
        Binding("w", "watch", "Watch", tooltip="Re-grade on every save (toggle)"),
        Binding("h", "hint", "Hint", tooltip="Reveal the next hint"),
        Binding("r", "reset", "Reset", tooltip="Restore the starter file (yours is backed up)"),
        Binding("s", "solution", "Solution", tooltip="Show the reference solution (after a pass)"),
        Binding("p", "play", "Play clip", tooltip="Play the failed test's clips in turn (its evidence)"),
        Binding("n", "next_kata", "Next kata", tooltip="Open the next unsolved kata"),
    ]

    def __init__(self, kata_id: str):
        super().__init__()
        self.kata_id = kata_id
        self.kata: Kata | None = None
        self.workspace: Path | None = None
        self.state = kata_rows.KataState(kata_id)
        self.grading = False
        self.watching = False
        self.cancel_event = threading.Event()
        self.stop_event = threading.Event()
        self._done = 0
        self._total = 0
        self.pool = None  # a WarmPool once the kata and workspace are known

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="kata-main"):
            with TabbedContent(id="kata-tabs"):
                with TabPane("Statement", id="tab-statement"), VerticalScroll():
                    yield Markdown(id="statement")
                with TabPane("Results", id="tab-results"):
                    yield ResultsView(id="results")
                with TabPane("Hints", id="tab-hints"), VerticalScroll():
                    yield Markdown(id="hints")
                with TabPane("Solution", id="tab-solution"), VerticalScroll():
                    yield Markdown(id="solution")
            with Vertical(id="kata-side", classes="panel"):
                yield Static(id="kata-status")
                yield GradingStatus(id="grading")
                yield Notice(id="kata-side-notice")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#kata-side").border_title = "Status"
        self.query_one("#kata-side-notice").display = False
        self.load()

    @work(thread=True, exclusive=True, group="kata-load")
    def load(self) -> None:
        try:
            kata = self.ctx.catalog().get(self.kata_id)
        except Exception as exc:
            self.app.call_from_thread(self.show_missing, describe(exc))
            return
        self.app.call_from_thread(self.show_kata, kata)

    def show_missing(self, message: str) -> None:
        self.query_one("#kata-side-notice", Notice).show_message("Unknown kata", message, severity="error")
        self.query_one("#kata-side-notice").display = True

    async def show_kata(self, kata: Kata) -> None:
        from interview_prep.kata.workspace import kata_dir

        self.kata = kata
        self.sub_title = f"{kata.id} · {kata.title}"
        try:
            self.workspace = self.ctx.workspace()
        except UserError as exc:
            self.workspace = None
            self.query_one("#kata-side-notice", Notice).show_message(
                "No workspace", f"{exc.message}\nCreate it from the kata list (i).", severity="warning"
            )
            self.query_one("#kata-side-notice").display = True
        if self.workspace is not None:
            from interview_prep.kata.sandbox.warm import WarmPool

            self.pool = self.pool or WarmPool()
            self.pool.prepare(kata)  # grading is warm by the time the learner saves
        statement = kata.statement_path
        if self.workspace and (kata_dir(self.workspace, kata) / statement.name).is_file():
            statement = kata_dir(self.workspace, kata) / statement.name
        try:
            text = statement.read_text(encoding="utf-8")
        except OSError as exc:
            text = f"*The statement could not be read: {exc}*"
        await self.query_one("#statement", Markdown).update(text)
        await self.refresh_state()

    async def refresh_state(self) -> None:
        """Re-read the learner's state on this kata and redraw the sidebar and hints."""
        if self.kata is None:
            return
        self.state = kata_rows.state(self.ctx.store, self.kata.id)
        folder = str(self.kata.rel_path) if self.workspace else None
        self.query_one("#kata-status", Static).update(status_markup(self.kata, self.state, folder, self.watching))
        seen = self.state.hints_seen
        hints = "\n\n".join(f"**{i}.** {self.kata.hints[i - 1]}" for i in range(1, seen + 1))
        left = len(self.kata.hints) - seen
        more = f"*{left} more hint(s): press h.*" if left else "*That was the last hint.*"
        await self.query_one("#hints", Markdown).update(f"{hints}\n\n{more}" if hints else more)
        if not self.state.ever_passed:
            await self.query_one("#solution", Markdown).update("*The reference solution opens after you pass.*")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.kata is None:
            return action == "back"
        if action == "cancel":
            return self.grading
        if action == "check":
            return None if self.workspace is None else not self.grading
        if action in ("edit", "watch", "reset"):
            return None if self.workspace is None else True
        if action == "next_kata":
            return self.state.ever_passed
        return True

    # grading ------------------------------------------------------------------------

    def begin_grading(self, kata: Kata) -> None:
        """UI state of a run that starts now (for this kata)."""
        self.grading = True
        self._done = self._total = 0
        self.query_one(ResultsView).start([])
        self.query_one(GradingStatus).start(f"grading {kata.id}…")
        self.query_one(TabbedContent).active = "tab-results"
        self.refresh_bindings()

    def action_check(self) -> None:
        """Grade the kata now (in a worker)."""
        if self.kata is None or self.workspace is None or self.grading:
            return
        if self.watching:
            self.notify("Watching: save the file to grade it, or stop watching (w) first.")
            return
        self.cancel_event = threading.Event()
        self.begin_grading(self.kata)
        self.run_check(self.kata, self.workspace, self.cancel_event)

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def run_check(self, kata: Kata, workspace: Path, cancel: threading.Event) -> None:
        """Grade in this worker thread (the service records the attempt on this thread's store)."""
        from interview_prep.kata.sandbox.warm import WarmPool

        self.pool = self.pool or WarmPool()
        save_error = None
        with self.ctx.open_store() as store:
            practice = self.ctx.practice(store)
            try:
                results = practice.check(
                    kata,
                    on_progress=lambda event: self.post_message(GradingProgress(event)),
                    cancel_event=cancel,
                    pool=self.pool,
                    folder=self._folder(kata),
                )
            except Exception as exc:  # the attempt could not be saved (grading errors are results)
                save_error = describe(exc)
                results = Results.error(f"the run could not be completed: {save_error}", kata_id=kata.id)
        self.post_message(Graded(kata, results, cancel.is_set(), save_error))

    def on_grading_progress(self, message: GradingProgress) -> None:
        event = message.progress
        results = self.query_one(ResultsView)
        status = self.query_one(GradingStatus)
        if event.event == "phase":
            status.set_text(event.status)
        elif event.event == "collected":
            results.start(event.tests)
            self._total = len(event.tests)
            status.set_progress(0, self._total)
        elif event.event == "start":
            results.mark(event.test, "running")
            status.set_text(test_label(event.test))
        elif event.event == "result":
            self._done += 1
            results.mark(event.test, event.status)
            status.set_progress(self._done, max(self._total, self._done))

    async def on_graded(self, message: Graded) -> None:
        """Show a finished run (already recorded by the worker)."""
        kata, results, cancelled = message.kata, message.results, message.cancelled
        if message.save_error:
            self.notify(message.save_error, title="The attempt could not be saved", severity="error")
        if kata.id != self.kata_id:
            if not cancelled:
                passed = results.counts().get(Status.PASS, 0)
                self.notify(f"{kata.id}: {passed}/{len(results.tests)} tests pass", title="Watch")
            return
        self.grading = False
        self.query_one(GradingStatus).stop()
        self.query_one(ResultsView).show(results, cancelled=cancelled)
        await self.refresh_state()
        if cancelled:
            self.notify("Grading cancelled.", severity="warning")
        elif results.passed:
            self.notify(
                f"All tests of {kata.id} pass. s: reference solution · n: next kata",
                title="Passed!",
                severity="information",
            )
        elif results.status is Status.ERROR:
            self.notify(results.message or "the grader reported an error", title="Grading error", severity="error")

    def action_cancel(self) -> None:
        """Stop the grading run in progress."""
        if self.grading:
            self.cancel_event.set()
            self.query_one(GradingStatus).set_text("cancelling…")

    def _folder(self, kata: Kata) -> Path:
        from interview_prep.kata.workspace import kata_dir

        return kata_dir(self.workspace, kata)

    def show_tab(self, tab: str) -> None:
        """Bring a tab to the front, wherever the focus is."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        self.set_focus(None)

    # watch --------------------------------------------------------------------------

    async def action_watch(self) -> None:
        """Toggle watch mode: every save of a kata file grades it."""
        if self.kata is None or self.workspace is None:
            return
        if self.watching:
            self.stop_watching()
            self.notify("Stopped watching.")
        else:
            if self.grading:
                self.notify("Wait for the current check to finish (or cancel it with x).")
                return
            self.watching = True
            if self.pool is not None:
                self.pool.close()  # watch keeps its own warm process
            self.stop_event = threading.Event()
            self.cancel_event = threading.Event()
            self.run_watch(self.kata, self.workspace, self.stop_event, self.cancel_event)
            self.notify(f"Watching {', '.join(self.kata.files)}: save to grade.")
        await self.refresh_state()

    def stop_watching(self) -> None:
        self.watching = False
        self.stop_event.set()
        self.cancel_event.set()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def run_watch(self, kata: Kata, workspace: Path, stop: threading.Event, cancel: threading.Event) -> None:
        """The service's watch loop; it records each run on this worker's store before it picks the next kata."""

        def on_event(event: WatchEvent) -> None:
            if event.kind == "grading":
                cancel.clear()
            if event.kind == "graded" and event.kata is not None and event.results is not None:
                self.post_message(Graded(event.kata, event.results, cancel.is_set(), None))
            else:
                self.post_message(WatchUpdate(event))

        try:
            with self.ctx.open_store() as store:
                self.ctx.practice(store).watch(
                    on_event,
                    start=kata,
                    stop_event=stop,
                    cancel_event=cancel,
                    on_progress=lambda event: self.post_message(GradingProgress(event)),
                    grade_first=False,
                )
        except Exception as exc:
            self.post_message(WatchUpdate(WatchEvent("failed", message=describe(exc))))

    async def on_watch_update(self, message: WatchUpdate) -> None:
        event = message.event
        if not self.watching:
            return
        if event.kind == "grading" and event.kata is not None:
            if event.kata.id == self.kata_id:
                self.begin_grading(event.kata)
            else:
                self.notify(f"Grading {event.kata.id}…", title="Watch")
        elif event.kind in ("moved", "finished"):
            self.notify(event.message, title="Watch", severity="information")
        elif event.kind == "fallback":
            self.notify(event.message, title="Watch", severity="warning")
        elif event.kind == "failed":
            self.watching = False
            self.notify(event.message, title="Watching stopped", severity="error")
            await self.refresh_state()

    def stop_background(self) -> None:
        """Leaving the screen (or the app) stops watching, any grading run and the warm process."""
        self.stop_event.set()
        self.cancel_event.set()
        if self.pool is not None:
            self.pool.close()

    # evidence ------------------------------------------------------------------------

    def action_play(self) -> None:
        """Play the next clip of the selected test's evidence (a system player, or where the WAV is)."""
        from interview_prep.tui.widgets.katas.evidence import EvidenceView

        self.show_tab("tab-results")
        clip = self.query_one(EvidenceView).take_clip()
        if clip is None:
            self.notify("No clips: evidence is kept for failed audio and model-backed tests.")
            return
        self.play_clip(clip)

    @work(thread=True, group="play", exit_on_error=False)
    def play_clip(self, clip: Path) -> None:
        from interview_prep.audio.playback import play

        self.app.call_from_thread(self.notify, f"Playing {clip.name}…")
        outcome = play(clip)
        if not outcome.played:
            self.app.call_from_thread(self.notify, outcome.message, title="Play", severity="warning")

    # editor, hints, reset, solution --------------------------------------------------

    def action_edit(self) -> None:
        """Open the kata's first file in $EDITOR; grade afterwards if it changed."""
        from interview_prep.kata.workspace import learner_files

        if self.kata is None or self.workspace is None:
            return
        path = learner_files(self.workspace, self.kata)[0]
        before = path.stat().st_mtime_ns if path.exists() else None
        command = editor_command(path)
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify(f"Open {path} in your editor; this terminal cannot hand over to it.", severity="warning")
            return
        except OSError as exc:
            self.notify(f"{command[0]}: {exc.strerror}. Set $EDITOR to your editor.", severity="error")
            return
        after = path.stat().st_mtime_ns if path.exists() else None
        if after != before and not self.watching:
            self.action_check()

    async def action_hint(self) -> None:
        """Reveal the next hint (recorded)."""
        if self.kata is None:
            return
        self.show_tab("tab-hints")  # first: a key that reveals something always shows it
        practice = self.ctx.practice(self.ctx.store)
        if practice.next_hint_number(self.kata) is None:
            self.notify("No more hints: that was the last one.")
        else:
            practice.hint(self.kata)
        await self.refresh_state()

    def action_reset(self) -> None:
        """Restore the starter after a confirmation (the learner's file is backed up)."""
        from interview_prep.tui.screens.confirm import ConfirmScreen

        if self.kata is None or self.workspace is None:
            return
        files = ", ".join(self.kata.files)
        self.app.push_screen(
            ConfirmScreen(
                f"Reset {self.kata.id}?",
                f"Restore the starter {files}? Your version is kept next to it as a .bak file.",
                yes="Reset",
            ),
            self.do_reset,
        )

    async def do_reset(self, confirmed: bool | None) -> None:
        if not confirmed or self.kata is None or self.workspace is None:
            return
        try:
            restored = self.ctx.practice(self.ctx.store).reset(self.kata)
        except Exception as exc:
            self.notify(describe(exc), title="Reset failed", severity="error")
            return
        backups = [backup.name for _, backup in restored if backup]
        note = f"your version: {', '.join(backups)}" if backups else "it was already the starter"
        self.notify(f"Starter restored ({note}).", title="Reset")
        await self.refresh_state()

    async def action_solution(self) -> None:
        """Show the reference solution (only after a pass)."""
        if self.kata is None:
            return
        self.show_tab("tab-solution")  # first: a key that reveals something always shows it
        try:
            files = self.ctx.practice(self.ctx.store).solution(self.kata)
        except UserError as exc:
            self.notify(exc.message, severity="warning")
            return
        parts = [f"**{name}**\n\n```python\n{code.rstrip()}\n```" for name, code in files.items()]
        await self.query_one("#solution", Markdown).update("\n\n".join(parts))
        await self.refresh_state()

    def action_next_kata(self) -> None:
        """Open the next kata that is not passed, in study order."""
        if self.kata is None:
            return
        following = self.ctx.practice(self.ctx.store).next_kata(after=self.kata)
        if following is None:
            self.notify("Every kata is solved!")
        else:
            self.app.switch_screen(KataDetailScreen(following.id))
